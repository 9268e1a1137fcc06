"""Asking holders to recertify when a level's content changes materially (models.recertification)."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..models import (
    NOTE_MAX,
    RECERTIFY_LATEST_DAYS,
    RECERTIFY_SOONEST_DAYS,
    Award,
    LevelChange,
    NoticeKind,
)
from ..permissions import can_manage_certifications
from .notifications import notice_send


def recertify_deadline(day) -> datetime:
    """The moment an award asked to be renewed by `day` ends: the end of that day in the site's zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), timezone.get_default_timezone())


def level_change_announce(*, actor, level, recertify_by, note: str, now=None) -> LevelChange:
    """Mark `level` changed materially: every award of it held now stays valid until the end of `recertify_by`
    (one that ends sooner keeps its own end), says so, and its holders are told. Renewing works as for any award
    in its last 60 days; a pass after the change holds the level again for the level's whole validity.
    Enablement admins only; the day is 7 to 366 days ahead and the note says what changed."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can ask holders to recertify.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    note = (note or "").strip()
    if not note or len(note) > NOTE_MAX:
        raise DomainError(f"Say in up to {NOTE_MAX} characters what changed: holders read it.")
    if not today + timedelta(days=RECERTIFY_SOONEST_DAYS) <= recertify_by <= today + timedelta(days=RECERTIFY_LATEST_DAYS):
        raise DomainError(
            f"Choose a day from {RECERTIFY_SOONEST_DAYS} days to a year ahead "
            f"({today + timedelta(days=RECERTIFY_SOONEST_DAYS):%-d %b %Y} to {today + timedelta(days=RECERTIFY_LATEST_DAYS):%-d %b %Y})."
        )
    ends = recertify_deadline(recertify_by)
    with transaction.atomic():
        change = LevelChange.objects.create(level=level, note=note, recertify_by=recertify_by, announced_by=actor, announced_at=now)
        held = Award.objects.current(now).filter(level=level, awarded_at__lte=now)
        change.holders = held.values("user").distinct().count()
        change.save(update_fields=["holders"])
        held.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=ends)).update(
            valid_until=ends, recertify_by=recertify_by, level_change=change, expiry_notice_sent_at=None
        )
        transaction.on_commit(lambda: async_task("certify.tasks.recertify_notices_send", change.pk))
    return change


def recertify_notices_send(*, change: LevelChange) -> int:
    """Tell each holder of the changed level, once, that they take it again by the day given."""
    sent = 0
    level = change.level
    url = settings.SITE_URL + reverse("certify:certification_detail", args=[level.certification.slug])
    awards = Award.objects.filter(level_change=change).select_related("user").order_by("user_id").distinct()
    told = set()
    for award in awards:
        if award.user_id in told or not award.user.is_active:
            continue
        told.add(award.user_id)
        sent += notice_send(
            to=award.user.email, reader=award.user, kind=NoticeKind.RECERTIFY,
            subject=f"{level.certification}: take {level.label.lower()} again by {change.recertify_by:%-d %B}",
            template="certify/emails/recertify.txt",
            context={"person": award.user, "change": change, "level": level, "url": url},
        )  # fmt: skip
    return sent
