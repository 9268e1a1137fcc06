"""Outgoing webhooks: events emitted where things happen, one delivery per (event, endpoint), each POSTed signed
by a django-q2 task and retried with backoff until a 2xx answer or the last attempt.

An event's rows are written inside the transaction of the change it reports, and sending is queued on commit:
a change rolled back sends nothing. A rep's failed result is sent only to endpoints that may receive failed
results, checked when the event is emitted and again when it is sent.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta
from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..models import (
    Award,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventType,
    new_webhook_secret,
)
from ..models.webhooks import ERROR_MAX, NAME_MAX, URL_MAX
from ..permissions import can_manage_certifications

# Minutes to wait after the first, second, ... failed attempt; after the last of these, the delivery has failed.
RETRY_MINUTES = (1, 5, 30, 120, 720)
ATTEMPTS_MAX = len(RETRY_MINUTES) + 1
# A claimed delivery is left alone by other runs this long (longer than any one attempt takes).
CLAIM_SECONDS = 120
# How far back the nightly run looks for awards that expired (awards that ran out before webhooks existed stay quiet).
EXPIRED_LOOKBACK_DAYS = 7
DUE_BATCH = 200
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# --- Endpoints -------------------------------------------------------------------------------


def webhook_url_problem(url: str) -> str:
    """Why a URL cannot be an endpoint ("" when it can): https, or http to this machine only."""
    if len(url) > URL_MAX:
        return f"The URL is too long: at most {URL_MAX} characters."
    try:
        parts = urlsplit(url)
        port = parts.port  # noqa: F841 - a bad port raises here
    except ValueError:
        return "Enter a valid URL, such as https://hooks.example.com/certifiable."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Enter a valid URL, such as https://hooks.example.com/certifiable."
    if parts.username or parts.password:
        return "Leave the user name and password out of the URL: requests are signed instead."
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        return "The URL must start with https:// (plain http is only for 127.0.0.1 or localhost)."
    return ""


def _endpoint_clean(*, name: str, url: str, events) -> tuple:
    name, url = (name or "").strip(), (url or "").strip()
    if not name:
        raise DomainError("Give the endpoint a name.")
    if len(name) > NAME_MAX:
        raise DomainError(f"The name is too long: at most {NAME_MAX} characters.")
    if problem := webhook_url_problem(url):
        raise DomainError(problem)
    events = [value for value in WebhookEventType.values if value in set(events or ())]
    if not events:
        raise DomainError("Choose at least one event to send to this endpoint.")
    return name, url, events


@transaction.atomic
def webhook_endpoint_save(
    *, actor: User, endpoint: WebhookEndpoint | None = None, name: str, url: str, events, is_active: bool = True,
    may_receive_failed: bool = False,
) -> WebhookEndpoint:
    """Register an endpoint (a new secret is made for it) or change one."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can manage webhooks.")
    name, url, events = _endpoint_clean(name=name, url=url, events=events)
    if endpoint is None:
        endpoint = WebhookEndpoint(created_by=actor)
    endpoint.name, endpoint.url, endpoint.events = name, url, events
    endpoint.is_active, endpoint.may_receive_failed = bool(is_active), bool(may_receive_failed)
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_secret_rotate(*, actor: User, endpoint_id: int) -> WebhookEndpoint:
    """A new secret for the endpoint: from now on, every request is signed with it."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can manage webhooks.")
    endpoint = WebhookEndpoint.objects.select_for_update().filter(pk=endpoint_id).first()
    if endpoint is None:
        raise DomainError("No such endpoint.")
    endpoint.secret = new_webhook_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint


@transaction.atomic
def webhook_delivery_resend(*, actor: User, delivery_id) -> WebhookDelivery:
    """Send a delivery again, whatever became of it: its attempts so far stay in its log."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can manage webhooks.")
    delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        raise DomainError("No such delivery.")
    delivery.status = WebhookDeliveryStatus.PENDING
    delivery.tries = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "tries", "next_attempt_at"])
    _send_on_commit([delivery.pk])
    return delivery


# --- Events ----------------------------------------------------------------------------------


def _send_on_commit(delivery_ids) -> None:
    ids = [str(pk) for pk in delivery_ids]
    if ids:
        transaction.on_commit(lambda: async_task("certify.tasks.webhook_deliveries_send", ids))


