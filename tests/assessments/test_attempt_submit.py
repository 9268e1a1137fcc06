"""Submitting a quiz: saving the last answers and grading them is one service call in one transaction
(attempt_save_and_submit), and a GET of the quiz page never writes — not even once its time ran out (the page
says so and offers to submit; the schedule grades an attempt nobody comes back to)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.exceptions import AttemptClosed, InvalidAnswer
from assessments.models import Attempt, AttemptQuestion, AttemptStatus, QuizSection
from assessments.services import attempt_save_and_submit, attempt_save_answers, attempt_start, deadline_grace
from assessments.signals import attempt_submitted
from tests.factories.assessments import QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
MINUTE, SECOND = timedelta(minutes=1), timedelta(seconds=1)


def singles(count, **rules):
    """A quiz of `count` single-answer questions (choice 0 right), served in order."""
    quiz = QuizFactory(questions=0, **rules)
    quiz.sections.all().delete()
    for order in range(count):
        QuizSection.objects.create(quiz=quiz, bank=QuestionFactory().bank, count=1, sort_order=order)
    return quiz


@pytest.fixture
def submissions():
    """The attempts the `attempt_submitted` signal was sent for, in order."""
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append(attempt.pk)

    attempt_submitted.connect(receiver, weak=False, dispatch_uid="test-submit-submissions")
    yield sent
    attempt_submitted.disconnect(dispatch_uid="test-submit-submissions")


def selections(attempt):
    return list(AttemptQuestion.objects.filter(attempt=attempt).order_by("position").values_list("selected", flat=True))


# --- The service -------------------------------------------------------------------------------


def test_saving_the_last_answers_and_submitting_is_one_step_that_grades_them(rep, submissions):
    quiz = singles(3, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=T0 + MINUTE)

    result = attempt_save_and_submit(actor=rep, attempt_id=attempt.pk, answers={2: [0], 3: [1]}, now=T0 + 2 * MINUTE)

    assert result.timed_out is False and result.saved == [2, 3]
    attempt.refresh_from_db()
    assert selections(attempt) == [[0], [0], [1]]
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.points == Decimal(2) and attempt.submitted_at == T0 + 2 * MINUTE
    assert submissions == [attempt.pk]
    with pytest.raises(AttemptClosed):  # a second submit from another tab changes nothing
        attempt_save_and_submit(actor=rep, attempt_id=attempt.pk, answers={3: [0]}, now=T0 + 3 * MINUTE)
    assert selections(Attempt.objects.get(pk=attempt.pk)) == [[0], [0], [1]] and submissions == [attempt.pk]


def test_saving_and_submitting_with_a_bad_answer_saves_nothing_and_submits_nothing(rep, submissions):
    quiz = singles(2)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=T0 + MINUTE)

    with pytest.raises(InvalidAnswer):
        attempt_save_and_submit(actor=rep, attempt_id=attempt.pk, answers={1: [1], 2: [9]}, now=T0 + 2 * MINUTE)

    attempt.refresh_from_db()
    assert attempt.is_open and selections(attempt) == [[0], []] and submissions == []


def test_saving_and_submitting_after_the_deadline_grades_what_was_saved_before(rep, submissions):
    quiz = singles(2, time_limit_minutes=10)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=T0 + MINUTE)
    late = T0 + 10 * MINUTE + deadline_grace() + SECOND

    result = attempt_save_and_submit(actor=rep, attempt_id=attempt.pk, answers={2: [0]}, now=late)

    assert result.timed_out is True and result.saved == []
    attempt.refresh_from_db()
    assert selections(attempt) == [[0], []] and attempt.timed_out is True and attempt.submitted_at == T0 + 10 * MINUTE
    assert attempt.points == Decimal(1) and submissions == [attempt.pk]


# --- The quiz page -----------------------------------------------------------------------------


def _writes(queries) -> list:
    return [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.parametrize("past_deadline", [False, True], ids=["in time", "past the deadline"])
def test_a_get_never_writes_not_even_on_a_quiz_whose_time_ran_out(client_for, rep, past_deadline):
    attempt = attempt_start(user=rep, quiz=singles(1, time_limit_minutes=10))
    if past_deadline:
        Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    client = client_for(rep)

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("certify:attempt", args=[attempt.pk])).status_code == 200
        assert client.get(reverse("certify:attempt_result", args=[attempt.pk])).status_code == 302

    assert _writes(ctx.captured_queries) == []
    assert Attempt.objects.get(pk=attempt.pk).is_open


def test_submitting_with_the_last_answers_saves_and_grades_them_in_one_go(client_for, rep):
    attempt = attempt_start(user=rep, quiz=singles(2))
    answers = {1: [0], 2: [0]}  # choice 0 is right
    form = {f"q{position}": [str(index) for index in indexes] for position, indexes in answers.items()}

    response = client_for(rep).post(reverse("certify:attempt", args=[attempt.pk]), {**form, "action": "submit"})

    assert response.status_code == 302 and response.url == reverse("certify:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 100
    assert {served.position: served.selected for served in attempt.questions.all()} == answers
