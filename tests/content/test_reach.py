import pytest
from django.core.cache import cache
from django.urls import reverse

from certify.services import reach_rollup_refresh
from content.models import PageView
from content.services import page_view_record
from tests.factories.certify import RepFactory, TeamFactory
from tests.factories.content import article
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def test_viewing_a_content_page_records_who_when_and_how_often(client_for, rep, hub):
    page = article(hub)
    client = client_for(rep)
    client.get(page.url)
    view = PageView.objects.get(user=rep, page=page)
    assert view.count == 1 and view.first_seen == view.last_seen
    cache.clear()  # the visit window has passed
    client.get(page.url)
    view.refresh_from_db()
    assert view.count == 2 and view.last_seen > view.first_seen
    assert PageView.objects.count() == 1


def test_reloading_within_the_visit_window_counts_one_visit_and_writes_nothing(client_for, rep, hub):
    page = article(hub)
    client = client_for(rep)
    client.get(page.url)
    with count_queries() as queries:
        client.get(page.url)
    assert not [sql for sql in queries.sql if sql.lstrip().upper().startswith(("UPDATE", "INSERT"))
                and "content_pageview" in sql]
    assert PageView.objects.get(user=rep, page=page).count == 1


def test_each_person_has_their_own_visit_window(client_for, rep, other_rep, hub):
    page = article(hub)
    client_for(rep).get(page.url)
    client_for(other_rep).get(page.url)
    assert PageView.objects.filter(page=page).count() == 2


def test_anonymous_and_index_views_are_not_recorded(client, client_for, rep, hub):
    page = article(hub)
    client.get(page.url)
    client_for(rep).get(hub.url)
    assert not PageView.objects.exists()


def test_recording_a_view_twice_keeps_one_row(rep, hub):
    page = article(hub)
    page_view_record(user=rep, page=page)
    page_view_record(user=rep, page=page)
    assert PageView.objects.get().count == 2


def test_reach_report_shows_how_many_reps_opened_each_page_and_the_share(client_for, enablement_admin, hub):
    page = article(hub, title="Read by some")
    reps = RepFactory.create_batch(4)
    for person in reps[:3]:
        page_view_record(user=person, page=page)
    page_view_record(user=enablement_admin, page=page)  # not a rep: not counted in reach
    reach_rollup_refresh()
    content = client_for(enablement_admin).get(reverse("certify_admin:reach:index")).content.decode()
    assert "Read by some" in content
    assert "75.0 %" in content


def test_reach_by_team_splits_the_share_per_team(client_for, enablement_admin, hub):
    page = article(hub, title="Team reach")
    east = RepFactory.create_batch(2)
    west = RepFactory.create_batch(4)
    TeamFactory(name="East side", members=east)
    TeamFactory(name="West side", members=west)
    page_view_record(user=east[0], page=page)
    page_view_record(user=west[0], page=page)
    reach_rollup_refresh()
    response = client_for(enablement_admin).get(reverse("certify_admin:reach:page", args=[page.pk]))
    content = response.content.decode()
    assert "East side" in content and "50.0 %" in content
    assert "West side" in content and "25.0 %" in content


def test_reach_report_can_be_exported_as_csv(client_for, enablement_admin, hub):
    page = article(hub, title="Exported page")
    page_view_record(user=RepFactory(), page=page)
    reach_rollup_refresh()
    response = client_for(enablement_admin).get(reverse("certify_admin:reach:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Exported page" in body
    assert b"Share of reps (%)" in body


def _titles(response):
    return [page.title for page in response.context["object_list"]]


@pytest.mark.parametrize("results_only", [False, True], ids=["index page", "results the header links fetch"])
def test_reach_report_sorts_by_the_column_chosen(client_for, enablement_admin, hub, results_only):
    busy, quiet, unread = article(hub, title="Busy"), article(hub, title="Quiet"), article(hub, title="Alpha unread")
    reps = RepFactory.create_batch(3)
    for person in reps:
        page_view_record(user=person, page=busy)
    page_view_record(user=reps[0], page=quiet)
    page_view_record(user=reps[0], page=quiet)
    reach_rollup_refresh()
    client = client_for(enablement_admin)
    url = reverse("certify_admin:reach:index_results" if results_only else "certify_admin:reach:index")
    assert _titles(client.get(url)) == ["Busy", "Quiet", "Alpha unread"]  # most reps first by default
    assert _titles(client.get(url, {"ordering": "title"})) == ["Alpha unread", "Busy", "Quiet"]
    assert _titles(client.get(url, {"ordering": "-title"})) == ["Quiet", "Busy", "Alpha unread"]
    assert _titles(client.get(url, {"ordering": "rep_viewers"})) == ["Alpha unread", "Quiet", "Busy"]
    by_views = client.get(url, {"ordering": "-total_views"})
    assert _titles(by_views)[0] == "Busy" and _titles(by_views)[-1] == "Alpha unread"


def test_reach_by_team_sorts_by_the_column_chosen(client_for, enablement_admin, hub):
    page = article(hub, title="Team reach")
    east, west = RepFactory.create_batch(2), RepFactory.create_batch(4)
    TeamFactory(name="East side", members=east)
    TeamFactory(name="West side", members=west)
    for person in west[:3]:
        page_view_record(user=person, page=page)
    reach_rollup_refresh()
    client = client_for(enablement_admin)
    url = reverse("certify_admin:reach:page", args=[page.pk])
    names = lambda response: [team.name for team in response.context["object_list"]]  # noqa: E731
    assert names(client.get(url)) == ["East side", "West side"]
    assert names(client.get(url, {"ordering": "-viewers"})) == ["West side", "East side"]
    assert names(client.get(url, {"ordering": "-name"})) == ["West side", "East side"]
