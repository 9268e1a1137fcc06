"""The readiness index: the formula printed with its weights, the scope's number, per team, per certification and
per rep (lowest first), each rep's number taken apart on a page of its own; the weights edited by admins."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from ...charts import bar_chart
from ...exceptions import PermissionRefused
from ...forms import ReadinessFormulaForm
from ...models import LevelNumber
from ...permissions import can_edit_readiness_formula
from ...selectors.certifications import EXPIRY_WARNING_DAYS
from ...selectors.impact import (
    readiness_certifications,
    readiness_formula_current,
    readiness_formula_history,
    readiness_overview,
    readiness_rep_in_scope,
    readiness_reps,
    readiness_teams,
    readiness_whole,
    rep_readiness,
)
from ...services import readiness_formula_save
from ..csv_export import csv_response
from . import impact_context, impact_filters

HISTORY_SHOWN = 100  # the newest versions listed on the formula page
PAGE_PARAMETERS = ("page", "teams_page")


def number_text(value) -> str:
    """A weight or penalty as people write it: 1, 2.5, 10."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(Decimal('0.01')).normalize():f}"


def index_text(value) -> str:
    """An index to one decimal, or a dash for a rep (or group) with nothing required."""
    return "—" if value is None else f"{value:.1f}"


def formula_terms(formula) -> dict:
    """The formula's numbers as the page prints them."""
    return {
        "version": formula.version,
        "weights": [(number, number_text(formula.weight_of(number))) for number in LevelNumber.values],
        "overdue": number_text(formula.overdue_penalty),
        "expiring": number_text(formula.expiring_penalty),
        "expiry_days": EXPIRY_WARNING_DAYS,
    }


def _filter_query(request) -> str:
    query = request.GET.copy()
    for name in PAGE_PARAMETERS:
        query.pop(name, None)
    return query.urlencode()


@require_safe
def readiness_view(request):
    form, scope = impact_filters(request)
    overview = readiness_overview(scope=scope, teams_page=request.GET.get("teams_page"), reps_page=request.GET.get("page"))
    rows = [(certification.title, _rounded(certification.mean), certification.indexed) for certification in overview.certifications]
    chart = bar_chart(
        id="readiness-certifications",
        title="Readiness index per certification",
        summary=_certification_summary(rows),
        rows=rows,
        value_label="Index (0–100)",
        fmt=index_text,
        extra_columns=["Reps it is required of"],
    )
    return render(
        request,
        "certify/impact/readiness.html",
        impact_context(
            request,
            current="certify:impact_readiness",
            form=form,
            scope=scope,
            overview=overview,
            terms=formula_terms(overview.formula),
            chart=chart,
            mean_text=index_text(overview.mean),
            teams=[{**row, "mean_text": index_text(row["mean"])} for row in overview.teams_page.object_list],
            filter_query=_filter_query(request),
            can_edit=can_edit_readiness_formula(request.user),
        ),
    )


def _rounded(value):
    return None if value is None else round(value, 1)


def _certification_summary(rows) -> str:
    if not rows:
        return "No certification level is assigned to the reps counted here yet."
    return "Readiness index per certification — " + "; ".join(
        f"{title}: {index_text(mean)} ({count} rep{'s' if count != 1 else ''})" for title, mean, count in rows
    ) + "."


def arithmetic(readiness) -> list:
    """The sum behind a rep's index, line by line, with the formula's own numbers."""
    if not readiness.facts:
        return ["Nothing is required of this rep, so they have no index."]
    formula = readiness.formula
    weights = [number_text(fact.weight) for fact in readiness.facts]
    held = [number_text(fact.weight) for fact in readiness.facts if fact.held] or ["0"]
    lines = [
        f"Weight of the levels required: {' + '.join(weights)} = {number_text(readiness.required_weight)}",
        f"Weight of those held now: {' + '.join(held)} = {number_text(readiness.held_weight)}",
    ]
    if readiness.share is None:
        return [*lines, "The levels required weigh nothing in this version of the formula, so there is no index."]
    overdue = float(formula.overdue_penalty) * readiness.overdue
    expiring = float(formula.expiring_penalty) * readiness.expiring
    lines += [
        f"Share held: 100 × {number_text(readiness.held_weight)} ÷ {number_text(readiness.required_weight)} = {index_text(readiness.share)}",
        f"Overdue: {number_text(formula.overdue_penalty)} × {readiness.overdue} = {number_text(overdue)}",
        f"Expiring within {EXPIRY_WARNING_DAYS} days: {number_text(formula.expiring_penalty)} × {readiness.expiring} = {number_text(expiring)}",
        f"{index_text(readiness.share)} − {number_text(overdue)} − {number_text(expiring)} = {index_text(readiness.raw)}",
        f"Kept between 0 and 100: {index_text(readiness.clamped)}",
    ]
    return lines


