"""Asking holders to recertify when a level's content changes, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from ..exceptions import DomainError
from ..forms import LevelChangeForm
from ..models import LevelChange
from ..permissions import can_manage_certifications
from ..services import level_change_announce


@require_http_methods(["GET", "POST"])
def level_change_view(request):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    form = LevelChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = level_change_announce(
                actor=request.user, level=data["level"], recertify_by=data["recertify_by"], note=data["note"]
            )
        except DomainError as error:
            form.add_error("recertify_by" if "day" in str(error) else None, str(error))
        else:
            messages.success(
                request,
                f"{change.holders} holder{'s' if change.holders != 1 else ''} of {change.level} asked to recertify by "
                f"{change.recertify_by:%-d %B %Y}; they are being told.",
            )
            return redirect("certify_admin:level_change")
    changes = LevelChange.objects.select_related("level__certification", "announced_by")[:20]
    return TemplateResponse(
        request, "certify/admin/level_change.html", {"form": form, "changes": changes, "title": "Ask holders to recertify"}
    )
