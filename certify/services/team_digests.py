"""Managers' weekly digest: one notice a week to each manager about their teams (selectors.team_digest)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..models import NoticeKind, Notification
from ..selectors.team_digest import managers_with_teams, team_digest
from .notifications import notice_send


def team_digests_send(*, now=None) -> int:
    """Send each manager with a team this week's digest, once a week: a manager whose digest already went out
    since this week's Monday (in the site's zone) is skipped, so a second run, or a restarted worker, sends nothing
    new. A manager whose teams had no awards, nothing overdue and nothing waiting on them gets nothing. How many
    digests were sent (or kept for the product only)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    monday = timezone.make_aware(timezone.datetime.combine(today - timezone.timedelta(days=today.weekday()), timezone.datetime.min.time()))
    already = Notification.objects.filter(kind=NoticeKind.TEAM_DIGEST, created_at__gte=monday).values("user_id")
    sent = 0
    for manager in managers_with_teams().exclude(pk__in=already).iterator():
        digest = team_digest(manager=manager, now=now)
        if not digest.has_news:
            continue
        notice_send(
            to=manager.email, reader=manager, kind=NoticeKind.TEAM_DIGEST,
            subject=f"Your teams this week: {digest.earned_total} earned, {digest.overdue_total} overdue, {digest.waiting_total} waiting on you",
            template="certify/emails/team_digest.txt",
            context={"digest": digest, "site_url": settings.SITE_URL, "url": settings.SITE_URL + reverse("certify:team_list")},
        )  # fmt: skip
        sent += 1
    return sent
