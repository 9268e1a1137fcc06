"""Writes from the Impact section: a nudge, by email, to a rep about a level that is overdue."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from assessments.services import person_lock
from content.time_zones import moment_text

from ..exceptions import DomainError, PermissionRefused
from ..models import CertificationLevel, NoticeKind, Nudge, User
from ..permissions import can_nudge
from ..selectors.impact import impact_scope, overdue_levels_for
from .notifications import notice_send


def nudge_refusal(*, rep: User, level: CertificationLevel, now=None) -> str:
    """Why a nudge about `level` may not be sent to `rep` now (another went out within IMPACT_NUDGE_DAYS), or ""."""
    now = now or timezone.now()
    days = settings.IMPACT_NUDGE_DAYS
    last = Nudge.objects.filter(rep=rep, level=level, sent_at__gt=now - timedelta(days=days)).order_by("-sent_at").first()
    if last is None:
        return ""
    return (
        f"{rep.display_name} was already nudged about {level.certification.title}, level {level.number} on "
        f"{moment_text(last.sent_at)}. One nudge a level every {days} days: you can send another from "
        f"{moment_text(last.sent_at + timedelta(days=days))}. Nothing was sent."
    )


@transaction.atomic
def nudge_send(*, actor: User, rep: User, level: CertificationLevel, now=None) -> Nudge:
    """Email the rep a reminder about `level`, which must be overdue for them, and record it. One nudge per rep and
    level every IMPACT_NUDGE_DAYS; only an enablement admin or the rep's own manager may send it."""
    now = now or timezone.now()
    if not can_nudge(actor, rep):
        raise PermissionRefused("Only the rep's manager or an enablement admin can nudge them.")
    person_lock(rep.pk)  # two nudges at once: the second waits, then finds the first
    overdue = overdue_levels_for(scope=impact_scope(viewer=actor), rep_ids=[rep.pk], now=now).get(rep.pk, [])
    item = next((item for item in overdue if item.level.pk == level.pk), None)
    if item is None:
        raise DomainError(f"{level.certification.title}, level {level.number} is not overdue for {rep.display_name}. Nothing was sent.")
    refusal = nudge_refusal(rep=rep, level=level, now=now)
    if refusal:
        raise DomainError(refusal)
    nudge = Nudge.objects.create(sender=actor, rep=rep, level=level, due_date=item.due_date, sent_at=now)
    transaction.on_commit(lambda: async_task("certify.tasks.nudge_email_send", nudge.pk))
    return nudge


def nudge_email_send(*, nudge: Nudge) -> int:
    """The nudge itself: kind, specific, in the rep's own time zone, with a link to the level."""
    level = nudge.level
    url = settings.SITE_URL + reverse("certify:certification_detail", args=[level.certification.slug]) + f"#level-{level.number}"
    return notice_send(
        to=nudge.rep.email,
        reader=nudge.rep,
        subject=f"A reminder about {level.certification.title}, level {level.number}",
        template="certify/emails/nudge.txt",
        kind=NoticeKind.NUDGE,
        context={"nudge": nudge, "person": nudge.rep, "sender": nudge.sender, "level": level, "url": url},
    )
