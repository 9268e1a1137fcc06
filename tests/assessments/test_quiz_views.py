"""Taking a quiz in the browser: the quiz page, autosave, submitting, and the result page."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, QuestionKind, ReviewOption
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Award
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory
from tests.factories.certify import CertificationFactory
from tests.factories.content import article
from tests.helpers import queries_for as _queries

pytestmark = pytest.mark.django_db

EXPLANATION = "Zebra reasoning: the renewal clause decides it."
FEEDBACK = "Feedback on"  # the factory gives every choice the feedback "Feedback on <choice text>"


def _quiz(*kinds, title=None, study_page=None, **rules):
    """A quiz drawing one question of each kind given, with a distinctive explanation, as level 1 of a certification.

    Choices are not shuffled; the questions' order is whatever the draw gives, so tests find questions by kind.
    """
    bank = QuestionBankFactory()
    traits = {QuestionKind.SINGLE: {}, QuestionKind.MULTIPLE: {"multiple": True}, QuestionKind.TRUE_FALSE: {"true_false": True}}
    for n, kind in enumerate(kinds):
        QuestionFactory(
            bank=bank, name=f"{n:03d}", explanation=f"<p>{EXPLANATION}</p>", study_page=study_page, **traits[kind]
        )
    quiz = QuizFactory(questions=0, **({"title": title} if title else {}), **rules)
    quiz.sections.update(bank=bank, count=len(kinds))
    CertificationFactory(title=f"Certification of {quiz.title}", levels__quiz=quiz)
    return quiz


def _right(served):
    return [index for index, choice in enumerate(served.choices) if Decimal(choice["fraction"]) > 0]


def _wrong(served):
    return [next(index for index, choice in enumerate(served.choices) if Decimal(choice["fraction"]) <= 0)]


def _served(attempt, kind):
    return next(served for served in attempt.questions.order_by("position") if served.kind == kind)


def _form(answers):
    """POST data for {position: [indexes]}: q<position>=<index>, repeated for several choices."""
    return {f"q{position}": [str(index) for index in indexes] for position, indexes in answers.items()}


def _answer_all(attempt, *, right=True):
    return {served.position: _right(served) if right else _wrong(served) for served in attempt.questions.all()}


def _finished(person, quiz, *, right=True):
    attempt = attempt_start(user=person, quiz=quiz)
    attempt_save_answers(actor=person, attempt_id=attempt.pk, answers=_answer_all(attempt, right=right))
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def _checked(html):
    """{(name, value)} of the inputs checked on a page."""
    return {
        (match.group(1), match.group(2))
        for match in re.finditer(r'<input type="\w+" name="(q\d+)" value="(\d+)" checked>', html)
    }


def _page(client, attempt):
    response = client.get(reverse("certify:attempt", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _result(client, attempt):
    response = client.get(reverse("certify:attempt_result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- The quiz page ----------------------------------------------------------------------


def test_the_quiz_page_shows_every_served_question_with_radios_or_checkboxes(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE)
    attempt = attempt_start(user=rep, quiz=quiz)
    content = _page(client_for(rep), attempt)
    assert '<span id="answered-count">0</span> of 3 answered' in content
    for served in attempt.questions.all():
        assert served.text in content
        kind = "checkbox" if served.kind == QuestionKind.MULTIPLE else "radio"
        inputs = re.findall(rf'<input type="(\w+)" name="q{served.position}" value="(\d+)"', content)
        assert inputs == [(kind, str(index)) for index in range(len(served.choices))]
        for choice in served.choices:
            assert f"<span>{choice['text']}</span>" in content
    assert "choose all that apply" in content
    assert _checked(content) == set()


def test_saved_answers_stay_checked_when_the_page_is_reloaded(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE)
    attempt = attempt_start(user=rep, quiz=quiz)
    single, multiple = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.MULTIPLE)
    client = client_for(rep)
    response = client.post(
        reverse("certify:attempt_autosave", args=[attempt.pk]), _form({single.position: [2], multiple.position: [1, 3]})
    )
    assert response.status_code == 200
    content = _page(client, attempt)
    assert _checked(content) == {
        (f"q{single.position}", "2"),
        (f"q{multiple.position}", "1"),
        (f"q{multiple.position}", "3"),
    }
    assert '<span id="answered-count">2</span> of 3 answered' in content and "Saved at" in content


def test_autosave_saves_the_form_and_answers_with_what_was_saved_and_when(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    single, multiple = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.MULTIPLE)
    response = client_for(rep).post(
        reverse("certify:attempt_autosave", args=[attempt.pk]), _form({single.position: [1], multiple.position: [0, 2]})
    )
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"saved", "saved_at"}
    assert data["saved"] == [1, 2] and re.fullmatch(r"\d\d:\d\d:\d\d UTC", data["saved_at"])
    single.refresh_from_db()
    multiple.refresh_from_db()
    attempt.refresh_from_db()
    assert (single.selected, multiple.selected) == ([1], [0, 2])
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.last_saved_at is not None


def test_autosave_saves_a_question_left_blank_as_blank(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE)
    attempt = attempt_start(user=rep, quiz=quiz)
    single, true_false = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.TRUE_FALSE)
    client = client_for(rep)
    url = reverse("certify:attempt_autosave", args=[attempt.pk])
    client.post(url, _form({single.position: [1], true_false.position: [0]}))
    assert client.post(url, _form({true_false.position: [1]})).status_code == 200
    single.refresh_from_db()
    true_false.refresh_from_db()
    assert (single.selected, true_false.selected) == ([], [1])


@pytest.mark.parametrize(
    "bad, message",
    [
        ("not-a-number", "that is not one of its choices"),
        ("9", "That choice is not one of question"),
        ("-1", "That choice is not one of question"),
        ("two answers", "takes one answer"),
    ],
)
def test_autosave_refuses_bad_input_with_a_message_and_changes_nothing(client_for, rep, bad, message):
    quiz = _quiz(QuestionKind.MULTIPLE, QuestionKind.SINGLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    single, multiple = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.MULTIPLE)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={single.position: [0], multiple.position: [1]})
    attempt.refresh_from_db()
    saved_at = attempt.last_saved_at
    # The multiple-answer question's change comes first in the form; it must not be saved either.
    data = {f"q{multiple.position}": ["0", "2", "3"]}
    data[f"q{single.position}"] = ["0", "1"] if bad == "two answers" else [bad]
    response = client_for(rep).post(reverse("certify:attempt_autosave", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert message in response.json()["error"] and "saved" not in response.json()
    single.refresh_from_db()
    multiple.refresh_from_db()
    attempt.refresh_from_db()
    assert (single.selected, multiple.selected) == ([0], [1]) and attempt.last_saved_at == saved_at


def test_autosave_after_the_deadline_submits_the_attempt_and_points_to_the_result(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz)
    single = _served(attempt, QuestionKind.SINGLE)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={single.position: _right(single)})
    # Time passes: the ten minutes, and the grace period, ran out five minutes ago.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    response = client_for(rep).post(reverse("certify:attempt_autosave", args=[attempt.pk]), _form({single.position: [3]}))
    assert response.status_code == 409
    assert response.json()["result_url"] == reverse("certify:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    single.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out is True
    assert single.selected == _right(single) and attempt.score == 50


def test_autosave_of_a_submitted_attempt_is_refused_with_the_result_link(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE)
    attempt = _finished(rep, quiz, right=False)
    served = attempt.questions.get()
    response = client_for(rep).post(reverse("certify:attempt_autosave", args=[attempt.pk]), _form({served.position: _right(served)}))
    assert response.status_code == 409
    assert response.json()["result_url"] == reverse("certify:attempt_result", args=[attempt.pk])
    served.refresh_from_db()
    assert served.selected == _wrong(served)


def test_the_quiz_page_after_the_deadline_says_the_time_ran_out_and_submitting_shows_the_result(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz)
    single = _served(attempt, QuestionKind.SINGLE)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={single.position: _right(single)})
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    client = client_for(rep)

    page = client.get(reverse("certify:attempt", args=[attempt.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "The time ran out" in html and 'id="attempt-form"' not in html
    assert re.search(r'<button type="submit" name="action" value="submit"', html)
    attempt.refresh_from_db()
    assert attempt.status != AttemptStatus.SUBMITTED  # the page only says so
    # The result page of an attempt still open leads back here, not round in a circle.
    assert client.get(reverse("certify:attempt_result", args=[attempt.pk])).url == reverse("certify:attempt", args=[attempt.pk])

    response = client.post(reverse("certify:attempt", args=[attempt.pk]), {"action": "submit"})
    assert response.status_code == 302 and response.url == reverse("certify:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out is True and attempt.score == 100


def test_the_quiz_page_shows_the_time_left(client_for, rep):
    attempt = attempt_start(user=rep, quiz=_quiz(QuestionKind.SINGLE, time_limit_minutes=10))
    content = _page(client_for(rep), attempt)
    match = re.search(r'data-seconds-left="(\d+)"', content)
    assert match and 590 <= int(match.group(1)) <= 600 and "Time left: <strong" in content


# --- No answer key before submitting ----------------------------------------------------------


def _answer_key_leaks(text, attempt):
    """What of the answer key appears in a text: explanations, feedback, fractions."""
    leaks = [needle for needle in (EXPLANATION, "Zebra", FEEDBACK, "fraction", "Fraction") if needle in text]
    for served in attempt.questions.all():
        for choice in served.choices:
            leaks += [value for value in (choice["fraction"], choice["feedback"]) if value in text]
    return leaks


def test_no_answer_key_reaches_the_browser_while_the_attempt_is_open(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE)
    attempt = attempt_start(user=rep, quiz=quiz)
    fractions = {choice["fraction"] for served in attempt.questions.all() for choice in served.choices}
    # The fractions are distinctive strings, so their absence below means something.
    assert fractions == {"1.0000", "0.0000", "0.5000", "-0.5000"}
    client = client_for(rep)
    certification = quiz.certification_levels.get().certification
    saved = client.post(reverse("certify:attempt_autosave", args=[attempt.pk]), _form(_answer_all(attempt, right=True)))
    assert saved.status_code == 200
    texts = {
        "quiz page": _page(client, attempt),
        "autosave": saved.content.decode(),
        "certification page": client.get(reverse("certify:certification_detail", args=[certification.slug])).content.decode(),
        "my certifications": client.get(reverse("certify:my_certifications")).content.decode(),
    }
    assert "Continue" in texts["certification page"] and "Continue the quiz" in texts["my certifications"]
    assert {name: _answer_key_leaks(text, attempt) for name, text in texts.items()} == {name: [] for name in texts}
    assert json.loads(texts["autosave"]).keys() == {"saved", "saved_at"}


def test_the_right_choice_looks_exactly_like_a_wrong_one(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    content = _page(client_for(rep), attempt)
    for served in attempt.questions.all():
        labels = re.findall(
            rf'<label[^>]*>\s*<input [^>]*name="q{served.position}"[^>]*>.*?</label>', content, flags=re.DOTALL
        )
        assert len(labels) == len(served.choices) >= 4
        shapes = {
            label.replace(f'value="{index}"', 'value="N"').replace(served.choices[index]["text"], "TEXT")
            for index, label in enumerate(labels)
        }
        assert len(shapes) == 1, shapes


# --- Without JavaScript -------------------------------------------------------------------------


def test_the_save_button_saves_the_whole_form(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    single, multiple = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.MULTIPLE)
    client = client_for(rep)
    data = {**_form({single.position: [3], multiple.position: [0, 1]}), "action": "save"}
    response = client.post(reverse("certify:attempt", args=[attempt.pk]), data)
    assert response.status_code == 302 and response.url == reverse("certify:attempt", args=[attempt.pk])
    content = _page(client, attempt)
    assert "Your answers are saved." in content
    assert _checked(content) == {(f"q{single.position}", "3"), (f"q{multiple.position}", "0"), (f"q{multiple.position}", "1")}
    attempt.refresh_from_db()
    assert attempt.is_open


def test_the_save_button_with_bad_input_saves_nothing_and_says_why(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    served = attempt.questions.get()
    client = client_for(rep)
    response = client.post(reverse("certify:attempt", args=[attempt.pk]), {f"q{served.position}": "7", "action": "save"})
    assert response.url == reverse("certify:attempt", args=[attempt.pk])
    assert "Nothing was saved; please try again." in _page(client, attempt)
    served.refresh_from_db()
    assert served.selected == []


def test_the_submit_button_saves_grades_and_shows_the_result(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    attempt = attempt_start(user=rep, quiz=quiz)
    response = client_for(rep).post(
        reverse("certify:attempt", args=[attempt.pk]), {**_form(_answer_all(attempt, right=True)), "action": "submit"}
    )
    assert response.status_code == 302 and response.url == reverse("certify:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 100 and attempt.passed is True


def test_a_submitted_attempts_quiz_page_goes_to_the_result(client_for, rep):
    attempt = _finished(rep, _quiz(QuestionKind.SINGLE))
    response = client_for(rep).get(reverse("certify:attempt", args=[attempt.pk]))
    assert response.status_code == 302 and response.url == reverse("certify:attempt_result", args=[attempt.pk])


# --- The result page ----------------------------------------------------------------------------


def test_a_passed_result_shows_the_score_and_the_award(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, title="Forecasting Basics")
    attempt = _finished(rep, quiz)
    award = Award.objects.get(user=rep)
    content = _result(client_for(rep), attempt)
    assert "You passed" in content and "<strong>100%</strong>" in content and "80% passes" in content
    assert "You now hold <strong>level 1 — content mastery</strong>" in content
    assert "Certification of Forecasting Basics" in content
    assert f"valid until {award.valid_until.day} {award.valid_until:%B %Y}" in content


def test_a_failed_result_shows_the_score_and_no_award(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE)
    attempt = _finished(rep, quiz, right=False)
    content = _result(client_for(rep), attempt)
    assert "Not this time" in content and "<strong>0%</strong>" in content and "You passed" not in content
    assert "You now hold" not in content and not Award.objects.exists()
    assert "You need 80% to pass" in content


def _review(content):
    """The per-question review part of a result page ('' if there is none)."""
    start = content.find('id="review-heading"')
    return "" if start == -1 else content[start : content.index("</section>", start)]


def _half_right(person, quiz):
    """An attempt with the single-answer question right and the true-or-false one wrong."""
    attempt = attempt_start(user=person, quiz=quiz)
    single, true_false = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.TRUE_FALSE)
    attempt_save_answers(
        actor=person,
        attempt_id=attempt.pk,
        answers={single.position: _right(single), true_false.position: _wrong(true_false)},
    )
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def test_a_score_only_review_shows_no_question_by_question_review(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, review=ReviewOption.SCORE)
    attempt = _half_right(rep, quiz)
    content = _result(client_for(rep), attempt)
    assert "<strong>50%</strong>" in content and "This quiz shows your score only." in content
    assert _review(content) == ""
    for hidden in ("Not right", "a right answer", "your answer", EXPLANATION, FEEDBACK):
        assert hidden not in content, hidden
    for served in attempt.questions.all():
        assert served.text not in content


def test_a_wrong_answers_review_marks_the_wrong_ones_but_never_shows_the_right_answers(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, review=ReviewOption.WRONG)
    attempt = _half_right(rep, quiz)
    single, true_false = _served(attempt, QuestionKind.SINGLE), _served(attempt, QuestionKind.TRUE_FALSE)
    review = _review(_result(client_for(rep), attempt))
    items = review.split('<li class="quiz-question review-item')[1:]
    by_position = {
        int(re.search(r"Question (\d+)", item).group(1)): (item[: item.index('"')].strip(), item) for item in items
    }
    assert len(by_position) == 2
    assert by_position[single.position][0] == "review-right" and "Right" in by_position[single.position][1]
    assert by_position[true_false.position][0] == "review-wrong" and "Not right" in by_position[true_false.position][1]
    assert "— your answer" in review
    content = _result(client_for(rep), attempt)
    for hidden in ("a right answer", "review-correct", EXPLANATION, FEEDBACK, "Why</p>"):
        assert hidden not in content, hidden


def test_a_full_review_shows_the_right_answers_explanations_and_feedback(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, review=ReviewOption.FULL)
    attempt = _half_right(rep, quiz)
    true_false = _served(attempt, QuestionKind.TRUE_FALSE)
    review = _review(_result(client_for(rep), attempt))
    assert "Not right" in review and "— a right answer" in review and "review-correct" in review
    assert review.count(EXPLANATION) == 2
    picked_wrong = true_false.choices[_wrong(true_false)[0]]
    assert picked_wrong["feedback"] in review
    assert true_false.choices[_right(true_false)[0]]["feedback"] not in review  # not picked: no feedback


def test_the_result_suggests_the_study_pages_of_missed_questions_only(client_for, rep, hub):
    taught_missed, taught_right = article(hub, title="Renewal clauses explained"), article(hub, title="Discovery 101")
    bank = QuestionBankFactory()
    QuestionFactory(bank=bank, name="000", study_page=taught_missed)
    QuestionFactory(bank=bank, name="001", study_page=taught_right)
    quiz = QuizFactory(questions=0, review=ReviewOption.SCORE)
    quiz.sections.update(bank=bank, count=2)
    CertificationFactory(levels__quiz=quiz)
    attempt = attempt_start(user=rep, quiz=quiz)
    answers = {
        served.position: [1] if served.question.study_page_id == taught_missed.pk else [0]
        for served in attempt.questions.select_related("question")
    }
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers)
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk)
    content = _result(client_for(rep), attempt)
    study = content[content.index('id="study-heading"') :]
    assert "Renewal clauses explained" in study and f'href="{taught_missed.url}"' in study
    assert "covers a question you missed" in study
    assert "Discovery 101" not in content


def test_a_failed_result_also_suggests_the_levels_study_material(client_for, rep, hub):
    quiz = _quiz(QuestionKind.SINGLE)
    level = quiz.certification_levels.get()
    level.study_material = [("page", article(hub, title="Level primer"))]
    level.save()
    content = _result(client_for(rep), _finished(rep, quiz, right=False))
    assert "Level primer" in content[content.index('id="study-heading"') :]


def test_a_failed_result_says_when_to_try_again_after_the_wait(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, wait_hours=24, attempts_allowed=3)
    attempt = _finished(rep, quiz, right=False)
    next_start = timezone.localtime(attempt.submitted_at + timedelta(hours=24))
    content = _result(client_for(rep), attempt)
    # In the rep's zone (the site's, UTC: they chose none), named; the machine-readable time is UTC.
    assert f'You can try again from <time datetime="{next_start:%Y-%m-%dT%H:%M:%S}Z"' in content
    assert f"{next_start:%A} {next_start.day} {next_start:%B, %H:%M} UTC</time>" in content
    assert "(2 attempts left)" in content


def test_a_failed_result_offers_to_try_again_at_once_without_a_wait(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE)
    attempt = _finished(rep, quiz, right=False)
    level = quiz.certification_levels.get()
    content = _result(client_for(rep), attempt)
    assert "try again</a> whenever you are ready" in content
    assert reverse("certify:certification_detail", args=[level.certification.slug]) in content


def test_a_failed_result_says_when_every_attempt_is_used(client_for, rep):
    quiz = _quiz(QuestionKind.SINGLE, attempts_allowed=1)
    content = _result(client_for(rep), _finished(rep, quiz, right=False))
    assert "You have used your one attempt at this quiz. Your enablement team can tell you what comes next." in content
    assert "whenever you are ready" not in content


# --- Who sees an attempt --------------------------------------------------------------------------


def test_the_result_is_visible_to_the_reps_manager_and_enablement_admins(client_for, rep, team, manager, enablement_admin):
    quiz = _quiz(QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, review=ReviewOption.SCORE)
    attempt = _half_right(rep, quiz)
    for viewer in (manager, enablement_admin):
        content = _result(client_for(viewer), attempt)
        assert f"{rep.display_name}: attempt 1" in content and "<strong>50%</strong>" in content
        assert "You passed" not in content and "Not this time" not in content
    # Enablement admins see the whole review, whatever the rep was shown; the manager sees what the rep saw.
    assert EXPLANATION in _review(_result(client_for(enablement_admin), attempt))
    manager_view = _result(client_for(manager), attempt)
    assert _review(manager_view) == "" and EXPLANATION not in manager_view and "Not right" not in manager_view


def test_the_result_is_not_found_for_another_rep_or_another_teams_manager(
    client_for, rep, team, other_rep, other_team, other_manager
):
    attempt = _finished(rep, _quiz(QuestionKind.SINGLE))
    for viewer in (other_rep, other_manager):
        assert client_for(viewer).get(reverse("certify:attempt_result", args=[attempt.pk])).status_code == 404


def test_an_attempt_in_progress_is_not_found_for_anyone_but_its_owner(
    client_for, rep, team, manager, other_rep, enablement_admin
):
    attempt = attempt_start(user=rep, quiz=_quiz(QuestionKind.SINGLE))
    served = attempt.questions.get()
    for viewer in (other_rep, manager, enablement_admin):
        client = client_for(viewer)
        assert client.get(reverse("certify:attempt", args=[attempt.pk])).status_code == 404
        assert client.get(reverse("certify:attempt_result", args=[attempt.pk])).status_code == 404
        assert client.post(reverse("certify:attempt_autosave", args=[attempt.pk]), _form({served.position: [0]})).status_code == 404
        submitted = client.post(reverse("certify:attempt", args=[attempt.pk]), {**_form({served.position: [0]}), "action": "submit"})
        assert submitted.status_code == 404
    served.refresh_from_db()
    attempt.refresh_from_db()
    assert served.selected == [] and attempt.status == AttemptStatus.STARTED
    owner = client_for(rep)
    assert owner.get(reverse("certify:attempt", args=[attempt.pk])).status_code == 200
    result = owner.get(reverse("certify:attempt_result", args=[attempt.pk]))
    assert result.status_code == 302 and result.url == reverse("certify:attempt", args=[attempt.pk])


def test_a_submitted_attempt_cannot_be_changed_by_its_viewers(client_for, rep, team, manager, enablement_admin):
    attempt = _finished(rep, _quiz(QuestionKind.SINGLE), right=False)
    served = attempt.questions.get()
    for viewer in (manager, enablement_admin):
        client = client_for(viewer)
        assert client.get(reverse("certify:attempt", args=[attempt.pk])).status_code == 404
        assert client.post(reverse("certify:attempt_autosave", args=[attempt.pk]), _form({served.position: [0]})).status_code == 404


# --- Query counts -----------------------------------------------------------------------------------


def test_quiz_page_query_count_does_not_grow_with_questions(client_for, rep):
    client = client_for(rep)
    small = attempt_start(user=rep, quiz=_quiz(QuestionKind.SINGLE))
    large = attempt_start(user=rep, quiz=_quiz(*[QuestionKind.SINGLE, QuestionKind.MULTIPLE] * 10, QuestionKind.TRUE_FALSE))
    for attempt in (small, large):
        attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=_answer_all(attempt))
    client.get(reverse("certify:attempt", args=[small.pk]))
    one = _queries(client, reverse("certify:attempt", args=[small.pk]))
    assert large.questions.count() == 21 and '<span id="answered-count">21</span> of 21' in _page(client, large)
    # Session, user, their roles; the attempt with its quiz and person, its questions, the level it counts towards.
    assert _queries(client, reverse("certify:attempt", args=[large.pk])) == one


def test_result_page_query_count_does_not_grow_with_questions(client_for, rep, hub):
    client = client_for(rep)

    def failed_attempt(count):
        bank = QuestionBankFactory()
        for n in range(count):
            QuestionFactory(bank=bank, name=f"{n:03d}", study_page=article(hub))
        quiz = QuizFactory(questions=0, review=ReviewOption.FULL, attempts_allowed=5)
        quiz.sections.update(bank=bank, count=count)
        certification = CertificationFactory(levels__quiz=quiz)
        level = certification.levels.get()
        level.study_material = [("page", article(hub)) for _ in range(count)]
        level.save()
        return _finished(rep, quiz, right=False)

    small, large = failed_attempt(1), failed_attempt(21)
    url = reverse("certify:attempt_result", args=[small.pk])
    client.get(url)
    one = _queries(client, url)
    content = _result(client, large)
    assert content.count("covers a question you missed") == 21 and content.count("Not right") == 21
    # Session, user, their roles; the attempt, its level, the person's attempts at the quiz, the missed questions
    # with their pages, the review's questions with their pages, the level's study pages, awards, the site (links).
    assert _queries(client, reverse("certify:attempt_result", args=[large.pk])) == one
