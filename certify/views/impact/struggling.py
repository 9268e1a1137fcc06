"""Who is struggling: the reps in scope who need help, why, and a nudge about an overdue level.

Failed attempts and evaluations are private: the shared filter keeps a manager to the reps of their own teams.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from content.time_zones import moment_text

from ...charts import bar_chart
from ...exceptions import DomainError
from ...forms import NudgeForm, StrugglingFilterForm
from ...permissions import rep_get_for_nudge
from ...selectors.impact import (
    impact_scope,
    overdue_levels_for,
    struggling_batches,
    struggling_page,
)
from ...services import nudge_send
from ..csv_export import csv_response
from . import impact_context, impact_filters, progress_counted


@require_safe
def impact_struggling_view(request):
    form, scope = impact_filters(request, form_class=StrugglingFilterForm)
    struggling = struggling_page(scope=scope, stalled_days=form.stalled_days_chosen(), page=request.GET.get("page"))
    reasons = bar_chart(
        id="struggling-reasons",
        title="What the reps listed need help with",
        summary=_reasons_summary(struggling),
        rows=[
            ("Failed quiz attempts", struggling.totals["failed_attempts"]),
            ("Failed evaluations", struggling.totals["failed_evaluations"]),
            ("Overdue levels", struggling.totals["overdue"]),
            ("Stalled levels", struggling.totals["stalled"]),
        ],
        value_label="Count",
    )
    return render(
        request,
        "certify/impact/struggling.html",
        impact_context(
            request,
            current="certify:impact_struggling",
            form=form,
            scope=scope,
            struggling=struggling,
            page_obj=struggling.page_obj,
            chart=reasons,
            here=request.get_full_path(),
            **progress_counted(),
        ),
    )


def _reasons_summary(struggling) -> str:
    if not struggling.total:
        return "Nobody in these figures needs help right now: no failures in the window, nothing overdue or stalled."
    totals = struggling.totals
    return (
        f"{struggling.total} rep{'s need' if struggling.total != 1 else ' needs'} help. Between them: "
        f"{totals['failed_attempts']} failed quiz attempts and "
        f"{totals['failed_evaluations']} failed evaluations in the window; {totals['overdue']} overdue levels and "
        f"{totals['stalled']} levels held for {struggling.stalled_days} days or more with the next one waiting."
    )


def attempts_text(rep) -> str:
    """"2 of 3 on Pulse basics", "4 (no limit) on …", or "" when the rep has no attempts since a pass."""
    if not rep.attempts_used:
        return ""
    limit = f"of {rep.attempts_allowed}" if rep.attempts_allowed else "(no limit)"
    return f"{rep.attempts_used} {limit} on {rep.attempts_quiz}"


STRUGGLING_CSV_HEADER = [
    "Name",
    "Email",
    "Failed quiz attempts",
    "Attempts used",
    "Attempt limit",
    "Quiz",
    "Failed evaluations",
    "Overdue levels",
    "Stalled levels",
    "Overdue",
    "Last nudged",
]


@require_safe
def impact_struggling_export(request):
    """Every rep the page lists (not just one page of them), as CSV, with the same figures."""
    form, scope = impact_filters(request, form_class=StrugglingFilterForm)
    stalled_days = form.stalled_days_chosen()

    def rows():
        yield STRUGGLING_CSV_HEADER
        for batch in struggling_batches(scope=scope, stalled_days=stalled_days):
            for rep in batch:
                yield [
                    rep.display_name,
                    rep.email,
                    rep.failed_attempts,
                    rep.attempts_used or "",
                    rep.attempts_allowed or ("no limit" if rep.attempts_used else ""),
                    rep.attempts_quiz or "",
                    rep.failed_evaluations,
                    rep.overdue,
                    rep.stalled,
                    "; ".join(item.text for item in rep.overdue_levels),
                    moment_text(rep.last_nudged) if rep.last_nudged else "",
                ]

    return csv_response(rows(), filename=f"struggling-{timezone.localdate():%Y-%m-%d}.csv")


@require_POST
def impact_nudge_view(request, pk):
    """Nudge one rep about one of their overdue levels; back to the page with what happened."""
    rep = rep_get_for_nudge(request.user, pk)
    overdue = overdue_levels_for(scope=impact_scope(viewer=request.user), rep_ids=[rep.pk]).get(rep.pk, [])
    form = NudgeForm(request.POST, overdue_levels=overdue)
    if not overdue:
        messages.error(request, f"{rep.display_name} has nothing overdue to be nudged about. Nothing was sent.")
    elif not form.is_valid():
        messages.error(request, " ".join(form.errors["level"]) + " Nothing was sent.")
    else:
        item = form.chosen()
        try:
            nudge_send(actor=request.user, rep=rep, level=item.level)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Nudge sent to {rep.display_name} about {item.level.certification.title}, level {item.level.number}.")
    return redirect(_back(request))


def _back(request) -> str:
    """The struggling page the nudge was sent from (its own query string only), or the page itself."""
    page = reverse("certify:impact_struggling")
    query = request.POST.get("query", "")
    return f"{page}?{query}" if query and len(query) <= 500 and "\n" not in query and "\r" not in query else page
