"""The certification funnel: assigned → level 1 → level 2 → level 3, with the pass rates behind each level."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...charts import bar_chart, percent_text
from ...selectors.impact import (
    certification_funnels,
    funnel_certifications,
    impact_funnel,
)
from ..csv_export import csv_response
from . import impact_context, impact_filters, progress_counted


@require_safe
def impact_funnel_view(request):
    form, scope = impact_filters(request)
    funnel = impact_funnel(scope=scope, page_number=request.GET.get("page") or 1)
    return render(
        request,
        "certify/impact/funnel.html",
        impact_context(
            request,
            current="certify:impact_funnel",
            form=form,
            scope=scope,
            funnel=funnel,
            page_obj=funnel.page,
            sections=[(item, _chart(item), _rates(item)) for item in funnel.funnels],
            **progress_counted(),
        ),
    )


@require_safe
def impact_funnel_export(request):
    """Every certification's funnel (not only one page): a row per step, then a row per level's pass rates."""
    _form, scope = impact_filters(request)
    funnels = certification_funnels(scope=scope, certifications=list(funnel_certifications(scope=scope)))

    def rows():
        yield [
            "Certification", "Row", "Step or level", "Reps", "Share of first step (%)", "Median days from previous step",
            "Counted from", "First attempts", "Passed first time", "First-attempt pass rate (%)", "Attempts", "Passed",
            "Overall pass rate (%)", "Median attempts to pass",
        ]  # fmt: skip
        for item in funnels:
            title = item.certification.title
            for step in item.steps:
                yield [title, "Funnel step", step.label, step.reps, _cell(step.share), _cell(step.median_days), *[""] * 8]
            for rate in item.pass_rates:
                yield [
                    title, "Pass rate", rate.label, "", "", "", rate.counted_from, rate.first_attempts, rate.first_passed,
                    _cell(rate.first_rate), rate.attempts, rate.passed, _cell(rate.overall_rate),
                    _cell(rate.attempts_to_pass),
                ]  # fmt: skip

    return csv_response(rows(), filename=f"certification-funnel-{timezone.localdate():%Y-%m-%d}.csv")


def _cell(value) -> str:
    return "" if value is None else f"{value:g}"


def _chart(item):
    return bar_chart(
        id=f"funnel-{item.certification.pk}",
        title=f"{item.certification.title}: reps at each step",
        summary=item.summary,
        rows=[(step.label, step.reps, percent_text(step.share), step.median_days) for step in item.steps],
        value_label="Reps",
        kind="funnel",
        extra_columns=["Share of first step", "Median days from previous step"],
    )


def _rates(item) -> list:
    """Each level's pass rates as the table reads them: the rate, then the counts behind it ("12 of 16")."""
    return [
        {
            "label": rate.label,
            "counted_from": rate.counted_from,
            "first": _rate_text(rate.first_rate, rate.first_passed, rate.first_attempts),
            "overall": _rate_text(rate.overall_rate, rate.passed, rate.attempts),
            "attempts_to_pass": "—" if rate.attempts_to_pass is None else f"{rate.attempts_to_pass:g}",
        }
        for rate in item.pass_rates
    ]


def _rate_text(rate, passed, taken) -> str:
    return "None in the window" if not taken else f"{percent_text(rate)} ({passed} of {taken})"
