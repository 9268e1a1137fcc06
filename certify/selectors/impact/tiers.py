"""Revenue by tier: what the reps of each current tier closed in the window, and how reps moved between tiers —
promotions and demotions by month and from which tier to which — each one grouped aggregate query."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ...models import Deal, RepTier, Tier, TierChange
from .scope import NO_TIER, ImpactScope


@dataclass
class TierRow:
    name: str
    reps: int
    deals: int
    revenue: Decimal
    revenue_per_rep: Decimal | None
    average_deal: Decimal | None


@dataclass
class MonthMoves:
    month: date  # the first day of the month
    promotions: int
    demotions: int


@dataclass
class RevenueByTier:
    scope: ImpactScope
    currency: str
    reps: int
    tiers: list  # TierRow per tier by rank, "No tier yet" first
    months: list  # MonthMoves for each month of the window, oldest first
    moves: list  # (from name, to name, moves), most moves first
    promotions: int
    demotions: int
    other_currency_deals: int  # deals in the window left out because they are not in `currency`


def _per(amount, count):
    return round(Decimal(amount) / count, 2) if count else None


def promotion_q() -> Q:
    """TierChange.is_promotion, in the database: to a tier, from none or from a lower-ranked one."""
    return Q(to_tier__isnull=False) & (Q(from_tier__isnull=True) | Q(to_tier__rank__gt=F("from_tier__rank")))


def _months(start: date, end: date) -> list:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def revenue_by_tier(*, scope: ImpactScope) -> RevenueByTier:
    """Six queries: the reps counted, their current tiers, the tiers, the deals by tier, the moves by month, the
    moves from → to."""
    rep_ids = scope.rep_ids()
    currency = settings.IMPACT_CURRENCY
    reps = scope.reps().count()
    placed = dict(
        RepTier.objects.filter(user__in=rep_ids, tier__isnull=False)
        .values("tier")
        .annotate(reps=Count("user"))
        .values_list("tier", "reps")
    )
    counted = Q(currency=currency)
    by_tier = {
        row["rep__tier_status__tier"]: row
        for row in Deal.objects.filter(
            rep__in=rep_ids, staged_in__isnull=True, close_date__gte=scope.window_start, close_date__lte=scope.today
        )
        .values("rep__tier_status__tier")
        .annotate(
            deals=Count("pk", filter=counted),
            revenue=Sum("amount", filter=counted),
            others=Count("pk", filter=~counted),
        )
        .order_by()
    }

    def row(name, key, count):
        figures = by_tier.get(key, {})
        deals, revenue = figures.get("deals", 0), Decimal(figures.get("revenue") or 0).quantize(Decimal("0.01"))
        return TierRow(name, count, deals, revenue, _per(revenue, count), _per(revenue, deals))

    tiers = [row(NO_TIER, None, reps - sum(placed.values()))]
    tiers += [row(tier.name, tier.pk, placed.get(tier.pk, 0)) for tier in Tier.objects.order_by("rank")]

    changes = TierChange.objects.filter(user__in=rep_ids, at__gte=scope.window_start_moment, at__lte=timezone.now())
    by_month = {
        timezone.localtime(row["month"]).date() if hasattr(row["month"], "hour") else row["month"]: row
        for row in changes.annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(moves=Count("pk"), promotions=Count("pk", filter=promotion_q()))
        .order_by("month")
    }
    months = [
        MonthMoves(
            month=month,
            promotions=by_month.get(month, {}).get("promotions", 0),
            demotions=by_month.get(month, {}).get("moves", 0) - by_month.get(month, {}).get("promotions", 0),
        )
        for month in _months(scope.window_start, scope.today)
    ]
    moves = [
        (row["from_name"] or NO_TIER, row["to_name"] or NO_TIER, row["moves"])
        for row in changes.values("from_name", "to_name").annotate(moves=Count("pk")).order_by("-moves", "from_name", "to_name")
    ]
    return RevenueByTier(
        scope=scope,
        currency=currency,
        reps=reps,
        tiers=tiers,
        months=months,
        moves=moves,
        promotions=sum(month.promotions for month in months),
        demotions=sum(month.demotions for month in months),
        other_currency_deals=sum(row["others"] for row in by_tier.values()),
    )
