"""The certification funnel: of the reps a certification is assigned to, how many reached each level and how
long each step took; and, per level, how often reps pass first time, overall, and on which attempt.

Every figure is one aggregate query across all the certifications asked about (grouped by certification and
level), never one per rep or per certification: the page's query count is the same for ten reps or ten thousand.
"""

from dataclasses import dataclass, field, replace

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, Evaluation, EvaluationStatus

from ...charts import percent
from ...models import Assignment, Award, Certification, CertificationLevel, LevelNumber
from .scope import ImpactScope
from .stats import days, medians_by

# Certifications shown on one page of the funnel.
FUNNEL_PAGE_SIZE = 10


@dataclass
class FunnelStep:
    label: str
    reps: int
    share: float | None  # percent of the first step's reps
    median_days: float | None  # from the previous step (None for the first, or when nobody took the step)
    number: int = 0  # the level, 0 for the first step


@dataclass
class PassRate:
    """One level's results in the window: first attempts, all attempts, and the attempt reps passed on."""

    number: int
    label: str
    counted_from: str  # "quiz attempts" or "evaluations"
    first_attempts: int = 0
    first_passed: int = 0
    attempts: int = 0
    passed: int = 0
    attempts_to_pass: float | None = None  # the median number of the attempt on which reps first passed

    @property
    def first_rate(self) -> float | None:
        return percent(self.first_passed, self.first_attempts)

    @property
    def overall_rate(self) -> float | None:
        return percent(self.passed, self.attempts)


@dataclass
class CertificationFunnel:
    certification: Certification
    eligible: bool  # open to all and assigned to none of the reps counted: the first step is every rep
    steps: list = field(default_factory=list)
    pass_rates: list = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.steps[0].reps

    @property
    def summary(self) -> str:
        """One sentence: "Of 40 reps assigned, 30 (75 %) have earned level 1 and 12 (30 %) level 2."."""
        title = self.certification.title
        if not self.first:
            return f"None of the reps counted here are assigned {title} yet."
        whom = "eligible (open to all)" if self.eligible else "assigned"
        parts = [f"{step.reps} ({_share(step.share)}) level {step.number}" for step in self.steps[1:]]
        if not parts:
            return f"{self.first} reps are {whom} {title}; it has no levels yet."
        verb = "has" if self.steps[1].reps == 1 else "have"
        parts[0] = parts[0].replace(" level ", f" {verb} earned level ", 1)
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Of {self.first} reps {whom}, {listed}."


@dataclass
class ImpactFunnel:
    scope: ImpactScope
    page: object  # the paginator's page of certifications
    funnels: list


def _share(value) -> str:
    return "—" if value is None else f"{value:g} %"


def impact_funnel(*, scope: ImpactScope, page_number=1, per_page=FUNNEL_PAGE_SIZE) -> ImpactFunnel:
    """The funnels of one page of certifications (the scope's one, or every active one, by title)."""
    page = Paginator(funnel_certifications(scope=scope), per_page).get_page(page_number)
    return ImpactFunnel(scope=scope, page=page, funnels=certification_funnels(scope=scope, certifications=list(page)))


def funnel_certifications(*, scope: ImpactScope):
    certifications = Certification.objects.filter(active=True).prefetch_related("levels").order_by("title", "pk")
    if scope.certification is not None:
        certifications = certifications.filter(pk=scope.certification.pk)
    return certifications


def _assigned_directly(certification, user):
    """Assignments of any level of `certification` to `user` themselves."""
    return Assignment.objects.filter(level__certification=certification, user=user)


def _assigned_through_team(certification, user):
    """Assignments of any level of `certification` to a team `user` is a member of."""
    return Assignment.objects.filter(level__certification=certification, team__members=user)


def _is_assigned(certification, user):
    """True when any level of `certification` is assigned to `user`, directly or through a team. Two EXISTS, not
    one over "to the rep OR to a team of the rep": that OR across the join to the members defeats the indexes
    (every row read every assigned team's members), while each half alone is an index look-up."""
    return Exists(_assigned_directly(certification, user)) | Exists(_assigned_through_team(certification, user))


def _first_assigned_at(certification, user):
    """When any level of `certification` was first assigned to `user`, directly or through a team (None: never):
    the earlier of the two halves' first, each an index look-up (Least alone would be null if either half is)."""
    direct, team = (
        Subquery(assignments.order_by("assigned_at").values("assigned_at")[:1])
        for assignments in (_assigned_directly(certification, user), _assigned_through_team(certification, user))
    )
    return Least(Coalesce(direct, team), Coalesce(team, direct))


