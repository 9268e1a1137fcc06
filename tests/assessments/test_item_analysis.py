"""Item analysis: per question, over submitted attempts, worked out by hand from answers given through the services."""

import math
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from assessments.models import QuizSection
from assessments.selectors import MIN_RESPONSES, item_analysis
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory
from tests.factories.certify import RepFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
TOO_EASY, TOO_HARD, NEGATIVE = "Too easy", "Too hard", "Discriminates negatively"


def take(quiz, picks, *, submit=True):
    """A new rep answers `picks` ({question: [choice indexes]}) and submits; unlisted questions stay blank."""
    user = RepFactory()
    attempt = attempt_start(user=user, quiz=quiz, now=T0)
    position = {served.question_id: served.position for served in attempt.questions.all()}
    answers = {position[question.pk]: chosen for question, chosen in picks.items()}
    attempt_save_answers(actor=user, attempt_id=attempt.pk, answers=answers, now=T0 + timedelta(minutes=1))
    if submit:
        attempt = attempt_submit(actor=user, attempt_id=attempt.pk, now=T0 + timedelta(minutes=2))
    return attempt


@pytest.fixture
def world():
    """Two banks and two quizzes, with the attempts below.

    Quiz 1 draws A, B, C (single answer, choice 0 right) and D (two right choices worth half each, two
    wrong ones costing half) from bank 1. Five reps took it; their scores per question:

        rep   A   B   C   D                  points
        1     1   1   0   0.5 (picked 0)     2.5
        2     1   1   0   0.5 (picked 1)     2.5
        3     1   0   0   0   (picked 0, 2)  1
        4     1   1   1   0   (picked 2)     3
        5     1   0   1   0   (left blank)   2

    Quiz 2 draws A-D from bank 1 and E, F from bank 2: four reps, all right on A-E, all wrong on F.
    """
    bank1 = QuestionBankFactory(name="Bank 1 product")
    bank2 = QuestionBankFactory(name="Bank 2 pricing")
    a, b, c = (QuestionFactory(bank=bank1, name=f"{letter} question") for letter in "ABC")
    d = QuestionFactory(bank=bank1, name="D question", multiple=True)
    e, f = (QuestionFactory(bank=bank2, name=f"{letter} question") for letter in "EF")
    quiz1 = QuizFactory(questions=0, title="Quiz 1")
    quiz1.sections.update(bank=bank1, count=4)
    quiz2 = QuizFactory(questions=0, title="Quiz 2")
    quiz2.sections.update(bank=bank1, count=4)
    QuizSection.objects.create(quiz=quiz2, bank=bank2, count=2, sort_order=1)

    for picks in (
        {a: [0], b: [0], c: [1], d: [0]},
        {a: [0], b: [0], c: [2], d: [1]},
        {a: [0], b: [3], c: [1], d: [0, 2]},
        {a: [0], b: [0], c: [0], d: [2]},
        {a: [0], b: [1], c: [0]},
    ):
        take(quiz1, picks)
    for _ in range(4):
        take(quiz2, {a: [0], b: [0], c: [0], d: [0, 1], e: [0], f: [1]})
    return dict(a=a, b=b, c=c, d=d, e=e, f=f, quiz1=quiz1, quiz2=quiz2, bank1=bank1, bank2=bank2)


def by_name(rows):
    return {row.name: row for row in rows}


def test_item_analysis_matches_the_statistics_worked_out_by_hand(world):
    rows = by_name(item_analysis(quiz=world["quiz1"]))

    assert list(rows) == ["A question", "B question", "C question", "D question"]
    a, b, c, d = rows.values()
    assert [row.responses for row in rows.values()] == [5, 5, 5, 5]
    assert (a.question_id, a.bank) == (world["a"].pk, "Bank 1 product")

    # A: everyone right. No spread, so no correlation to speak of.
    assert (a.facility, a.correct_share, a.discrimination) == (pytest.approx(1.0), pytest.approx(1.0), None)
    # B: scores 1 1 0 1 0 against the rest 1.5 1.5 1 2 2 (means 0.6 and 1.6):
    # deviations multiplied add up to 0.2; squares 1.2 and 0.7.
    assert b.facility == pytest.approx(0.6) and b.correct_share == pytest.approx(0.6)
    assert b.discrimination == pytest.approx(0.2 / math.sqrt(1.2 * 0.7))  # 0.218
    # C: scores 0 0 0 1 1 against the rest 2.5 2.5 1 2 1 (means 0.4 and 1.8): -0.6; 1.2 and 2.3.
    assert c.facility == pytest.approx(0.4) and c.correct_share == pytest.approx(0.4)
    assert c.discrimination == pytest.approx(-0.6 / math.sqrt(1.2 * 2.3))  # -0.361: weaker reps got it right
    # D: scores 0.5 0.5 0 0 0 (partial credit, nobody fully right) against the rest 2 2 1 3 2: 0.
    assert d.facility == pytest.approx(0.2) and d.correct_share == 0
    assert d.discrimination == pytest.approx(0.0, abs=1e-9)


def test_flags_mark_too_easy_too_hard_and_negative_discrimination(world):
    rows = by_name(item_analysis(quiz=world["quiz1"]))

    assert {name: row.flags for name, row in rows.items()} == {
        "A question": (TOO_EASY,),  # facility 1.0 > 0.9
        "B question": (),  # 0.6, discriminating positively
        "C question": (NEGATIVE,),
        "D question": (TOO_HARD,),  # 0.2 < 0.3; a correlation of 0 is not negative
    }


