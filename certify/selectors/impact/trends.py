"""Trends: what each week looked like at its end, counted from history (so past weeks can be counted later), and
the last 52 weeks of those snapshots read back for a page."""

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from assessments.models import Attempt, Evaluation, EvaluationStatus

from ...models import (
    Award,
    CertificationLevel,
    Deal,
    ImpactSnapshot,
    LevelNumber,
    Role,
    Team,
    Tier,
    TierChange,
    User,
)
from .readiness import held_at, readiness_formula_current, rep_index
from .scope import NO_TIER, ImpactScope

TREND_WEEKS = 52


def week_of(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def last_complete_week(today: date | None = None) -> date:
    """The Monday of the last week that has ended (the week before this one)."""
    return week_of(today or timezone.localdate()) - timedelta(days=7)


def week_bounds(week: date):
    """The moments the week starts and ends (Monday 00:00 to the next Monday 00:00, in the site's zone)."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(week, time.min), zone)
    return start, timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min), zone)


@dataclass
class WeekFigures:
    """One week for every rep (team_id None) or one team, as ImpactSnapshot keeps it."""

    team_id: int | None
    reps: int = 0
    readiness_mean: float | None = None
    readiness_reps: int = 0
    formula_version: int = 1
    tiers: dict = field(default_factory=dict)
    quiz_attempts: int = 0
    quiz_passed: int = 0
    holding: dict = field(default_factory=dict)
    evaluations: int = 0
    evaluations_passed: int = 0
    deals: int = 0
    revenue: dict = field(default_factory=dict)  # {tier name: decimal string}

    def values(self) -> dict:
        values = asdict(self)
        values.pop("team_id")
        return values


def impact_week_figures(*, week: date) -> list:
    """Every rep's and each team's figures for the week starting `week` (a Monday), as they stood at its end.

    Fourteen queries whatever the numbers: the formula in force then, the teams, then for every rep and per team
    (GROUP BY team): the readiness index, the levels held, the tiers, the level 1 quiz attempts of the week, the
    level 2 and 3 evaluations released in it, and the revenue closed in it by the tier each rep held at its end.
    """
    start, end = week_bounds(week)
    formula = readiness_formula_current(at=end)
    reps = User.objects.filter(is_active=True, groups__name=Role.REP.label)
    rep_ids = reps.values("pk")
    # Every membership of an active rep, checked on the membership's own user (an IN over every rep's id would be
    # probed once per team).
    memberships = Team.members.through.objects.filter(user__is_active=True, user__groups__name=Role.REP.label)
    found = {None: WeekFigures(team_id=None, formula_version=formula.version)}
    for team_id in Team.objects.values_list("pk", flat=True):
        found[team_id] = WeekFigures(team_id=team_id, formula_version=formula.version)

    def index(ref):
        return rep_index(rep=OuterRef(ref), formula=formula, now=end, today=end.date())

    # DISTINCT (over rows already distinct) keeps the reps a subquery of its own: each index counted once, not once
    # for the mean and again for the count.
    whole = (
        reps.annotate(index=index("pk"))
        .values("pk", "index")
        .distinct()
        .aggregate(mean=Avg("index"), indexed=Count("index"), reps=Count("pk"))
    )
    per_team = (
        memberships.annotate(index=index("user_id"))
        .values("team_id")
        .annotate(mean=Avg("index"), indexed=Count("index"), reps=Count("user_id"))
        .order_by()
    )
    for row in [{"team_id": None, **whole}, *per_team]:
        figures = found[row["team_id"]]
        figures.reps, figures.readiness_mean, figures.readiness_reps = row["reps"], row["mean"], row["indexed"]

    held = Award.objects.filter(held_at(end), user__in=rep_ids).order_by()
    holding = [
        *[{"team_key": None, **row} for row in held.values("level__number").annotate(reps=Count("user", distinct=True))],
        *held.values("level__number", team_key=F("user__teams")).annotate(reps=Count("user", distinct=True)),
    ]
    for row in holding:
        if row["team_key"] in found:
            found[row["team_key"]].holding[str(row["level__number"])] = row["reps"]

    def tier_of(ref):
        changes = TierChange.objects.filter(user=OuterRef(ref), at__lte=end).order_by("-at", "-pk")
        return Subquery(changes.values("to_name")[:1])

    tiers = [
        *[{"team_key": None, **row} for row in reps.annotate(tier=tier_of("pk")).values("tier").annotate(reps=Count("pk")).order_by()],
        *memberships.annotate(tier=tier_of("user_id"))
        .values("tier", team_key=F("team_id"))
        .annotate(reps=Count("user_id"))
        .order_by(),
    ]
    for row in tiers:
        if row["team_key"] in found:
            name = row["tier"] or NO_TIER
            counts = found[row["team_key"]].tiers
            counts[name] = counts.get(name, 0) + row["reps"]

    level_one_quizzes = CertificationLevel.objects.filter(number=1, quiz__isnull=False).values("quiz_id")
    attempts = Attempt.objects.submitted().filter(
        submitted_at__gte=start, submitted_at__lt=end, quiz__in=level_one_quizzes, user__in=rep_ids
    )
    counted = {"attempts": Count("pk", distinct=True), "passed": Count("pk", filter=Q(passed=True), distinct=True)}
    quiz = [
        {"team_key": None, **attempts.aggregate(**counted)},
        *attempts.values(team_key=F("user__teams")).annotate(**counted).order_by(),
    ]
    for row in quiz:
        if row["team_key"] in found:
            found[row["team_key"]].quiz_attempts, found[row["team_key"]].quiz_passed = row["attempts"], row["passed"]

    released = Evaluation.objects.filter(
        status=EvaluationStatus.RELEASED, passed__isnull=False, released_at__gte=start, released_at__lt=end,
        performer__in=rep_ids, level_link__level__number__gt=LevelNumber.CONTENT,
    )  # fmt: skip
    counted = {"evaluations": Count("pk", distinct=True), "passed": Count("pk", filter=Q(passed=True), distinct=True)}
    results = [
        {"team_key": None, **released.aggregate(**counted)},
        *released.values(team_key=F("performer__teams")).annotate(**counted).order_by(),
    ]
    for row in results:
        if row["team_key"] in found:
            figures = found[row["team_key"]]
            figures.evaluations, figures.evaluations_passed = row["evaluations"], row["passed"]

    deals = Deal.objects.filter(
        rep__in=rep_ids, staged_in__isnull=True, currency=settings.IMPACT_CURRENCY,
        close_date__gte=week, close_date__lt=week + timedelta(days=7),
    ).annotate(tier=tier_of("rep_id"))  # fmt: skip
    closed = {"deals": Count("pk"), "revenue": Sum("amount")}
    revenue = [
        *[{"team_key": None, **row} for row in deals.values("tier").annotate(**closed).order_by()],
        *deals.values("tier", team_key=F("rep__teams")).annotate(**closed).order_by(),
    ]
    for row in revenue:
        if row["team_key"] in found:
            figures, name = found[row["team_key"]], row["tier"] or NO_TIER
            figures.deals += row["deals"]
            amount = Decimal(figures.revenue.get(name, "0")) + Decimal(row["revenue"] or 0)
            figures.revenue[name] = str(amount.quantize(Decimal("0.01")))
    return list(found.values())


@dataclass
class WeekPoint:
    """A week's figures as a page draws them (several teams' snapshots added up)."""

    reps: int = 0
    readiness_total: float = 0.0
    readiness_reps: int = 0
    tiers: dict = field(default_factory=dict)
    quiz_attempts: int = 0
    quiz_passed: int = 0
    holding: dict = field(default_factory=dict)
    evaluations: int = 0
    evaluations_passed: int = 0
    deals: int = 0
    revenue: dict = field(default_factory=dict)  # {tier name: Decimal}

    @property
    def readiness(self) -> float | None:
        return round(self.readiness_total / self.readiness_reps, 1) if self.readiness_reps else None

    @property
    def pass_rate(self) -> float | None:
        return round(100 * self.quiz_passed / self.quiz_attempts, 1) if self.quiz_attempts else None

    @property
    def evaluation_pass_rate(self) -> float | None:
        return round(100 * self.evaluations_passed / self.evaluations, 1) if self.evaluations else None

    @property
    def revenue_total(self) -> Decimal:
        return sum(self.revenue.values(), Decimal(0))


@dataclass
class Trends:
    scope: ImpactScope
    weeks: list  # the 52 Mondays shown, oldest first
    points: dict  # {Monday: WeekPoint} for the weeks with a snapshot
    tier_names: list  # "No tier yet", then the tiers by rank, then any older names the snapshots hold


def impact_trends(*, scope: ImpactScope) -> Trends:
    """The last 52 complete weeks for the scope: the chosen team's snapshots, every rep's (an admin), or the
    viewer's teams' added up (a manager). Two queries: the snapshots, the tiers' names."""
    last = last_complete_week(scope.today)
    weeks = [last - timedelta(days=7 * back) for back in range(TREND_WEEKS - 1, -1, -1)]
    snapshots = ImpactSnapshot.objects.filter(week__gte=weeks[0], week__lte=last)
    if scope.team is not None:
        snapshots = snapshots.filter(team=scope.team)
    elif scope.is_admin:
        snapshots = snapshots.filter(team__isnull=True)
    else:
        snapshots = snapshots.filter(team__in=scope.teams.values("pk"))
    points = {}
    seen_names = []
    fields = ("week", "reps", "readiness_mean", "readiness_reps", "tiers", "quiz_attempts", "quiz_passed", "holding")
    for row in snapshots.values(*fields, "evaluations", "evaluations_passed", "deals", "revenue"):
        point = points.setdefault(row["week"], WeekPoint())
        point.reps += row["reps"]
        if row["readiness_mean"] is not None:
            point.readiness_total += row["readiness_mean"] * row["readiness_reps"]
            point.readiness_reps += row["readiness_reps"]
        point.quiz_attempts += row["quiz_attempts"]
        point.quiz_passed += row["quiz_passed"]
        point.evaluations += row["evaluations"]
        point.evaluations_passed += row["evaluations_passed"]
        point.deals += row["deals"]
        for name, amount in (row["revenue"] or {}).items():
            point.revenue[name] = point.revenue.get(name, Decimal(0)) + Decimal(amount)
            if name not in seen_names:
                seen_names.append(name)
        for name, count in (row["tiers"] or {}).items():
            point.tiers[name] = point.tiers.get(name, 0) + count
            if name not in seen_names:
                seen_names.append(name)
        for number, count in (row["holding"] or {}).items():
            point.holding[str(number)] = point.holding.get(str(number), 0) + count
    names = [NO_TIER, *Tier.objects.order_by("rank").values_list("name", flat=True)]
    names += [name for name in seen_names if name not in names]
    return Trends(scope=scope, weeks=weeks, points=points, tier_names=names)
