"""The quiz rules hold when requests arrive together: a double-clicked submit grades once,
two tabs cannot open two attempts, and the attempt limit, the wait and the time limit still hold.

These tests use real threads, each with its own database connection, released together by a
barrier. They run on PostgreSQL (row locks: `select_for_update` on the person and the attempt)
and on SQLite (`transaction_mode=IMMEDIATE` in settings: every transaction takes the write lock
when it begins, so writers are served one after the other). SQLite ignores `select_for_update`,
so a missing or misordered row lock (double grading, deadlocks) shows only on PostgreSQL.

They are transactional tests: each thread commits for real, so a test cannot be wrapped in one
rolled-back transaction, and the tables are emptied after each test (pytest-django runs these after
the ordinary database tests). No `serialized_rollback` on purpose: emptying the tables then re-runs
post_migrate (content types, permissions, role groups), which the browser tests that run next rely
on; they cannot restore serialized contents themselves.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.exceptions import AttemptClosed, AttemptNotAllowed
from assessments.models import Attempt, AttemptEvent, AttemptStatus
from assessments.services import (
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    attempts_close_expired,
)
from assessments.signals import attempt_submitted
from certify.exceptions import DomainError
from certify.models import Award
from certify.services import level_attempt_start
from tests.factories.assessments import QuizFactory
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
JOIN_TIMEOUT = 60  # seconds; a deadlock fails the test instead of hanging the suite


def run_together(call, count=THREADS):
    """Run call(i) in `count` threads released at the same moment.

    Returns one outcome per thread: ("ok", value) or ("error", exception). Each thread
    closes its own database connection, so the test database can be flushed afterwards.
    """
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def work(index):
        try:
            barrier.wait(timeout=JOIN_TIMEOUT)
            outcomes[index] = ("ok", call(index))
        except BaseException as error:  # noqa: BLE001 - every failure is reported by the test
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(index,), name=f"concurrent-{index}") for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is still running: deadlock or lock wait"
    return outcomes


def values_of(outcomes):
    """The values returned; fails, showing the exceptions, if any thread raised."""
    errors = [value for kind, value in outcomes if kind == "error"]
    assert not errors, f"{len(errors)} of {len(outcomes)} threads raised: {errors!r}"
    return [value for _, value in outcomes]


def answer_all(user, attempt, index=0):
    """Save choice `index` for every question (unshuffled factory quizzes: 0 is right, 1 is wrong)."""
    attempt_save_answers(
        actor=user, attempt_id=attempt.pk, answers={served.position: [index] for served in attempt.questions.all()}
    )


def submit_events(attempt):
    return AttemptEvent.objects.filter(attempt=attempt, to_status=AttemptStatus.SUBMITTED)


def quiz_of(certification):
    return certification.levels.get(number=1).quiz


# --- Submitting ---------------------------------------------------------------------------


def test_concurrent_submits_grade_an_attempt_once_and_award_once(rep):
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=4))
    attempt = attempt_start(user=rep, quiz=quiz_of(certification))
    answer_all(rep, attempt)

    submitted = values_of(run_together(lambda _: attempt_submit(actor=rep, attempt_id=attempt.pk)))

    assert {(each.pk, each.status, each.score, each.passed) for each in submitted} == {
        (attempt.pk, AttemptStatus.SUBMITTED, 100, True)
    }
    assert len({each.submitted_at for each in submitted}) == 1
    assert submit_events(attempt).count() == 1
    assert Award.objects.filter(attempt=attempt).count() == 1
    assert Award.objects.filter(user=rep).count() == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 100


def test_concurrent_requests_on_an_expired_attempt_grade_it_once_as_timed_out(rep):
    """Submit, autosave and the expiry job arrive together after the time ran out: one grading."""
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=3, time_limit_minutes=10))
    started = timezone.now() - timedelta(hours=1)
    attempt = attempt_start(user=rep, quiz=quiz_of(certification), now=started)
    attempt_save_answers(
        actor=rep,
        attempt_id=attempt.pk,
        answers={served.position: [0] for served in attempt.questions.all()},
        now=started + timedelta(minutes=5),
    )
    answers = {served.position: [1] for served in attempt.questions.all()}  # would fail, if it were saved

    def request(index):
        kind = ("submit", "save", "close_expired")[index % 3]
        try:
            if kind == "submit":
                return kind, attempt_submit(actor=rep, attempt_id=attempt.pk)
            if kind == "save":
                return kind, attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers)
            return kind, attempts_close_expired()
        except AttemptClosed as error:
            return kind, error

    outcomes = values_of(run_together(request))

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.timed_out
    assert attempt.submitted_at == attempt.deadline and attempt.score == 100 and attempt.passed
    events = list(submit_events(attempt))
    assert len(events) == 1 and events[0].actor is None and "time limit" in events[0].reason
    assert Award.objects.filter(attempt=attempt).count() == 1
    for kind, result in outcomes:
        if kind == "submit":
            assert result.status == AttemptStatus.SUBMITTED and result.timed_out and result.score == 100
        elif kind == "save":
            # The first one in grades the attempt and says so; later ones find it closed.
            assert isinstance(result, AttemptClosed) or (result.timed_out and result.saved == [])
        else:
            assert result in (0, 1)
    assert sum(result for kind, result in outcomes if kind == "close_expired") <= 1


# --- Starting -----------------------------------------------------------------------------


def test_concurrent_starts_open_one_attempt(rep):
    quiz = QuizFactory(questions=3)

    started = values_of(run_together(lambda _: attempt_start(user=rep, quiz=quiz)))

    attempt = Attempt.objects.get(user=rep, quiz=quiz)
    assert attempt.number == 1 and attempt.is_open
    assert {each.pk for each in started} == {attempt.pk}
    assert attempt.questions.count() == 3
    assert AttemptEvent.objects.filter(attempt=attempt).count() == 1


def test_concurrent_starts_after_the_time_ran_out_close_the_old_attempt_once_and_open_one(rep):
    quiz = QuizFactory(questions=3, time_limit_minutes=10)
    expired = attempt_start(user=rep, quiz=quiz, now=timezone.now() - timedelta(hours=1))

    started = values_of(run_together(lambda _: attempt_start(user=rep, quiz=quiz)))

    expired.refresh_from_db()
    assert expired.status == AttemptStatus.SUBMITTED and expired.timed_out
    assert submit_events(expired).count() == 1
    fresh = Attempt.objects.open().get(user=rep, quiz=quiz)
    assert fresh.number == 2 and {each.pk for each in started} == {fresh.pk}
    assert Attempt.objects.filter(user=rep, quiz=quiz).count() == 2


@pytest.mark.parametrize("passing", [True, False], ids=["passed-and-awarded", "failed"])
def test_starts_racing_the_grading_of_an_expired_attempt_grade_it_once_and_open_one(rep, passing):
    """The time ran out: the rep starts again in one tab while the other tab submits and the expiry job runs."""
    quiz = QuizFactory(questions=3, time_limit_minutes=10)
    CertificationFactory(levels__quiz=quiz)
    started = timezone.now() - timedelta(hours=1)
    expired = attempt_start(user=rep, quiz=quiz, now=started)
    attempt_save_answers(
        actor=rep,
        attempt_id=expired.pk,
        answers={served.position: [0 if passing else 1] for served in expired.questions.all()},
        now=started + timedelta(minutes=5),
    )

    def request(index):
        if index % 2:
            return "start", attempt_start(user=rep, quiz=quiz)
        if index % 4 == 0:
            return "submit", attempt_submit(actor=rep, attempt_id=expired.pk)
        return "close_expired", attempts_close_expired()

    outcomes = values_of(run_together(request))

    expired.refresh_from_db()
    assert expired.status == AttemptStatus.SUBMITTED and expired.timed_out and expired.passed is passing
    assert submit_events(expired).count() == 1, "the expired attempt was graded more than once"
    assert Award.objects.filter(attempt=expired).count() == (1 if passing else 0)
    fresh = Attempt.objects.open().get(user=rep, quiz=quiz)
    assert fresh.number == 2 and Attempt.objects.filter(user=rep, quiz=quiz).count() == 2
    assert {result.pk for kind, result in outcomes if kind == "start"} == {fresh.pk}
    assert all(result.pk == expired.pk for kind, result in outcomes if kind == "submit")


def test_starts_racing_a_passing_submit_never_open_an_attempt_for_the_level_just_awarded(rep):
    """One tab submits a passing attempt while another presses "Start the quiz" on the certification page.

    A start that comes first resumes the attempt; one that comes after the pass is refused
    (the level is held for a year). None opens a new attempt for a level the rep now holds.
    """
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=3), levels__validity=12)
    level = certification.levels.get(number=1)
    attempt = attempt_start(user=rep, quiz=level.quiz)
    answer_all(rep, attempt)

    def request(index):
        if index % 2:
            try:
                return "start", level_attempt_start(actor=rep, level=level)
            except DomainError as error:
                return "start", error
        return "submit", attempt_submit(actor=rep, attempt_id=attempt.pk)

    outcomes = values_of(run_together(request))

    assert Award.objects.filter(user=rep).count() == 1 and Award.objects.get(user=rep).attempt_id == attempt.pk
    assert list(Attempt.objects.filter(user=rep).values_list("number", flat=True)) == [1]
    for kind, result in outcomes:
        if kind == "start" and isinstance(result, DomainError):
            assert "You already hold" in str(result)
        else:
            assert result.pk == attempt.pk


def test_a_start_checked_while_a_pass_is_being_graded_does_not_open_a_new_attempt(rep):
    """The same race as above, made certain: the start arrives while the passing attempt is being graded.

    A receiver of `attempt_submitted` (sent inside the grading transaction, after the award row
    is written) holds that transaction open for 0.3 s after the start is sent, so the start's
    "already held?" check runs before the award is committed. Whatever the start then waits on,
    it must not open attempt 2 once the pass is committed.
    """
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=3), levels__validity=12)
    level = certification.levels.get(number=1)
    attempt = attempt_start(user=rep, quiz=level.quiz)
    answer_all(rep, attempt)
    grading, release = threading.Event(), threading.Event()

    def hold_the_grading_open(sender, **kwargs):
        grading.set()
        release.wait(10)

    def request(index):
        if index == 0:
            return attempt_submit(actor=rep, attempt_id=attempt.pk)
        assert grading.wait(10), "the attempt was never graded"
        threading.Timer(0.3, release.set).start()  # time enough for the start to reach whatever it waits on
        try:
            return level_attempt_start(actor=rep, level=level)
        except DomainError as error:
            return error

    attempt_submitted.connect(hold_the_grading_open, weak=False, dispatch_uid="test-hold-the-grading-open")
    try:
        submitted, started = values_of(run_together(request, count=2))
    finally:
        attempt_submitted.disconnect(dispatch_uid="test-hold-the-grading-open")
        release.set()

    assert submitted.passed and Award.objects.filter(user=rep, attempt=attempt).count() == 1
    assert list(Attempt.objects.filter(user=rep).values_list("number", flat=True)) == [1], (
        f"a new attempt was opened for a level the rep holds until {Award.objects.get(user=rep).valid_until:%Y-%m-%d}"
    )
    if isinstance(started, DomainError):
        assert "You already hold" in str(started)
    else:
        assert started.pk == attempt.pk


def _start_and_submit(user, quiz):
    """A rep in one tab: start (or resume) the quiz and submit it straight away, unanswered."""
    attempt = attempt_start(user=user, quiz=quiz)
    return attempt_submit(actor=user, attempt_id=attempt.pk)


def _attempt_or_refusal(user, quiz):
    try:
        return _start_and_submit(user, quiz)
    except AttemptNotAllowed as error:
        return error


def test_attempt_limit_holds_under_concurrent_starts(rep):
    quiz = QuizFactory(questions=2, attempts_allowed=2)
    first = _start_and_submit(rep, quiz)
    assert first.passed is False

    outcomes = values_of(run_together(lambda _: _attempt_or_refusal(rep, quiz)))

    attempts = list(Attempt.objects.filter(user=rep, quiz=quiz).order_by("number"))
    assert [attempt.number for attempt in attempts] == [1, 2]
    second = attempts[1]
    assert second.status == AttemptStatus.SUBMITTED and second.passed is False
    assert submit_events(second).count() == 1
    # A tab that started while attempt 2 was open got attempt 2 back (and found it graded);
    # a tab that started after it was graded is refused: both attempts are used.
    got = [outcome for outcome in outcomes if isinstance(outcome, Attempt)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, AttemptNotAllowed)]
    assert len(got) + len(refused) == THREADS and got
    assert {attempt.pk for attempt in got} == {second.pk}
    assert all(attempt.status == AttemptStatus.SUBMITTED for attempt in got)
    assert all("used all 2 attempts" in str(error) for error in refused)


def test_the_wait_after_a_failed_attempt_holds_under_concurrent_starts(rep):
    quiz = QuizFactory(questions=2, wait_hours=24)

    outcomes = values_of(run_together(lambda _: _attempt_or_refusal(rep, quiz)))

    attempt = Attempt.objects.get(user=rep, quiz=quiz)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.passed is False
    assert submit_events(attempt).count() == 1
    got = [outcome for outcome in outcomes if isinstance(outcome, Attempt)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, AttemptNotAllowed)]
    assert len(got) + len(refused) == THREADS and got
    assert {each.pk for each in got} == {attempt.pk}
    assert all("Take some time with the study material first." in str(error) for error in refused)


# --- Through the pages ----------------------------------------------------------------------


def _signed_in_clients(user, count=THREADS):
    """One browser tab each: a client with its own session for the same person."""
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_concurrent_start_buttons_open_one_attempt(rep):
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=3))
    clients = _signed_in_clients(rep)
    url = reverse("certify:level_start", args=[certification.slug, 1])

    responses = values_of(run_together(lambda index: clients[index].post(url)))

    attempt = Attempt.objects.get(user=rep)
    assert attempt.is_open and attempt.number == 1
    assert {(response.status_code, response.url) for response in responses} == {
        (302, reverse("certify:attempt", args=[attempt.pk]))
    }


def test_concurrent_submit_buttons_grade_once_and_award_once(rep):
    certification = CertificationFactory(levels__quiz=QuizFactory(questions=3))
    attempt = attempt_start(user=rep, quiz=quiz_of(certification))
    clients = _signed_in_clients(rep)
    form = {"action": "submit", **{f"q{served.position}": "0" for served in attempt.questions.all()}}
    url = reverse("certify:attempt", args=[attempt.pk])

    responses = values_of(run_together(lambda index: clients[index].post(url, form)))

    assert {(response.status_code, response.url) for response in responses} == {
        (302, reverse("certify:attempt_result", args=[attempt.pk]))
    }
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 100 and attempt.passed
    assert submit_events(attempt).count() == 1
    assert Award.objects.filter(attempt=attempt).count() == 1
    assert Award.objects.filter(user=rep).count() == 1
