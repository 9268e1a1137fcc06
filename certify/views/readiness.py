"""A manager's readiness grid: where each rep of a team stands on the certifications that matter to the team."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from ..forms import ReadinessFilterForm
from ..permissions import team_get_for_user
from ..selectors import EXPIRY_WARNING_DAYS, readiness_rows, team_certifications, team_readiness, team_reps
from .csv_export import csv_response

EXPORT_BATCH = 200


def _filtered(request, pk):
    team = team_get_for_user(request.user, pk)
    certifications = list(team_certifications(team))
    form = ReadinessFilterForm(request.GET or None, certifications=certifications)
    return team, certifications, form


@require_safe
def team_readiness_view(request, pk):
    team, certifications, form = _filtered(request, pk)
    readiness = team_readiness(
        team=team,
        viewer=request.user,
        certifications=certifications,
        only=form.chosen(),
        page=request.GET.get("page"),
    )
    return render(
        request,
        "certify/team_readiness.html",
        {"team": team, "readiness": readiness, "form": form, "page_obj": readiness.page_obj, "expiry_days": EXPIRY_WARNING_DAYS},
    )


def _level_text(cell) -> str:
    return f"Level {cell.top_level}" if cell.top_level else ""


def _attention_text(cell) -> str:
    parts = []
    if cell.expires:
        parts.append(f"level {cell.expires_level} expires {cell.expires:%Y-%m-%d}")
    if cell.due_date:
        parts.append(f"level {cell.due_level} {'overdue since' if cell.overdue else 'due'} {cell.due_date:%Y-%m-%d}")
    if cell.open_request is not None:
        parts.append(f"{cell.open_request.get_kind_display().lower()} under way")
    return "; ".join(parts)


@require_safe
def team_readiness_export(request, pk):
    """The grid with every rep of the team, as CSV: per certification, the level held and what needs attention."""
    team, certifications, form = _filtered(request, pk)
    chosen = form.chosen()
    shown = [chosen] if chosen else certifications
    reps = list(team_reps(team))

    def rows():
        header = ["Name", "Email"]
        for certification in shown:
            header += [f"{certification.title}: level held", f"{certification.title}: needs attention"]
        yield header + ["Waiting on you"]
        for start in range(0, len(reps), EXPORT_BATCH):
            batch = reps[start : start + EXPORT_BATCH]
            for row in readiness_rows(reps=batch, certifications=shown, viewer=request.user):
                values = [row.rep.display_name, row.rep.email]
                for cell in row.cells:
                    values += [_level_text(cell), _attention_text(cell)]
                values.append(len(row.waiting) or "")
                yield values

    return csv_response(
        rows(), filename=f"readiness-{slugify(team.name) or team.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    )
