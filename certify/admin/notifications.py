"""The site's defaults for how each kind of notice reaches people who have not chosen themselves."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from ..exceptions import DomainError
from ..forms import NoticeChannelsForm
from ..models import EMAIL_ONLY_KINDS, NoticeChannel, NoticeKind
from ..permissions import can_set_notification_defaults
from ..selectors import notification_defaults
from ..services import notification_defaults_set


@require_http_methods(["GET", "POST"])
def notification_defaults_view(request):
    if not can_set_notification_defaults(request.user):
        raise PermissionDenied
    defaults = notification_defaults()
    kinds = [
        (kind, NoticeKind(kind).label, defaults[kind], NoticeChannel.EMAIL)
        for kind in NoticeKind.values
        if kind not in EMAIL_ONLY_KINDS
    ]
    form = NoticeChannelsForm(request.POST or None, kinds=kinds, default_label="Without a default")
    if request.method == "POST" and form.is_valid():
        try:
            notification_defaults_set(actor=request.user, channels=form.channels())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved: people who have not chosen get each kind of notice this way.")
            return redirect("certify_admin:notification_defaults")
    return TemplateResponse(
        request,
        "certify/admin/form_page.html",
        {
            "form": form, "title": "Notification defaults", "icon": "mail", "submit": "Save defaults",
            "intro": "Every notice appears in its reader's notification list. Choose how each kind also reaches the "
            "people who have not chosen for themselves in their notification settings: by email at once, in one "
            "email a day, or only in Certifiable. Invitations always go by email.",
        },
    )  # fmt: skip
