"""Reads for tiers: the rules as the admin set them, a rep's facts, the path, and who sits where."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from .. import tier_rules
from ..models import Award, Certification, Deal, RepTier, Role, Team, Tier, TierChange, TierRequiredLevel, User

# The certification that stands for each core product: its first active one by title.


def core_certifications() -> list:
    """One active certification per active core product (the first by title), for "a level on every core product"."""
    chosen = {}
    for certification in Certification.objects.filter(active=True, product__active=True, product__is_core=True).order_by(
        "product__name", "title"
    ):
        chosen.setdefault(certification.product_id, certification)
    return list(chosen.values())


def tier_rules_all() -> list:
    """Every tier as a rule for the rules engine (three queries)."""
    tiers = Tier.objects.prefetch_related(
        Prefetch("required_levels", queryset=TierRequiredLevel.objects.select_related("certification"))
    )
    core = core_certifications()
    rules = []
    for tier in tiers:
        levels = []
        if tier.core_level:
            levels += [tier_rules.LevelNeed(c.pk, c.title, c.slug, tier.core_level) for c in core]
        levels += [
            tier_rules.LevelNeed(need.certification_id, need.certification.title, need.certification.slug, need.number)
            for need in tier.required_levels.all()
        ]
        rules.append(
            tier_rules.TierRule(
                pk=tier.pk,
                name=tier.name,
                rank=tier.rank,
                levels=tuple(levels),
                min_deals=tier.min_deals,
                min_revenue=tier.min_revenue,
                revenue_months=tier.revenue_months,
                sustained_quarters=tier.sustained_quarters,
                sustained_amount=tier.sustained_amount,
                currency=tier.currency,
            )
        )
    return rules


def tier_facts(*, user, now=None) -> tier_rules.Facts:
    """What the rules look at for one rep: levels held now and closed-won deals (two queries)."""
    now = now or timezone.now()
    held = frozenset(Award.objects.current(now).filter(user=user).values_list("certification_id", "level__number"))
    deals = tuple(
        tier_rules.Deal(close_date, amount, currency)
        for close_date, amount, currency in Deal.objects.filter(rep=user, staged_in=None).values_list(
            "close_date", "amount", "currency"
        )
    )
    return tier_rules.Facts(held=held, deals=deals, today=timezone.localdate(now))


def tier_result_for(*, user, rules=None, now=None) -> tier_rules.TierResult:
    return tier_rules.evaluate(tier_facts(user=user, now=now), tier_rules_all() if rules is None else rules)


@dataclass
class TierStep:
    """One tier on a rep's path: what it asks, and which of it the rep has."""

    rule: tier_rules.TierRule
    requirements: list
    missing: tuple
    reached: bool
    is_next: bool


@dataclass
class RepPath:
    result: tier_rules.TierResult
    steps: list
    history: list
    deals: list
    deal_count: int
    recertify: list = ()  # awards held now whose level's content changed: to take again by award.recertify_by


def rep_path(*, user, now=None) -> RepPath:
    """Everything the rep's path page shows: current tier, the ladder, what is missing, history and deals."""
    rules = tier_rules_all()
    result = tier_result_for(user=user, rules=rules, now=now)
    reached_rank = result.tier.rank if result.tier else 0
    steps = [
        TierStep(
            rule=rule,
            requirements=tier_rules.describe(rule),
            missing=result.unmet.get(rule.rank, ()),
            reached=rule.rank <= reached_rank,
            is_next=result.next_tier is not None and rule.pk == result.next_tier.pk,
        )
        for rule in sorted(rules, key=lambda rule: rule.rank)
    ]
    deals = Deal.objects.filter(rep=user, staged_in=None).order_by("-close_date")
    return RepPath(
        result=result,
        steps=steps,
        history=list(TierChange.objects.filter(user=user)[:10]),
        deals=list(deals[:10]),
        deal_count=deals.count(),
        recertify=list(
            Award.objects.current(now)
            .filter(user=user, recertify_by__isnull=False)
            .select_related("certification", "level", "level_change")
            .order_by("recertify_by", "pk")
        ),
    )


def teams_visible_for_tiers(user):
    """Managers see their own teams; enablement admins see every team."""
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return Team.objects.all()
    return Team.objects.filter(managers=user)


def tier_counts_by_team(*, teams) -> tuple:
    """How many reps sit in each tier, per team: one grouped count over team memberships in the database.

    `teams` may be a page of teams. Three queries: tiers, teams, and the counts by (team, tier). Each
    team also gets `shares`: (css rank, percent) pairs for its spread bar, worked out here.
    """
    tiers = list(Tier.objects.order_by("rank"))
    rows = list(teams)
    is_rep = User.groups.through.objects.filter(user_id=OuterRef("user_id"), group__name=Role.REP.label)
    counts = (
        Team.members.through.objects.filter(Exists(is_rep), team_id__in=[team.pk for team in rows], user__is_active=True)
        .values_list("team_id", "user__tier_status__tier_id")
        .annotate(n=Count("user_id"))
        .order_by()
    )
    by_team = {}
    for team_id, tier_id, n in counts:
        by_team.setdefault(team_id, {})[tier_id] = n
    for team in rows:
        found = by_team.get(team.pk, {})
        team.reps_total = sum(found.values())
        team.tier_none = found.get(None, 0)
        team.tier_counts = [found.get(tier.pk, 0) for tier in tiers]
        whole = team.reps_total or 1
        team.shares = [(0, 100 * team.tier_none // whole)] + [
            (rank, 100 * count // whole) for rank, count in enumerate(team.tier_counts, start=1)
        ]
    return tiers, rows


def reps_by_tier(*, teams, tier=None, no_tier=False, team=None):
    """Reps in these teams with their tier and progress, for the list, its filters and the CSV export.

    Team membership and the rep role are tested with EXISTS, not joins, so no DISTINCT is needed
    however many teams a rep is in.
    """
    Members = Team.members.through
    # Team ids as a list: SQLite would run a nested team subquery again for every person. When the
    # list is every team (an enablement admin), "in a team" is all that needs asking.
    team_ids = [team.pk] if team is not None else list(teams.values_list("pk", flat=True))
    in_teams = Members.objects.filter(user_id=OuterRef("pk"))
    if team is not None or len(team_ids) < Team.objects.count():
        in_teams = in_teams.filter(team_id__in=team_ids)
    is_rep = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=Role.REP.label)
    reps = (
        User.objects.filter(Exists(in_teams), Exists(is_rep), is_active=True)
        .select_related("tier_status__tier", "tier_status__next_tier")
        .order_by("first_name", "last_name", "email")
    )
    if no_tier:
        reps = reps.filter(Q(tier_status__isnull=True) | Q(tier_status__tier__isnull=True))
    elif tier is not None:
        reps = reps.filter(tier_status__tier=tier)
    return reps


def tier_change_for_pass(*, attempt=None, evaluation=None) -> TierChange | None:
    """The change of tier a pass caused, if it caused one: the change recorded with the pass's award when the rep
    would not have reached the new tier without it (services.tier_recompute links them). One query."""
    if attempt is not None:
        found = TierChange.objects.filter(award__attempt=attempt)
    elif evaluation is not None:
        found = TierChange.objects.filter(award__evaluation=evaluation)
    else:
        return None
    return found.order_by("-at", "-pk").first()


def rep_tier_of(user):
    """The rep's tier as last computed (None if none), for badges."""
    status = RepTier.objects.select_related("tier").filter(user=user).first()
    return status.tier if status else None
