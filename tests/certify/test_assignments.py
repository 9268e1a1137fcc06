"""Assignments: asking reps, or whole teams, to hold a level by a date, and telling them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import DomainError, PermissionRefused
from certify.models import Assignment
from certify.permissions import certifications_visible_to
from certify.services import assignment_create
from tests.factories.certify import CertificationFactory, RepFactory

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + timedelta(days=n)


def _level(certification, number=1):
    return certification.levels.get(number=number)


# --- The service ------------------------------------------------------------------


def test_assigning_a_level_to_reps_makes_one_row_each_with_the_due_date(rep, other_rep, enablement_admin):
    level = _level(CertificationFactory(open_to_all=False))
    assignments = assignment_create(actor=enablement_admin, level=level, users=[rep, other_rep], due_date=_days(30))
    rows = Assignment.objects.filter(level=level)
    assert {row.user for row in rows} == {rep, other_rep} and len(assignments) == 2
    assert {(row.due_date, row.team, row.assigned_by) for row in rows} == {(_days(30), None, enablement_admin)}


def test_assigning_a_level_to_a_team_makes_one_row_for_the_team(team, enablement_admin):
    level = _level(CertificationFactory(open_to_all=False))
    assignment_create(actor=enablement_admin, level=level, teams=[team], due_date=_days(21))
    row = Assignment.objects.get(level=level)
    assert (row.team, row.user, row.due_date) == (team, None, _days(21))


def test_assigning_again_moves_the_due_date_without_a_duplicate(rep, team, enablement_admin):
    level = _level(CertificationFactory(open_to_all=False))
    assignment_create(actor=enablement_admin, level=level, users=[rep], teams=[team], due_date=_days(30))
    assignment_create(actor=enablement_admin, level=level, users=[rep], teams=[team], due_date=_days(7))
    assert Assignment.objects.filter(level=level).count() == 2
    assert set(Assignment.objects.filter(level=level).values_list("due_date", flat=True)) == {_days(7)}


def test_assigning_another_level_of_the_same_certification_is_a_separate_row(rep, enablement_admin):
    certification = CertificationFactory(levels=2, open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification, 1), users=[rep], due_date=_days(10))
    assignment_create(actor=enablement_admin, level=_level(certification, 2), users=[rep], due_date=_days(60))
    assert sorted(Assignment.objects.filter(user=rep).values_list("level__number", "due_date")) == [
        (1, _days(10)),
        (2, _days(60)),
    ]


def test_a_due_date_in_the_past_is_refused(rep, enablement_admin):
    level = _level(CertificationFactory())
    with pytest.raises(DomainError, match="due date has passed"):
        assignment_create(actor=enablement_admin, level=level, users=[rep], due_date=_days(-1))
    assert not Assignment.objects.exists()


def test_today_is_an_acceptable_due_date(rep, enablement_admin):
    level = _level(CertificationFactory())
    assignment_create(actor=enablement_admin, level=level, users=[rep], due_date=_days(0))
    assert Assignment.objects.get().due_date == timezone.localdate()


def test_assigning_to_nobody_is_refused(enablement_admin):
    level = _level(CertificationFactory())
    with pytest.raises(DomainError, match="at least one rep or team"):
        assignment_create(actor=enablement_admin, level=level, users=[], teams=[], due_date=_days(5))
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("actor_fixture", ["rep", "manager", "judge"])
def test_only_enablement_admins_assign(request, other_rep, actor_fixture):
    actor = request.getfixturevalue(actor_fixture)
    with pytest.raises(PermissionRefused):
        assignment_create(actor=actor, level=_level(CertificationFactory()), users=[other_rep], due_date=_days(5))
    assert not Assignment.objects.exists()


# --- The emails ---------------------------------------------------------------------


def test_each_rep_assigned_gets_an_email_naming_the_certification_level_due_date_and_link(
    rep, other_rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    certification = CertificationFactory(title="Pulse Forecasting", slug="pulse-forecasting", open_to_all=False)
    due = _days(30)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(actor=enablement_admin, level=_level(certification), users=[rep, other_rep], due_date=due)
    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, other_rep.email])
    message = next(message for message in mailoutbox if message.to == [rep.email])
    assert "Pulse Forecasting" in message.subject and f"{due.day} {due:%B}" in message.subject
    assert "level 1 — content mastery" in message.body
    assert "Pulse Forecasting" in message.body
    assert f"{due.day} {due:%B %Y}" in message.body and f"{due:%A}" in message.body
    assert "http://testserver/certifications/pulse-forecasting/" in message.body
    assert enablement_admin.display_name in message.body


def test_a_team_assignment_emails_every_active_member_and_nobody_else(
    rep, team, other_rep, other_team, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    joined = RepFactory(email="joined@test.example")
    left = RepFactory(email="left@test.example", is_active=False)
    team.members.add(joined, left)
    team.save()  # a ParentalManyToManyField is written on save
    certification = CertificationFactory(title="Discovery Calls", open_to_all=False)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(actor=enablement_admin, level=_level(certification), teams=[team], due_date=_days(14))
    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, joined.email])
    link = f"http://testserver{reverse('certify:certification_detail', args=[certification.slug])}"
    assert all("Discovery Calls" in message.subject and link in message.body for message in mailoutbox)


def test_nothing_is_emailed_when_the_assignment_is_refused(
    rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        assignment_create(actor=enablement_admin, level=_level(CertificationFactory()), users=[rep], due_date=_days(-3))
    assert mailoutbox == []


# --- The admin form ------------------------------------------------------------------------


def test_admin_assign_form_creates_the_assignments_and_emails_the_reps(
    client_for, rep, other_rep, team, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    level = _level(CertificationFactory(open_to_all=False))
    client = client_for(enablement_admin)
    assert client.get(reverse("certify_admin:assignment_create"), {"level": level.pk}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certify_admin:assignment_create"),
            {
                "level": level.pk,
                "users": f"{other_rep.email.upper()},\n  {other_rep.email}",
                "teams": [team.pk],
                "due_date": _days(20).isoformat(),
            },
        )
    assert response.status_code == 302 and response.url == reverse("wagtailsnippets_certify_assignment:list")
    assert {(row.user, row.team, row.due_date) for row in Assignment.objects.filter(level=level)} == {
        (other_rep, None, _days(20)),
        (None, team, _days(20)),
    }
    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, other_rep.email])


@pytest.mark.parametrize(
    "data, message",
    [
        ({"users": "nobody@test.example", "due_date": 20}, "No active rep has these addresses: nobody@test.example"),
        ({"users": "", "due_date": 20}, "Name at least one rep or choose a team."),
        ({"users": "rep@test.example", "due_date": -1}, "The due date has passed"),
        ({"users": "rep@test.example", "due_date": None}, "This field is required."),
    ],
)
def test_admin_assign_form_shows_errors_and_assigns_nothing(
    client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks, data, message
):
    level = _level(CertificationFactory())
    due = "" if data["due_date"] is None else _days(data["due_date"]).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(enablement_admin).post(
            reverse("certify_admin:assignment_create"), {"level": level.pk, "users": data["users"], "due_date": due}
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assignment.objects.exists() and mailoutbox == []


def test_admin_assign_form_refuses_a_person_who_is_not_a_rep(client_for, manager, enablement_admin):
    level = _level(CertificationFactory())
    response = client_for(enablement_admin).post(
        reverse("certify_admin:assignment_create"),
        {"level": level.pk, "users": manager.email, "due_date": _days(5).isoformat()},
    )
    assert response.status_code == 200 and "No active rep has these addresses" in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("person_fixture", ["rep", "manager"])
def test_admin_assign_form_is_forbidden_to_others(client_for, request, other_rep, person_fixture):
    level = _level(CertificationFactory())
    client = client_for(request.getfixturevalue(person_fixture))
    assert client.get(reverse("certify_admin:assignment_create")).status_code == 403
    response = client.post(
        reverse("certify_admin:assignment_create"),
        {"level": level.pk, "users": other_rep.email, "due_date": _days(5).isoformat()},
    )
    assert response.status_code == 403 and not Assignment.objects.exists()


# --- Who sees an assigned certification -----------------------------------------------------


def test_a_team_assignment_shows_the_certification_to_members_only(
    client_for, rep, team, other_rep, other_team, enablement_admin
):
    certification = CertificationFactory(title="Closed Certification", open_to_all=False)
    url = reverse("certify:certification_detail", args=[certification.slug])
    assert client_for(rep).get(url).status_code == 404
    assignment_create(actor=enablement_admin, level=_level(certification), teams=[team], due_date=_days(10))
    assert client_for(rep).get(url).status_code == 200
    assert "Closed Certification" in client_for(rep).get(reverse("certify:my_certifications")).content.decode()
    assert client_for(other_rep).get(url).status_code == 404
    assert "Closed Certification" not in client_for(other_rep).get(reverse("certify:my_certifications")).content.decode()
    assert list(certifications_visible_to(rep)) == [certification]
    assert list(certifications_visible_to(other_rep)) == []


def test_a_rep_assignment_shows_the_certification_to_that_rep_only(client_for, rep, other_rep, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), users=[rep], due_date=_days(10))
    url = reverse("certify:certification_detail", args=[certification.slug])
    assert client_for(rep).get(url).status_code == 200
    assert client_for(other_rep).get(url).status_code == 404


def test_a_rep_who_joins_an_assigned_team_later_sees_the_certification(client_for, team, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), teams=[team], due_date=_days(10))
    newcomer = RepFactory()
    url = reverse("certify:certification_detail", args=[certification.slug])
    assert client_for(newcomer).get(url).status_code == 404
    team.members.add(newcomer)
    team.save()
    assert client_for(newcomer).get(url).status_code == 200
