"""The content reach rollup: rebuilt in bulk from the views, equal to the live counts, read by the reach report
(which says when it was counted) with a query count that does not grow with reps or views."""

from datetime import timedelta

import pytest
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone

from certify import tasks
from certify.models import PageReach, ReachRefresh, Role, TeamPageReach
from certify.schedules import REACH_REFRESH_MINUTES, SCHEDULES
from certify.services import reach_rollup_refresh
from content.models import PageView
from tests.factories.certify import RepFactory, TeamFactory
from tests.factories.content import article
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _view(user, page, *, count=1, days_ago=1):
    moment = timezone.now() - timedelta(days=days_ago)
    return PageView.objects.create(user=user, page=page, first_seen=moment, last_seen=moment, count=count)


@pytest.fixture
def views(hub, enablement_admin):
    """Primer: three active reps (East: a and b; West: c) viewed it 1, 2 and 3 times, the admin (not a rep) 4
    times, an inactive West rep once; last seen one day ago by c. Aside: a viewed once, ten days ago."""
    primer, aside = article(hub, title="Primer"), article(hub, title="Aside")
    a, b, c = RepFactory.create_batch(3)
    gone = RepFactory(is_active=False)
    TeamFactory(name="East", members=[a, b])
    TeamFactory(name="West", members=[c, gone])
    _view(a, primer, count=1, days_ago=3)
    _view(b, primer, count=2, days_ago=2)
    last = _view(c, primer, count=3, days_ago=1)
    _view(enablement_admin, primer, count=4, days_ago=5)
    _view(gone, primer, count=1, days_ago=4)
    _view(a, aside, days_ago=10)
    return {"primer": primer, "aside": aside, "last": last.last_seen}


def _live(page):
    """The reach of `page` counted straight from the views, the way the report counted before the rollup."""
    reps = PageView.objects.filter(page=page, user__is_active=True, user__groups__name=Role.REP.label)
    totals = PageView.objects.filter(page=page).aggregate(total=Sum("count"), last=Max("last_seen"))
    return reps.count(), totals["total"], totals["last"]


def test_the_rollup_holds_the_same_reach_as_the_views_counted_live(views):
    refresh = reach_rollup_refresh()
    primer = PageReach.objects.get(page=views["primer"])
    assert (primer.rep_viewers, primer.total_views, primer.last_viewed) == (3, 11, views["last"])
    assert (primer.rep_viewers, primer.total_views, primer.last_viewed) == _live(views["primer"])
    aside = PageReach.objects.get(page=views["aside"])
    assert (aside.rep_viewers, aside.total_views) == (1, 1) == _live(views["aside"])[:2]
    assert (refresh.reps, refresh.pages) == (3, 2)  # the inactive rep and the admin are not reps counted


def test_the_team_rollup_counts_each_teams_active_reps_who_opened_the_page(views):
    reach_rollup_refresh()
    by_team = dict(TeamPageReach.objects.filter(page=views["primer"]).values_list("team__name", "viewers"))
    assert by_team == {"East": 2, "West": 1}  # West's inactive rep is not counted
    live = dict(
        PageView.objects.filter(page=views["primer"], user__is_active=True, user__groups__name=Role.REP.label)
        .values_list("user__teams__name")
        .annotate(n=Count("user", distinct=True, filter=Q(user__teams__isnull=False)))
    )
    assert by_team == live
    assert dict(TeamPageReach.objects.filter(page=views["aside"]).values_list("team__name", "viewers")) == {"East": 1}


def test_the_rollup_is_stale_until_refreshed_and_a_refresh_rebuilds_it_whole(views):
    reach_rollup_refresh()
    PageView.objects.filter(page=views["aside"]).delete()
    _view(RepFactory(), views["primer"], count=5, days_ago=0)
    assert PageReach.objects.get(page=views["primer"]).rep_viewers == 3  # the report reads the last count
    refresh = reach_rollup_refresh()
    assert (PageReach.objects.get(page=views["primer"]).rep_viewers, PageReach.objects.get(page=views["primer"]).total_views) == (4, 16)
    assert not PageReach.objects.filter(page=views["aside"]).exists()
    assert not TeamPageReach.objects.filter(page=views["aside"]).exists()
    assert (refresh.reps, refresh.pages, ReachRefresh.objects.count()) == (4, 1, 1)


def test_refreshing_twice_changes_nothing(views):
    reach_rollup_refresh()
    first = sorted(PageReach.objects.values_list("page", "rep_viewers", "total_views", "last_viewed"))
    teams = sorted(TeamPageReach.objects.values_list("page", "team", "viewers"))
    reach_rollup_refresh()
    assert sorted(PageReach.objects.values_list("page", "rep_viewers", "total_views", "last_viewed")) == first
    assert sorted(TeamPageReach.objects.values_list("page", "team", "viewers")) == teams


def test_the_rollup_is_refreshed_on_a_schedule_by_a_task(views):
    assert ("certify.tasks.reach_rollup_refresh", REACH_REFRESH_MINUTES) in [(func, every) for _n, func, every in SCHEDULES]
    assert tasks.reach_rollup_refresh() == 2
    assert PageReach.objects.get(page=views["primer"]).rep_viewers == 3


def test_the_report_says_when_reach_was_last_counted(client_for, enablement_admin, views):
    client = client_for(enablement_admin)
    assert "Reach has not been counted yet" in client.get(reverse("certify_admin:reach:index")).content.decode()
    reach_rollup_refresh(now=timezone.now().replace(year=2026, month=3, day=4, hour=9, minute=30))
    html = client.get(reverse("certify_admin:reach:index")).content.decode()
    assert "Counted at 4 Mar 2026" in html and "(3 active reps)" in html
    assert f"every {REACH_REFRESH_MINUTES} minutes" in html
    team_page = client.get(reverse("certify_admin:reach:page", args=[views["primer"].pk])).content.decode()
    assert "Counted at 4 Mar 2026" in team_page


def test_the_report_shows_the_rollups_figures(client_for, enablement_admin, views):
    reach_rollup_refresh()
    response = client_for(enablement_admin).get(reverse("certify_admin:reach:index"))
    rows = {page.title: page for page in response.context["object_list"]}
    assert (rows["Primer"].rep_viewers, rows["Primer"].total_views, rows["Primer"].reach_share) == (3, 11, 100.0)
    assert (rows["Aside"].rep_viewers, rows["Aside"].reach_share) == (1, 33.3)
    teams = client_for(enablement_admin).get(reverse("certify_admin:reach:page", args=[views["primer"].pk]))
    assert [(team.name, team.rep_count, team.viewers, team.reach_share) for team in teams.context["object_list"]] == [
        ("East", 2, 2, 100.0),
        ("West", 1, 1, 100.0),
    ]


def test_reach_report_query_count_does_not_grow_with_reps_and_views(client_for, enablement_admin, views):
    reach_rollup_refresh()
    client = client_for(enablement_admin)
    urls = [
        reverse("certify_admin:reach:index"),
        reverse("certify_admin:reach:index_results"),
        reverse("certify_admin:reach:page", args=[views["primer"].pk]),
    ]
    before = [queries_for(client, url) for url in urls]
    east = TeamFactory(name="North")
    for index in range(20):
        rep = RepFactory()
        east.members.add(rep)
        _view(rep, views["primer"], count=index + 1)
        _view(rep, views["aside"])
    east.save()
    reach_rollup_refresh()
    assert [queries_for(client, url) for url in urls] == before
