import pytest
from django.urls import reverse

from certify.models import Role
from content.services import page_view_record
from tests.factories.certify import ManagerFactory, RepFactory, TeamFactory
from tests.factories.content import ProductFactory, article
from tests.factories.evaluations import level2_evaluation
from tests.factories.observations import field_observation, level3_certification
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db


def test_rep_home_suggests_core_product_content_not_yet_opened(client_for, rep, hub):
    core = ProductFactory(is_core=True)
    seen = article(hub, title="Already read", products=[core])
    article(hub, title="Still to read", products=[core])
    page_view_record(user=rep, page=seen)
    content = client_for(rep).get(reverse("certify:home")).content.decode()
    start_here = content[content.index("Start here") : content.index("Recently updated")]
    assert "Still to read" in start_here and "Already read" not in start_here


def test_manager_home_lists_the_teams_they_manage(client_for, manager, team, other_team):
    content = client_for(manager).get(reverse("certify:home")).content.decode()
    assert "Your teams" in content and reverse("certify:team_detail", args=[team.pk]) in content
    assert reverse("certify:team_detail", args=[other_team.pk]) not in content


def test_admin_home_shows_counts_and_admin_actions(client_for, enablement_admin, rep, hub):
    content = client_for(enablement_admin).get(reverse("certify:home")).content.decode()
    assert "Invite someone" in content and "Content reach" in content


def test_navigation_fits_the_role(client_for, rep, manager, hub):
    assert b'href="/admin/"' not in client_for(rep).get(reverse("certify:home")).content
    assert b'href="/teams/"' in client_for(manager).get(reverse("certify:home")).content


@pytest.mark.parametrize("role_fixture", ["rep", "manager", "judge", "enablement_admin"])
def test_home_query_count_does_not_grow_with_content(request, client_for, hub, role_fixture):
    person = request.getfixturevalue(role_fixture)
    core = ProductFactory(is_core=True)
    article(hub, products=[core])
    TeamFactory(managers=[person], members=[RepFactory()])
    client = client_for(person)
    client.get(reverse("certify:home"))
    one = queries_for(client, reverse("certify:home"))
    for _ in range(19):
        page = article(hub, products=[core, ProductFactory(is_core=True)])
        page_view_record(user=person, page=page)
    TeamFactory(managers=[person], members=RepFactory.create_batch(3))
    twenty = queries_for(client, reverse("certify:home"))
    assert twenty == one


def test_team_page_query_count_does_not_grow_with_members(client_for, manager, hub):
    team = TeamFactory(managers=[manager], members=[RepFactory()])
    client = client_for(manager)
    url = reverse("certify:team_detail", args=[team.pk])
    client.get(url)
    one = queries_for(client, url)
    page = article(hub)
    members = RepFactory.create_batch(20)
    for person in members:
        page_view_record(user=person, page=page)
    team.members.add(*members)
    team.save()
    assert queries_for(client, url) == one


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

    coming_up = section(client_for(rep).get("/").content.decode(), "coming-up-heading")

    assert coming_up.index("Pulse Revenue Insights") < coming_up.index("Beacon Forecasting")
    assert "Due in 5 days" in coming_up
    assert "Atlas Data Platform" not in coming_up


# --- Waiting on you: field observations to answer, score or countersign ---------------------------------


def _waiting(html):
    return section(html, "waiting-heading")


def test_a_managers_home_lists_the_observations_waiting_on_them(client_for, manager, team, rep, other_rep):
    from django.utils import timezone

    team.members.add(other_rep)
    team.save()
    pulse = level3_certification(title="Pulse Revenue Insights")
    asked = field_observation(rep=rep, manager=manager, certification=pulse, account="Contoso")
    to_score = field_observation(rep=other_rep, manager=manager, account="Fabrikam", state="scheduled")

    waiting = _waiting(client_for(manager).get(reverse("certify:home")).content.decode())

    assert rep.display_name in waiting and other_rep.display_name in waiting
    assert "Pulse Revenue Insights" in waiting and "Contoso" in waiting and "Fabrikam" in waiting
    assert timezone.localtime(asked.scheduled_at).strftime("%H:%M") in waiting
    assert f'href="{reverse("certify:evaluation", args=[asked.pk])}">Answer the request' in waiting
    assert f'href="{reverse("certify:evaluation", args=[to_score.pk])}">Score the call' in waiting


def test_the_second_observer_is_asked_to_countersign_on_their_home(client_for, manager, team, rep, judge):
    evaluation = field_observation(rep=rep, manager=manager, countersigner=judge, state="countersign")
    assert f'href="{reverse("certify:evaluation", args=[evaluation.pk])}">Countersign' in _waiting(
        client_for(judge).get(reverse("certify:home")).content.decode()
    )
    # Signed off: nothing waits on the manager any more.
    assert _waiting(client_for(manager).get(reverse("certify:home")).content.decode()) == ""


def test_nothing_waiting_shows_no_panel_and_others_requests_do_not_show(client_for, manager, other_manager, other_team, other_rep):
    field_observation(rep=other_rep, manager=other_manager)
    html = client_for(manager).get(reverse("certify:home")).content.decode()
    assert 'id="waiting-heading"' not in html and other_rep.display_name not in html


def test_a_manager_who_is_also_a_judge_sees_both_what_to_score_and_what_waits(client_for, rep, enablement_admin):
    person = ManagerFactory(roles=[Role.MANAGER, Role.JUDGE])
    TeamFactory(managers=[person], members=[rep])
    role_play = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=[person])
    observation = field_observation(rep=rep, manager=person)
    html = client_for(person).get(reverse("certify:home")).content.decode()
    assert reverse("certify:scorecard", args=[role_play.pk]) in section(html, "judging-heading")
    assert reverse("certify:evaluation", args=[role_play.pk]) not in _waiting(html)
    assert reverse("certify:evaluation", args=[observation.pk]) in _waiting(html)


def test_the_waiting_panel_runs_the_same_queries_for_1_or_10_requests(client_for, manager, hub):
    certification = level3_certification()
    team = TeamFactory(managers=[manager])
    first = RepFactory()
    team.members.add(first)
    team.save()
    field_observation(rep=first, manager=manager, certification=certification)
    client = client_for(manager)
    client.get(reverse("certify:home"))
    one = queries_for(client, reverse("certify:home"))
    for index in range(9):
        person = RepFactory()
        team.members.add(person)
        team.save()
        field_observation(rep=person, manager=manager, certification=certification,
                          state="scheduled" if index % 2 else "requested")
    html = client.get(reverse("certify:home")).content.decode()
    assert _waiting(html).count("<li>") == 10
    assert queries_for(client, reverse("certify:home")) == one
