"""Reads of certifications, assignments, awards and quiz results."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Min, Prefetch, Q
from django.utils import timezone

from ..models import Assignment, Award, Certification, CertificationLevel, LevelNumber


DUE_SOON_DAYS = 14
EXPIRY_WARNING_DAYS = 30


@dataclass
class LevelRow:
    """One certification level as it stands for one person."""

    certification: Certification
    level: CertificationLevel
    award: Award | None = None
    due_date: date | None = None
    open_attempt: object = None
    prerequisite_met: bool = True
    today: date = field(default_factory=timezone.localdate)

    @property
    def overdue(self):
        return self.due_date is not None and self.award is None and self.due_date < self.today

    @property
    def due_soon(self):
        return (
            self.due_date is not None
            and self.award is None
            and self.today <= self.due_date <= self.today + timedelta(days=DUE_SOON_DAYS)
        )

    @property
    def days_left(self):
        return (self.due_date - self.today).days if self.due_date else None


@dataclass
class MyCertifications:
    assigned: list
    held: list
    next_steps: list
    open: list

    @property
    def is_empty(self):
        return not (self.assigned or self.held or self.next_steps or self.open)


def _assignments_for(user):
    team_ids = list(user.teams.values_list("pk", flat=True))
    return Assignment.objects.filter(Q(user=user) | Q(team_id__in=team_ids))


def _levels_prefetch():
    return Prefetch("levels", queryset=CertificationLevel.objects.select_related("quiz").order_by("number"))


def my_certifications(*, user, now=None) -> MyCertifications:
    """What the person is asked to hold and by when, what they hold and until when, and what comes next.

    Six queries whatever the numbers: teams, assignments, current awards, open
    attempts, certifications, their levels.
    """
    from assessments.models import Attempt

    now = now or timezone.now()
    due = {}
    for level_id, due_date in _assignments_for(user).values_list("level_id", "due_date"):
        due[level_id] = min(due_date, due.get(level_id, due_date))
    awards = list(
        Award.objects.current(now)
        .filter(user=user)
        .select_related("level", "certification__product")
        .order_by("certification__title", "level__number", "-awarded_at")
    )
    held = {}
    for award in awards:
        held.setdefault(award.level_id, award)
    open_attempts = {attempt.quiz_id: attempt for attempt in Attempt.objects.open().filter(user=user)}
    certifications = list(
        Certification.objects.filter(active=True)
        .filter(
            Q(open_to_all=True)
            | Q(pk__in=CertificationLevel.objects.filter(pk__in=list(due)).values("certification_id"))
            | Q(pk__in={award.certification_id for award in awards})
        )
        .select_related("product")
        .prefetch_related(_levels_prefetch())
        .order_by("title")
    )
    today = timezone.localdate()
    assigned, next_steps, open_ = [], [], []
    for certification in certifications:
        levels = list(certification.levels.all())
        held_numbers = {level.number for level in levels if level.pk in held}

        def row(level):
            return LevelRow(
                certification=certification,
                level=level,
                award=held.get(level.pk),
                due_date=due.get(level.pk),
                open_attempt=open_attempts.get(level.quiz_id) if level.quiz_id else None,
                prerequisite_met=level.number == 1 or level.number - 1 in held_numbers,
                today=today,
            )

        assigned_levels = [level for level in levels if level.pk in due and level.pk not in held]
        assigned += [row(level) for level in assigned_levels]
        if assigned_levels:
            continue
        following = [level for level in levels if level.number > max(held_numbers, default=0)]
        if held_numbers and following:
            next_steps.append(row(following[0]))
        elif not held_numbers and certification.open_to_all and levels:
            open_.append(row(levels[0]))
    assigned.sort(key=lambda item: (item.due_date, item.certification.title, item.level.number))
    held_rows = sorted(held.values(), key=lambda award: (award.certification.title, award.level.number))
    return MyCertifications(assigned=assigned, held=held_rows, next_steps=next_steps, open=open_)


@dataclass
class LevelDetail:
    level: CertificationLevel
    award: Award | None
    due_date: date | None
    prerequisite_met: bool
    can_take: bool
    availability: object
    attempts: list
    question_count: int
    renewable: bool
    # A level assessed with a guide (level 2 scored by a panel, level 3 observed in the field): may the person
    # ask for it, their evaluations (newest first), whether they may ask now (an EvaluationAvailability), and
    # for level 2 the role-plays they may perform.
    may_book: bool = False
    evaluations: list = field(default_factory=list)
    evaluation_availability: object = None
    scenarios: list = field(default_factory=list)

    @property
    def overdue(self):
        return self.due_date is not None and self.award is None and self.due_date < timezone.localdate()

    @property
    def assessed_by_panel(self):
        return self.level.number == LevelNumber.APPLICATION and self.level.guide_id is not None

    @property
    def observed_in_field(self):
        """Level 3: the rep's own manager observes a real customer call and scores it with the field guide."""
        return self.level.number == LevelNumber.FIELD and self.level.guide_id is not None

    @property
    def role_play_minutes(self) -> str:
        """How long the role-play takes: “30”, or “20–40” when the scenarios differ."""
        minutes = sorted({scenario.duration_minutes for scenario in self.scenarios})
        if not minutes:
            return ""
        return str(minutes[0]) if len(minutes) == 1 else f"{minutes[0]}–{minutes[-1]}"

    @property
    def offers_quiz(self):
        """The person may take (or renew) this level's quiz."""
        return self.can_take and self.prerequisite_met and (self.award is None or self.renewable)

    @property
    def expires_soon(self):
        return (
            self.award is not None
            and self.award.valid_until is not None
            and self.award.valid_until - timezone.now() <= timedelta(days=EXPIRY_WARNING_DAYS)
        )