def webhook_event_emit(*, type: str, data: dict, failed_result: bool = False, now=None) -> WebhookEvent | None:
    """Record an event for every active endpoint that wants it (and may read it), and send it once the current
    transaction commits. Nothing is recorded when no endpoint wants it."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if type in endpoint.events and (endpoint.may_receive_failed or not failed_result)
    ]
    if not endpoints:
        return None
    now = now or timezone.now()
    event = WebhookEvent.objects.create(type=type, data=data, failed_result=failed_result, created_at=now)
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(event=event, endpoint=endpoint, created_at=now, next_attempt_at=now) for endpoint in endpoints]
    )
    _send_on_commit([delivery.pk for delivery in deliveries])
    return event


def _absolute(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _when(value) -> str | None:
    return value.astimezone(dt_timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if value else None


def _rep(user) -> dict:
    return {"id": user.pk, "email": user.email, "name": user.display_name}


def _award(award: Award) -> dict:
    certification, level = award.certification, award.level
    data = {
        "id": award.pk,
        "certification": {
            "id": certification.pk,
            "slug": certification.slug,
            "title": certification.title,
            "url": _absolute("certify:certification_detail", certification.slug),
        },
        "level": {"number": level.number, "label": level.label},
        "awarded_at": _when(award.awarded_at),
        "valid_until": _when(award.valid_until),
    }
    if award.verification_public:
        data["verification_url"] = _absolute("certify:verification", award.verification_token)
    return data


def award_granted_emit(*, award: Award) -> WebhookEvent | None:
    evidence = "attempt" if award.attempt_id else "evaluation" if award.evaluation_id else "granted_by_admin"
    data = {"rep": _rep(award.user), "award": {**_award(award), "evidence": evidence}}
    return webhook_event_emit(type=WebhookEventType.AWARD_GRANTED, data=data)


def award_revoked_emit(*, award: Award) -> WebhookEvent | None:
    # When, never why: the reason is for the rep and their managers (as on the public verification page).
    data = {"rep": _rep(award.user), "award": {**_award(award), "revoked_at": _when(award.revoked_at)}}
    return webhook_event_emit(type=WebhookEventType.AWARD_REVOKED, data=data)


def tier_changed_emit(*, change) -> WebhookEvent | None:
    data = {
        "rep": _rep(change.user),
        "tier": {
            "from": change.from_name or None,
            "to": change.to_name or None,
            "promotion": change.is_promotion,
            "reason": change.reason,
            "changed_at": _when(change.at),
        },
    }
    return webhook_event_emit(type=WebhookEventType.TIER_CHANGED, data=data)


def evaluation_released_emit(*, evaluation) -> WebhookEvent | None:
    from ..models import LevelEvaluation

    link = LevelEvaluation.objects.select_related("level__certification").filter(evaluation=evaluation).first()
    data = {
        "rep": _rep(evaluation.performer),
        "evaluation": {
            "id": evaluation.pk,
            "kind": evaluation.kind,
            "subject": evaluation.subject,
            "passed": bool(evaluation.passed),
            "score": str(evaluation.score) if evaluation.score is not None else None,
            "released_at": _when(evaluation.released_at),
            "url": _absolute("certify:evaluation", evaluation.pk),
        },
    }
    if link is not None:
        certification = link.level.certification
        data["certification"] = {"id": certification.pk, "slug": certification.slug, "title": certification.title}
        data["level"] = {"number": link.level.number, "label": link.level.label}
    return webhook_event_emit(
        type=WebhookEventType.EVALUATION_RELEASED, data=data, failed_result=not evaluation.passed
    )


def attempt_graded_emit(*, attempt) -> WebhookEvent | None:
    data = {
        "rep": _rep(attempt.user),
        "attempt": {
            "id": attempt.pk,
            "number": attempt.number,
            "quiz": {"id": attempt.quiz_id, "title": attempt.quiz.title},
            "passed": bool(attempt.passed),
            "score": str(attempt.score) if attempt.score is not None else None,
            "pass_mark": attempt.pass_mark,
            "timed_out": attempt.timed_out,
            "submitted_at": _when(attempt.submitted_at),
            "url": _absolute("certify:attempt_result", attempt.pk),
        },
    }
    return webhook_event_emit(type=WebhookEventType.ATTEMPT_GRADED, data=data, failed_result=not attempt.passed)


def award_expired_events_emit(*, now=None) -> int:
    """Nightly: announce each award that has run out (and was not revoked) once; a second run announces nothing.
    Whether the rep still holds the level under a newer award is said in the event."""
    now = now or timezone.now()
    renewed = Award.objects.current(now).filter(user=OuterRef("user"), level=OuterRef("level"))
    expired = (
        Award.objects.filter(
            revoked_at__isnull=True,
            expired_event_at__isnull=True,
            valid_until__lte=now,
            valid_until__gt=now - timedelta(days=EXPIRED_LOOKBACK_DAYS),
        )
        .annotate(renewed=Exists(renewed))
        .select_related("user", "level", "certification")
        .order_by("valid_until", "pk")
    )
    announced = 0
    for award in expired:
        with transaction.atomic():
            if not Award.objects.filter(pk=award.pk, expired_event_at__isnull=True).update(expired_event_at=now):
                continue  # another run announced it first
            data = {"rep": _rep(award.user), "award": {**_award(award), "still_holds_level": award.renewed}}
            webhook_event_emit(type=WebhookEventType.AWARD_EXPIRED, data=data, now=now)
            announced += 1
    return announced


# --- Delivery --------------------------------------------------------------------------------


def webhook_signature(secret: str, body: bytes) -> str:
    """The X-Certifiable-Signature header's value: sha256=<hex HMAC-SHA256 of the raw body>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx answer is not a delivery: it is logged and retried like any other


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: bytes, headers: dict) -> tuple:
    """(status code or None, error text)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"[:ERROR_MAX]
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"No answer: {reason}"[:ERROR_MAX]


def _finish(delivery: WebhookDelivery, *, now, status: str, code=None, error: str = "", next_at=None) -> None:
    delivery.status, delivery.last_status_code, delivery.last_error = status, code, error
    delivery.last_attempt_at, delivery.next_attempt_at = now, next_at
    if status == WebhookDeliveryStatus.SUCCEEDED:
        delivery.delivered_at = now
    delivery.save(update_fields=[
        "status", "tries", "last_status_code", "last_error", "last_attempt_at", "next_attempt_at", "delivered_at"
    ])


def webhook_delivery_send(*, delivery_id, now=None) -> WebhookDelivery | None:
    """Make one attempt at a pending delivery that is due. A run that finds it taken (by another run, or already
    delivered) does nothing: a delivery that has succeeded is never sent again unless an admin asks."""
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("event", "endpoint").get(pk=delivery_id)
    event, endpoint = delivery.event, delivery.endpoint
    if not endpoint.is_active:
        _finish(delivery, now=now, status=WebhookDeliveryStatus.FAILED, error="Not sent: the endpoint is switched off.")
        return delivery
    if event.failed_result and not endpoint.may_receive_failed:
        _finish(delivery, now=now, status=WebhookDeliveryStatus.FAILED,
                error="Not sent: this endpoint may not receive failed results.")
        return delivery
    body = json.dumps(event.payload(), separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Certifiable-Webhooks/1",
        "X-Certifiable-Event": event.type,
        "X-Certifiable-Delivery": str(delivery.pk),
        "X-Certifiable-Signature": webhook_signature(endpoint.secret, body),
    }
    started = time.monotonic()
    code, error = _post(endpoint.url, body, headers)
    duration = int((time.monotonic() - started) * 1000)
    WebhookAttempt.objects.create(delivery=delivery, at=now, status_code=code, error=error, duration_ms=duration)
    delivery.tries += 1
    if code is not None and 200 <= code < 300:
        _finish(delivery, now=now, status=WebhookDeliveryStatus.SUCCEEDED, code=code)
    elif delivery.tries >= ATTEMPTS_MAX:
        _finish(delivery, now=now, status=WebhookDeliveryStatus.FAILED, code=code, error=error or f"HTTP {code}")
    else:
        next_at = now + timedelta(minutes=RETRY_MINUTES[delivery.tries - 1])
        _finish(delivery, now=now, status=WebhookDeliveryStatus.PENDING, code=code, error=error or f"HTTP {code}",
                next_at=next_at)
    return delivery


def webhook_deliveries_send_due(*, now=None) -> int:
    """Every minute: make the next attempt at each pending delivery whose time has come (first sends a worker
    missed, and retries). Returns how many were attempted."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        Q(next_attempt_at__lte=now), status=WebhookDeliveryStatus.PENDING
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:DUE_BATCH]
    return sum(webhook_delivery_send(delivery_id=pk, now=now) is not None for pk in list(due))
