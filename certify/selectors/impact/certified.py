"""Certified versus not: for each certification, the reps in scope who hold it now against those who do not —
what they closed in the window — and the same reps in the days before and after their first award of it.

Each figure is one aggregate query grouped by certification: the holders from their awards (one per rep and
certification), everyone in scope from the reps and deals, the others as everyone less the holders; the others'
median is the one figure that needs every (rep, certification) pair. Award look-ups go by (rep, level), which the
awards' index answers directly, so the work grows with the reps and their deals, never with their square.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncDate
from django.utils import timezone

from ...models import Award, Certification, CertificationLevel, Deal, LevelNumber, User
from .scope import ImpactScope
from .stats import days, medians_by

# How many days before and after a rep's first award the "same reps" comparison looks at (the filter's choices).
BEFORE_AFTER_DAYS = (30, 60, 90, 180)
DEFAULT_BEFORE_AFTER_DAYS = 90
CERTIFICATIONS_PER_PAGE = 10


@dataclass
class Group:
    """What one group of reps closed in the window (figures are None when the comparison is hidden)."""

    reps: int | None
    deals: int | None
    revenue: Decimal | None
    deals_per_rep: float | None
    revenue_per_rep: Decimal | None
    average_deal: Decimal | None
    median_days_to_first_deal: float | None
    reps_with_days: int | None  # the reps the median counts: a start date and a first deal


@dataclass
class Period:
    """What the same reps closed in the D days before, or after, their first award."""

    deals: int | None
    revenue: Decimal | None
    deals_per_rep: float | None
    revenue_per_rep: Decimal | None


@dataclass
class Comparison:
    certification: Certification
    holders: Group
    others: Group
    shown: bool  # both groups have at least the smallest group compared
    before_after_reps: int | None
    before: Period
    after: Period
    before_after_shown: bool


@dataclass
class CertifiedVersusNot:
    scope: ImpactScope
    days: int  # D, the days before and after the first award
    currency: str
    min_group: int
    page: object  # the page of certifications (django.core.paginator.Page)
    comparisons: list
    other_currency_deals: int  # deals in the window left out because they are not in `currency`
    last_award_counted: object  # the latest first award whose "after" period has passed: today − D


CENTS = Decimal("0.01")


def _cents(amount) -> Decimal:
    """A sum of money to the cent, the same whichever database added it up."""
    return Decimal(amount or 0).quantize(CENTS)


def _per(amount, reps, places=2):
    if not reps or amount is None:
        return None
    return round(Decimal(amount) / reps, places) if isinstance(amount, Decimal) else round(amount / reps, 1)


def _hidden_group() -> Group:
    return Group(None, None, None, None, None, None, None, None)


def _group(row, median) -> Group:
    reps, deals, revenue = row.get("reps", 0), row.get("deals") or 0, _cents(row.get("revenue"))
    return Group(
        reps=reps,
        deals=deals,
        revenue=revenue,
        deals_per_rep=_per(deals, reps),
        revenue_per_rep=_per(revenue, reps),
        average_deal=_per(revenue, deals),
        median_days_to_first_deal=days(median),
        reps_with_days=row.get("dated", 0),
    )


def _period(deals, revenue, reps) -> Period:
    deals, revenue = deals or 0, _cents(revenue)
    return Period(deals=deals, revenue=revenue, deals_per_rep=_per(deals, reps), revenue_per_rep=_per(revenue, reps))


def counted_deals():
    """The deals the impact pages count: closed-won, in the impact currency, not still being imported."""
    return Deal.objects.filter(staged_in__isnull=True, currency=settings.IMPACT_CURRENCY)


def _rep_certification_pairs(scope: ImpactScope, certification_ids):
    """One row per (rep in scope, certification shown): the reps crossed with the certifications.

    The ORM has no cross join, so the certifications' table is added beside the reps' with `extra(tables=...)`,
    the one standard SQL way to pair every row of one with every row of the other (SQLite and PostgreSQL alike).
    """
    table = connection.ops.quote_name(Certification._meta.db_table)
    column = f"{table}.{connection.ops.quote_name('id')}"
    marks = ", ".join(["%s"] * len(certification_ids))
    return (
        User.objects.filter(pk__in=scope.rep_ids())
        .extra(tables=[Certification._meta.db_table], where=[f"{column} IN ({marks})"], params=list(certification_ids))
        .annotate(pair_certification=RawSQL(column, ()))
        .order_by()
    )


def _levels_of(certification):
    """The levels of `certification` (an outer reference), for award look-ups by (rep, level): the awards' (user,
    level) index finds a rep's awards directly, where a look-up by certification would read every holder's."""
    return CertificationLevel.objects.filter(certification=certification).values("pk")


def certified_versus_not(
    *, scope: ImpactScope, days_around=DEFAULT_BEFORE_AFTER_DAYS, page_number=1, per_page=CERTIFICATIONS_PER_PAGE
) -> CertifiedVersusNot:
    """Queries: the certifications shown (a count and a page), every rep's totals (two: reps, deals), the holders
    by certification (one), their medians (one), the others' medians (one), the same reps before and after (one) —
    eight, whatever the size of the data. `per_page=None` counts every certification on one page (the CSV)."""
    if days_around not in BEFORE_AFTER_DAYS:
        days_around = DEFAULT_BEFORE_AFTER_DAYS
    certifications = Certification.objects.filter(active=True).order_by("title")
    if scope.certification is not None:
        certifications = Certification.objects.filter(pk=scope.certification.pk)
    page = Paginator(certifications, per_page or max(1, certifications.count())).get_page(page_number)
    shown = list(page.object_list)
    last_award_counted = scope.today - timedelta(days=days_around)
    everyone = _everyone(scope)
    result = CertifiedVersusNot(
        scope=scope,
        days=days_around,
        currency=settings.IMPACT_CURRENCY,
        min_group=settings.IMPACT_MIN_GROUP,
        page=page,
        comparisons=[],
        other_currency_deals=everyone["others"],
        last_award_counted=last_award_counted,
    )
    if not shown:
        return result
    ids = [certification.pk for certification in shown]
    holders_by, medians = _holders(scope, ids)
    medians.update(_others_medians(scope, ids))
    before_after = _before_after(scope, ids, days_around, last_award_counted)
    for certification in shown:
        holders = holders_by.get(certification.pk, {"reps": 0, "deals": 0, "revenue": None, "dated": 0})
        others = {key: (everyone[key] or 0) - (holders[key] or 0) for key in ("reps", "deals", "revenue", "dated")}
        comparable = min(holders["reps"], others["reps"]) >= result.min_group
        moved = before_after.get(certification.pk, {"reps": 0})
        moved_shown = moved["reps"] >= result.min_group
        result.comparisons.append(
            Comparison(
                certification=certification,
                holders=_group(holders, medians.get((certification.pk, True))) if comparable else _hidden_group(),
                others=_group(others, medians.get((certification.pk, False))) if comparable else _hidden_group(),
                shown=comparable,
                before_after_reps=moved["reps"] if moved_shown else None,
                before=_period(moved.get("before_deals"), moved.get("before_revenue"), moved["reps"])
                if moved_shown
                else Period(None, None, None, None),
                after=_period(moved.get("after_deals"), moved.get("after_revenue"), moved["reps"])
                if moved_shown
                else Period(None, None, None, None),
                before_after_shown=moved_shown,
            )
        )
    return result


def _window_q(scope, prefix=""):
    """A counted deal that closed in the window (`prefix` reaches the deal from another model)."""
    return Q(
        **{
            f"{prefix}currency": settings.IMPACT_CURRENCY,
            f"{prefix}staged_in__isnull": True,
            f"{prefix}close_date__gte": scope.window_start,
            f"{prefix}close_date__lte": scope.today,
        }
    )


def _first_deal(scope, rep="pk"):
    """The day of the rep's first counted deal (a subquery correlated on `rep`)."""
    mine = counted_deals().filter(rep=OuterRef(rep), close_date__lte=scope.today)
    return Subquery(mine.order_by("close_date").values("close_date")[:1])


