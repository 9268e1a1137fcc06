"""Revenue by tier: what each current tier's reps closed, and how reps moved between tiers over the window."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import bar_chart, line_chart, money
from ...selectors.impact import revenue_by_tier
from ..csv_export import csv_response
from . import impact_context, impact_filters


def _revenue_chart(result):
    currency = result.currency
    total = sum(row.revenue for row in result.tiers)
    parts = [f"{row.name}: {money(row.revenue, currency)} from {row.reps} rep{'' if row.reps == 1 else 's'}" for row in result.tiers]
    return bar_chart(
        id="revenue-by-tier",
        title="Revenue in the window by current tier",
        summary=f"{money(total, currency)} closed in the window — " + "; ".join(parts) + "."
        if result.reps
        else "No reps are counted here yet.",
        rows=[
            (
                row.name,
                row.revenue,
                row.reps,
                row.deals,
                money(row.revenue_per_rep, currency),
                money(row.average_deal, currency),
            )
            for row in result.tiers
        ],
        value_label=f"Revenue ({currency})",
        fmt=lambda amount: money(amount, currency),
        extra_columns=["Reps", "Deals", "Revenue per rep", "Average deal size"],
    )


def _per_rep_chart(result):
    currency = result.currency
    parts = [f"{row.name}: {money(row.revenue_per_rep, currency)}" for row in result.tiers]
    return bar_chart(
        id="revenue-per-rep-by-tier",
        title="Revenue per rep by current tier",
        summary="Revenue per rep in the window — " + "; ".join(parts) + ".",
        rows=[(row.name, row.revenue_per_rep) for row in result.tiers],
        value_label=f"Revenue per rep ({currency})",
        fmt=lambda amount: money(amount, currency),
    )


def _moves_chart(result):
    return line_chart(
        id="tier-moves",
        title="Promotions and demotions by month",
        summary=f"{result.promotions} promotions and {result.demotions} demotions in the window.",
        x_labels=[month.month.strftime("%b %Y") for month in result.months],
        series=[
            ("Promotions", [month.promotions for month in result.months]),
            ("Demotions", [month.demotions for month in result.months]),
        ],
        value_label="Moves",
    )


@require_safe
def tiers_view(request):
    form, scope = impact_filters(request)
    result = revenue_by_tier(scope=scope)
    return render(
        request,
        "certify/impact/tiers.html",
        impact_context(
            request,
            current="certify:impact_tiers",
            form=form,
            scope=scope,
            result=result,
            charts=[_revenue_chart(result), _per_rep_chart(result)],
            moves_chart=_moves_chart(result),
        ),
    )


@require_safe
def tiers_export(request):
    _form, scope = impact_filters(request)
    return csv_response(_csv_rows(revenue_by_tier(scope=scope)), filename="revenue-by-tier.csv")


def _csv_rows(result):
    currency = result.currency
    yield [
        "Tier now", "Reps", "Closed-won deals", f"Revenue ({currency})", f"Revenue per rep ({currency})",
        f"Average deal size ({currency})",
    ]  # fmt: skip
    for row in result.tiers:
        yield [row.name, row.reps, row.deals, row.revenue, _cell(row.revenue_per_rep), _cell(row.average_deal)]
    yield [f"Deals in other currencies left out: {result.other_currency_deals}"]
    yield []
    yield ["Month", "Promotions", "Demotions"]
    for month in result.months:
        yield [month.month.strftime("%Y-%m"), month.promotions, month.demotions]
    yield []
    yield ["From tier", "To tier", "Moves"]
    for from_name, to_name, moves in result.moves:
        yield [from_name, to_name, moves]


def _cell(value):
    return "" if value is None else value
