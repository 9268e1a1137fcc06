"""Teams as their managers and enablement see them: the list and one team's members and reach."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Role
from ..permissions import team_get_for_user
from ..selectors import team_members_with_reach, teams_managed_by, teams_with_counts

TEAM_PAGE_SIZE = 25


@require_safe
def team_list(request):
    user = request.user
    if user.has_role(Role.ENABLEMENT_ADMIN):
        from ..models import Team

        teams = Team.objects.all()
    elif user.has_role(Role.MANAGER):
        teams = teams_managed_by(user)
    else:
        raise Http404
    page_obj = Paginator(teams_with_counts(teams).order_by("name"), TEAM_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certify/team_list.html", {"page_obj": page_obj})


@require_safe
def team_detail(request, pk):
    team = team_get_for_user(request.user, pk)
    members = team_members_with_reach(team=team)
    page_obj = Paginator(members, TEAM_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certify/team_detail.html",
        {"team": team, "managers": list(team.managers.all()), "page_obj": page_obj},
    )
