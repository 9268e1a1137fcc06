"""Content to readiness: pass rates of reps who opened a page before their first quiz attempt against those who
did not, and the study material few of its target reps open; both as tables, both exportable."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ...selectors.impact import (
    content_pages_for,
    page_comparisons,
    study_material_for,
    study_material_reach,
)
from ...charts import bar_chart
from ..csv_export import csv_response
from . import impact_context, impact_filters

PAGES_PER_SCREEN = 25
STUDY_ROWS_PER_SCREEN = 25
CSV_CHUNK = 200
TOO_FEW = "too few reps to compare"


@require_safe
def impact_content_view(request):
    form, scope = impact_filters(request)
    material = study_material_for(scope=scope)
    page_obj = Paginator(content_pages_for(scope=scope, material=material), PAGES_PER_SCREEN).get_page(request.GET.get("page"))
    comparisons = page_comparisons(scope=scope, material=material, pages=page_obj.object_list)
    study = Paginator(study_material_reach(scope=scope, material=material), STUDY_ROWS_PER_SCREEN).get_page(
        request.GET.get("study_page")
    )
    return render(
        request,
        "certify/impact/content.html",
        impact_context(
            request,
            current="certify:impact_content",
            form=form,
            scope=scope,
            page_obj=page_obj,
            comparisons=comparisons,
            study=study,
            study_chart=_study_chart(study.object_list),
            min_group=settings.IMPACT_MIN_GROUP,
            too_few=TOO_FEW,
        ),
    )


@require_safe
def impact_content_export(request):
    """?table=study: the study material reach list; otherwise every page's comparison."""
    _form, scope = impact_filters(request)
    table = request.GET.get("table", "pages")
    if table not in ("pages", "study"):
        raise Http404
    material = study_material_for(scope=scope)
    if table == "study":
        rows = study_material_reach(scope=scope, material=material)
        return csv_response(
            [
                ["Certification", "Page", "Target reps", "Target reps who opened it", "Share (%)", "Below 50 %"],
                *[[row.certification, row.title, row.targets, row.opened, _cell(row.share), "yes" if row.low else "no"] for row in rows],
            ],
            filename="impact-study-material-reach.csv",
        )
    return csv_response(_comparison_rows(scope, material), filename="impact-content.csv")


def _comparison_rows(scope, material):
    yield [
        "Page", "Named in the study material of", "Opened before: first attempts", "Opened before: passed",
        "Opened before: pass rate (%)", "Not opened: first attempts", "Not opened: passed", "Not opened: pass rate (%)",
    ]  # fmt: skip
    paginator = Paginator(content_pages_for(scope=scope, material=material), CSV_CHUNK)
    for number in paginator.page_range:
        for row in page_comparisons(scope=scope, material=material, pages=paginator.page(number).object_list):
            hidden = not row.comparable
            yield [
                row.title,
                "; ".join(row.certifications) or "(none: compared on every level-1 quiz)",
                row.opened,
                TOO_FEW if hidden else row.opened_passed,
                TOO_FEW if hidden else _cell(row.opened_rate),
                row.not_opened,
                TOO_FEW if hidden else row.not_opened_passed,
                TOO_FEW if hidden else _cell(row.not_opened_rate),
            ]


def _cell(value):
    return "" if value is None else f"{value:g}"


def _study_chart(rows):
    """The shares of target reps who opened each study page on this screen, lowest first, as bars."""
    rows = list(rows)
    low = sum(1 for row in rows if row.low)
    summary = (
        f"{low} of the {len(rows)} study pages listed here {'is' if low == 1 else 'are'} opened by fewer than half "
        "of their certification's target reps." if rows else "No study material to show yet."
    )
    return bar_chart(
        id="study-reach",
        title="Share of target reps who opened each study page",
        summary=summary,
        rows=[(f"{row.title} ({row.certification})", row.share, row.opened, row.targets) for row in rows],
        value_label="Opened (%)",
        fmt=lambda value: f"{value:g} %",
        extra_columns=("Reps who opened it", "Target reps"),
    )
