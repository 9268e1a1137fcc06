from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .exceptions import InvitationInvalid
from .forms import SetPasswordForm
from .models import Role
from .permissions import team_get_for_user
from .selectors import home_for, team_members_with_reach, teams_managed_by, teams_with_counts
from .services import invitation_accept, invitation_from_token

TEAM_PAGE_SIZE = 25


@require_safe
def home(request):
    return render(request, "certify/home.html", {"home": home_for(request.user)})


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, token):
    try:
        invitation = invitation_from_token(token)
    except InvitationInvalid as error:
        return render(request, "certify/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as error:
            form.add_error("password1", error)
        except InvitationInvalid as error:
            return render(request, "certify/invitation_invalid.html", {"reason": str(error)}, status=410)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Certifiable, {user.display_name}. Your password is set.")
            return redirect("home")
    return render(request, "certify/invitation_accept.html", {"invitation": invitation, "form": form})


@require_safe
def team_list(request):
    user = request.user
    if user.has_role(Role.ENABLEMENT_ADMIN):
        from .models import Team

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
