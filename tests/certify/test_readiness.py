"""A manager's readiness grid: each rep of a team against the certifications that matter to the team."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import Assignment, Award
from certify.models.certifications import add_months
from certify.services import assignment_create, award_grant
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, ManagerFactory, RepFactory, TeamFactory
from tests.factories.evaluations import level2_evaluation
from tests.factories.observations import field_observation, holding_level_2, level3_certification
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _url(team, **params):
    url = reverse("certify:team_readiness", args=[team.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def _cell(response, rep, certification):
    row = next(row for row in response.context["readiness"].rows if row.rep == rep)
    return next(cell for cell in row.cells if cell.certification == certification)


def _grid(html):
    return html[html.index('class="table readiness-grid"') : html.index("</table>", html.index("readiness-grid"))]


# --- Who may see it -----------------------------------------------------------------------------------------


def test_a_manager_sees_their_own_teams_readiness(client_for, manager, team):
    assert client_for(manager).get(_url(team)).status_code == 200


@pytest.mark.parametrize("route", ["team_readiness", "team_readiness_export"])
def test_another_teams_manager_gets_not_found(client_for, other_manager, other_team, team, route):
    assert client_for(other_manager).get(reverse(f"certify:{route}", args=[team.pk])).status_code == 404


@pytest.mark.parametrize("route", ["team_readiness", "team_readiness_export"])
def test_a_rep_gets_not_found_even_for_their_own_team(client_for, rep, team, route):
    assert client_for(rep).get(reverse(f"certify:{route}", args=[team.pk])).status_code == 404


def test_a_team_that_does_not_exist_is_not_found(client_for, manager):
    assert client_for(manager).get(reverse("certify:team_readiness", args=[99999])).status_code == 404


def test_enablement_admins_see_every_teams_readiness(client_for, enablement_admin, team, other_team):
    client = client_for(enablement_admin)
    assert client.get(_url(team)).status_code == 200
    assert client.get(_url(other_team)).status_code == 200


def test_the_team_page_and_the_teams_list_link_to_the_readiness(client_for, manager, team):
    client = client_for(manager)
    url = reverse("certify:team_readiness", args=[team.pk])
    assert f'href="{url}"' in client.get(reverse("certify:team_detail", args=[team.pk])).content.decode()
    assert f'href="{url}"' in client.get(reverse("certify:team_list")).content.decode()


# --- Which certifications are columns ----------------------------------------------------------------------


def test_columns_are_the_active_certifications_open_to_all_or_assigned_to_the_team_or_its_reps(
    client_for, manager, team, rep, other_rep, enablement_admin
):
    open_to_all = CertificationFactory(title="Atlas Basics", open_to_all=True)
    for_team = CertificationFactory(title="Beacon Forecasting", open_to_all=False)
    for_rep = CertificationFactory(title="Cirrus Security", open_to_all=False)
    CertificationFactory(title="Dune Other Teams", open_to_all=False)  # assigned elsewhere only
    CertificationFactory(title="Echo Retired", open_to_all=True, active=False)
    due = timezone.localdate() + timedelta(days=30)
    assignment_create(actor=enablement_admin, level=for_team.levels.get(), teams=[team], due_date=due)
    assignment_create(actor=enablement_admin, level=for_rep.levels.get(), users=[rep], due_date=due)
    dune = CertificationFactory(title="Dune Elsewhere", open_to_all=False)
    assignment_create(actor=enablement_admin, level=dune.levels.get(), users=[other_rep], due_date=due)

    response = client_for(manager).get(_url(team))

    assert [c.title for c in response.context["readiness"].shown] == [open_to_all.title, for_team.title, for_rep.title]


# --- What each cell says -----------------------------------------------------------------------------------


def test_a_cell_shows_the_highest_level_held_now(client_for, manager, team, rep):
    certification = level3_certification(title="Pulse Revenue Insights")
    other = RepFactory(first_name="Zed")
    team.members.add(other)
    team.save()
    holding_level_2(rep, certification)
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, certification).top_level == 2
    assert _cell(response, other, certification).top_level is None
    grid = _grid(response.content.decode())
    assert 'title="Holds level 2 of Pulse Revenue Insights">2</abbr>' in grid
    assert 'title="Holds no level of Pulse Revenue Insights yet">—</abbr>' in grid


def test_a_revoked_or_expired_award_does_not_count(client_for, manager, team, rep, enablement_admin):
    from certify.services import award_revoke

    certification = CertificationFactory(levels=2, levels__validity=1)
    award_grant(user=rep, level=certification.levels.get(number=1), now=timezone.now() - timedelta(days=60))
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, certification).top_level is None  # expired a month ago
    award = award_grant(user=rep, level=certification.levels.get(number=1))
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted by mistake.")
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, certification).top_level is None


def test_a_level_ending_within_30_days_is_marked_as_expiring(client_for, manager, team, rep, other_rep):
    certification = CertificationFactory(title="Pulse Revenue Insights", levels=1, levels__validity=12)
    team.members.add(other_rep)
    team.save()
    soon = add_months(timezone.now(), -12) + timedelta(days=10)
    award_grant(user=rep, level=certification.levels.get(), now=soon)
    award_grant(user=other_rep, level=certification.levels.get())  # a year to go
    response = client_for(manager).get(_url(team))
    cell = _cell(response, rep, certification)
    ends = Award.objects.get(user=rep).valid_until
    assert (cell.expires, cell.expires_level) == (timezone.localdate(ends), 1)
    assert _cell(response, other_rep, certification).expires is None
    assert f"expires {timezone.localdate(ends):%-d %b}" in _grid(response.content.decode())


def test_a_renewed_level_is_not_marked_as_expiring(client_for, manager, team, rep):
    certification = CertificationFactory(levels=1, levels__validity=12)
    award_grant(user=rep, level=certification.levels.get(), now=add_months(timezone.now(), -12) + timedelta(days=10))
    award_grant(user=rep, level=certification.levels.get())  # renewed: a year to go
    assert _cell(client_for(manager).get(_url(team)), rep, certification).expires is None


def test_an_assigned_level_not_held_is_due_and_once_past_its_date_overdue(client_for, manager, team, rep, enablement_admin):
    due_soon = CertificationFactory(title="Atlas", levels=2, open_to_all=False)
    overdue = CertificationFactory(title="Beacon", levels=1, open_to_all=False)
    met = CertificationFactory(title="Cirrus", levels=1, open_to_all=False)
    in_three_weeks = timezone.localdate() + timedelta(days=21)
    assignment_create(actor=enablement_admin, level=due_soon.levels.get(number=1), teams=[team], due_date=in_three_weeks)
    assignment_create(actor=enablement_admin, level=overdue.levels.get(), users=[rep], due_date=in_three_weeks)
    assignment_create(actor=enablement_admin, level=met.levels.get(), users=[rep], due_date=in_three_weeks)
    # The due date passed since it was set.
    Assignment.objects.filter(level__certification=overdue).update(due_date=timezone.localdate() - timedelta(days=2))
    award_grant(user=rep, level=met.levels.get())

    response = client_for(manager).get(_url(team))

    soon_cell = _cell(response, rep, due_soon)
    assert (soon_cell.due_date, soon_cell.due_level, soon_cell.overdue) == (in_three_weeks, 1, False)
    assert _cell(response, rep, overdue).overdue is True
    assert _cell(response, rep, met).due_date is None
    grid = _grid(response.content.decode())
    assert f"due {in_three_weeks:%-d %b}" in grid and ">overdue</span>" in grid


def test_an_assignment_through_another_of_the_reps_teams_counts(client_for, manager, team, rep, enablement_admin):
    certification = CertificationFactory(levels=1, open_to_all=False)
    other_team = TeamFactory(members=[rep])
    due = timezone.localdate() + timedelta(days=10)
    assignment_create(actor=enablement_admin, level=certification.levels.get(), teams=[other_team], due_date=due)
    assert _cell(client_for(manager).get(_url(team)), rep, certification).due_date == due


def test_an_open_role_play_or_observation_is_marked_and_links_to_it(client_for, manager, team, rep, other_rep, enablement_admin):
    team.members.add(other_rep)
    team.save()
    role_play = level2_evaluation(rep=rep, admin=enablement_admin)
    certification = role_play.level_link.level.certification
    observation = field_observation(rep=other_rep, manager=manager)
    observed = observation.level_link.level.certification

    response = client_for(manager).get(_url(team))

    assert _cell(response, rep, certification).open_request == role_play
    assert _cell(response, other_rep, observed).open_request == observation
    assert _cell(response, rep, observed).open_request is None
    grid = _grid(response.content.decode())
    assert f'href="{reverse("certify:evaluation", args=[role_play.pk])}"' in grid and "role-play under way" in grid
    assert f'href="{reverse("certify:evaluation", args=[observation.pk])}"' in grid and "observation under way" in grid


def test_a_withdrawn_evaluation_is_no_longer_marked(client_for, manager, team, rep, enablement_admin):
    from assessments.services import evaluation_cancel

    evaluation = level2_evaluation(rep=rep, admin=enablement_admin)
    evaluation_cancel(actor=rep, evaluation_id=evaluation.pk)
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, evaluation.level_link.level.certification).open_request is None


def test_waiting_on_you_lists_the_reps_observations_for_the_viewing_manager(client_for, manager, team, rep, other_rep):
    co_manager = ManagerFactory()
    team.managers.add(co_manager)
    team.members.add(other_rep)
    team.save()
    mine = field_observation(rep=rep, manager=manager, account="Contoso")
    theirs = field_observation(rep=other_rep, manager=co_manager, account="Fabrikam")

    response = client_for(manager).get(_url(team))

    rows = {row.rep: row for row in response.context["readiness"].rows}
    assert rows[rep].waiting == [mine] and rows[other_rep].waiting == []
    assert rows[rep].waiting[0].waiting_action == "Answer the request"
    grid = _grid(response.content.decode())
    assert f'href="{reverse("certify:evaluation", args=[mine.pk])}">Answer the request' in grid
    assert reverse("certify:evaluation", args=[theirs.pk]) + '">Answer' not in grid
    # The other manager sees their own.
    other = client_for(co_manager).get(_url(team))
    assert {row.rep: row.waiting for row in other.context["readiness"].rows}[other_rep] == [theirs]


def test_waiting_on_you_names_what_is_asked_score_or_countersign(client_for, manager, team, rep, other_rep):
    second = ManagerFactory()
    team.managers.add(second)
    team.members.add(other_rep)
    team.save()
    to_score = field_observation(rep=rep, manager=manager, state="scheduled")
    to_countersign = field_observation(rep=other_rep, manager=manager, countersigner=second, state="countersign")

    mine = {row.rep: row.waiting for row in client_for(manager).get(_url(team)).context["readiness"].rows}
    seconds = {row.rep: row.waiting for row in client_for(second).get(_url(team)).context["readiness"].rows}

    assert [e.waiting_action for e in mine[rep]] == ["Score the call"] and mine[rep] == [to_score]
    assert mine[other_rep] == []  # signed off: now with the second observer
    assert seconds[other_rep] == [to_countersign] and seconds[other_rep][0].waiting_action == "Countersign"


def test_a_manager_may_start_an_observation_of_a_rep_holding_level_2(client_for, manager, team, rep, other_rep):
    start = reverse("certify:observation_start")
    team.members.add(other_rep)
    team.save()
    certification = level3_certification()
    holding_level_2(rep, certification)
    level3 = certification.levels.get(number=3)
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, certification).observe_level == level3
    assert _cell(response, other_rep, certification).observe_level is None  # level 2 not held yet
    assert f'href="{start}?rep={rep.pk}&amp;level={level3.pk}"' in response.content.decode()
    # An enablement admin who does not manage the team does not observe its reps.
    admin = EnablementAdminFactory()
    assert _cell(client_for(admin).get(_url(team)), rep, certification).observe_level is None


# --- Totals, filter, pages ------------------------------------------------------------------------------------


def test_totals_count_the_reps_holding_each_level_across_every_page(client_for, manager, team, rep):
    certification = CertificationFactory(title="Pulse", levels=2)
    single = CertificationFactory(title="Quiz only", levels=1)
    reps = RepFactory.create_batch(26)
    team.members.add(*reps)
    team.save()
    for person in [rep, *reps[:4]]:
        award_grant(user=person, level=certification.levels.get(number=1))
    award_grant(user=reps[25], level=certification.levels.get(number=1))  # on the second page
    award_grant(user=rep, level=certification.levels.get(number=2))
    award_grant(user=rep, level=certification.levels.get(number=2))  # renewed: still one rep
    outsider = RepFactory()
    award_grant(user=outsider, level=certification.levels.get(number=1))  # not on the team

    response = client_for(manager).get(_url(team))

    totals = {total.certification: total.counts() for total in response.context["readiness"].totals}
    assert totals[certification] == [(1, 6, True), (2, 1, True), (3, 0, False)]
    assert totals[single] == [(1, 0, True), (2, 0, False), (3, 0, False)]
    assert response.context["readiness"].rep_count == 27
    assert "6 <span class=\"muted small\">of 27</span>" in response.content.decode()


def test_the_filter_shows_one_certification(client_for, manager, team, rep):
    pulse = CertificationFactory(title="Pulse Revenue Insights")
    beacon = CertificationFactory(title="Beacon Forecasting")
    response = client_for(manager).get(_url(team, certification=pulse.slug))
    readiness = response.context["readiness"]
    assert readiness.shown == [pulse] and [t.certification for t in readiness.totals] == [pulse]
    assert beacon.title not in _grid(response.content.decode())
    # Still offered in the filter.
    assert f'<option value="{beacon.slug}">' in response.content.decode()


def test_an_unknown_certification_in_the_filter_says_so_and_shows_them_all(client_for, manager, team):
    pulse = CertificationFactory(title="Pulse Revenue Insights")
    hidden = CertificationFactory(title="Not for this team", open_to_all=False)
    response = client_for(manager).get(_url(team, certification=hidden.slug))
    assert response.status_code == 200
    assert "That certification is not one this team works on" in response.content.decode()
    assert response.context["readiness"].shown == [pulse]


def test_reps_are_sorted_by_name_25_to_a_page_and_only_reps_are_rows(client_for, manager, team, rep):
    team.members.add(ManagerFactory(first_name="Aaron"))  # a member without the rep role
    for index in range(26):
        team.members.add(RepFactory(first_name=f"Rep{index:02d}", last_name="Member"))
    team.save()
    CertificationFactory()
    client = client_for(manager)
    first = client.get(_url(team)).context["readiness"].rows
    second = client.get(_url(team, page=2)).context["readiness"].rows
    names = [row.rep.first_name for row in first + second]
    assert len(first) == 25 and len(second) == 2
    assert names == sorted(names) and "Aaron" not in names
    assert set(names) == {f"Rep{index:02d}" for index in range(26)} | {rep.first_name}


def test_the_grid_is_accessible_table_markup(client_for, manager, team, rep):
    CertificationFactory(title="Pulse Revenue Insights")
    html = client_for(manager).get(_url(team)).content.decode()
    grid = _grid(html)
    assert "<caption>" in grid
    assert '<th scope="col">Pulse Revenue Insights</th>' in grid and '<th scope="col">Waiting on you</th>' in grid
    assert f'<th scope="row"><a href="{reverse("certify:person", args=[rep.pk])}">' in grid


# --- Queries -------------------------------------------------------------------------------------------------


def _busy_team(manager, team, enablement_admin, *, reps, certifications):
    """`reps` more reps and `certifications` more certifications, each with awards, assignments, evaluations."""
    due = timezone.localdate() + timedelta(days=20)
    made = [CertificationFactory(levels=3) for _ in range(certifications)]
    people = RepFactory.create_batch(reps)
    team.members.add(*people)
    team.save()
    for index, certification in enumerate(made):
        assignment_create(actor=enablement_admin, level=certification.levels.get(number=2), teams=[team], due_date=due)
        assignment_create(actor=enablement_admin, level=certification.levels.get(number=1), users=people[:3], due_date=due)
        for person in people[index::3]:
            award_grant(user=person, level=certification.levels.get(number=1))
    for index, person in enumerate(people[:6]):
        field_observation(rep=person, manager=manager, state="requested" if index % 2 else "scheduled")
    return made


def test_the_grid_runs_the_same_queries_for_1_or_many_reps_and_certifications(client_for, manager, team, rep, enablement_admin):
    CertificationFactory(levels=2)
    client = client_for(manager)
    url = _url(team)
    client.get(url)
    # 15: session, user, their roles; the team (theirs to see); the certifications and their levels; whether
    # the viewer manages the team; the number of reps and the page of them; over the page: current awards per
    # rep × level, the reps' teams, assignments, open evaluations, observations waiting on the viewer; the totals
    # over the whole team.
    one = queries_for(client, url)
    _busy_team(manager, team, enablement_admin, reps=27, certifications=9)
    assert queries_for(client, url) == one
    assert queries_for(client, _url(team, page=2)) == one


def test_the_csv_runs_the_same_queries_for_1_or_many_reps(client_for, manager, team, rep, enablement_admin):
    CertificationFactory(levels=2)
    client = client_for(manager)
    url = reverse("certify:team_readiness_export", args=[team.pk])

    one = queries_for(client, url)
    _busy_team(manager, team, enablement_admin, reps=27, certifications=3)
    assert queries_for(client, url) == one


# --- CSV -----------------------------------------------------------------------------------------------------


def test_the_csv_lists_every_rep_with_their_level_and_what_needs_attention(client_for, manager, team, rep, enablement_admin):
    certification = CertificationFactory(title="=Pulse", levels=2, open_to_all=False)
    due = timezone.localdate() + timedelta(days=12)
    assignment_create(actor=enablement_admin, level=certification.levels.get(number=2), teams=[team], due_date=due)
    award_grant(user=rep, level=certification.levels.get(number=1))
    response = client_for(manager).get(reverse("certify:team_readiness_export", args=[team.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Name", "Email", "'=Pulse: level held", "'=Pulse: needs attention", "Waiting on you"]
    assert rows[1] == [rep.display_name, rep.email, "Level 1", f"level 2 due {due:%Y-%m-%d}", ""]


def test_no_observation_is_offered_on_a_certification_the_rep_may_not_take(client_for, manager, team, rep, other_rep):
    team.members.add(other_rep)
    team.save()
    certification = level3_certification(open_to_all=False)
    Assignment.objects.create(level=certification.levels.get(number=1), user=other_rep, due_date=timezone.localdate())
    holding_level_2(rep, certification)  # held from elsewhere, but neither open to everyone nor assigned to the rep
    holding_level_2(other_rep, certification)
    response = client_for(manager).get(_url(team))
    assert _cell(response, rep, certification).observe_level is None
    assert _cell(response, other_rep, certification).observe_level == certification.levels.get(number=3)
