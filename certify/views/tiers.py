"""Tiers as people meet them: a rep's path, and managers' and enablement's view of who sits where."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..forms import TierFilterForm
from ..models import Role, Tier
from ..selectors import rep_path, reps_by_tier, teams_visible_for_tiers, tier_counts_by_team
from .csv_export import csv_response

REPS_PAGE_SIZE = 50
TEAMS_PAGE_SIZE = 25


@require_safe
def rep_path_view(request):
    if not request.user.has_role(Role.REP):
        raise Http404
    return render(request, "certify/rep_path.html", {"path": rep_path(user=request.user)})


def _require_tier_viewer(user):
    if not (user.has_role(Role.MANAGER) or user.has_role(Role.ENABLEMENT_ADMIN)):
        raise Http404


def _filtered(request):
    _require_tier_viewer(request.user)
    teams = teams_visible_for_tiers(request.user)
    tiers = list(Tier.objects.order_by("rank"))
    form = TierFilterForm(request.GET or None, teams=teams, tiers=tiers)
    return teams, tiers, form, reps_by_tier(teams=teams, **form.filters(tiers))


@require_safe
def tiers_view(request):
    teams, tiers, form, reps = _filtered(request)
    teams_page = Paginator(teams.order_by("name"), TEAMS_PAGE_SIZE).get_page(request.GET.get("teams_page"))
    _tiers, team_rows = tier_counts_by_team(teams=teams_page.object_list)
    page_obj = Paginator(reps, REPS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certify/tiers.html",
        {
            "tiers": tiers,
            "team_rows": team_rows,
            "teams_page": teams_page,
            "form": form,
            "page_obj": page_obj,
            "query": request.GET.urlencode(),
        },
    )


@require_safe
def tiers_export(request):
    """The same list as the page, every row, as CSV (streamed, so size does not matter)."""
    _teams, _tiers, _form, reps = _filtered(request)

    def rows():
        yield ["Name", "Email", "Tier", "Next tier", "Progress to next (%)", "Still missing"]
        for rep in reps.iterator(chunk_size=500):
            status = getattr(rep, "tier_status", None)
            yield [
                rep.display_name,
                rep.email,
                status.tier.name if status and status.tier else "",
                status.next_tier.name if status and status.next_tier else "",
                status.progress if status else 0,
                "; ".join(item["label"] for item in status.missing) if status else "",
            ]

    return csv_response(rows(), filename=f"reps-by-tier-{timezone.localdate():%Y-%m-%d}.csv")
