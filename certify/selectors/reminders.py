"""What the scheduled reminders are due to say: levels due or overdue, awards expiring, scorecards waiting and
observation requests unanswered, each worked out in its reader's zone (certify/services/reminders.py sends them).

A fixed number of queries whatever the number of reminders: each kind is one bounded read, then who already
holds the levels, then which steps have been sent.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationKind, EvaluationStatus, Scorecard, ScorecardStatus

from ..models import Assignment, Award, ReminderSent, ReminderWhat, User

# Days before a level is due, and before an award ends, that its holder is reminded (largest first).
DUE_STEPS = (7, 3, 1)
EXPIRY_STEPS = (90, 60, 30, 7)
# A scorecard or an observation request waiting this long is reminded of, once.
WAITING_DAYS = 2
# How many of each kind one run reads, the nearest dates first (a run sends at most REMINDERS_PER_RUN of them).
CANDIDATES_MAX = 2000


@dataclass(frozen=True)
class Reminder:
    """One step of one reminder for one person: what (a ReminderWhat), about which object, and its step."""

    what: str
    object_id: int
    person: User
    step: int
    days: int  # days left (due, expiry), days overdue, or days waiting
    item: object  # the assignment, award, scorecard or evaluation
    url: str
    sent: bool = False

    @property
    def key(self) -> tuple:
        return (self.what, self.object_id, self.person.pk, self.step)


def due_step(days_left: int) -> int | None:
    """The step of a level due in `days_left` days (0: due today): the smallest of DUE_STEPS it is within."""
    if days_left < 0:
        return None
    within = [step for step in DUE_STEPS if days_left <= step]
    return min(within) if within else None


def overdue_step(days_left: int) -> int | None:
    """Weeks overdue: 0 from the first day after the due date, 1 from a week after it, and so on."""
    return (-days_left) // 7 if days_left < 0 else None


def expiry_step(days_left: int) -> int | None:
    within = [step for step in EXPIRY_STEPS if 0 <= days_left <= step]
    return min(within) if within else None


def _local_today(now: datetime, person: User) -> date:
    return timezone.localtime(now, person.zone).date()


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _assignment_reminders(now: datetime) -> list[Reminder]:
    """Levels due within DUE_STEPS[0] days or overdue, for each rep asked (a team: each member) who does not
    hold the level now. A rep asked twice for one level (alone and with a team) hears of the earlier date."""
    # Zones run a day either side of the site's date: read a day more, decide in each reader's zone.
    horizon = timezone.localdate(now) + timedelta(days=max(DUE_STEPS) + 1)
    members = Prefetch("team__members", queryset=User.objects.filter(is_active=True).order_by("pk"))
    assignments = list(
        Assignment.objects.filter(due_date__lte=horizon)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .select_related("user", "team", "level__certification")
        .prefetch_related(members)
        .order_by("-due_date", "pk")[:CANDIDATES_MAX]  # the nearest dates first: long overdue ones wait longest
    )
    asked = {}
    for assignment in assignments:
        people = [assignment.user] if assignment.user_id else list(assignment.team.members.all())
        for person in people:
            key = (person.pk, assignment.level_id)
            if key not in asked or assignment.due_date < asked[key][1].due_date:
                asked[key] = (person, assignment)
    held = set(
        Award.objects.current(now)
        .filter(user_id__in={pk for pk, _ in asked}, level_id__in={level for _, level in asked})
        .values_list("user_id", "level_id")
    )
    reminders = []
    for key, (person, assignment) in asked.items():
        if key in held:
            continue
        days_left = (assignment.due_date - _local_today(now, person)).days
        url = _url("certify:certification_detail", assignment.level.certification.slug)
        for what, step in ((ReminderWhat.DUE, due_step(days_left)), (ReminderWhat.OVERDUE, overdue_step(days_left))):
            if step is not None:
                days = days_left if what == ReminderWhat.DUE else -days_left
                reminders.append(Reminder(what, assignment.pk, person, step, days, assignment, url))
    return reminders


def _expiry_reminders(now: datetime) -> list[Reminder]:
    """Awards held now that end within EXPIRY_STEPS[0] days and that the holder has not renewed (a newer
    award of the same level that lasts longer)."""
    renewed = Award.objects.current(now).filter(user=OuterRef("user"), level=OuterRef("level")).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=OuterRef("valid_until"))
    )
    awards = (
        Award.objects.current(now)
        .filter(~Exists(renewed), user__is_active=True, valid_until__lte=now + timedelta(days=max(EXPIRY_STEPS) + 1))
        .select_related("user", "level", "certification")
        .order_by("valid_until", "pk")[:CANDIDATES_MAX]
    )
    reminders = []
    for award in awards:
        person = award.user
        days_left = (timezone.localtime(award.valid_until, person.zone).date() - _local_today(now, person)).days
        step = expiry_step(days_left)
        if step is not None:
            url = _url("certify:certification_detail", award.certification.slug)
            reminders.append(Reminder(ReminderWhat.EXPIRY, award.pk, person, step, days_left, award, url))
    return reminders


def _scorecard_reminders(now: datetime) -> list[Reminder]:
    """Draft scorecards of evaluations being scored, given to the judge and (a live session) performed more
    than WAITING_DAYS days ago."""
    before = now - timedelta(days=WAITING_DAYS)
    cards = (
        Scorecard.objects.filter(
            status=ScorecardStatus.DRAFT, evaluation__status=EvaluationStatus.SCHEDULED, judge__is_active=True,
            assigned_at__lte=before,
        )
        .filter(Q(evaluation__scheduled_at__isnull=True) | Q(evaluation__scheduled_at__lte=before))
        .select_related("judge", "evaluation__performer")
        .order_by("assigned_at", "pk")[:CANDIDATES_MAX]
    )  # fmt: skip
    reminders = []
    for card in cards:
        waiting_since = max(card.assigned_at, card.evaluation.scheduled_at or card.assigned_at)
        days = (now - waiting_since).days
        url = _url("certify:scorecard", card.evaluation_id)
        reminders.append(Reminder(ReminderWhat.SCORECARD, card.pk, card.judge, WAITING_DAYS, days, card, url))
    return reminders


def _observation_reminders(now: datetime) -> list[Reminder]:
    """Field observation requests the manager asked has neither accepted nor declined for WAITING_DAYS days."""
    requests = (
        Evaluation.objects.filter(
            kind=EvaluationKind.FIELD_OBSERVATION, status=EvaluationStatus.REQUESTED, observer__is_active=True,
            requested_at__lte=now - timedelta(days=WAITING_DAYS),
        )
        .select_related("observer", "performer")
        .order_by("requested_at", "pk")[:CANDIDATES_MAX]
    )  # fmt: skip
    reminders = []
    for evaluation in requests:
        days = (now - evaluation.requested_at).days
        url = _url("certify:evaluation", evaluation.pk)
        reminders.append(
            Reminder(ReminderWhat.OBSERVATION, evaluation.pk, evaluation.observer, WAITING_DAYS, days, evaluation, url)
        )
    return reminders


def reminders_due(*, now: datetime | None = None) -> list[Reminder]:
    """Every reminder step due now, each marked `sent` if it has already been sent (scorecard reminders list
    the judge's other waiting scorecards too). At most seven queries: assignments, their teams' members, levels
    held, awards expiring, scorecards waiting, observation requests unanswered, steps sent."""
    now = now or timezone.now()
    reminders = [
        *_assignment_reminders(now),
        *_expiry_reminders(now),
        *_scorecard_reminders(now),
        *_observation_reminders(now),
    ]
    if not reminders:
        return []
    by_what = {}
    for reminder in reminders:
        by_what.setdefault(reminder.what, set()).add(reminder.object_id)
    which = Q()
    for what, ids in by_what.items():
        which |= Q(what=what, object_id__in=ids)
    sent = set(ReminderSent.objects.filter(which).values_list("what", "object_id", "person_id", "step"))
    return [replace(reminder, sent=True) if reminder.key in sent else reminder for reminder in reminders]
