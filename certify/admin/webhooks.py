"""The webhooks pages of the Wagtail admin: endpoints (register, change, rotate the secret) and each endpoint's
deliveries, newest first, with every attempt and "send again". Enablement admins only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..exceptions import DomainError
from ..forms import WebhookEndpointForm
from ..models import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from ..permissions import can_manage_certifications
from ..selectors import webhook_deliveries, webhook_endpoints
from ..services import (
    ATTEMPTS_MAX,
    RETRY_MINUTES,
    webhook_delivery_resend,
    webhook_endpoint_save,
    webhook_endpoint_secret_rotate,
)

DELIVERIES_PER_PAGE = 25


def _admin_only(request, methods):
    """Refused (403) unless an enablement admin; then a method the page does not take is refused (405). Pages of
    one endpoint fetch it first, so a missing one is 404 whatever the method."""
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    if request.method not in methods:
        return HttpResponseNotAllowed(methods)
    return None


def _endpoint_or_404(request, pk) -> WebhookEndpoint:
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    return get_object_or_404(WebhookEndpoint, pk=pk)


def endpoint_list_view(request):
    if refused := _admin_only(request, ["GET", "HEAD"]):
        return refused
    return TemplateResponse(request, "certify/admin/webhooks/endpoint_list.html", {"endpoints": webhook_endpoints()})


def _endpoint_form_page(request, *, endpoint=None):
    initial = None
    if endpoint is not None:
        initial = {"name": endpoint.name, "url": endpoint.url, "events": endpoint.events,
                   "is_active": endpoint.is_active, "may_receive_failed": endpoint.may_receive_failed}
    form = WebhookEndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = webhook_endpoint_save(actor=request.user, endpoint=endpoint, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if endpoint is None:
                messages.success(request, f"{saved.name} is registered. Its secret is below: use it to verify "
                                          "the signature of every request.")
            else:
                messages.success(request, f"{saved.name} is saved.")
            return redirect(reverse("certify_admin:webhooks:endpoint", args=[saved.pk]))
    title = f"Change {endpoint.name}" if endpoint is not None else "Register a webhook endpoint"
    return TemplateResponse(request, "certify/admin/form_page.html", {
        "form": form, "title": title, "icon": "link", "submit": "Save",
        "intro": "Certifiable POSTs each chosen event to the URL as JSON, signed with the endpoint's secret.",
    })


def endpoint_create_view(request):
    if refused := _admin_only(request, ["GET", "HEAD", "POST"]):
        return refused
    return _endpoint_form_page(request)


def endpoint_edit_view(request, pk):
    endpoint = _endpoint_or_404(request, pk)
    if refused := _admin_only(request, ["GET", "HEAD", "POST"]):
        return refused
    return _endpoint_form_page(request, endpoint=endpoint)


def endpoint_view(request, pk):
    """The endpoint, its secret, and its deliveries (newest first, a page at a time, by status if asked)."""
    endpoint = _endpoint_or_404(request, pk)
    if refused := _admin_only(request, ["GET", "HEAD"]):
        return refused
    status = request.GET.get("status", "")
    status = status if status in WebhookDeliveryStatus.values else ""
    page = Paginator(webhook_deliveries(endpoint=endpoint, status=status), DELIVERIES_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(request, "certify/admin/webhooks/endpoint.html", {
        "endpoint": endpoint,
        "page": page,
        "status": status,
        "statuses": WebhookDeliveryStatus.choices,
        "attempts_max": ATTEMPTS_MAX,
        "retry_minutes": ", ".join(str(minutes) for minutes in RETRY_MINUTES),
    })


def endpoint_secret_rotate_view(request, pk):
    endpoint = _endpoint_or_404(request, pk)
    if refused := _admin_only(request, ["POST"]):
        return refused
    webhook_endpoint_secret_rotate(actor=request.user, endpoint_id=endpoint.pk)
    messages.success(request, f"{endpoint.name} has a new secret: every request from now on is signed with it.")
    return redirect(reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk]))


def delivery_resend_view(request, pk, delivery_id):
    endpoint = _endpoint_or_404(request, pk)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("event"), pk=delivery_id, endpoint=endpoint)
    if refused := _admin_only(request, ["POST"]):
        return refused
    webhook_delivery_resend(actor=request.user, delivery_id=delivery.pk)
    messages.success(request, f"The {delivery.event.type} delivery is queued to be sent again.")
    return redirect(reverse("certify_admin:webhooks:endpoint", args=[pk]))
