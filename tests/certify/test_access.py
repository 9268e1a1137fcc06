import pytest
from django.urls import reverse

from tests.factories.content import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_page(hub):
    return article(hub, title="Discovery questions")


@pytest.mark.parametrize("path", ["/", "/learn/", "/search/?q=pulse", "/teams/", "/teams/1/", "/admin/"])
def test_anonymous_visitors_are_sent_to_sign_in_and_back(client, hub, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "next=" in response.url


def test_anonymous_visitor_to_a_content_page_is_sent_to_sign_in(client, content_page):
    response = client.get(content_page.url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={content_page.url}"


def test_signed_in_person_reads_a_content_page(client_for, rep, content_page):
    response = client_for(rep).get(content_page.url)
    assert response.status_code == 200
    assert b"Discovery questions" in response.content


def test_rep_cannot_reach_the_wagtail_admin(client_for, rep, hub):
    response = client_for(rep).get("/admin/")
    assert response.status_code == 403
    assert b"not available to you" in response.content


def test_rep_cannot_reach_the_django_admin(client_for, rep):
    response = client_for(rep).get("/django-admin/", follow=True)
    assert response.status_code == 403


def test_enablement_admin_reaches_the_wagtail_admin(client_for, enablement_admin, hub):
    assert client_for(enablement_admin).get("/admin/").status_code == 200


def test_manager_sees_own_team(client_for, manager, team):
    response = client_for(manager).get(reverse("certify:team_detail", args=[team.pk]))
    assert response.status_code == 200
    assert team.members.first().email.encode() in response.content


def test_manager_of_another_team_gets_not_found(client_for, other_manager, team, other_team):
    assert client_for(other_manager).get(reverse("certify:team_detail", args=[team.pk])).status_code == 404


def test_missing_team_and_someone_elses_team_look_the_same(client_for, other_manager, team, other_team):
    client = client_for(other_manager)
    assert client.get(reverse("certify:team_detail", args=[team.pk])).status_code == 404
    assert client.get(reverse("certify:team_detail", args=[999999])).status_code == 404


def test_rep_cannot_see_a_team_page(client_for, rep, team):
    assert client_for(rep).get(reverse("certify:team_detail", args=[team.pk])).status_code == 404
    assert client_for(rep).get(reverse("certify:team_list")).status_code == 404


def test_enablement_admin_sees_any_team(client_for, enablement_admin, team):
    assert client_for(enablement_admin).get(reverse("certify:team_detail", args=[team.pk])).status_code == 200


def test_manager_team_list_shows_only_own_teams(client_for, manager, team, other_team):
    response = client_for(manager).get(reverse("certify:team_list"))
    assert response.status_code == 200
    assert b"East" in response.content and b"West" not in response.content


def test_rep_cannot_open_the_reach_report(client_for, rep, hub):
    response = client_for(rep).get(reverse("certify_admin:reach:index"))
    assert response.status_code == 403
