"""Writes of the content hub."""

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PageView


def page_view_record(*, user, page, when=None) -> None:
    """Count one view of a content page by a signed-in person.

    One UPDATE for a page already seen; an INSERT the first time. Two requests
    racing on the first view meet the unique constraint and the loser counts
    its view as an update, so no view is lost and no duplicate row appears.
    """
    when = when or timezone.now()
    updated = PageView.objects.filter(user=user, page=page).update(count=F("count") + 1, last_seen=when)
    if updated:
        return
    try:
        with transaction.atomic():
            PageView.objects.create(user=user, page=page, first_seen=when, last_seen=when, count=1)
    except IntegrityError:
        PageView.objects.filter(user=user, page=page).update(count=F("count") + 1, last_seen=when)


def page_visit_record(*, user, page) -> bool:
    """Count a visit: views of the same page by the same person within REACH_VISIT_SECONDS count once.

    Reloads and back-and-forth navigation then cost no database write at all (the
    check is one cache operation), so reading a page never waits on other writers.
    Returns whether the visit was written.
    """
    window = settings.REACH_VISIT_SECONDS
    if window and not cache.add(f"reach-visit:{user.pk}:{page.pk}", 1, timeout=window):
        return False
    page_view_record(user=user, page=page)
    return True
