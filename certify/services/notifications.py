"""Sending a notice: every email the certification domain sends goes out through notice_send, and every notice
a signed-in person can read also lands in their notification list (the bell in the navigation).

Who is told what, and when, stays with the part that decides it (evaluations, observations, people,
certifications, tiers); this module renders, records and sends. Each notice is rendered in its reader's time
zone, so every time in it is theirs and named (content/time_zones.py). How a notice reaches its reader is their
choice per kind (NoticeChannel: in the product only, also by email at once, or in a daily digest email), else the
site's default for the kind, else email at once.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..exceptions import DomainError
from ..models import (
    DEFAULT_CHANNELS,
    EMAIL_ONLY_KINDS,
    LINK_MAX,
    SUBJECT_MAX,
    NoticeChannel,
    NoticeKind,
    Notification,
    NotificationDefault,
    NotificationPreference,
)
from ..permissions import can_set_notification_defaults, notice_kinds_for


def notice_channel(*, user, kind: str) -> str:
    """How `kind` reaches `user`: their own choice, else the site's default (an admin's, else DEFAULT_CHANNELS'),
    else by email at once."""
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()
    if chosen:
        return chosen
    default = NotificationDefault.objects.filter(kind=kind).values_list("channel", flat=True).first()
    return default or DEFAULT_CHANNELS.get(kind, NoticeChannel.EMAIL)


def notice_link(url: str) -> str:
    """Where a notification leads: the path (and query) of a URL on this site; anything else leads nowhere."""
    if not url:
        return ""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    if parts.netloc and parts.netloc != site.netloc:
        return ""
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") and not path.startswith("//") and len(path) <= LINK_MAX else ""


def notice_send(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    reader=None,
    html_template: str | None = None,
    attachments=(),
    kind: str = "",
    link: str | None = None,
) -> int:
    """Record the notice in its reader's notification list, and render and send its email (with its HTML
    alternative, if it has one) if the reader takes this kind by email at once.

    `reader` is the person it is for: its times are in their zone (the site's without one). `kind` (a NoticeKind)
    says what it is about; `link` where to act (default: the context's "url"). `attachments` are (file name,
    content, MIME type) triples. Returns how many messages were sent now (0 when it waits for the digest or stays
    in the product)."""
    channel = NoticeChannel.EMAIL
    if kind and kind not in EMAIL_ONLY_KINDS and reader is not None and reader.pk and reader.is_active:
        channel = notice_channel(user=reader, kind=kind)
        Notification.objects.create(
            user=reader, kind=kind, subject=subject[:SUBJECT_MAX], link=notice_link(link or context.get("url", "")),
            digest_due=channel == NoticeChannel.DIGEST, emailed_at=timezone.now() if channel == NoticeChannel.EMAIL else None,
        )  # fmt: skip
    if channel != NoticeChannel.EMAIL:
        return 0
    with timezone.override(reader.zone if reader is not None else None):
        body = render_to_string(template, context)
        html = render_to_string(html_template, context) if html_template is not None else None
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
    if html is not None:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send()


# --- The reader's list ------------------------------------------------------------------------------------------


def notification_read(*, actor, notification_id: int) -> Notification:
    """Mark one of `actor`'s own notifications read (someone else's is not found: DomainError)."""
    notification = Notification.objects.filter(pk=notification_id, user=actor).first()
    if notification is None:
        raise DomainError("That notification is not yours or no longer exists.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, actor) -> int:
    """Mark every unread notification of `actor` read; how many were."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_set(*, actor, channels: dict) -> int:
    """Keep `actor`'s choice of channel for each kind given ({kind: channel}); a kind that cannot reach them or a
    channel that does not exist is refused and nothing is kept. How many kinds they now choose themselves."""
    allowed = set(notice_kinds_for(actor))
    for kind, channel in channels.items():
        if kind not in allowed or channel not in NoticeChannel.values:
            raise DomainError("Choose how each kind of notice reaches you from the choices offered.")
    NotificationPreference.objects.filter(user=actor, kind__in=list(channels)).delete()
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user=actor, kind=kind, channel=channel) for kind, channel in channels.items()
    )
    return NotificationPreference.objects.filter(user=actor).count()


@transaction.atomic
def notification_defaults_set(*, actor, channels: dict) -> None:
    """The site's default channel for each kind given; enablement admins only."""
    if not can_set_notification_defaults(actor):
        raise DomainError("Only enablement admins set how notices reach people by default.")
    for kind, channel in channels.items():
        if kind not in NoticeKind.values or kind in EMAIL_ONLY_KINDS or channel not in NoticeChannel.values:
            raise DomainError("Choose a default for each kind of notice from the choices offered.")
    for kind, channel in channels.items():
        NotificationDefault.objects.update_or_create(kind=kind, defaults={"channel": channel})


# --- The daily digest ------------------------------------------------------------------------------------------

DIGEST_MAX_ITEMS = 50


def notification_digests_send(*, now=None) -> int:
    """Email each person who has notifications waiting for the digest one message listing them (newest first, at
    most DIGEST_MAX_ITEMS, with how many more), and mark them sent. Each person's waiting notifications are claimed
    first (marked emailed in one UPDATE on the rows still waiting), so two runs at once never send one twice.
    How many digests were sent."""
    now = now or timezone.now()
    from ..models import User

    sent = 0
    waiting = Notification.objects.filter(digest_due=True, emailed_at__isnull=True)
    for user in User.objects.filter(pk__in=waiting.values("user_id"), is_active=True).order_by("pk").iterator():
        with transaction.atomic():
            ids = list(waiting.filter(user=user).values_list("pk", flat=True))
            claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now, digest_due=False)
            if not claimed:
                continue
            items = list(Notification.objects.filter(pk__in=ids, emailed_at=now).order_by("-created_at", "-pk"))
        sent += _digest_send(user=user, items=items)
    return sent


def _digest_send(*, user, items: list) -> int:
    shown = items[:DIGEST_MAX_ITEMS]
    with timezone.override(user.zone):
        body = render_to_string(
            "certify/emails/notification_digest.txt",
            {"person": user, "items": shown, "more": len(items) - len(shown), "site_url": settings.SITE_URL},
        )
    subject = f"Certifiable: {len(items)} new notice{'s' if len(items) != 1 else ''}"
    return EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email]).send()


def award_notice_send(*, award) -> int:
    """Tell the rep a level is theirs (in their list; by email too only if they chose it for this kind)."""
    from django.urls import reverse

    return notice_send(
        to=award.user.email, reader=award.user, kind=NoticeKind.AWARD,
        subject=f"You hold {award.certification}, {award.level.label.lower()}",
        template="certify/emails/award_granted.txt",
        context={"award": award, "person": award.user, "url": settings.SITE_URL + reverse("certify:my_credentials")},
    )  # fmt: skip