def _everyone(scope) -> dict:
    """Every rep in scope: how many, how many the median of days to first deal counts, their deals and revenue in
    the window, and the deals left out for their currency. Two queries."""
    has_deal = Exists(counted_deals().filter(rep=OuterRef("pk"), close_date__lte=scope.today))
    reps = User.objects.filter(pk__in=scope.rep_ids()).aggregate(
        reps=Count("pk"), dated=Count("pk", filter=Q(start_date__isnull=False) & has_deal)
    )
    counted = Q(currency=settings.IMPACT_CURRENCY)
    deals = Deal.objects.filter(
        rep__in=scope.rep_ids(), staged_in__isnull=True, close_date__gte=scope.window_start, close_date__lte=scope.today
    ).aggregate(deals=Count("pk", filter=counted), revenue=Sum("amount", filter=counted), others=Count("pk", filter=~counted))
    return {**reps, **deals}


def _holder_awards(scope, ids):
    """One current award per (rep in scope, certification shown): the one with the lowest id, so a rep holding
    several levels of a certification counts once."""
    now = timezone.now()
    lower = Award.objects.current(now).filter(
        user=OuterRef("user"), level__in=_levels_of(OuterRef(OuterRef("certification"))), pk__lt=OuterRef("pk")
    )
    return Award.objects.current(now).filter(certification__in=ids, user__in=scope.rep_ids()).exclude(Exists(lower)).order_by()


