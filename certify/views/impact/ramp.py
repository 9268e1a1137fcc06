"""Time to certify and ramp: days from a rep's start date to each tier and to the first closed-won deal, overall
and by hire cohort, with the CSV of the same figures."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...charts import bar_chart, line_chart
from ...forms import RampFilterForm
from ...selectors.impact import impact_ramp
from ..csv_export import csv_response
from . import impact_context, impact_filters


def _ramp_for(request):
    form, scope = impact_filters(request, form_class=RampFilterForm)
    return form, scope, impact_ramp(scope=scope, cohort=form.cohort_chosen())


def _days_text(value) -> str:
    return "—" if value is None else f"{value:g} days"


@require_safe
def ramp_view(request):
    form, scope, ramp = _ramp_for(request)
    overall = bar_chart(
        id="ramp-overall",
        title="Median days from start date to each milestone",
        summary=_overall_summary(ramp),
        rows=[(figure.milestone.label, figure.median_days, figure.reached, figure.counted) for figure in ramp.overall],
        value_label="Median days",
        extra_columns=("Reps who reached it", "Reps counted"),
    )
    first = [0, len(ramp.milestones) - 1] if len(ramp.milestones) > 1 else [0]
    trend = line_chart(
        id="ramp-cohorts",
        title="Median days to the first tier and to the first deal, by hire cohort",
        summary=_trend_summary(ramp, first),
        x_labels=[row.label for row in ramp.cohorts],
        series=[(ramp.milestones[index].label, [row.figures[index].median_days for row in ramp.cohorts]) for index in first],
        value_label="Median days",
    )
    return render(
        request,
        "certify/impact/ramp.html",
        impact_context(
            request,
            current="certify:impact_ramp",
            form=form,
            scope=scope,
            ramp=ramp,
            overall_chart=overall,
            trend_chart=trend,
            cohort_rows=[
                (row, [(figure.reached, _days_text(figure.median_days)) for figure in row.figures]) for row in ramp.cohorts
            ],
        ),
    )


@require_safe
def ramp_export(request):
    """The cohorts' figures, with every rep of the window first: one row each, every milestone's reached and median."""
    _form, _scope, ramp = _ramp_for(request)
    header = ["Hire cohort", "Reps hired"]
    for milestone in ramp.milestones:
        header += [f"{milestone.label}: reached", f"{milestone.label}: median days"]

    def cells(label, hired, figures):
        row = [label, hired]
        for figure in figures:
            row += [figure.reached, "" if figure.median_days is None else f"{figure.median_days:g}"]
        return row

    rows = [header, cells("Every rep who started in the window", ramp.counted, ramp.overall)]
    rows += [cells(row.label, row.hired, row.figures) for row in ramp.cohorts]
    return csv_response(rows, filename="time-to-certify-and-ramp.csv")


def _overall_summary(ramp) -> str:
    if not ramp.counted:
        return "No rep who started in the window is counted here yet."
    parts = [
        f"{figure.milestone.label}: {figure.reached} of {figure.counted} reached it"
        + (f", median {figure.median_days:g} days" if figure.median_days is not None else "")
        for figure in ramp.overall
    ]
    return "From start date — " + "; ".join(parts) + "."


def _trend_summary(ramp, indexes) -> str:
    known = [row for row in ramp.cohorts if row.hired]
    if not known:
        return "No hire cohort in the window has reps counted yet."
    parts = []
    for row in known:
        medians = ", ".join(
            f"{ramp.milestones[index].label.lower()} {_days_text(row.figures[index].median_days)}" for index in indexes
        )
        parts.append(f"{row.label} ({row.hired} hired): {medians}")
    return "Median days by hire cohort — " + "; ".join(parts) + "."
