"""Time to certify and ramp: from each rep's start date to the first time they reached each tier and to their
first closed-won deal, overall and by hire cohort (month or quarter).

A tier is reached at the first recorded change of tier to that tier or a higher one (tiers by rank); a deal counts
from its close date, imports still writing left out. The window of the page goes by start date: the reps counted
are those who started from the window's first day to today. Everything is counted in the database: one
subquery per milestone on the reps, grouped by cohort, with medians_by for the medians.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import TruncDate, TruncMonth, TruncQuarter

from ...models import Deal, Tier, TierChange, User
from .scope import ImpactScope
from .stats import days, medians_by

COHORT_MONTH, COHORT_QUARTER = "month", "quarter"
COHORTS = ((COHORT_QUARTER, "Quarter"), (COHORT_MONTH, "Month"))
DEFAULT_COHORT = COHORT_QUARTER
FIRST_DEAL = "First closed-won deal"


@dataclass(frozen=True)
class Milestone:
    key: str  # the annotation holding the day it was reached
    label: str


@dataclass
class MilestoneFigure:
    milestone: Milestone
    counted: int  # reps with a start date in the window
    reached: int
    median_days: float | None


@dataclass
class CohortRow:
    start: date  # the cohort's first day
    label: str
    hired: int
    figures: list  # MilestoneFigure per milestone, in the milestones' order


@dataclass
class Ramp:
    scope: ImpactScope
    cohort: str
    reps: int  # every rep the reader may read figures about
    without_start_date: int
    outside_window: int  # reps with a start date before the window (or not yet started)
    counted: int  # reps who started in the window
    milestones: list
    overall: list  # MilestoneFigure per milestone
    cohorts: list  # CohortRow per month or quarter of the window, oldest first


def _milestones(tiers) -> list:
    return [Milestone(f"reached_tier_{tier.pk}", tier.name) for tier in tiers] + [Milestone("reached_deal", FIRST_DEAL)]


def _reps_with_milestones(scope: ImpactScope, tiers, cohort: str):
    """The reps who started in the window, each with the day they reached each milestone (null: not yet)."""
    trunc = TruncMonth if cohort == COHORT_MONTH else TruncQuarter
    reps = User.objects.filter(
        pk__in=scope.rep_ids(), start_date__gte=scope.window_start, start_date__lte=scope.today
    ).annotate(cohort=trunc("start_date"))
    annotations = {}
    for tier in tiers:
        first_change = TierChange.objects.filter(user=OuterRef("pk"), to_tier__rank__gte=tier.rank).order_by("at")
        # The day of the change in the reader's zone (TruncDate follows the current time zone).
        annotations[f"reached_tier_{tier.pk}"] = Subquery(first_change.annotate(day=TruncDate("at")).values("day")[:1])
    first_deal = Deal.objects.filter(rep=OuterRef("pk"), staged_in__isnull=True).order_by("close_date")
    annotations["reached_deal"] = Subquery(first_deal.values("close_date")[:1])
    return reps.annotate(**annotations)


def _reached(tiers) -> list:
    """Per milestone (in _milestones' order), the ids of the reps who have reached it, as subqueries."""
    tier_reached = [TierChange.objects.filter(to_tier__rank__gte=tier.rank).values("user_id") for tier in tiers]
    return tier_reached + [Deal.objects.filter(staged_in__isnull=True).values("rep_id")]


def _duration(key: str):
    return ExpressionWrapper(F(key) - F("start_date"), output_field=DurationField())


def _periods(start: date, end: date, cohort: str) -> list:
    """Every cohort's first day from the one holding `start` to the one holding `end`."""
    step = 1 if cohort == COHORT_MONTH else 3
    month = (start.month - 1) // step * step + 1
    current, found = date(start.year, month, 1), []
    while current <= end:
        found.append(current)
        month = current.month - 1 + step
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return found


def cohort_label(start: date, cohort: str) -> str:
    if cohort == COHORT_MONTH:
        return start.strftime("%b %Y")
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def impact_ramp(*, scope: ImpactScope, cohort: str = DEFAULT_COHORT) -> Ramp:
    """Queries: the tiers; who is counted; reached counts by cohort; per milestone, its medians overall and by
    cohort. The number of queries follows the number of tiers, never the number of reps."""
    cohort = cohort if cohort in dict(COHORTS) else DEFAULT_COHORT
    tiers = list(Tier.objects.order_by("rank").only("pk", "name", "rank"))
    milestones = _milestones(tiers)
    in_window = Q(start_date__gte=scope.window_start, start_date__lte=scope.today)
    who = User.objects.filter(pk__in=scope.rep_ids()).aggregate(
        reps=Count("pk"),
        undated=Count("pk", filter=Q(start_date__isnull=True)),
        counted=Count("pk", filter=in_window),
    )
    reps = _reps_with_milestones(scope, tiers, cohort)
    counts = {
        row["cohort"]: row
        for row in reps.order_by().values("cohort").annotate(
            hired=Count("pk"),
            **{milestone.key + "_n": Count("pk", filter=Q(**{f"{milestone.key}__isnull": False})) for milestone in milestones},
        )
    }
    overall_medians, cohort_medians = {}, {}
    for milestone, reached in zip(milestones, _reached(tiers), strict=True):
        # A median counts only the reps who reached the milestone; cut to them first (one list, taken once), so
        # that the day each reached it is looked up for them alone rather than for every rep who started.
        reps_reached = reps.filter(pk__in=reached)
        overall_medians[milestone.key] = medians_by(reps_reached, value=_duration(milestone.key)).get(())
        by_cohort = medians_by(reps_reached, value=_duration(milestone.key), group_by=("cohort",))
        for (start,), median in by_cohort.items():
            cohort_medians[(_as_date(start), milestone.key)] = median
    counts = {_as_date(start): row for start, row in counts.items()}

    counted = who["counted"]
    overall = [
        MilestoneFigure(
            milestone=milestone,
            counted=counted,
            reached=sum(row[milestone.key + "_n"] for row in counts.values()),
            median_days=days(overall_medians[milestone.key]),
        )
        for milestone in milestones
    ]
    cohorts = []
    for start in _periods(scope.window_start, scope.today, cohort):
        row = counts.get(start, {})
        hired = row.get("hired", 0)
        cohorts.append(
            CohortRow(
                start=start,
                label=cohort_label(start, cohort),
                hired=hired,
                figures=[
                    MilestoneFigure(
                        milestone=milestone,
                        counted=hired,
                        reached=row.get(milestone.key + "_n", 0),
                        median_days=days(cohort_medians.get((start, milestone.key))),
                    )
                    for milestone in milestones
                ],
            )
        )
    return Ramp(
        scope=scope,
        cohort=cohort,
        reps=who["reps"],
        without_start_date=who["undated"],
        outside_window=who["reps"] - who["undated"] - counted,
        counted=counted,
        milestones=milestones,
        overall=overall,
        cohorts=cohorts,
    )


def _as_date(value) -> date:
    """A cohort's first day as a date (TruncMonth of a date field may come back as a datetime on some backends)."""
    return value.date() if hasattr(value, "date") and callable(value.date) else value