def _first_award():
    """True for a rep's earliest award of a level that was not revoked."""
    earlier = Award.objects.filter(user=OuterRef("user"), level=OuterRef("level"), revoked_at__isnull=True).filter(
        Q(awarded_at__lt=OuterRef("awarded_at")) | Q(awarded_at=OuterRef("awarded_at"), pk__lt=OuterRef("pk"))
    )
    return ~Exists(earlier)


def _between(later, earlier):
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def certification_funnels(*, scope: ImpactScope, certifications: list) -> list:
    """The funnel and pass rates of each certification given (levels prefetched), in the order given."""
    if not certifications:
        return []
    ids = [certification.pk for certification in certifications]
    rep_ids = scope.rep_ids()

    # 1. The reps in scope each certification is assigned to (directly or through a team).
    assigned = dict(
        Assignment.objects.filter(level__certification__in=ids)
        .annotate(rep=Coalesce("user", "team__members"))
        .filter(rep__in=rep_ids)
        .order_by()
        .values("level__certification")
        .annotate(reps=Count("rep", distinct=True))
        .values_list("level__certification", "reps")
    )
    eligible = [c.pk for c in certifications if c.open_to_all and not assigned.get(c.pk)]
    # 2. Every rep in scope, the first step of a certification open to all that nobody counted is assigned.
    everyone = scope.reps().count() if eligible else 0

    in_scope = Award.objects.filter(revoked_at__isnull=True, certification__in=ids, user__in=rep_ids)
    awards = in_scope.filter(_is_assigned(OuterRef("certification"), OuterRef("user")) | Q(certification__in=eligible))
    # 3. Reps who were ever awarded each level (not revoked), among the first step's reps.
    reached = {
        (row["certification"], row["level__number"]): row["reps"]
        for row in awards.order_by().values("certification", "level__number").annotate(reps=Count("user", distinct=True))
    }
    # 4. Median time from a rep's first assignment to their first level-1 award (awards after the assignment).
    # The comparison with the first assignment is false when there is none, so it alone keeps the awards of reps
    # assigned the certification: no separate "is assigned" or "not null" test, each of which would repeat the
    # look-ups for every award.
    first_level1 = (
        in_scope.filter(level__number=LevelNumber.CONTENT)
        .exclude(certification__in=eligible)
        .filter(_first_award())
        .annotate(assigned_from=_first_assigned_at(OuterRef("certification"), OuterRef("user")))
        .filter(awarded_at__gte=F("assigned_from"))
        .order_by()
    )
    to_level1 = medians_by(first_level1, value=_between("awarded_at", "assigned_from"), group_by=("certification",))
    # 5. Median time from a rep's first award of the level below to their first award of the level.
    # The level below is looked up first, so the rep's awards of it are found by (rep, level) on the awards' index
    # rather than among every award of the certification.
    level_below = CertificationLevel.objects.filter(
        certification=OuterRef("certification"), number=OuterRef("level__number") - 1
    ).values("pk")[:1]
    below = Award.objects.filter(
        user=OuterRef("user"), level=OuterRef("below"), certification=OuterRef("certification"), revoked_at__isnull=True
    )
    first_higher = (
        awards.filter(level__number__gt=LevelNumber.CONTENT)
        .filter(_first_award())
        .annotate(below=Subquery(level_below))
        .annotate(previous_at=Subquery(below.order_by("awarded_at").values("awarded_at")[:1]))
        .filter(previous_at__isnull=False, awarded_at__gte=F("previous_at"))
        .order_by()
    )
    to_higher = medians_by(
        first_higher, value=_between("awarded_at", "previous_at"), group_by=("certification", "level__number")
    )
    rates = _pass_rates(scope=scope, ids=ids, rep_ids=rep_ids)

    funnels = []
    for certification in certifications:
        is_eligible = certification.pk in eligible
        first = everyone if is_eligible else assigned.get(certification.pk, 0)
        label = "Eligible (open to all)" if is_eligible else "Assigned"
        steps = [FunnelStep(label=label, reps=first, share=100.0 if first else None, median_days=None)]
        pass_rates = []
        for level in sorted(certification.levels.all(), key=lambda level: level.number):
            number = level.number
            if number == LevelNumber.CONTENT:
                median = to_level1.get((certification.pk,))
            else:
                median = to_higher.get((certification.pk, number))
            count = reached.get((certification.pk, number), 0)
            steps.append(
                FunnelStep(label=level.label, reps=count, share=percent(count, first), median_days=days(median), number=number)
            )
            source = "quiz attempts" if number == LevelNumber.CONTENT else "evaluations"
            rate = rates.get((certification.pk, number)) or PassRate(number=number, label="", counted_from=source)
            pass_rates.append(replace(rate, label=level.label))
        funnels.append(
            CertificationFunnel(certification=certification, eligible=is_eligible, steps=steps, pass_rates=pass_rates)
        )
    return funnels


