"""The certification funnel: of the reps a certification is assigned to, how many reached each level and how
long each step took; and, per level, how often reps pass first time, overall, and on which attempt.

Every figure is one aggregate query across all the certifications asked about (grouped by certification and
level), never one per rep or per certification: the page's query count is the same for ten reps or ten thousand.
The figures read the progress rollup (models.progress, rebuilt every few minutes by django-q2), where each rep's
first assignment, first award of each level and try numbers are already worked out.
"""

from dataclasses import dataclass, field, replace

from django.core.paginator import Paginator
from django.db.models import Case, Count, DurationField, ExpressionWrapper, F, Q, When
from django.utils import timezone

from ...charts import percent
from ...models import Certification, LevelNumber, LevelProgress, LevelResult
from .scope import ImpactScope
from .stats import days, histogram_median, medians_by

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
    return ImpactFunnel(
        scope=scope,
        page=page,
        funnels=certification_funnels(scope=scope, certifications=list(page)),
    )


def funnel_certifications(*, scope: ImpactScope):
    certifications = Certification.objects.filter(active=True).prefetch_related("levels").order_by("title", "pk")
    if scope.certification is not None:
        certifications = certifications.filter(pk=scope.certification.pk)
    return certifications


def _between(later, earlier):
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def certification_funnels(*, scope: ImpactScope, certifications: list) -> list:
    """The funnel and pass rates of each certification given (levels prefetched), in the order given, from the
    progress rollup (models.progress): five queries over indexed rows of the scope's reps."""
    if not certifications:
        return []
    ids = [certification.pk for certification in certifications]
    progress = scope.rollup_rows(LevelProgress.objects.filter(certification__in=ids)).order_by()

    # 1. The reps in scope each certification is assigned to (any level, directly or through a team).
    assigned = dict(
        progress.filter(certification_assigned_at__isnull=False)
        .values("certification")
        .annotate(reps=Count("user", distinct=True))
        .values_list("certification", "reps")
    )
    eligible = [c.pk for c in certifications if c.open_to_all and not assigned.get(c.pk)]
    # 2. Every rep in scope, the first step of a certification open to all that nobody counted is assigned.
    everyone = scope.reps().count() if eligible else 0

    # 3. Reps who were ever awarded each level (not revoked), among the first step's reps.
    earned = progress.filter(first_awarded_at__isnull=False).filter(
        Q(certification_assigned_at__isnull=False) | Q(certification__in=eligible)
    )
    reached = {
        (row["certification"], row["number"]): row["reps"]
        for row in earned.values("certification", "number").annotate(reps=Count("user"))
    }
    # 4. Median days per step, in one query: to level 1 from a rep's first assignment of the certification (not for
    # a certification counted as open to all; awards before the assignment left out), to each higher level from
    # the rep's first award of the level below.
    to_level1 = Q(
        number=LevelNumber.CONTENT, certification_assigned_at__isnull=False,
        first_awarded_at__gte=F("certification_assigned_at"),
    ) & ~Q(certification__in=eligible)  # fmt: skip
    to_higher = Q(
        number__gt=LevelNumber.CONTENT, below_first_awarded_at__isnull=False,
        first_awarded_at__gte=F("below_first_awarded_at"),
    )  # fmt: skip
    step = Case(
        When(number=LevelNumber.CONTENT, then=_between("first_awarded_at", "certification_assigned_at")),
        default=_between("first_awarded_at", "below_first_awarded_at"),
        output_field=DurationField(),
    )
    medians = medians_by(earned.filter(to_level1 | to_higher), value=step, group_by=("certification", "number"))
    rates = _pass_rates(scope=scope, ids=ids)

    funnels = []
    for certification in certifications:
        is_eligible = certification.pk in eligible
        first = everyone if is_eligible else assigned.get(certification.pk, 0)
        label = "Eligible (open to all)" if is_eligible else "Assigned"
        steps = [
            FunnelStep(
                label=label,
                reps=first,
                share=100.0 if first else None,
                median_days=None,
            )
        ]
        pass_rates = []
        for level in sorted(certification.levels.all(), key=lambda level: level.number):
            number = level.number
            median = medians.get((certification.pk, number))
            count = reached.get((certification.pk, number), 0)
            steps.append(
                FunnelStep(
                    label=level.label,
                    reps=count,
                    share=percent(count, first),
                    median_days=days(median),
                    number=number,
                )
            )
            source = "quiz attempts" if number == LevelNumber.CONTENT else "evaluations"
            rate = rates.get((certification.pk, number)) or PassRate(number=number, label="", counted_from=source)
            pass_rates.append(replace(rate, label=level.label))
        funnels.append(
            CertificationFunnel(
                certification=certification,
                eligible=is_eligible,
                steps=steps,
                pass_rates=pass_rates,
            )
        )
    return funnels


def _pass_rates(*, scope: ImpactScope, ids: list) -> dict:
    """{(certification id, level number): PassRate} for the window, from the progress rollup's results: level 1
    from submitted quiz attempts, levels 2 and 3 from evaluations that reached a final result. One query."""
    now = timezone.now()
    results = LevelResult.objects.filter(
        Q(number=LevelNumber.CONTENT, attempt__isnull=False) | Q(number__gt=LevelNumber.CONTENT, evaluation__isnull=False),
        certification__in=ids, at__gte=scope.window_start_moment, at__lte=now,
    )  # fmt: skip
    results = scope.rollup_rows(results).order_by()
    # One GROUP BY per try number: a short histogram per level, from which the totals and the median try of the
    # first passes are read here (a handful of rows, whatever the number of results).
    by_try: dict = {}
    for row in results.values("certification", "number", "try_number").annotate(
        taken=Count("pk"), passed=Count("pk", filter=Q(passed=True)), first_passes=Count("pk", filter=Q(first_pass=True))
    ).order_by("certification", "number", "try_number"):
        by_try.setdefault((row["certification"], row["number"]), []).append(row)
    found: dict = {}
    for (certification, number), rows in by_try.items():
        first = next((row for row in rows if row["try_number"] == 1), {"taken": 0, "passed": 0})
        passes = [(row["try_number"], row["first_passes"]) for row in rows if row["first_passes"]]
        found[(certification, number)] = PassRate(
            number=number, label="", counted_from="quiz attempts" if number == LevelNumber.CONTENT else "evaluations",
            first_attempts=first["taken"], first_passed=first["passed"], attempts=sum(row["taken"] for row in rows),
            passed=sum(row["passed"] for row in rows), attempts_to_pass=histogram_median(passes) if passes else None,
        )  # fmt: skip
    return found
