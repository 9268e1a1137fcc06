import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.services import page_view_record
from tests.factories.certify import RepFactory, TeamFactory
from tests.factories.content import ProductFactory, article

pytestmark = pytest.mark.django_db


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_rep_home_suggests_core_product_content_not_yet_opened(client_for, rep, hub):
    core = ProductFactory(is_core=True)
    seen = article(hub, title="Already read", products=[core])
    article(hub, title="Still to read", products=[core])
    page_view_record(user=rep, page=seen)
    content = client_for(rep).get(reverse("home")).content.decode()
    start_here = content[content.index("Start here") : content.index("Recently updated")]
    assert "Still to read" in start_here and "Already read" not in start_here


def test_manager_home_lists_the_teams_they_manage(client_for, manager, team, other_team):
    content = client_for(manager).get(reverse("home")).content.decode()
    assert "Your teams" in content and "East" in content and "West" not in content


def test_admin_home_shows_counts_and_admin_actions(client_for, enablement_admin, rep, hub):
    content = client_for(enablement_admin).get(reverse("home")).content.decode()
    assert "Invite someone" in content and "Content reach" in content


def test_navigation_fits_the_role(client_for, rep, manager, hub):
    assert b'href="/admin/"' not in client_for(rep).get(reverse("home")).content
    assert b'href="/teams/"' in client_for(manager).get(reverse("home")).content


@pytest.mark.parametrize("role_fixture", ["rep", "manager", "judge", "enablement_admin"])
def test_home_query_count_does_not_grow_with_content(request, client_for, hub, role_fixture):
    person = request.getfixturevalue(role_fixture)
    core = ProductFactory(is_core=True)
    article(hub, products=[core])
    TeamFactory(managers=[person], members=[RepFactory()])
    client = client_for(person)
    client.get(reverse("home"))
    one = _queries(client)
    for _ in range(19):
        page = article(hub, products=[core, ProductFactory(is_core=True)])
        page_view_record(user=person, page=page)
    TeamFactory(managers=[person], members=RepFactory.create_batch(3))
    twenty = _queries(client)
    assert twenty == one


def test_team_page_query_count_does_not_grow_with_members(client_for, manager, hub):
    team = TeamFactory(managers=[manager], members=[RepFactory()])
    client = client_for(manager)
    url = reverse("team_detail", args=[team.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    page = article(hub)
    members = RepFactory.create_batch(20)
    for person in members:
        page_view_record(user=person, page=page)
    team.members.add(*members)
    team.save()
    with CaptureQueriesContext(connection) as twenty:
        client.get(url)
    assert len(twenty.captured_queries) == len(one.captured_queries)


def test_a_reps_home_lists_the_certifications_due_soonest_that_they_do_not_hold(client_for, rep, enablement_admin):
    from datetime import timedelta

    from django.utils import timezone

    from certify.services import assignment_create, award_grant_by_person
    from tests.factories.certify import CertificationFactory

    today = timezone.localdate()
    later = CertificationFactory(title="Beacon Forecasting", open_to_all=False)
    sooner = CertificationFactory(title="Pulse Revenue Insights", open_to_all=False)
    held = CertificationFactory(title="Atlas Data Platform", open_to_all=False)
    for certification, days in ((later, 30), (sooner, 5), (held, 2)):
        assignment_create(
            actor=enablement_admin, level=certification.levels.get(), users=[rep], due_date=today + timedelta(days=days)
        )
    award_grant_by_person(actor=enablement_admin, user=rep, level=held.levels.get(), note="Certified last year.")

    content = client_for(rep).get("/").content.decode()

    assert "Certifications due" in content
    assert content.index("Pulse Revenue Insights") < content.index("Beacon Forecasting")
    assert "Due in 5 days" in content
    assert "Atlas Data Platform" not in content.split("Certifications due")[1].split("</section>")[0]