def _pass_rates(*, scope: ImpactScope, ids: list, rep_ids) -> dict:
    """{(certification id, level number): PassRate} for the window: level 1 from submitted quiz attempts, levels 2
    and 3 from evaluations that reached a final result. Four queries."""
    start = scope.window_start_moment
    now = timezone.now()
    found: dict = {}

    # Level 1: the quiz of each certification's level 1 (a quiz shared by two certifications counts for both).
    attempts = (
        Attempt.objects.filter(
            status=AttemptStatus.SUBMITTED, passed__isnull=False, user__in=rep_ids, submitted_at__gte=start,
            submitted_at__lte=now, quiz__certification_levels__number=LevelNumber.CONTENT,
            quiz__certification_levels__certification__in=ids,
        )
        .annotate(for_certification=F("quiz__certification_levels__certification"))
        .order_by()
    )  # fmt: skip
    for row in attempts.values("for_certification").annotate(
        taken=Count("pk"),
        taken_passed=Count("pk", filter=Q(passed=True)),
        taken_first=Count("pk", filter=Q(number=1)),
        taken_first_passed=Count("pk", filter=Q(number=1, passed=True)),
    ):
        found[(row["for_certification"], LevelNumber.CONTENT)] = PassRate(
            number=LevelNumber.CONTENT, label="", counted_from="quiz attempts", first_attempts=row["taken_first"],
            first_passed=row["taken_first_passed"], attempts=row["taken"], passed=row["taken_passed"],
        )  # fmt: skip
    earlier_pass = Attempt.objects.filter(
        user=OuterRef("user"), quiz=OuterRef("quiz"), status=AttemptStatus.SUBMITTED, passed=True, number__lt=OuterRef("number")
    )
    first_passes = attempts.filter(passed=True).filter(~Exists(earlier_pass))
    for (certification,), median in medians_by(first_passes, value=F("number"), group_by=("for_certification",)).items():
        if (certification, LevelNumber.CONTENT) in found:
            found[(certification, LevelNumber.CONTENT)].attempts_to_pass = median

    # Levels 2 and 3: evaluations with a final result; a rep's attempt n is their n-th final evaluation of the level.
    final = Evaluation.objects.filter(status=EvaluationStatus.RELEASED, passed__isnull=False, released_at__isnull=False)
    attempt_number = _released_up_to_this(final)
    evaluations = (
        final.filter(
            performer__in=rep_ids, released_at__gte=start, released_at__lte=now,
            level_link__level__certification__in=ids, level_link__level__number__gt=LevelNumber.CONTENT,
        )
        .annotate(
            for_certification=F("level_link__level__certification"), for_level=F("level_link__level__number"),
            attempt_number=attempt_number,
        )
        .order_by()
    )  # fmt: skip
    for row in evaluations.values("for_certification", "for_level").annotate(
        taken=Count("pk"),
        taken_passed=Count("pk", filter=Q(passed=True)),
        taken_first=Count("pk", filter=Q(attempt_number=1)),
        taken_first_passed=Count("pk", filter=Q(attempt_number=1, passed=True)),
    ):
        found[(row["for_certification"], row["for_level"])] = PassRate(
            number=row["for_level"], label="", counted_from="evaluations", first_attempts=row["taken_first"],
            first_passed=row["taken_first_passed"], attempts=row["taken"], passed=row["taken_passed"],
        )  # fmt: skip
    # A rep's first pass is the passed evaluation that is their first passed one up to and including itself (a
    # count by the rep, like the attempt number; a NOT EXISTS over earlier passes would walk the level's every
    # evaluation on SQLite, which picks the level's index over the rep's for it).
    first_eval_passes = (
        evaluations.filter(passed=True)
        .annotate(pass_number=_released_up_to_this(final.filter(passed=True)))
        .filter(pass_number=1)
    )
    medians = medians_by(first_eval_passes, value=F("attempt_number"), group_by=("for_certification", "for_level"))
    for key, median in medians.items():
        if key in found:
            found[key].attempts_to_pass = median
    return found


def _released_up_to_this(evaluations):
    """How many of `evaluations` by the outer evaluation's performer, of its level, were released up to and
    including it (ties on the moment broken by id)."""
    return Subquery(
        evaluations.filter(performer=OuterRef("performer"), level_link__level=OuterRef("level_link__level"))
        .filter(Q(released_at__lt=OuterRef("released_at")) | Q(released_at=OuterRef("released_at"), pk__lte=OuterRef("pk")))
        .order_by()
        .values("performer")
        .annotate(number=Count("pk"))
        .values("number")[:1]
    )
