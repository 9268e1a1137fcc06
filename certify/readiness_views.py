"""A manager's readiness grid: where each rep of a team stands on the certifications that matter to the team."""

import csv

from django import forms
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from .permissions import team_get_for_user
from .selectors import EXPIRY_WARNING_DAYS, readiness_rows, team_certifications, team_readiness, team_reps
from .tier_views import _cell, _Echo

EXPORT_BATCH = 200


class ReadinessFilterForm(forms.Form):
    certification = forms.ChoiceField(
        label="Certification",
        required=False,
        error_messages={"invalid_choice": "That certification is not one this team works on: choose one from the list."},
    )

    def __init__(self, *args, certifications, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_slug = {certification.slug: certification for certification in certifications}
        self.fields["certification"].choices = [("", "All certifications")] + [
            (certification.slug, certification.title) for certification in certifications
        ]

    def chosen(self):
        """The certification filtered on, or None for all of them (and for a value not on the list)."""
        if not self.is_bound or not self.is_valid():
            return None
        return self.by_slug.get(self.cleaned_data["certification"])


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
    writer = csv.writer(_Echo())

    def rows():
        header = ["Name", "Email"]
        for certification in shown:
            header += [f"{certification.title}: level held", f"{certification.title}: needs attention"]
        yield writer.writerow([_cell(value) for value in header + ["Waiting on you"]])
        for start in range(0, len(reps), EXPORT_BATCH):
            batch = reps[start : start + EXPORT_BATCH]
            for row in readiness_rows(reps=batch, certifications=shown, viewer=request.user):
                values = [row.rep.display_name, row.rep.email]
                for cell in row.cells:
                    values += [_level_text(cell), _attention_text(cell)]
                values.append(len(row.waiting) or "")
                yield writer.writerow([_cell(value) for value in values])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="readiness-{slugify(team.name) or team.pk}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response
