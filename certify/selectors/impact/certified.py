"""Certified versus not: for each certification, the reps in scope who hold it now against those who do not —
what they closed in the window — and the same reps in the days before and after their first award of it.

Every figure is counted over rows of (rep, certification) pairs, grouped by certification and by whether the rep
holds it; a few queries per page, whatever the number of reps, deals or certifications shown.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, DateField, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from ...models import Award, Certification, Deal, LevelNumber, User
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


def counted_deals(scope: ImpactScope):
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


def _deals_of_rep(deals):
    """Per row's rep: how many of `deals` and their sum (subqueries correlated on the row's rep)."""
    mine = deals.filter(rep=OuterRef("pk")).order_by().values("rep")
    return (
        Subquery(mine.annotate(n=Count("pk")).values("n")[:1]),
        Subquery(mine.annotate(total=Sum("amount")).values("total")[:1]),
    )


def certified_versus_not(
    *, scope: ImpactScope, days_around=DEFAULT_BEFORE_AFTER_DAYS, page_number=1, per_page=CERTIFICATIONS_PER_PAGE
) -> CertifiedVersusNot:
    """Queries: the certifications shown (a count and a page), the deals left out, the groups (one grouped query),
    their medians (one), the same reps before and after (one) — six, whatever the size of the data.
    `per_page=None` counts every certification on one page (the CSV)."""
    if days_around not in BEFORE_AFTER_DAYS:
        days_around = DEFAULT_BEFORE_AFTER_DAYS
    certifications = Certification.objects.filter(active=True).order_by("title")
    if scope.certification is not None:
        certifications = Certification.objects.filter(pk=scope.certification.pk)
    page = Paginator(certifications, per_page or max(1, certifications.count())).get_page(page_number)
    shown = list(page.object_list)
    last_award_counted = scope.today - timedelta(days=days_around)
    window = Q(close_date__gte=scope.window_start, close_date__lte=scope.today)
    other_currency_deals = (
        Deal.objects.filter(window, rep__in=scope.rep_ids(), staged_in__isnull=True)
        .exclude(currency=settings.IMPACT_CURRENCY)
        .count()
    )
    result = CertifiedVersusNot(
        scope=scope,
        days=days_around,
        currency=settings.IMPACT_CURRENCY,
        min_group=settings.IMPACT_MIN_GROUP,
        page=page,
        comparisons=[],
        other_currency_deals=other_currency_deals,
        last_award_counted=last_award_counted,
    )
    if not shown:
        return result
    ids = [certification.pk for certification in shown]
    groups, medians = _groups(scope, ids, window)
    before_after = _before_after(scope, ids, days_around, last_award_counted)
    for certification in shown:
        holders = groups.get((certification.pk, True), {"reps": 0})
        others = groups.get((certification.pk, False), {"reps": 0})
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


def _groups(scope, ids, window):
    """{(certification id, holds it now): reps, deals, revenue, dated} and the medians of days to first deal."""
    deals = counted_deals(scope)
    window_deals, window_revenue = _deals_of_rep(deals.filter(window))
    first_deal = Subquery(deals.filter(rep=OuterRef("pk"), close_date__lte=scope.today).order_by("close_date").values("close_date")[:1])
    holds = Exists(Award.objects.current(timezone.now()).filter(user=OuterRef("pk"), certification=OuterRef("pair_certification")))
    pairs = (
        _rep_certification_pairs(scope, ids)
        .annotate(holds=holds)
        .alias(window_deals=window_deals, window_revenue=window_revenue, first_deal=first_deal)
    )
    rows = pairs.values("pair_certification", "holds").annotate(
        reps=Count("pk"),
        deals=Coalesce(Sum("window_deals"), 0),
        revenue=Sum("window_revenue"),
        dated=Count("pk", filter=Q(start_date__isnull=False, first_deal__isnull=False)),
    )
    groups = {(row["pair_certification"], bool(row["holds"])): row for row in rows}
    to_first_deal = ExpressionWrapper(F("first_deal") - F("start_date"), output_field=DurationField())
    found = medians_by(pairs, value=to_first_deal, group_by=("pair_certification", "holds"))
    medians = {(certification, bool(held)): median for (certification, held), median in found.items()}
    return groups, medians


def _before_after(scope, ids, days_around, last_award_counted):
    """{certification id: reps, before_deals, before_revenue, after_deals, after_revenue} for the reps whose first
    level 1 award of it (never revoked) fell in the window and at least `days_around` days ago."""
    first_award = Subquery(
        Award.objects.filter(
            user=OuterRef("pk"),
            certification=OuterRef("pair_certification"),
            level__number=LevelNumber.CONTENT,
            revoked_at__isnull=True,
        )
        .order_by("awarded_at")
        .values("awarded_at")[:1]
    )
    span = timedelta(days=days_around)
    # Each deal's distance from the rep's first award day: before is [−D, 0), after is [0, D).
    offset = ExpressionWrapper(F("close_date") - Cast(OuterRef("award_day"), DateField()), output_field=DurationField())
    around = counted_deals(scope).annotate(offset=offset)
    before_deals, before_revenue = _deals_of_rep(around.filter(offset__gte=-span, offset__lt=timedelta(0)))
    after_deals, after_revenue = _deals_of_rep(around.filter(offset__gte=timedelta(0), offset__lt=span))
    pairs = (
        _rep_certification_pairs(scope, ids)
        .alias(award_day=TruncDate(first_award))
        .filter(award_day__gte=scope.window_start, award_day__lte=last_award_counted)
        .alias(rep_before_deals=before_deals, rep_before_revenue=before_revenue, rep_after_deals=after_deals, rep_after_revenue=after_revenue)
    )
    rows = pairs.values("pair_certification").annotate(
        reps=Count("pk"),
        before_deals=Sum("rep_before_deals"),
        before_revenue=Sum("rep_before_revenue"),
        after_deals=Sum("rep_after_deals"),
        after_revenue=Sum("rep_after_revenue"),
    )
    return {row["pair_certification"]: row for row in rows}
