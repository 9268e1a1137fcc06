"""People: accepting an invitation to join, each person's page, and a person's own time zone."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from ..exceptions import DomainError, InvitationInvalid
from ..forms import SetPasswordForm, TimeZoneForm
from ..models import User
from ..permissions import can_view_results_of
from ..selectors import person_profile, quiz_results, tip_list, tip_marked_by
from ..services import invitation_accept, invitation_from_token, user_time_zone_default, user_time_zone_set
from .tips import TIP_PAGE_SIZE


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
            user_time_zone_default(user=user, time_zone=form.cleaned_data["time_zone"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Certifiable, {user.display_name}. Your password is set.")
            return redirect("certify:home")
    return render(request, "certify/invitation_accept.html", {"invitation": invitation, "form": form})


@require_safe
def person_view(request, pk):
    try:
        person = person_profile(viewer=request.user, pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    tips = tip_list(viewer=request.user, author=person, sort="newest")
    page_obj = Paginator(tips, TIP_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certify/person.html",
        {
            "person": person,
            "page_obj": page_obj,
            "marked": tip_marked_by(viewer=request.user, tips=page_obj.object_list),
            # Scores are private: the person, their managers and enablement admins.
            "results": quiz_results(person=person)[:10] if can_view_results_of(request.user, person) else None,
        },
    )


@require_http_methods(["GET", "POST"])
def time_zone_view(request):
    """The person's own time zone: every time they read is shown in it, and every time they type is read in it."""
    person = request.user
    form = TimeZoneForm(request.POST or None, initial={"time_zone": person.time_zone_name})
    if request.method == "POST" and form.is_valid():
        try:
            user_time_zone_set(actor=request.user, user=person, time_zone=form.cleaned_data["time_zone"])
        except DomainError as error:
            form.add_error("time_zone", str(error))
        else:
            messages.success(request, f"Your time zone is {person.time_zone_name}: every time is now shown in it.")
            return redirect("certify:time_zone")
    return render(
        request,
        "certify/time_zone.html",
        {"form": form, "now": timezone.now(), "chosen": bool(person.time_zone), "zone_name": person.time_zone_name},
    )
