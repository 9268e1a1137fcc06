"""A person's notifications: the list behind the bell, marking them read, following one, and choosing how each kind
of notice reaches them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..exceptions import DomainError
from ..forms import NoticeChannelsForm
from ..selectors import NOTIFICATIONS_PAGE_SIZE, notification_choices, notification_list
from ..services import notification_preferences_set, notification_read, notifications_read_all


@require_safe
def notifications_view(request):
    page_obj = Paginator(notification_list(user=request.user), NOTIFICATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certify/notifications.html", {"page_obj": page_obj})


def _own(request, pk):
    """Mark one of the reader's own notifications read; anyone else's, or a missing one, is a 404 alike."""
    try:
        return notification_read(actor=request.user, notification_id=pk)
    except DomainError:
        raise Http404 from None


@require_POST
def notification_read_view(request, pk):
    _own(request, pk)
    return redirect(request.POST.get("next") if _is_list(request.POST.get("next")) else "certify:notifications")


@require_safe
def notification_open_view(request, pk):
    """Follow a notification to where to act on it, marking it read on the way (its link is always on this site)."""
    notification = _own(request, pk)
    return redirect(notification.link or "certify:notifications")


@require_POST
def notifications_read_all_view(request):
    marked = notifications_read_all(actor=request.user)
    messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked read." if marked else "Everything was read already.")
    return redirect("certify:notifications")


def _is_list(url) -> bool:
    """Only a page of the list itself is a place to come back to after marking one read."""
    return bool(url) and url.startswith("/notifications/") and "//" not in url and len(url) < 100


@require_http_methods(["GET", "POST"])
def notification_settings_view(request):
    choices = notification_choices(user=request.user)
    form = NoticeChannelsForm(request.POST or None, kinds=choices)
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_set(actor=request.user, channels=form.channels())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved: each kind of notice now reaches you as you chose.")
            return redirect("certify:notification_settings")
    return render(request, "certify/notification_settings.html", {"form": form, "choices": choices})