@require_safe
def readiness_rep_view(request, pk):
    form, scope = impact_filters(request)
    rep = readiness_rep_in_scope(scope=scope, pk=pk)
    if rep is None:
        raise Http404
    readiness = rep_readiness(scope=scope, rep=rep)
    return render(
        request,
        "certify/impact/readiness_rep.html",
        impact_context(
            request,
            current="certify:impact_readiness",
            form=form,
            scope=scope,
            readiness=readiness,
            terms=formula_terms(readiness.formula),
            index=index_text(readiness.index),
            lines=arithmetic(readiness),
            facts=[
                {
                    "certification": fact.certification,
                    "level": LevelNumber(fact.number).label,
                    "weight": number_text(fact.weight),
                    "fact": fact,
                }
                for fact in readiness.facts
            ],
            expiry_days=EXPIRY_WARNING_DAYS,
        ),
    )


EXPORT_COLUMNS = [
    "Row", "Name", "Email", "Readiness index", "Reps with an index", "Reps", "Levels required", "Levels held",
    "Overdue", "Expiring soon", "Formula version",
]  # fmt: skip


@require_safe
def readiness_export(request):
    """The page's tables as one CSV: the scope, each team, each certification, then every rep (lowest first)."""
    _form, scope = impact_filters(request)
    formula = readiness_formula_current()
    now = timezone.now()

    def rows():
        yield EXPORT_COLUMNS
        whole = readiness_whole(scope=scope, formula=formula, now=now)
        version = formula.version
        yield ["Every rep counted", "", "", index_text(whole["mean"]), whole["indexed"], whole["reps"], "", "", "", "", version]
        for row in readiness_teams(scope=scope, formula=formula, now=now):
            yield ["Team", row["team__name"], "", index_text(row["mean"]), row["indexed"], row["reps"], "", "", "", "", version]
        for certification in readiness_certifications(scope=scope, formula=formula, now=now):
            yield ["Certification", certification.title, "", index_text(certification.mean), certification.indexed, "", "", "", "", "", version]
        for rep in readiness_reps(scope=scope, formula=formula, now=now).iterator(chunk_size=500):
            yield [
                "Rep", rep.display_name, rep.email, index_text(rep.index), "", "", rep.required, rep.held_count,
                rep.overdue, rep.expiring, version,
            ]  # fmt: skip

    return csv_response(rows(), filename=f"readiness-{scope.today:%Y-%m-%d}.csv")


@require_http_methods(["GET", "POST"])
def readiness_formula_view(request):
    """Enablement admins change the weights: a new version, the old ones kept and listed. Anyone else: 404."""
    filters, scope = impact_filters(request)
    if not can_edit_readiness_formula(request.user):
        raise Http404
    current = readiness_formula_current()
    status = 200
    if request.method == "POST":
        formula_form = ReadinessFormulaForm(request.POST)
        if formula_form.is_valid():
            try:
                saved = readiness_formula_save(actor=request.user, **formula_form.cleaned_data)
            except PermissionRefused:
                raise Http404 from None
            except ValidationError as error:
                formula_form.add_error(None, error)
            else:
                if saved.version == current.version:
                    messages.info(request, "These are the weights already in force: nothing was changed.")
                else:
                    messages.success(request, f"Saved as version {saved.version}: every index now counts with it.")
                return redirect("certify:impact_readiness_formula")
        status = 400
    else:
        formula_form = ReadinessFormulaForm(initial={name: number_text(value) for name, value in current.values().items()})
    history = list(readiness_formula_history()[:HISTORY_SHOWN])
    return render(
        request,
        "certify/impact/readiness_formula.html",
        impact_context(
            request,
            current="certify:impact_readiness",
            form=filters,
            scope=scope,
            formula_form=formula_form,
            terms=formula_terms(current),
            history=[{"formula": formula, "terms": formula_terms(formula)} for formula in history],
        ),
        status=status,
    )
