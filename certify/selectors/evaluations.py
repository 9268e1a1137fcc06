"""Reads for assessed levels (a level-2 role-play, a level-3 field observation): whether a rep may ask for one,
who may judge, observe and countersign."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus, ScorecardStatus

from ..models import Assignment, Award, CertificationLevel, LevelNumber, Role, User


class Refusal:
    """Why a person may not ask for an assessment of a level now, in the order availability_from checks."""

    NOT_ASSESSED = "not_assessed"
    OPEN = "open"
    HELD = "held"
    NEEDS_PREVIOUS = "needs_previous"
    PRACTISE = "practise"


# Each refusal in words: (for the rep, for a manager who would observe the rep, named {rep}).
REFUSAL_WORDS = {
    Refusal.NOT_ASSESSED: ("This level is not assessed with a guide.", "This level is not assessed with a guide."),
    Refusal.OPEN: ("You have already asked for {asked}.", "an observation is already open."),
    Refusal.HELD: ("You already hold {level}{until}.", "{rep} holds it already."),
    Refusal.NEEDS_PREVIOUS: (
        "Pass level {previous} first: level {number} builds on it.",
        "{rep} needs level {previous} first.",
    ),
    Refusal.PRACTISE: (
        "Practise what your last feedback names; you can ask again from {retry:%-d %B %Y}.",
        "after the last result, {rep} can be observed again from {retry:%-d %B %Y}.",
    ),
}


@dataclass(frozen=True)
class EvaluationAvailability:
    can_request: bool
    reason: str  # why not, in words for the person asking
    open_evaluation: Evaluation | None = None
    retry_after: datetime | None = None
    code: str = ""  # why not: a Refusal
    facts: dict = field(default_factory=dict, compare=False, repr=False)  # what the words of `code` name

    def reason_for_manager(self, rep) -> str:
        """Why not, in words for a manager who would observe `rep` (empty when they may)."""
        if self.can_request:
            return ""
        return REFUSAL_WORDS[self.code][1].format(rep=rep.display_name, **self.facts)


def _refused(code: str, **facts) -> EvaluationAvailability:
    known = {key: facts.pop(key) for key in ("open_evaluation", "retry_after") if key in facts}
    return EvaluationAvailability(False, REFUSAL_WORDS[code][0].format(**facts), code=code, facts=facts, **known)


def level_evaluations(*, user, level: CertificationLevel):
    """The person's evaluations for a level, newest first."""
    return Evaluation.objects.filter(performer=user, level_link__level=level).order_by("-requested_at")


def retry_after_fail(evaluation, level):
    """When a rep may ask again after this result: its release plus the level's practice time (None after a pass)."""
    if evaluation.passed is not False or evaluation.released_at is None or level is None or not level.retry_wait_days:
        return None
    return evaluation.released_at + timezone.timedelta(days=level.retry_wait_days)


def is_assessed_level(level) -> bool:
    """Level 2 (a role-play scored by a panel) and level 3 (a field observation) are scored with a guide."""
    return level.number in (LevelNumber.APPLICATION, LevelNumber.FIELD) and level.guide_id is not None


def evaluation_availability(*, user, level: CertificationLevel, now=None) -> EvaluationAvailability:
    """May the person ask for an assessment of this level now? Says why not, in words for them."""
    now = now or timezone.now()
    if not is_assessed_level(level):
        return _refused(Refusal.NOT_ASSESSED)
    current = Award.objects.current(now).filter(user=user, certification_id=level.certification_id)
    return availability_from(
        level=level,
        evaluations=list(level_evaluations(user=user, level=level)[:20]),
        held=current.filter(level=level).order_by("-valid_until").first(),
        previous_held=current.filter(level__number=level.number - 1).exists(),
        now=now,
    )


def availability_from(*, level, evaluations: list, held, previous_held: bool, now) -> EvaluationAvailability:
    """The rules of evaluation_availability over what the caller has loaded already: the person's evaluations
    for the level (newest first), their current award of it (or None) and whether they hold the level below."""
    from ..services.certifications import award_renewable

    if not is_assessed_level(level):
        return _refused(Refusal.NOT_ASSESSED)
    open_evaluation = next((evaluation for evaluation in evaluations if evaluation.is_open), None)
    if open_evaluation is not None:
        asked = "an observation" if level.number == LevelNumber.FIELD else "this assessment"
        return _refused(Refusal.OPEN, asked=asked, open_evaluation=open_evaluation)
    if held is not None and not award_renewable(held, now):
        until = f" until {timezone.localtime(held.valid_until):%-d %B %Y}" if held.valid_until else ""
        return _refused(Refusal.HELD, level=level.label.lower(), until=until)
    if not previous_held:
        return _refused(Refusal.NEEDS_PREVIOUS, previous=level.number - 1, number=level.number)
    last_fail = next(
        (evaluation for evaluation in evaluations if evaluation.is_released and evaluation.passed is False), None
    )
    retry_after = retry_after_fail(last_fail, level) if last_fail is not None else None
    if retry_after is not None and retry_after > now:
        return _refused(Refusal.PRACTISE, retry=timezone.localtime(retry_after), retry_after=retry_after)
    return EvaluationAvailability(True, "")


