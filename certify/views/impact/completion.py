"""Assignment completion per team: of the levels assigned to each team's reps, how many are held and how many overdue."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...charts import bar_chart, percent_text
from ...selectors.impact import completion_batches, completion_page
from ..csv_export import csv_response
from . import impact_context, impact_filters


@require_safe
def impact_completion_view(request):
    form, scope = impact_filters(request)
    completion = completion_page(scope=scope, page=request.GET.get("page"))
    chart = bar_chart(
        id="completion",
        title="Assigned levels held now, by team",
        summary=_summary(completion.rows),
        rows=[(row.team.name, row.completion, row.assigned, row.held, row.overdue) for row in completion.rows],
        value_label="Completion",
        fmt=percent_text,
        extra_columns=["Assigned", "Held now", "Overdue"],
    )
    return render(
        request,
        "certify/impact/completion.html",
        impact_context(
            request,
            current="certify:impact_completion",
            form=form,
            scope=scope,
            completion=completion,
            page_obj=completion.page_obj,
            chart=chart,
        ),
    )


def _summary(rows) -> str:
    if not rows:
        return "There are no teams to count here yet."
    parts = [
        f"{row.team.name}: {row.held} of {row.assigned} held ({percent_text(row.completion)}), {row.overdue} overdue"
        if row.assigned
        else f"{row.team.name}: nothing assigned"
        for row in rows
    ]
    return "Assigned levels held now — " + "; ".join(parts) + "."


@require_safe
def impact_completion_export(request):
    """Every team counted (not just one page), as CSV."""
    _form, scope = impact_filters(request)

    def rows():
        yield ["Team", "Reps", "Assigned (rep × level)", "Held now", "Overdue", "Completion %"]
        for batch in completion_batches(scope=scope):
            for row in batch:
                yield [row.team.name, row.reps, row.assigned, row.held, row.overdue, "" if row.completion is None else row.completion]

    return csv_response(rows(), filename=f"assignment-completion-{timezone.localdate():%Y-%m-%d}.csv")
