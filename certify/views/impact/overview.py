"""The impact overview: who is counted, which levels they hold, their tiers and what they closed."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import bar_chart
from ...selectors.impact import impact_overview
from . import impact_context, impact_filters


@require_safe
def impact_view(request):
    form, scope = impact_filters(request)
    overview = impact_overview(scope=scope)
    holding = bar_chart(
        id="levels-held",
        title="Reps holding each level now",
        summary=_holding_summary(overview),
        rows=[(label, count) for _number, label, count in overview.holding],
        value_label="Reps",
    )
    tiers = bar_chart(
        id="tiers-now",
        title="Reps in each tier now",
        summary=", ".join(f"{name}: {count}" for name, count in overview.tiers) + f" (of {overview.reps} reps).",
        rows=overview.tiers,
        value_label="Reps",
    )
    return render(
        request,
        "certify/impact/overview.html",
        impact_context(
            request,
            current="certify:impact",
            form=form,
            scope=scope,
            overview=overview,
            charts=[holding, tiers],
            revenue=[(currency, f"{amount:,.0f}") for currency, amount in overview.revenue],
        ),
    )


def _holding_summary(overview) -> str:
    if not overview.reps:
        return "No reps are counted here yet."
    parts = [f"level {number}: {count} of {overview.reps}" for number, _label, count in overview.holding]
    return "Reps holding each level now — " + "; ".join(parts) + "."
