"""Outgoing webhooks: the endpoints enablement admins register, the events the platform emits to them and each
delivery of an event to an endpoint, with every attempt at it."""

import secrets
import uuid
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import models
from django.utils import timezone

NAME_MAX = 100
URL_MAX = 500
ERROR_MAX = 300


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class WebhookEventType(models.TextChoices):
    AWARD_GRANTED = "award.granted", "award.granted: a level awarded"
    AWARD_REVOKED = "award.revoked", "award.revoked: an award taken back"
    AWARD_EXPIRED = "award.expired", "award.expired: an award ran out"
    TIER_CHANGED = "tier.changed", "tier.changed: a rep's tier changed"
    EVALUATION_RELEASED = "evaluation.released", "evaluation.released: a role-play or observation result released"
    ATTEMPT_GRADED = "attempt.graded", "attempt.graded: a quiz attempt graded"


class WebhookEndpoint(models.Model):
    name = models.CharField(max_length=NAME_MAX)
    url = models.URLField("URL", max_length=URL_MAX)
    events = models.JSONField(default=list, help_text="The event types it is sent (values of WebhookEventType).")
    is_active = models.BooleanField("active", default=True)
    may_receive_failed = models.BooleanField(
        "may receive failed results",
        default=False,
        help_text="Only then is a rep's failed quiz or assessment result sent here.",
    )
    secret = models.CharField(max_length=64, default=new_webhook_secret, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def event_labels(self) -> list:
        return [value for value in WebhookEventType.values if value in self.events]


class WebhookEvent(models.Model):
    """Something that happened, as followers read it: the payload every endpoint that wants it is sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=40, choices=WebhookEventType.choices)
    created_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict)
    # A rep's failed result: only endpoints that may receive failed results are ever sent it.
    failed_result = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.type} {self.id}"

    def payload(self) -> dict:
        created = self.created_at.astimezone(dt_timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        return {"id": str(self.id), "type": self.type, "created_at": created, "data": self.data}


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event sent to one endpoint. Pending until a 2xx answer (succeeded) or the last retry (failed)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=WebhookDeliveryStatus.choices, default=WebhookDeliveryStatus.PENDING)
    tries = models.PositiveSmallIntegerField(default=0, help_text="Attempts since it was last queued.")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=ERROR_MAX, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["event", "endpoint"], name="one_delivery_per_event_endpoint")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_by_endpoint"),
        ]

    def __str__(self):
        return f"{self.event.type} to {self.endpoint}"


class WebhookAttempt(models.Model):
    """One POST of a delivery: when, and what came back (a status code, or why none did)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=ERROR_MAX, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]
