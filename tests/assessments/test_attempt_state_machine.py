"""Every (status, event) pair of an attempt, driven through the real services, and the history each move writes."""

from datetime import UTC, datetime, timedelta

import pytest

from assessments.exceptions import AttemptClosed
from assessments.models import ATTEMPT_TRANSITIONS, Attempt, AttemptEvent, AttemptStatus
from assessments.services import attempt_save_answers, attempt_start, attempt_submit, deadline_grace
from tests.factories.assessments import QuizFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
TIME_LIMIT = timedelta(minutes=10)
TIMED_OUT_REASON = "The time limit ran out; saved answers were graded."

STARTED, IN_PROGRESS, SUBMITTED = AttemptStatus.STARTED, AttemptStatus.IN_PROGRESS, AttemptStatus.SUBMITTED
REFUSED, UNCHANGED = "refused with AttemptClosed", "returned unchanged"

# (from, event, how the event is caused, outcome). The outcome is the new status, or what happens instead.
TABLE = [
    (STARTED, "answer", "save", IN_PROGRESS),
    (IN_PROGRESS, "answer", "save", IN_PROGRESS),
    (STARTED, "submit", "submit", SUBMITTED),
    (IN_PROGRESS, "submit", "submit", SUBMITTED),
    (STARTED, "time_out", "save after the deadline", SUBMITTED),
    (STARTED, "time_out", "start after the deadline", SUBMITTED),
    (IN_PROGRESS, "time_out", "save after the deadline", SUBMITTED),
    (IN_PROGRESS, "time_out", "start after the deadline", SUBMITTED),
    (SUBMITTED, "answer", "save", REFUSED),
    (SUBMITTED, "submit", "submit", UNCHANGED),
    (SUBMITTED, "time_out", "save after the deadline", REFUSED),
    (SUBMITTED, "time_out", "start after the deadline", UNCHANGED),
]


def _attempt_in(status, *, user, quiz):
    """An attempt brought to `status` the way a rep would: start, answer question 1, submit."""
    attempt = attempt_start(user=user, quiz=quiz, now=T0)
    if status in (IN_PROGRESS, SUBMITTED):
        attempt_save_answers(actor=user, attempt_id=attempt.pk, answers={1: [1]}, now=T0 + timedelta(minutes=1))
    if status == SUBMITTED:
        attempt_submit(actor=user, attempt_id=attempt.pk, now=T0 + timedelta(minutes=2))
    attempt.refresh_from_db()
    assert attempt.status == status
    return attempt


def _cause(trigger, *, attempt, user, quiz):
    """Cause the event through the service a rep's request would call; returns the moment it happened."""
    if trigger == "save":
        at = T0 + timedelta(minutes=5)
        attempt_save_answers(actor=user, attempt_id=attempt.pk, answers={1: [0], 2: [0]}, now=at)
    elif trigger == "submit":
        at = T0 + timedelta(minutes=6)
        attempt_submit(actor=user, attempt_id=attempt.pk, now=at)
    elif trigger == "save after the deadline":
        at = T0 + TIME_LIMIT + deadline_grace() + timedelta(seconds=1)
        result = attempt_save_answers(actor=user, attempt_id=attempt.pk, answers={1: [0], 2: [0]}, now=at)
        assert result.timed_out and result.saved == []
    else:  # "start after the deadline"
        at = T0 + TIME_LIMIT + deadline_grace() + timedelta(minutes=1)
        new_attempt = attempt_start(user=user, quiz=quiz, now=at)
        assert new_attempt.pk != attempt.pk and new_attempt.number == attempt.number + 1
    return at


def _history(attempt):
    return [(e.from_status, e.to_status, e.actor_id, e.reason, e.at) for e in attempt.events.order_by("at", "pk")]


@pytest.mark.parametrize(("from_status", "event", "trigger", "outcome"), TABLE, ids=lambda v: str(v).replace(" ", "-"))
def test_each_status_and_event_moves_the_attempt_as_the_transition_table_says(
    from_status, event, trigger, outcome, rep
):
    quiz = QuizFactory(questions=3, time_limit_minutes=10)
    attempt = _attempt_in(from_status, user=rep, quiz=quiz)
    before = Attempt.objects.get(pk=attempt.pk)
    history_before = _history(attempt)

    if outcome == REFUSED:
        with pytest.raises(AttemptClosed):
            _cause(trigger, attempt=attempt, user=rep, quiz=quiz)
    else:
        at = _cause(trigger, attempt=attempt, user=rep, quiz=quiz)

    after = Attempt.objects.get(pk=attempt.pk)
    history_after = _history(after)
    if outcome in (REFUSED, UNCHANGED):
        assert ATTEMPT_TRANSITIONS.get((from_status, event)) is None
        assert after.status == SUBMITTED
        assert (after.score, after.points, after.submitted_at, after.last_saved_at) == (
            before.score,
            before.points,
            before.submitted_at,
            before.last_saved_at,
        )
        assert list(after.questions.values_list("selected", flat=True)) == [[1], [], []]
        assert history_after == history_before
        return

    assert ATTEMPT_TRANSITIONS[(from_status, event)] == outcome
    assert after.status == outcome
    new_events = history_after[len(history_before) :]
    assert history_after[: len(history_before)] == history_before
    if outcome == from_status:
        assert new_events == []  # staying in_progress is no move: the history only records changes of status
    elif event == "time_out":
        assert new_events == [(from_status, SUBMITTED, None, TIMED_OUT_REASON, at)]
        assert after.timed_out and after.submitted_at == after.deadline == T0 + TIME_LIMIT
    else:
        assert new_events == [(from_status, outcome, rep.pk, "", at)]
    if outcome == SUBMITTED:
        assert after.score is not None and after.passed is not None
        assert not AttemptEvent.objects.filter(attempt=after, to_status=SUBMITTED).exclude(at=at).exists()


def test_the_table_above_covers_every_move_the_transition_table_allows():
    allowed = {(from_status, event): outcome for from_status, event, _, outcome in TABLE if outcome in AttemptStatus}

    assert allowed == ATTEMPT_TRANSITIONS
    statuses_and_events = {(from_status, event) for from_status, event, _, _ in TABLE}
    assert statuses_and_events == {(s, e) for s in AttemptStatus for e in ("answer", "submit", "time_out")}


def test_starting_writes_the_first_event_from_nothing_to_started_by_the_rep(rep):
    quiz = QuizFactory(questions=2)

    attempt = attempt_start(user=rep, quiz=quiz, now=T0)

    assert attempt.status == STARTED
    assert _history(attempt) == [("", STARTED, rep.pk, "", T0)]


def test_a_full_attempt_leaves_one_event_per_change_of_status_in_order(rep):
    quiz = QuizFactory(questions=2)
    attempt = attempt_start(user=rep, quiz=quiz, now=T0)

    for minute in (1, 2, 3):
        attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={1: [0]}, now=T0 + timedelta(minutes=minute))
    attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + timedelta(minutes=4))
    attempt_submit(actor=rep, attempt_id=attempt.pk, now=T0 + timedelta(minutes=5))

    assert _history(attempt) == [
        ("", STARTED, rep.pk, "", T0),
        (STARTED, IN_PROGRESS, rep.pk, "", T0 + timedelta(minutes=1)),
        (IN_PROGRESS, SUBMITTED, rep.pk, "", T0 + timedelta(minutes=4)),
    ]
