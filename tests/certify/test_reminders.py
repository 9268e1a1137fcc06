"""Reminders on a schedule: each step sent once, in its reader's zone, and none once the thing is done.

The tables say, for each kind: today (as days before or after the date), what was already sent → what is sent.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from certify import tasks
from certify.models import Assignment, Award, ReminderSent, ReminderWhat
from certify.selectors.reminders import reminders_due
from certify.services import (
    award_grant,
    award_grant_by_person,
    award_revoke,
    observation_answer,
    reminders_deliver,
    reminders_send,
)
from tests.factories.certify import CertificationFactory, JudgeFactory, ManagerFactory, RepFactory, TeamFactory
from tests.factories.evaluations import level2_evaluation, submit
from tests.factories.observations import observation_request
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

# Noon UTC on a Wednesday; the site's zone is UTC.
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


def sent_steps(what=None):
    rows = ReminderSent.objects.all() if what is None else ReminderSent.objects.filter(what=what)
    return sorted(rows.values_list("what", "object_id", "person_id", "step"))


def already_sent(what, object_id, person, steps):
    for step in steps:
        ReminderSent.objects.create(what=what, object_id=object_id, person=person, step=step, run="before", sent_at=NOW)


@pytest.fixture
def certification(db):
    return CertificationFactory(title="Pulse Revenue Insights", slug="pulse-revenue-insights")


def assign(level, *, due, user=None, team=None):
    return Assignment.objects.create(level=level, user=user, team=team, due_date=due)


# --- Levels due and overdue ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "sent_before", "expected"),
    [
        (8, [], None),
        (7, [], (ReminderWhat.DUE, 7)),
        (5, [], (ReminderWhat.DUE, 7)),
        (5, [(ReminderWhat.DUE, 7)], None),
        (3, [(ReminderWhat.DUE, 7)], (ReminderWhat.DUE, 3)),
        (2, [], (ReminderWhat.DUE, 3)),
        (1, [(ReminderWhat.DUE, 7), (ReminderWhat.DUE, 3)], (ReminderWhat.DUE, 1)),
        (0, [(ReminderWhat.DUE, 1)], None),
        (0, [], (ReminderWhat.DUE, 1)),
        (-1, [(ReminderWhat.DUE, 1)], (ReminderWhat.OVERDUE, 0)),
        (-6, [(ReminderWhat.OVERDUE, 0)], None),
        (-7, [(ReminderWhat.OVERDUE, 0)], (ReminderWhat.OVERDUE, 1)),
        (-15, [(ReminderWhat.OVERDUE, 1)], (ReminderWhat.OVERDUE, 2)),
        (-15, [(ReminderWhat.OVERDUE, 2)], None),
    ],
)
def test_an_assignment_reminds_its_rep_once_per_step_before_and_weekly_after_its_due_date(
    certification, rep, mailoutbox, days_left, sent_before, expected
):
    assignment = assign(certification.levels.get(), user=rep, due=TODAY + timedelta(days=days_left))
    for what, step in sent_before:
        already_sent(what, assignment.pk, rep, [step])

    sent = reminders_send(now=NOW)

    new = sorted(set(sent_steps()) - {(w, assignment.pk, rep.pk, s) for w, s in sent_before})
    if expected is None:
        assert (sent, new, mailoutbox) == (0, [], [])
        return
    assert sent == 1
    assert new == [(expected[0], assignment.pk, rep.pk, expected[1])]
    assert [message.to for message in mailoutbox] == [[rep.email]]
    due = TODAY + timedelta(days=days_left)
    if expected[0] == ReminderWhat.DUE:
        when = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
        assert mailoutbox[0].subject == f"Due {when}: Pulse Revenue Insights, level 1 — content mastery"
    else:
        assert mailoutbox[0].subject == (
            f"Overdue since {due:%-d %B}: Pulse Revenue Insights, level 1 — content mastery"
        )
        assert f"was due on {due:%A %-d %B %Y} ({-days_left} day" in mailoutbox[0].body
    assert "http://testserver/certifications/pulse-revenue-insights/" in mailoutbox[0].body


def test_a_team_assignment_reminds_each_member_who_does_not_hold_the_level_now(certification, mailoutbox):
    holder, waiting, lapsed = RepFactory(), RepFactory(), RepFactory()
    team = TeamFactory(members=[holder, waiting, lapsed])
    level = certification.levels.get()
    award_grant(user=holder, level=level, now=NOW - timedelta(days=30))
    # An award that has ended is not held now: its rep is reminded like any other.
    ended = award_grant(user=lapsed, level=level, now=NOW - timedelta(days=400))
    assert ended.valid_until < NOW
    assignment = assign(level, team=team, due=TODAY + timedelta(days=3))

    assert reminders_send(now=NOW) == 2

    assert sorted(message.to[0] for message in mailoutbox) == sorted([waiting.email, lapsed.email])
    assert sent_steps() == sorted(
        [(ReminderWhat.DUE, assignment.pk, waiting.pk, 3), (ReminderWhat.DUE, assignment.pk, lapsed.pk, 3)]
    )


def test_a_rep_hears_of_several_levels_due_in_one_email(rep, mailoutbox):
    first, second = CertificationFactory(title="Beacon Forecasting"), CertificationFactory(title="Pulse Analytics")
    assign(first.levels.get(), user=rep, due=TODAY + timedelta(days=2))
    assign(second.levels.get(), user=rep, due=TODAY + timedelta(days=6))

    assert reminders_send(now=NOW) == 1

    assert mailoutbox[0].subject == "2 certification levels due soon"
    body = mailoutbox[0].body
    assert "Beacon Forecasting, level 1 — content mastery: due in 2 days, on Friday 12 June 2026" in body
    assert "Pulse Analytics, level 1 — content mastery: due in 6 days, on Tuesday 16 June 2026" in body


def test_a_rep_asked_for_a_level_alone_and_with_a_team_hears_of_the_earlier_date_once(certification, rep, mailoutbox):
    level = certification.levels.get()
    assign(level, user=rep, due=TODAY + timedelta(days=6))
    by_team = assign(level, team=TeamFactory(members=[rep]), due=TODAY + timedelta(days=2))

    assert reminders_send(now=NOW) == 1

    assert sent_steps() == [(ReminderWhat.DUE, by_team.pk, rep.pk, 3)]
    assert mailoutbox[0].subject == "Due in 2 days: Pulse Revenue Insights, level 1 — content mastery"


def test_the_days_left_are_counted_in_the_reps_own_zone(certification, mailoutbox):
    # At noon UTC it is already midnight tomorrow in Auckland and two in the morning today in Honolulu.
    auckland, honolulu = RepFactory(time_zone="Pacific/Auckland"), RepFactory(time_zone="Pacific/Honolulu")
    level = certification.levels.get()
    for person in (auckland, honolulu):
        assign(level, user=person, due=date(2026, 6, 18))

    assert reminders_send(now=NOW) == 1

    assert [message.to for message in mailoutbox] == [[auckland.email]]
    assert mailoutbox[0].subject.startswith("Due in 7 days:")


def test_a_level_held_now_stops_its_reminders(certification, rep, mailoutbox):
    level = certification.levels.get()
    assignment = assign(level, user=rep, due=TODAY - timedelta(days=8))
    assert reminders_send(now=NOW) == 1
    award_grant(user=rep, level=level, now=NOW)

    assert reminders_send(now=NOW + timedelta(days=7)) == 0

    assert sent_steps() == [(ReminderWhat.OVERDUE, assignment.pk, rep.pk, 1)]
    assert len(mailoutbox) == 1


# --- Awards expiring --------------------------------------------------------------------------------------------


def expiring(certification, person, days_left, now=NOW):
    award = award_grant(user=person, level=certification.levels.get(), now=now - timedelta(days=300))
    Award.objects.filter(pk=award.pk).update(valid_until=now + timedelta(days=days_left))
    award.refresh_from_db()
    return award


@pytest.mark.parametrize(
    ("days_left", "sent_before", "expected"),
    [
        (91, [], None),
        (90, [], 90),
        (61, [90], None),
        (60, [90], 60),
        (45, [], 60),
        (30, [90, 60], 30),
        (8, [30], None),
        (7, [30], 7),
        (1, [7], None),
        (0.5, [], 7),
        (-1, [], None),
    ],
)
def test_an_expiring_award_reminds_its_holder_once_per_step(
    certification, rep, mailoutbox, days_left, sent_before, expected
):
    award = expiring(certification, rep, days_left)
    already_sent(ReminderWhat.EXPIRY, award.pk, rep, sent_before)

    sent = reminders_send(now=NOW)

    new = sorted(set(sent_steps()) - {(ReminderWhat.EXPIRY, award.pk, rep.pk, step) for step in sent_before})
    if expected is None:
        assert (sent, new, mailoutbox) == (0, [], [])
        return
    assert (sent, new) == (1, [(ReminderWhat.EXPIRY, award.pk, rep.pk, expected)])
    ends = timezone.localtime(award.valid_until)
    assert mailoutbox[0].subject == f"Pulse Revenue Insights: your level 1 — content mastery expires on {ends:%-d %B}"
    assert f"expires on {ends:%A %-d %B %Y}" in mailoutbox[0].body


def test_the_expiry_reminder_gives_the_local_date_in_its_subject_as_in_its_body(certification, mailoutbox):
    rep = RepFactory(time_zone="America/Los_Angeles")
    award = award_grant(user=rep, level=certification.levels.get(), now=NOW - timedelta(days=300))
    # 02:00 UTC on the 8th of July is the evening of the 7th in Los Angeles: 27 days ahead there.
    Award.objects.filter(pk=award.pk).update(valid_until=datetime(2026, 7, 8, 2, 0, tzinfo=UTC))

    assert reminders_send(now=NOW) == 1

    assert mailoutbox[0].subject.endswith("expires on 7 July")
    assert "expires on Tuesday 7 July 2026 (in 27 days)" in mailoutbox[0].body
    assert sent_steps() == [(ReminderWhat.EXPIRY, award.pk, rep.pk, 30)]


def test_no_expiry_reminder_for_an_award_renewed_revoked_or_never_ending(
    certification, rep, other_rep, enablement_admin, mailoutbox
):
    renewed = expiring(certification, rep, 20)
    award_grant(user=rep, level=certification.levels.get(), now=NOW)  # a year more
    revoked = expiring(CertificationFactory(), other_rep, 20)
    award_revoke(actor=enablement_admin, award_id=revoked.pk, reason="Granted in error.")
    award_grant_by_person(
        actor=enablement_admin, user=other_rep, level=CertificationFactory(levels__validity=None).levels.get(),
        note="Checked by enablement.",
    )  # fmt: skip
    # Another rep's later award of the same level is no renewal of this one.
    kept = expiring(certification, other_rep, 20)

    assert reminders_send(now=NOW) == 1

    assert sent_steps() == [(ReminderWhat.EXPIRY, kept.pk, other_rep.pk, 30)]
    assert renewed.pk != kept.pk


# --- Scorecards waiting -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours_after_the_session", "sent_before", "expected"),
    [(47, False, False), (49, False, True), (49, True, False), (24 * 10, True, False)],
)
def test_a_judge_is_reminded_once_of_a_scorecard_waiting_more_than_two_days(
    rep, enablement_admin, mailoutbox, hours_after_the_session, sent_before, expected
):
    judge = JudgeFactory()
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    card = evaluation.scorecards.get()
    if sent_before:
        already_sent(ReminderWhat.SCORECARD, card.pk, judge, [2])
    now = evaluation.scheduled_at + timedelta(hours=hours_after_the_session)
    mailoutbox.clear()

    sent = reminders_send(now=now)

    assert sent == int(expected)
    assert sent_steps(ReminderWhat.SCORECARD) == ([(ReminderWhat.SCORECARD, card.pk, judge.pk, 2)] if expected or sent_before else [])
    if expected:
        message = mailoutbox[0]
        assert message.to == [judge.email]
        assert message.subject == f"A scorecard waits for your scores: {rep} — {evaluation.subject}"
        assert f"http://testserver/evaluations/{evaluation.pk}/scorecard/" in message.body


def test_one_email_per_judge_lists_every_scorecard_that_waits(enablement_admin, mailoutbox):
    judge = JudgeFactory()
    first = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge])
    second = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge])
    mailoutbox.clear()

    assert reminders_send(now=first.scheduled_at + timedelta(days=3)) == 1

    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "2 scorecards wait for your scores"
    assert f"/evaluations/{first.pk}/scorecard/" in body and f"/evaluations/{second.pk}/scorecard/" in body


def test_a_judges_next_reminder_lists_the_scorecards_reminded_of_before_too(enablement_admin, mailoutbox):
    judge = JudgeFactory()
    first = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge])
    already_sent(ReminderWhat.SCORECARD, first.scorecards.get().pk, judge, [2])
    second = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[judge])
    mailoutbox.clear()

    assert reminders_send(now=second.scheduled_at + timedelta(days=3)) == 1
    assert reminders_send(now=second.scheduled_at + timedelta(days=4)) == 0

    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "2 scorecards wait for your scores"
    assert body.index(f"/evaluations/{second.pk}/scorecard/") < body.index(f"/evaluations/{first.pk}/scorecard/")


def test_a_submitted_scorecard_is_not_reminded_of(rep, enablement_admin, mailoutbox):
    judge, other_judge = JudgeFactory(), JudgeFactory()
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge, other_judge])
    submit(judge, evaluation)
    mailoutbox.clear()

    assert reminders_send(now=evaluation.scheduled_at + timedelta(days=3)) == 1

    assert [message.to for message in mailoutbox] == [[other_judge.email]]


# --- Observation requests unanswered ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours_unanswered", "sent_before", "expected"),
    [(47, False, False), (49, False, True), (49, True, False)],
)
def test_a_manager_is_reminded_once_of_an_observation_request_unanswered_for_two_days(
    rep, manager, team, mailoutbox, hours_unanswered, sent_before, expected
):
    evaluation = observation_request(rep=rep, manager=manager)
    if sent_before:
        already_sent(ReminderWhat.OBSERVATION, evaluation.pk, manager, [2])
    mailoutbox.clear()

    sent = reminders_send(now=evaluation.requested_at + timedelta(hours=hours_unanswered))

    assert sent == int(expected)
    if expected:
        assert [message.to for message in mailoutbox] == [[manager.email]]
        assert mailoutbox[0].subject == f"An observation request waits for your answer: {rep} — {evaluation.subject}"
        assert f"Accept or decline: http://testserver/evaluations/{evaluation.pk}/" in mailoutbox[0].body
    else:
        assert mailoutbox == []


def test_an_answered_observation_request_is_not_reminded_of(rep, manager, team, mailoutbox):
    evaluation = observation_request(rep=rep, manager=manager)
    observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="I am on leave that week.")
    mailoutbox.clear()

    assert reminders_send(now=evaluation.requested_at + timedelta(days=3)) == 0

    assert ReminderSent.objects.count() == 0


# --- Once, however often it runs --------------------------------------------------------------------------------


def test_a_repeated_run_sends_nothing_again(certification, rep, mailoutbox):
    assign(certification.levels.get(), user=rep, due=TODAY + timedelta(days=3))

    assert reminders_send(now=NOW) == 1
    assert reminders_send(now=NOW) == 0
    assert reminders_send(now=NOW + timedelta(hours=5)) == 0

    assert len(mailoutbox) == 1
    row = ReminderSent.objects.get()
    assert row.sent_at == NOW


def test_two_runs_at_once_send_each_step_once(certification, rep, other_rep, mailoutbox):
    level = certification.levels.get()
    assign(level, user=rep, due=TODAY + timedelta(days=3))
    # Both runs have read what is due before either has claimed anything (the second a little later).
    first_run = reminders_due(now=NOW)
    assert [reminder.sent for reminder in first_run] == [False]
    assign(CertificationFactory().levels.get(), user=other_rep, due=TODAY + timedelta(days=3))
    second_run = reminders_due(now=NOW)

    assert reminders_deliver(due=second_run, now=NOW) == 2
    assert reminders_deliver(due=first_run, now=NOW) == 0

    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, other_rep.email])
    assert len(set(ReminderSent.objects.values_list("run", flat=True))) == 1


def test_a_run_claims_at_most_its_limit_and_the_next_run_sends_the_rest(certification, mailoutbox):
    reps = [RepFactory() for _ in range(3)]
    for person in reps:
        assign(certification.levels.get(), user=person, due=TODAY + timedelta(days=3))

    assert reminders_send(now=NOW, limit=2) == 2
    assert reminders_send(now=NOW, limit=2) == 1
    assert reminders_send(now=NOW, limit=2) == 0

    assert sorted(message.to[0] for message in mailoutbox) == sorted(person.email for person in reps)


def test_the_scheduled_task_sends_the_reminders_due_now(certification, rep, mailoutbox):
    assign(certification.levels.get(), user=rep, due=timezone.localdate() + timedelta(days=1))

    assert tasks.reminders_send() == 1
    assert tasks.reminders_send() == 0


def _one_of_each(enablement_admin, manager, now):
    """One reminder of every kind, each for new people, due three days after `now`."""
    rep = RepFactory()
    assign(CertificationFactory().levels.get(), user=rep, due=now.date() + timedelta(days=5))
    team = TeamFactory(members=[RepFactory()])
    assign(CertificationFactory().levels.get(), team=team, due=now.date() - timedelta(days=9))
    expiring(CertificationFactory(), RepFactory(), 40, now=now)
    level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[JudgeFactory()])
    asker = RepFactory()
    TeamFactory(members=[asker], managers=[manager])
    observation_request(rep=asker, manager=manager)


def test_a_runs_query_count_does_not_grow_with_the_reminders_it_sends(enablement_admin, mailoutbox):
    now = timezone.now()
    managers = []

    def one_of_each():
        manager = ManagerFactory()
        managers.append(manager)
        _one_of_each(enablement_admin, manager, now)

    one_of_each()
    with count_queries() as first:
        assert reminders_send(now=now + timedelta(days=3)) == 5
    for _ in range(20):
        one_of_each()

    with count_queries() as second:
        assert reminders_send(now=now + timedelta(days=3)) == 100

    # Reads: assignments, their teams' members, levels held, awards expiring, scorecards, observation requests,
    # steps sent; writes: the claims, read back, marked sent — 10 whatever the number. Then each reminder is put in
    # its reader's notification list: their choice for the kind, the site's default, the notification (3 each).
    assert (first.count, second.count) == (10 + 3 * 5, 10 + 3 * 100)