def test_no_flags_below_the_minimum_number_of_responses(world):
    assert MIN_RESPONSES == 5
    rows = by_name(item_analysis(quiz=world["quiz2"]))

    e, f = rows["E question"], rows["F question"]
    assert (e.responses, e.facility) == (4, pytest.approx(1.0))  # would be too easy
    assert (f.responses, f.facility, f.correct_share) == (4, pytest.approx(0.0), 0)  # would be too hard
    assert all(row.flags == () for row in rows.values())


def test_item_analysis_filters_by_quiz_and_by_bank(world):
    everything = item_analysis()
    bank1 = by_name(item_analysis(bank=world["bank1"]))
    bank2 = by_name(item_analysis(bank=world["bank2"]))
    quiz2_bank2 = by_name(item_analysis(quiz=world["quiz2"], bank=world["bank2"]))
    quiz1_bank2 = item_analysis(quiz=world["quiz1"], bank=world["bank2"])

    assert [row.name for row in everything] == [f"{letter} question" for letter in "ABCDEF"]  # by bank, then name
    assert list(bank1) == ["A question", "B question", "C question", "D question"]
    assert [row.responses for row in bank1.values()] == [9, 9, 9, 9]  # both quizzes draw from bank 1
    assert bank1["B question"].facility == pytest.approx(7 / 9)  # 3 of 5 in quiz 1, 4 of 4 in quiz 2
    assert bank1["D question"].correct_share == pytest.approx(4 / 9)
    assert list(bank2) == ["E question", "F question"] and bank2["E question"].bank == "Bank 2 pricing"
    assert list(quiz2_bank2) == ["E question", "F question"]
    assert quiz1_bank2 == []
    assert by_name(item_analysis(quiz=world["quiz2"]))["A question"].responses == 4


def test_only_submitted_attempts_count(world):
    before = by_name(item_analysis(quiz=world["quiz1"]))
    a, b = world["a"], world["b"]

    open_attempt = take(world["quiz1"], {a: [1], b: [1]}, submit=False)  # answered, never submitted

    assert open_attempt.is_open
    after = by_name(item_analysis(quiz=world["quiz1"]))
    assert after == before
    assert after["A question"].responses == 5 and after["A question"].facility == pytest.approx(1.0)

    attempt_submit(actor=open_attempt.user, attempt_id=open_attempt.pk, now=T0 + timedelta(minutes=3))

    submitted = by_name(item_analysis(quiz=world["quiz1"]))
    assert submitted["A question"].responses == 6 and submitted["A question"].facility == pytest.approx(5 / 6)


def test_the_queries_of_item_analysis_do_not_grow_with_the_number_of_attempts(world):
    # Two queries: the grouped SELECT of sums over submitted attempt questions (per question id, read from
    # a covering index), then the questions' names and banks. The correlations are worked out in Python.
    with count_queries() as few:
        rows_before = item_analysis()
    for _ in range(6):
        take(world["quiz1"], {world["a"]: [0], world["b"]: [1]})
    with count_queries() as more:
        rows_after = item_analysis()

    assert sum(row.responses for row in rows_after) == sum(row.responses for row in rows_before) + 6 * 4
    assert few.count == more.count == 2
    assert "GROUP BY" in more.sql[0]


def test_the_item_analysis_report_renders_for_an_enablement_admin(world, enablement_admin, client_for):
    unanswered = QuestionFactory(bank=world["bank2"], name="G never served")
    client = client_for(enablement_admin)

    response = client.get(reverse("assessments_admin:item_analysis"))

    assert response.status_code == 200
    assert [row.name for row in response.context["rows"]] == [f"{letter} question" for letter in "ABCDEF"]
    html = response.content.decode()
    assert reverse("wagtailsnippets_assessments_question:edit", args=[world["c"].pk]) in html
    assert "G never served" in html and unanswered in response.context["unanswered"]

    quiz1 = client.get(reverse("assessments_admin:item_analysis"), {"quiz": world["quiz1"].pk})

    assert quiz1.status_code == 200
    assert [row.name for row in quiz1.context["rows"]] == ["A question", "B question", "C question", "D question"]
    quiz1_html = quiz1.content.decode()
    for flag in (TOO_EASY, TOO_HARD, NEGATIVE):
        assert f'<span class="w-status w-status--label">{flag}</span>' in quiz1_html
    assert "-0.36" in quiz1_html  # C's discrimination, to two places

    quiz2_bank2 = client.get(
        reverse("assessments_admin:item_analysis"), {"quiz": world["quiz2"].pk, "bank": world["bank2"].pk}
    )

    assert quiz2_bank2.status_code == 200
    assert [row.name for row in quiz2_bank2.context["rows"]] == ["E question", "F question"]
    assert all(row.responses == 4 for row in quiz2_bank2.context["rows"])
    assert "w-status--label" not in quiz2_bank2.content.decode()  # four responses: no flags


def test_the_item_analysis_report_is_refused_to_a_rep(world, rep, client_for):
    response = client_for(rep).get(reverse("assessments_admin:item_analysis"))

    assert response.status_code == 403
    assert "C question" not in response.content.decode()


def test_the_item_analysis_report_is_kept_until_the_next_attempt_is_submitted(world):
    from assessments.selectors import item_analysis_cached

    first = by_name(item_analysis_cached(quiz=world["quiz1"]))
    with count_queries() as again:
        second = by_name(item_analysis_cached(quiz=world["quiz1"]))
    # Two queries: the count and latest time of submitted attempts that make up the cache key, and
    # reading the report from the cache (a table in the database by default).
    assert again.count == 2
    assert second["A question"].responses == first["A question"].responses == 5

    take(world["quiz1"], {world["a"]: [1]})

    assert by_name(item_analysis_cached(quiz=world["quiz1"]))["A question"].responses == 6
