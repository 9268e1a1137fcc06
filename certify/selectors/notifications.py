"""A person's notifications: their list, newest first, and how many they have not read (the bell's count)."""

from ..models import (
    DEFAULT_CHANNELS,
    NoticeChannel,
    NoticeKind,
    Notification,
    NotificationDefault,
    NotificationPreference,
)
from ..permissions import notice_kinds_for

NOTIFICATIONS_PAGE_SIZE = 25


def notification_list(*, user):
    """`user`'s own notifications, newest first (the index on user and time serves it); never anyone else's."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def notifications_unread_count(*, user) -> int:
    """How many of `user`'s notifications are unread: one COUNT on the (user, read) index, whatever their number."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_defaults() -> dict:
    """{kind: channel} the site uses for a person who has not chosen (an admin's default, else DEFAULT_CHANNELS',
    else email at once)."""
    found = dict(NotificationDefault.objects.values_list("kind", "channel"))
    return {kind: found.get(kind, DEFAULT_CHANNELS.get(kind, NoticeChannel.EMAIL)) for kind in NoticeKind.values}


def notification_choices(*, user) -> list:
    """The kinds that can reach `user`, each as (kind, label, their channel, the site's default channel): what their
    settings page offers. Two queries."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    defaults = notification_defaults()
    return [
        (kind, NoticeKind(kind).label, chosen.get(kind, defaults[kind]), defaults[kind])
        for kind in notice_kinds_for(user)
    ]
