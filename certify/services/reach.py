"""Rebuilding the content reach rollup in bulk: three aggregate queries over the views, then bulk inserts."""

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from content.models import PageView

from ..models import PageReach, ReachRefresh, Role, TeamPageReach, User

BATCH = 1000


def _active_rep_ids():
    return User.objects.filter(is_active=True, groups__name=Role.REP.label).values("pk")


@transaction.atomic
def reach_rollup_refresh(*, actor=None, now=None) -> ReachRefresh:
    """Rebuild PageReach and TeamPageReach from every PageView, and stamp when.

    Per page: active reps who opened it, views in all, last viewed; per team and page: the team's active reps
    who opened it. The one ReachRefresh row is locked first, so two refreshes at once run one after the other
    (`actor` is who asked; None for the schedule — the rollup holds no one's private facts)."""
    now = now or timezone.now()
    refresh, _created = ReachRefresh.objects.get_or_create(pk=1, defaults={"refreshed_at": now})
    refresh = ReachRefresh.objects.select_for_update().get(pk=refresh.pk)
    reps = _active_rep_ids()
    per_page = (
        PageView.objects.order_by()
        .values("page")
        .annotate(total=Sum("count"), last=Max("last_seen"), reps=Count("user", filter=Q(user__in=reps)))
    )
    PageReach.objects.all().delete()
    pages = PageReach.objects.bulk_create(
        (
            PageReach(page_id=row["page"], rep_viewers=row["reps"], total_views=row["total"] or 0, last_viewed=row["last"])
            for row in per_page.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    per_team = (
        PageView.objects.filter(user__in=reps, user__teams__isnull=False)
        .order_by()
        .values("page", "user__teams")
        .annotate(viewers=Count("user", distinct=True))
    )
    TeamPageReach.objects.all().delete()
    TeamPageReach.objects.bulk_create(
        (TeamPageReach(page_id=row["page"], team_id=row["user__teams"], viewers=row["viewers"]) for row in per_team.iterator(chunk_size=BATCH)),
        batch_size=BATCH,
    )
    refresh.refreshed_at = now
    refresh.reps = reps.count()
    refresh.pages = len(pages)
    refresh.save(update_fields=["refreshed_at", "reps", "pages"])
    return refresh