def _manages(person) -> Q:
    """The people who manage one of the person's teams: the person is their direct report."""
    return Q(pk__in=User.objects.filter(managed_teams__members=person).values("pk"))


def judges_eligible(*, exclude=(), not_managing=None):
    """Active people with the judge role, with how many scorecards they have open (least busy first). With
    `not_managing`, never someone who manages one of that person's teams: a judge is not offered for the panel
    of their own direct report (judges_managing lists them apart, for an admin to choose knowingly)."""
    judges = User.objects.filter(is_active=True, groups__name=Role.JUDGE.label).exclude(
        pk__in=[person.pk for person in exclude]
    )
    if not_managing is not None:
        judges = judges.exclude(_manages(not_managing))
    return _least_busy_first(judges)


def judges_managing(person):
    """The judges who manage one of the person's teams (never the person themself), least busy first: an admin
    may put them on the person's panel only knowingly."""
    return _least_busy_first(
        User.objects.filter(_manages(person), is_active=True, groups__name=Role.JUDGE.label).exclude(pk=person.pk)
    )


def _least_busy_first(judges):
    return (
        judges.annotate(
            open_scorecards=Count(
                "scorecards",
                filter=Q(scorecards__status=ScorecardStatus.DRAFT, scorecards__evaluation__status=EvaluationStatus.SCHEDULED),
            )
        )
        .order_by("open_scorecards", "first_name", "last_name", "email")
    )


def managers_of(person):
    """The people who manage one of the person's teams (with the manager role, as permissions.can_observe asks):
    who may observe and sign off their calls. Never the person themself."""
    return (
        User.objects.filter(is_active=True, managed_teams__members=person, groups__name=Role.MANAGER.label)
        .exclude(pk=person.pk)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def reps_observable_by(manager):
    """The people whose calls the manager may observe: the active members of the teams they manage, never
    themself (the same rule as permissions.can_observe). None for someone without the manager role."""
    if not manager.is_authenticated or not manager.has_role(Role.MANAGER):
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, teams__managers=manager)
        .exclude(pk=manager.pk)
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


@dataclass(frozen=True)
class ObservableLevel:
    """A level 3 a rep may take, and whether an observation of it may start now (and why not)."""

    level: CertificationLevel
    availability: EvaluationAvailability
    held: Award | None = None
    previous_held: bool = False


def observation_levels_for(*, rep, now=None) -> list:
    """Every level 3 with a field guide the rep may take (open to all or assigned to them or their team), each
    with whether an observation may start now. Three queries: the levels, the rep's current awards of those
    certifications, the rep's evaluations for those levels."""
    now = now or timezone.now()
    assigned = Assignment.objects.filter(Q(user=rep) | Q(team__members=rep)).values("level__certification_id")
    levels = list(
        CertificationLevel.objects.filter(number=LevelNumber.FIELD, guide__isnull=False, certification__active=True)
        .filter(Q(certification__open_to_all=True) | Q(certification_id__in=assigned))
        .select_related("certification", "guide")
        .order_by("certification__title", "pk")
    )
    if not levels:
        return []
    held, held_numbers = {}, set()
    awards = (
        Award.objects.current(now)
        .filter(user=rep, certification_id__in={level.certification_id for level in levels})
        .select_related("level")
        .order_by("-valid_until")
    )
    for award in awards:
        held.setdefault(award.level_id, award)
        held_numbers.add((award.certification_id, award.level.number))
    evaluations = {}
    for evaluation in (
        Evaluation.objects.filter(performer=rep, level_link__level__in=levels)
        .annotate(level_id=F("level_link__level_id"))
        .order_by("-requested_at")
    ):
        evaluations.setdefault(evaluation.level_id, []).append(evaluation)
    return [
        ObservableLevel(
            level=level,
            availability=availability_from(
                level=level,
                evaluations=evaluations.get(level.pk, []),
                held=held.get(level.pk),
                previous_held=(level.certification_id, level.number - 1) in held_numbers,
                now=now,
            ),
            held=held.get(level.pk),
            previous_held=(level.certification_id, level.number - 1) in held_numbers,
        )
        for level in levels
    ]


def countersigners_eligible(*, exclude=()):
    """Who may join a call as the second observer: managers, judges and enablement admins."""
    roles = [Role.MANAGER.label, Role.JUDGE.label, Role.ENABLEMENT_ADMIN.label]
    return (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .exclude(pk__in=[person.pk for person in exclude])
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def observations_waiting_for(*, manager):
    """Field observations waiting on the manager: requests to answer, calls to score, countersigns to give."""
    return (
        Evaluation.objects.filter(
            Q(observer=manager, status__in=[EvaluationStatus.REQUESTED, EvaluationStatus.SCHEDULED])
            | Q(countersigner=manager, status=EvaluationStatus.COUNTERSIGN)
        )
        .filter(kind="field_observation")
        .select_related("performer", "level_link__level__certification")
        .order_by("scheduled_at", "pk")
    )
