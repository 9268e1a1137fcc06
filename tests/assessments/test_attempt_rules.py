"""The rules of an attempt, enforced by the services: time, attempts, waiting, frozen questions, shuffling, drawing."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.exceptions import AttemptClosed, AttemptNotAllowed, AttemptNotFound, InvalidAnswer
from assessments.models import Attempt, AttemptEvent, AttemptQuestion, AttemptStatus, Choice, QuizSection
from assessments.selectors import attempt_availability, attempt_review
from assessments.services import (
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    attempts_close_expired,
    deadline_grace,
    questions_import,
)
from assessments.signals import attempt_submitted
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
MINUTE, HOUR, SECOND = timedelta(minutes=1), timedelta(hours=1), timedelta(seconds=1)
TIMED_OUT_REASON = "The time limit ran out; saved answers were graded."


def quiz_of(*questions, **rules):
    """A quiz serving `questions` in this order: one bank and one section per question."""
    quiz = QuizFactory(questions=0, **rules)
    quiz.sections.all().delete()
    for order, question in enumerate(questions):
        QuizSection.objects.create(quiz=quiz, bank=question.bank, count=1, sort_order=order)
    return quiz


def singles(count, **rules):
    """A quiz of `count` single-answer questions (choice 0 right), served in order."""
    return quiz_of(*(QuestionFactory() for _ in range(count)), **rules)


@pytest.fixture
def submissions():
    """The attempts the `attempt_submitted` signal was sent for, in order."""
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append(attempt.pk)

    attempt_submitted.connect(receiver, weak=False, dispatch_uid="test-submissions")
    yield sent
    attempt_submitted.disconnect(dispatch_uid="test-submissions")


def selections(attempt):
    return list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("selected", flat=True))


def fail(user, quiz, at):
    """Start and submit an attempt with nothing answered: a fail submitted at `at`."""
    attempt = attempt_start(user=user, quiz=quiz, now=at - MINUTE)
    attempt = attempt_submit(actor=user, attempt_id=attempt.pk, now=at)
    assert attempt.passed is False
    return attempt


def pass_(user, quiz, at):
    attempt = attempt_start(user=user, quiz=quiz, now=at - MINUTE)
    attempt_save_answers(
        actor=user, attempt_id=attempt.pk, answers={q.position: [0] for q in attempt.questions.all()}, now=at - SECOND
    )
    attempt = attempt_submit(actor=user, attempt_id=attempt.pk, now=at)
    assert attempt.passed is True
    return attempt


# ---------------------------------------------------------------- the time limit, on the server


def test_answers_saved_after_the_deadline_are_refused_and_the_attempt_is_graded_with_what_was_saved(rep, submissions):
    quiz = singles(4, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    deadline = T0 + 10 * MINUTE
    assert attempt.deadline == deadline
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0], 2: [1]}, now=T0 + 5 * MINUTE)

    late = deadline + deadline_grace() + SECOND
    result = attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={2: [0], 3: [0], 4: [0]}, now=late)

    assert result.timed_out is True and result.saved == []
    attempt.refresh_from_db()
    assert selections(attempt) == [[0], [1], [], []]  # the late answers were not saved
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out is True
    assert attempt.submitted_at == deadline  # not the moment of the late save
    assert attempt.last_saved_at == T0 + 5 * MINUTE
    assert attempt.points == Decimal(1) and attempt.max_points == 4 and attempt.score == Decimal("25.00")
    assert attempt.passed is False
    assert list(attempt.questions.values_list("score", flat=True)) == [1, 0, 0, 0]
    assert submissions == [attempt.pk]
    with pytest.raises(AttemptClosed):
        attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={2: [0]}, now=late + SECOND)


def test_an_answer_saved_inside_the_grace_after_the_deadline_still_counts(rep):
    quiz = singles(3, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    deadline = T0 + 10 * MINUTE
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=deadline - SECOND)

    result = attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={2: [0]}, now=deadline + deadline_grace())

    assert result.timed_out is False and result.saved == [2]
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and selections(attempt) == [[0], [0], []]
    # Graded later, once the time has run out: the answer saved in the grace counts.
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk, now=deadline + deadline_grace() + SECOND)
    assert attempt.timed_out is True and attempt.submitted_at == deadline
    assert attempt.points == Decimal(2) and attempt.score == Decimal("66.67")


def test_submitting_inside_the_grace_is_an_ordinary_submission(rep):
    quiz = singles(2, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    at = T0 + 10 * MINUTE + deadline_grace() - SECOND

    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk, now=at)

    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out is False and attempt.submitted_at == at
    event = attempt.events.get(to_status=AttemptStatus.SUBMITTED)
    assert (event.actor_id, event.reason) == (rep.pk, "")


def test_attempts_close_expired_submits_abandoned_attempts_and_no_others(rep, other_rep, submissions):
    timed = singles(2, time_limit_minutes=10)
    untimed = singles(2)
    third_rep, fourth_rep = RepFactory(), RepFactory()
    now = T0 + 10 * MINUTE + deadline_grace() + SECOND

    abandoned = attempt_start(user=rep, quiz=timed, now=T0)
    attempt_save_answers(actor=rep, attempt_id=abandoned.pk, answers={1: [0], 2: [3]}, now=T0 + MINUTE)
    in_grace = attempt_start(user=other_rep, quiz=timed, now=T0 + 2 * SECOND)  # its grace ends a second after `now`
    no_limit = attempt_start(user=third_rep, quiz=untimed, now=T0 - 30 * 24 * HOUR)
    finished = attempt_start(user=fourth_rep, quiz=timed, now=T0)
    finished = attempt_submit(actor=fourth_rep, attempt_id=finished.pk, now=T0 + 3 * MINUTE)
    submissions.clear()

    closed = attempts_close_expired(now=now)

    assert closed == 1
    assert submissions == [abandoned.pk]
    abandoned.refresh_from_db()
    assert abandoned.status == AttemptStatus.SUBMITTED and abandoned.timed_out is True
    assert abandoned.submitted_at == abandoned.deadline == T0 + 10 * MINUTE
    assert abandoned.points == Decimal(1) and abandoned.score == Decimal("50.00")
    event = abandoned.events.get(to_status=AttemptStatus.SUBMITTED)
    assert (event.from_status, event.actor_id, event.reason, event.at) == (
        AttemptStatus.IN_PROGRESS,
        None,
        TIMED_OUT_REASON,
        now,
    )
    assert Attempt.objects.get(pk=in_grace.pk).status == AttemptStatus.STARTED
    assert Attempt.objects.get(pk=no_limit.pk).status == AttemptStatus.STARTED
    finished_now = Attempt.objects.get(pk=finished.pk)
    assert (finished_now.submitted_at, finished_now.timed_out) == (T0 + 3 * MINUTE, False)
    assert AttemptEvent.objects.filter(attempt=finished, to_status=AttemptStatus.SUBMITTED).count() == 1

    assert attempts_close_expired(now=now + SECOND) == 0  # the end of its grace: a save now would still count
    assert attempts_close_expired(now=now + 2 * SECOND) == 1  # past it
    assert submissions == [abandoned.pk, in_grace.pk]
    assert attempts_close_expired(now=now + HOUR) == 0


def test_an_expired_attempt_is_graded_once_even_when_the_start_that_found_it_is_refused(rep, submissions):
    quiz = singles(2, time_limit_minutes=10, wait_hours=24)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=T0 + MINUTE)

    with pytest.raises(AttemptNotAllowed, match="Take some time with the study material first."):
        attempt_start(user=rep, quiz=quiz, now=T0 + HOUR)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out is True
    assert attempt.submitted_at == T0 + 10 * MINUTE and attempt.score == Decimal("50.00")
    assert submissions == [attempt.pk]
    assert attempts_close_expired(now=T0 + 2 * HOUR) == 0
    assert submissions == [attempt.pk]
    assert Attempt.objects.filter(user=rep, quiz=quiz).count() == 1


# ---------------------------------------------------------------- how many attempts, and the wait between them


def test_after_the_allowed_number_of_failed_attempts_starting_is_refused_with_a_clear_message(rep):
    quiz = singles(2, attempts_allowed=2)
    fail(rep, quiz, T0)
    fail(rep, quiz, T0 + HOUR)

    with pytest.raises(AttemptNotAllowed) as refused:
        attempt_start(user=rep, quiz=quiz, now=T0 + 2 * HOUR)

    assert str(refused.value) == "You have used all 2 attempts at this quiz. Your enablement team can tell you what comes next."
    assert Attempt.objects.filter(user=rep, quiz=quiz).count() == 2
    availability = attempt_availability(quiz=quiz, attempts=list(quiz.attempts.filter(user=rep).order_by("number")))
    assert (availability.can_start, availability.attempts_used, availability.attempts_left) == (False, 2, 0)


def test_the_attempt_limit_counts_per_person(rep, other_rep):
    quiz = singles(2, attempts_allowed=1)
    fail(rep, quiz, T0)

    attempt = attempt_start(user=other_rep, quiz=quiz, now=T0 + HOUR)

    assert attempt.number == 1 and attempt.user == other_rep


def test_a_pass_resets_the_count_of_attempts(rep):
    quiz = singles(2, attempts_allowed=2)
    fail(rep, quiz, T0)
    passed = pass_(rep, quiz, T0 + HOUR)
    availability = attempt_availability(quiz=quiz, attempts=[*quiz.attempts.filter(user=rep).order_by("number")])
    assert (availability.can_start, availability.attempts_used, availability.attempts_left) == (True, 0, 2)

    third = fail(rep, quiz, T0 + 2 * HOUR)  # two more since the pass
    fourth = fail(rep, quiz, T0 + 3 * HOUR)

    assert (passed.number, third.number, fourth.number) == (2, 3, 4)
    with pytest.raises(AttemptNotAllowed, match="You have used all 2 attempts"):
        attempt_start(user=rep, quiz=quiz, now=T0 + 4 * HOUR)


def test_after_a_failed_attempt_starting_is_refused_until_the_wait_ends_then_allowed(rep):
    quiz = singles(2, wait_hours=24)
    failed = fail(rep, quiz, T0)

    with pytest.raises(AttemptNotAllowed) as refused:
        attempt_start(user=rep, quiz=quiz, now=T0 + 24 * HOUR - SECOND)

    assert str(refused.value) == "Take some time with the study material first."
    availability = attempt_availability(quiz=quiz, attempts=[failed], now=T0 + 24 * HOUR - SECOND)
    assert availability.can_start is False and availability.next_start_at == T0 + 24 * HOUR
    assert Attempt.objects.filter(user=rep, quiz=quiz).count() == 1

    second = attempt_start(user=rep, quiz=quiz, now=T0 + 24 * HOUR)

    assert second.number == 2 and second.is_open
    assert attempt_availability(quiz=quiz, attempts=[failed], now=T0 + 24 * HOUR).can_start is True


def test_after_a_pass_there_is_no_wait(rep):
    quiz = singles(2, wait_hours=24)
    pass_(rep, quiz, T0)

    again = attempt_start(user=rep, quiz=quiz, now=T0 + MINUTE)

    assert again.number == 2


def test_starting_while_an_attempt_is_open_returns_the_same_attempt(rep):
    quiz = singles(3, time_limit_minutes=10)
    first = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=first.pk, answers={2: [1]}, now=T0 + MINUTE)

    again = attempt_start(user=rep, quiz=quiz, now=T0 + 5 * MINUTE)

    assert again.pk == first.pk and again.status == AttemptStatus.IN_PROGRESS
    assert again.deadline == T0 + 10 * MINUTE and again.started_at == T0  # the clock was not restarted
    assert Attempt.objects.filter(user=rep, quiz=quiz).count() == 1
    assert AttemptQuestion.objects.filter(attempt__quiz=quiz).count() == 3
    assert selections(again) == [[], [1], []]
    assert again.events.count() == 2  # started, then in progress: no second start


# ---------------------------------------------------------------- what was served is frozen


def test_editing_a_question_after_start_changes_neither_the_attempt_page_nor_the_grading(rep, hub, client_for):
    question = QuestionFactory(
        text="<p>Which plan has SSO?</p>",
        choices=[("Enterprise plan", "1"), ("Starter plan", "0"), ("Team plan", "0")],
        explanation="<p>SSO is an Enterprise feature.</p>",
    )
    quiz = quiz_of(question, QuestionFactory())
    attempt = attempt_start(user=rep, quiz=quiz)

    # Enablement rewrites the question: new text, the right answer moves, a choice goes, another is added.
    question.text = "<p>Which plan includes audit logs?</p>"
    question.explanation = "<p>Rewritten.</p>"
    question.active = False
    question.save()
    question.choices.all().delete()
    for order, (text, fraction) in enumerate([("Starter plan", "1"), ("Enterprise plan", "0"), ("Free plan", "0")]):
        Choice.objects.create(question=question, sort_order=order, text=text, fraction=Decimal(fraction))

    page = client_for(rep).get(reverse("certify:attempt", args=[attempt.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Which plan has SSO?" in html and "audit logs" not in html
    assert html.index("Enterprise plan") < html.index("Starter plan") < html.index("Team plan")
    assert "Free plan" not in html
    served = page.context["served"][0]
    assert [choice["text"] for choice in served.choices] == ["Enterprise plan", "Starter plan", "Team plan"]

    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0], 2: [1]})
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk)

    assert attempt.points == Decimal(1) and attempt.score == Decimal("50.00")  # "Enterprise plan" as served was right
    first = attempt_review(attempt)[0]
    assert first.text == "<p>Which plan has SSO?</p>" and first.correct is True
    assert first.explanation == "<p>SSO is an Enterprise feature.</p>"
    assert [(c.text, c.picked, c.right) for c in first.choices] == [
        ("Enterprise plan", True, True),
        ("Starter plan", False, False),
        ("Team plan", False, False),
    ]


def test_with_shuffling_on_each_attempt_serves_a_permutation_and_grading_follows_the_order_served(rep):
    bank = QuestionBankFactory()
    questions = [
        QuestionFactory(
            bank=bank,
            choices=[(f"Q{n} right", "1"), (f"Q{n} wrong 1", "0"), (f"Q{n} wrong 2", "0"), (f"Q{n} wrong 3", "0")],
        )
        for n in range(10)
    ]
    true_false = QuestionFactory(bank=bank, true_false=True)
    quiz = QuizFactory(questions=0, shuffle_questions=True, shuffle_choices=True)
    quiz.sections.update(bank=bank, count=11)

    attempt = attempt_start(user=rep, quiz=quiz, now=T0)

    served = list(attempt.questions.order_by("position"))
    assert sorted(q.question_id for q in served) == sorted([*(q.pk for q in questions), true_false.pk])
    assert [q.position for q in served] == list(range(1, 12))
    originals = {}
    for question in [*questions, true_false]:
        originals[question.pk] = [(c.text, Decimal(c.fraction), c.feedback) for c in question.choices.all()]
    orders = {}
    for q in served:
        shown = [(c["text"], Decimal(c["fraction"]), c["feedback"]) for c in q.choices]
        assert sorted(shown) == sorted(originals[q.question_id])  # the same choices, marks and feedback
        orders[q.question_id] = shown
    # Ten four-choice questions all left in order would happen once in 24**10 attempts.
    assert any(orders[q.pk] != originals[q.pk] for q in questions)
    assert orders[true_false.pk] == [("True", 1, "Feedback on True"), ("False", 0, "Feedback on False")]

    # Pick the right choice, wherever it was served, on the first five; "wrong 1" on the rest.
    answers = {}
    for q in served:
        texts = [c["text"] for c in q.choices]
        if q.question_id == true_false.pk:
            answers[q.position] = [0]
        else:
            n = next(i for i, question in enumerate(questions) if question.pk == q.question_id)
            answers[q.position] = [texts.index(f"Q{n} right" if n < 5 else f"Q{n} wrong 1")]
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers, now=T0 + MINUTE)
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + 2 * MINUTE)

    scores = {q.question_id: q.score for q in attempt.questions.all()}
    assert [scores[q.pk] for q in questions] == [1] * 5 + [0] * 5
    assert scores[true_false.pk] == 1
    assert attempt.points == Decimal(6) and attempt.score == Decimal("54.55")


def test_drawing_n_from_a_bank_gives_n_distinct_active_questions(rep, other_rep):
    bank = QuestionBankFactory()
    active = {QuestionFactory(bank=bank).pk for _ in range(6)}
    inactive = {QuestionFactory(bank=bank, active=False).pk for _ in range(3)}
    four = QuizFactory(questions=0)
    four.sections.update(bank=bank, count=4)
    more_than_there_are = QuizFactory(questions=0)
    more_than_there_are.sections.update(bank=bank, count=20)

    drawn = [q.question_id for q in attempt_start(user=rep, quiz=four).questions.all()]
    everything = attempt_start(user=other_rep, quiz=more_than_there_are)

    assert len(drawn) == 4 and len(set(drawn)) == 4 and set(drawn) <= active
    assert sorted(q.question_id for q in everything.questions.all()) == sorted(active)  # never an inactive one
    assert everything.max_points == 6
    assert not AttemptQuestion.objects.filter(question_id__in=inactive).exists()


def test_two_sections_drawing_from_the_same_bank_never_serve_a_question_twice(rep):
    bank = QuestionBankFactory()
    pks = {QuestionFactory(bank=bank).pk for _ in range(5)}
    quiz = QuizFactory(questions=0)
    quiz.sections.update(bank=bank, count=3)
    QuizSection.objects.create(quiz=quiz, bank=bank, count=3, sort_order=1)

    attempt = attempt_start(user=rep, quiz=quiz)

    served = [q.question_id for q in attempt.questions.all()]
    assert sorted(served) == sorted(pks)  # 3 + the 2 left, no repeats


# ---------------------------------------------------------------- refused requests change nothing


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({9: [0]}, id="unknown-position"),
        pytest.param({0: [0]}, id="position-zero"),
        pytest.param({1: [4]}, id="index-past-the-last-choice"),
        pytest.param({1: [-1]}, id="negative-index"),
        pytest.param({2: [2]}, id="index-past-true-or-false"),
        pytest.param({1: [0, 1]}, id="two-picks-on-a-single-answer"),
        pytest.param({2: [0, 1]}, id="two-picks-on-true-or-false"),
        pytest.param({3: [0, 1], 1: [0, 0, 9]}, id="a-valid-answer-alongside-an-invalid-one"),
    ],
)
def test_invalid_answers_raise_invalid_answer_and_change_nothing(rep, answers):
    quiz = quiz_of(QuestionFactory(), QuestionFactory(true_false=True), QuestionFactory(multiple=True))
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [2], 3: [1]}, now=T0 + MINUTE)
    before = list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values())

    with pytest.raises(InvalidAnswer):
        attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers, now=T0 + 2 * MINUTE)

    assert list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values()) == before
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.last_saved_at == T0 + MINUTE
    assert attempt.events.count() == 2


def test_an_invalid_first_save_leaves_the_attempt_started(rep):
    attempt = attempt_start(user=rep, quiz=singles(2), now=T0)

    with pytest.raises(InvalidAnswer, match="Question 1 takes one answer."):
        attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0, 1]}, now=T0 + MINUTE)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.STARTED and attempt.last_saved_at is None
    assert selections(attempt) == [[], []] and attempt.events.count() == 1


def test_someone_elses_attempt_id_raises_attempt_not_found_and_changes_nothing(rep, other_rep, submissions):
    quiz = singles(2)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [1]}, now=T0 + MINUTE)

    with pytest.raises(AttemptNotFound, match="No such attempt."):
        attempt_save_answers(actor=other_rep, attempt_id=attempt.pk, answers={1: [0], 2: [0]}, now=T0 + 2 * MINUTE)
    with pytest.raises(AttemptNotFound, match="No such attempt."):
        attempt_submit(actor=other_rep, attempt_id=attempt.pk, now=T0 + 2 * MINUTE)
    with pytest.raises(AttemptNotFound):  # an id that does not exist gets the same answer
        attempt_submit(actor=other_rep, attempt_id=attempt.pk + 1000, now=T0 + 2 * MINUTE)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.score is None
    assert attempt.last_saved_at == T0 + MINUTE and selections(attempt) == [[1], []]
    assert attempt.events.count() == 2 and submissions == []


def test_submitting_twice_grades_once(rep, submissions):
    quiz = singles(4)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0], 2: [0], 3: [0], 4: [1]}, now=T0 + MINUTE)

    first = attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + 2 * MINUTE)
    second = attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + 3 * MINUTE)

    assert first.pk == second.pk
    assert (second.score, second.points, second.passed, second.submitted_at) == (
        Decimal("75.00"),
        Decimal(3),
        False,
        T0 + 2 * MINUTE,
    )
    stored = Attempt.objects.get(pk=attempt.pk)
    assert (stored.score, stored.submitted_at) == (Decimal("75.00"), T0 + 2 * MINUTE)
    assert AttemptEvent.objects.filter(attempt=attempt, to_status=AttemptStatus.SUBMITTED).count() == 1
    assert submissions == [attempt.pk]


def test_picking_every_right_choice_of_an_imported_thirds_question_earns_the_whole_mark(rep, enablement_admin):
    """Moodle's 33.33333% comes in as 0.3333: the three right choices must still make a correct answer."""
    bank = QuestionBankFactory()
    gift = "::Thirds::Which are fruit? {~%33.33333%apple ~%33.33333%pear ~%33.33333%plum ~%-100%leek}"
    questions_import(actor=enablement_admin, bank=bank, file_name="t.gift", data=gift.encode(), file_format="gift")
    quiz = QuizFactory(questions=0, pass_mark=100)
    quiz.sections.update(bank=bank, count=1)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    assert [c["fraction"] for c in attempt.questions.get().choices] == ["0.3333", "0.3333", "0.3333", "-1.0000"]

    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [2, 0, 1]}, now=T0 + MINUTE)
    attempt = attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + 2 * MINUTE)

    served = attempt.questions.get()
    assert served.score == 1 and served.is_correct
    assert attempt.score == Decimal("100.00") and attempt.passed is True
    assert attempt_review(attempt)[0].correct is True
