"""Reminders on a schedule: levels due and overdue, awards expiring, scorecards waiting, observation requests
unanswered. Each step is sent once and stops when the thing is done (certify/selectors/reminders.py decides
what is due; certify/tasks.py runs this hourly).

Once means once: every step is claimed, a row under a unique constraint, before its email goes, so a second
run (or two at once, or a worker restarted mid-run) finds the step taken and sends nothing again. A step whose
email fails stays claimed, unsent: at most once, never twice.
"""

import logging
import uuid
from collections import defaultdict
from dataclasses import replace

from django.utils import timezone

from ..models import NoticeKind, ReminderSent, ReminderWhat
from ..selectors.reminders import Reminder, reminders_due
from .notifications import notice_send

logger = logging.getLogger(__name__)

# A run claims at most this many steps; the rest wait for the next run (the schedule runs hourly).
REMINDERS_PER_RUN = 200

# What each kind of reminder says: its notice kind, its template, and its subject for one item and for several.
NOTICES = {
    ReminderWhat.DUE: (NoticeKind.REMINDER_DUE, "certify/emails/reminder_due.txt"),
    ReminderWhat.OVERDUE: (NoticeKind.REMINDER_OVERDUE, "certify/emails/reminder_overdue.txt"),
    ReminderWhat.EXPIRY: (NoticeKind.REMINDER_EXPIRY, "certify/emails/award_expiring.txt"),
    ReminderWhat.SCORECARD: (NoticeKind.REMINDER_SCORECARDS, "certify/emails/reminder_scorecards.txt"),
    ReminderWhat.OBSERVATION: (NoticeKind.REMINDER_OBSERVATIONS, "certify/emails/reminder_observations.txt"),
}


def _days(count: int) -> str:
    return "today" if count == 0 else f"in {count} day{'s' if count != 1 else ''}"


def _subject(what: str, items: list[Reminder]) -> str:
    first = items[0]
    several = len(items) > 1
    if what == ReminderWhat.DUE:
        level = first.item.level
        return f"{len(items)} certification levels due soon" if several else (
            f"Due {_days(first.days)}: {level.certification}, {level.label.lower()}"
        )
    if what == ReminderWhat.OVERDUE:
        level = first.item.level
        return f"{len(items)} certification levels overdue" if several else (
            f"Overdue since {first.item.due_date:%-d %B}: {level.certification}, {level.label.lower()}"
        )
    if what == ReminderWhat.EXPIRY:
        if several:
            return f"{len(items)} of your certifications expire soon"
        award = first.item
        ends = timezone.localtime(award.valid_until, first.person.zone)  # the day as the body gives it
        return f"{award.certification}: your {award.level.label.lower()} expires on {ends:%-d %B}"
    if what == ReminderWhat.SCORECARD:
        return f"{len(items)} scorecards wait for your scores" if several else (
            f"A scorecard waits for your scores: {first.item.evaluation.performer} — {first.item.evaluation.subject}"
        )
    return f"{len(items)} observation requests wait for your answer" if several else (
        f"An observation request waits for your answer: {first.item.performer} — {first.item.subject}"
    )


def _claim(reminders: list[Reminder], now) -> dict:
    """Claim these steps for one run: insert them all, ignoring any another run holds, then read back the ones
    this run's token holds. Two queries (SQLite may split a large insert). Returns {step key: row id}."""
    run = uuid.uuid4().hex
    ReminderSent.objects.bulk_create(
        [
            ReminderSent(what=r.what, object_id=r.object_id, person=r.person, step=r.step, run=run, claimed_at=now)
            for r in reminders
        ],
        ignore_conflicts=True,
    )
    return {
        (what, object_id, person_id, step): pk
        for pk, what, object_id, person_id, step in ReminderSent.objects.filter(run=run).values_list(
            "pk", "what", "object_id", "person_id", "step"
        )
    }


def reminders_deliver(*, due: list[Reminder], now=None, limit: int = REMINDERS_PER_RUN) -> int:
    """Send the steps of `due` not sent yet (at most `limit`): one email per person and kind of reminder.

    Deliberately not one transaction: the claims are committed before any email goes, so that a run
    overlapping this one sees them. Returns how many emails were sent.
    """
    now = now or timezone.now()
    fresh = [reminder for reminder in due if not reminder.sent][:limit]
    if not fresh:
        return 0
    claimed = _claim(fresh, now)
    ours = {reminder.key for reminder in fresh if reminder.key in claimed}
    groups = defaultdict(list)
    for reminder in fresh:
        if reminder.key in ours:
            groups[(reminder.person.pk, reminder.what)].append(reminder)
    # A judge's email lists every scorecard that waits for them, those reminded of before included.
    waiting = defaultdict(list)
    for reminder in due:
        if reminder.what == ReminderWhat.SCORECARD:
            waiting[reminder.person.pk].append(replace(reminder, sent=reminder.key not in ours))
    sent, delivered = 0, []
    for (person_pk, what), items in groups.items():
        person = items[0].person
        if what == ReminderWhat.SCORECARD:
            items = sorted(waiting[person_pk], key=lambda r: (r.sent, r.item.assigned_at, r.object_id))
        kind, template = NOTICES[what]
        try:
            count = notice_send(
                to=person.email,
                reader=person,
                subject=_subject(what, items),
                template=template,
                context={"person": person, "items": items, "now": now},
                kind=kind,
            )
        except Exception:  # one person's bad address must not stop everyone else's reminders
            logger.exception("A %s reminder to person %s could not be sent", what, person_pk)
            continue
        sent += count
        delivered.extend(claimed[item.key] for item in items if item.key in ours)
    if delivered:
        ReminderSent.objects.filter(pk__in=delivered).update(sent_at=now)
    return sent


def reminders_send(*, now=None, limit: int = REMINDERS_PER_RUN) -> int:
    """The scheduled run: work out what is due now and send what has not been sent."""
    now = now or timezone.now()
    return reminders_deliver(due=reminders_due(now=now), now=now, limit=limit)