def _holders(scope, ids):
    """{certification id: reps, deals, revenue, dated} of the reps holding it now, and their medians of days to first
    deal as {(certification id, True): median}. Two queries."""
    holding = _holder_awards(scope, ids)
    has_deal = Q(
        user__deals__currency=settings.IMPACT_CURRENCY,
        user__deals__staged_in__isnull=True,
        user__deals__close_date__lte=scope.today,
    )
    window = _window_q(scope, "user__deals__")
    rows = holding.values("certification").annotate(
        reps=Count("user", distinct=True),
        deals=Count("user__deals", filter=window),
        revenue=Sum("user__deals__amount", filter=window),
        dated=Count("user", distinct=True, filter=Q(user__start_date__isnull=False) & has_deal),
    )
    to_first_deal = ExpressionWrapper(F("first_deal") - F("user__start_date"), output_field=DurationField())
    found = medians_by(holding.alias(first_deal=_first_deal(scope, "user")), value=to_first_deal, group_by=("certification",))
    return {row["certification"]: row for row in rows}, {(key[0], True): median for key, median in found.items()}


def _others_medians(scope, ids):
    """{(certification id, False): median days to first deal} of the reps in scope not holding it now. One query.

    Only reps with a counted deal have a first deal to count, so the pairs are cut to theirs first (one list,
    taken once), before each pair looks up an award and the rep's first deal."""
    pair_levels = _levels_of(OuterRef(OuterRef("pair_certification")))
    holds = Exists(Award.objects.current(timezone.now()).filter(user=OuterRef("pk"), level__in=pair_levels))
    with_deals = counted_deals().filter(close_date__lte=scope.today).values("rep_id")
    others = _rep_certification_pairs(scope, ids).filter(start_date__isnull=False, pk__in=with_deals).exclude(holds)
    to_first_deal = ExpressionWrapper(F("first_deal") - F("start_date"), output_field=DurationField())
    found = medians_by(others.alias(first_deal=_first_deal(scope)), value=to_first_deal, group_by=("pair_certification",))
    return {(key[0], False): median for key, median in found.items()}


def _before_after(scope, ids, days_around, last_award_counted):
    """{certification id: reps, before_deals, before_revenue, after_deals, after_revenue} for the reps whose first
    level 1 award of it (never revoked) fell in the window and at least `days_around` days ago. One query."""
    earlier = Award.objects.filter(user=OuterRef("user"), level=OuterRef("level"), revoked_at__isnull=True).filter(
        Q(awarded_at__lt=OuterRef("awarded_at")) | Q(awarded_at=OuterRef("awarded_at"), pk__lt=OuterRef("pk"))
    )
    first_awards = (
        Award.objects.filter(
            certification__in=ids, level__number=LevelNumber.CONTENT, revoked_at__isnull=True, user__in=scope.rep_ids()
        )
        .exclude(Exists(earlier))
        .alias(award_day=TruncDate("awarded_at"))
        .filter(award_day__gte=scope.window_start, award_day__lte=last_award_counted)
        .order_by()
    )
    span = timedelta(days=days_around)
    # Each deal's distance from the rep's first award day: before is [−D, 0), after is [0, D).
    offset = ExpressionWrapper(F("user__deals__close_date") - F("award_day"), output_field=DurationField())
    counted = Q(user__deals__currency=settings.IMPACT_CURRENCY, user__deals__staged_in__isnull=True)
    before = counted & Q(offset__gte=-span, offset__lt=timedelta(0))
    after = counted & Q(offset__gte=timedelta(0), offset__lt=span)
    rows = (
        first_awards.alias(offset=offset)
        .values("certification")
        .annotate(
            reps=Count("user", distinct=True),
            before_deals=Count("user__deals", filter=before),
            before_revenue=Sum("user__deals__amount", filter=before),
            after_deals=Count("user__deals", filter=after),
            after_revenue=Sum("user__deals__amount", filter=after),
        )
    )
    return {row["certification"]: row for row in rows}
