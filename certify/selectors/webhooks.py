"""Reads of the webhook admin pages: the endpoints, and one endpoint's deliveries with their attempts."""

from django.db.models import Count, Prefetch, Q

from ..models import WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint


def webhook_endpoints():
    """Every endpoint, with how many of its deliveries wait and how many failed (one query)."""
    return WebhookEndpoint.objects.annotate(
        pending_count=Count("deliveries", filter=Q(deliveries__status=WebhookDeliveryStatus.PENDING)),
        failed_count=Count("deliveries", filter=Q(deliveries__status=WebhookDeliveryStatus.FAILED)),
    ).order_by("name", "pk")


def webhook_deliveries(*, endpoint: WebhookEndpoint, status: str = ""):
    """An endpoint's deliveries, newest first, each with its event and (on the page shown) every attempt."""
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint).select_related("event")
    if status in WebhookDeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    return deliveries.prefetch_related(
        Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("-at", "-pk"))
    ).order_by("-created_at", "-pk")