def certification_for_person(*, user, certification: Certification, now=None) -> list:
    """Each level of a certification as it stands for the person: held, due, open attempt, attempts left;
    for a level assessed with a guide (a level-2 role-play, a level-3 field observation), the person's
    evaluations and whether they may ask for one now.

    A fixed number of queries whatever the person's history: levels (with quiz, guide), quiz sections,
    active scenarios, current awards, teams, assignments, attempts, whether the person may take the
    certification, and for the assessed levels their evaluations in one query (whether they may ask for one
    is worked out from what is loaded).
    """
    from assessments.models import Attempt, Evaluation, RolePlayScenario
    from assessments.selectors import attempt_availability, quiz_draw_sizes

    from ..permissions import can_take_level
    from ..services import award_renewable
    from .evaluations import availability_from, is_assessed_level

    now = now or timezone.now()
    active_scenarios = Prefetch(
        "scenarios", queryset=RolePlayScenario.objects.filter(active=True).order_by("title"), to_attr="active_scenarios"
    )
    levels = list(
        certification.levels.select_related("quiz", "guide")
        .prefetch_related("quiz__sections", active_scenarios)
        .order_by("number")
    )
    held = {}
    for award in Award.objects.current(now).filter(user=user, certification=certification).order_by("-awarded_at"):
        held.setdefault(award.level_id, award)
    due = dict(
        _assignments_for(user)
        .filter(level__certification=certification)
        .values("level_id")
        .annotate(due=Min("due_date"))
        .values_list("level_id", "due")
    )
    quiz_ids = [level.quiz_id for level in levels if level.quiz_id]
    draw_sizes = quiz_draw_sizes(level.quiz for level in levels)
    attempts = {}
    for attempt in Attempt.objects.filter(user=user, quiz_id__in=quiz_ids).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    may_take = bool(levels) and can_take_level(user, levels[0])
    held_numbers = {level.number for level in levels if level.pk in held}
    assessed_levels = [level for level in levels if is_assessed_level(level)]
    evaluations = {}
    if assessed_levels:
        for evaluation in (
            Evaluation.objects.filter(performer=user, level_link__level__in=assessed_levels)
            .annotate(level_id=F("level_link__level_id"))
            .select_related("scenario", "observer")
            .order_by("-requested_at")
        ):
            evaluations.setdefault(evaluation.level_id, []).append(evaluation)
    details = []
    for level in levels:
        award = held.get(level.pk)
        level_attempts = attempts.get(level.quiz_id, []) if level.quiz_id else []
        assessed = level in assessed_levels
        details.append(
            LevelDetail(
                level=level,
                award=award,
                due_date=due.get(level.pk),
                prerequisite_met=level.number == 1 or level.number - 1 in held_numbers,
                can_take=bool(may_take and level.quiz_id),
                availability=attempt_availability(quiz=level.quiz, attempts=level_attempts, now=now)
                if level.quiz_id
                else None,
                attempts=[attempt for attempt in reversed(level_attempts) if not attempt.is_open],
                question_count=draw_sizes.get(level.quiz_id, 0),
                renewable=award is not None and award_renewable(award, now),
                may_book=bool(may_take and assessed),
                evaluations=evaluations.get(level.pk, []),
                evaluation_availability=availability_from(
                    level=level,
                    evaluations=evaluations.get(level.pk, []),
                    held=award,
                    previous_held=level.number - 1 in held_numbers,
                    now=now,
                )
                if assessed
                else None,
                scenarios=level.active_scenarios,
            )
        )
    return details


def award_history(*, user, certification=None):
    """Every award the person has had, revoked and expired ones included."""
    awards = Award.objects.filter(user=user).select_related("level", "certification", "granted_by", "revoked_by")
    if certification is not None:
        awards = awards.filter(certification=certification)
    return awards.order_by("-awarded_at")


def quiz_results(*, person):
    """A person's submitted quiz attempts, newest first (private: callers check who may see them)."""
    from assessments.models import Attempt

    return Attempt.objects.submitted().filter(user=person).select_related("quiz").order_by("-submitted_at")


def certifications_due(*, user, teams, limit=3, now=None, open_attempts: dict | None = None) -> list:
    """The few assigned levels due soonest that the person does not hold yet, for the home page.

    Two queries: the assignments (levels held now left out in the database) and open attempts (none when the
    caller passes the person's open attempts as {quiz id: attempt}).
    """
    from assessments.models import Attempt

    now = now or timezone.now()
    held = Award.objects.current(now).filter(user=user).values("level_id")
    rows = (
        Assignment.objects.filter(Q(user=user) | Q(team_id__in=[team.pk for team in teams]))
        .filter(level__certification__active=True)
        .exclude(level_id__in=held)
        .select_related("level__certification", "level__quiz")
        .order_by("due_date", "level__certification__title", "level__number")
    )
    if open_attempts is None:
        open_attempts = {attempt.quiz_id: attempt for attempt in Attempt.objects.open().filter(user=user)}
    due, seen, today = [], set(), timezone.localdate(now)
    for assignment in rows[: limit * 4]:
        level = assignment.level
        if level.pk in seen:
            continue
        seen.add(level.pk)
        due.append(
            LevelRow(
                certification=level.certification,
                level=level,
                due_date=assignment.due_date,
                open_attempt=open_attempts.get(level.quiz_id) if level.quiz_id else None,
                today=today,
            )
        )
    return due[:limit]
