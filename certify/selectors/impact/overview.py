"""The impact overview: how many reps are counted, how many hold each level, where they sit in the tiers,
and what they closed in the window — each a single aggregate query over the scope's reps."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from ...models import Award, Deal, LevelNumber, RepTier, Tier
from .scope import ImpactScope


@dataclass
class ImpactOverview:
    scope: ImpactScope
    reps: int
    with_start_date: int
    holding: list  # (level number, label, reps holding it now) for levels 1–3
    tiers: list  # (tier name or "No tier yet", reps)
    deals: int
    revenue: list  # (currency, amount) in the window, largest first


def impact_overview(*, scope: ImpactScope) -> ImpactOverview:
    """Five queries: the reps counted (with start dates), levels held now, tiers, tier names, deals in the window."""
    rep_ids = scope.rep_ids()
    counted = scope.reps().aggregate(reps=Count("pk", distinct=True), dated=Count("pk", filter=Q(start_date__isnull=False), distinct=True))
    awards = Award.objects.current(timezone.now()).filter(user__in=rep_ids)
    if scope.certification is not None:
        awards = awards.filter(certification=scope.certification)
    by_level = dict(awards.values("level__number").annotate(reps=Count("user", distinct=True)).values_list("level__number", "reps"))
    by_tier = dict(
        RepTier.objects.filter(user__in=rep_ids).values("tier").annotate(reps=Count("user")).values_list("tier", "reps")
    )
    tiers = [(tier.name, by_tier.get(tier.pk, 0)) for tier in Tier.objects.order_by("rank")]
    placed = sum(count for tier_pk, count in by_tier.items() if tier_pk is not None)
    deals = Deal.objects.filter(rep__in=rep_ids, staged_in__isnull=True, close_date__gte=scope.window_start, close_date__lte=scope.today)
    revenue = list(deals.values("currency").annotate(amount=Sum("amount"), deals=Count("pk")).order_by("-amount"))
    return ImpactOverview(
        scope=scope,
        reps=counted["reps"],
        with_start_date=counted["dated"],
        holding=[(number, LevelNumber(number).label, by_level.get(number, 0)) for number in LevelNumber.values],
        tiers=[("No tier yet", counted["reps"] - placed), *tiers],
        deals=sum(row["deals"] for row in revenue),
        revenue=[(row["currency"], row["amount"]) for row in revenue],
    )
