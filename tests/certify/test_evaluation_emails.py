"""The emails a level-2 request sets off, followed from the site: admins are asked for a panel, the rep is told
when it is booked (a live session with a calendar invitation) and when the result is ready — and every link
opens a page the person may see."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation
from certify.services import award_grant
from tests.factories.certify import EnablementAdminFactory, JudgeFactory
from tests.factories.evaluations import level2_certification, level2_evaluation, recording_upload, submit

pytestmark = pytest.mark.django_db


def _ask(client, certification, data, capture):
    with capture(execute=True):
        response = client.post(reverse("certify:level_assessment", args=[certification.slug, 2]), data)
    assert response.status_code == 302
    return Evaluation.objects.latest("pk")


def _path(url: str) -> str:
    assert url.startswith(settings.SITE_URL)
    return url.removeprefix(settings.SITE_URL)


def _link(body: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(settings.SITE_URL))


def test_a_live_request_asks_every_enablement_admin_to_choose_a_panel(
    client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    second_admin = EnablementAdminFactory()
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    when = timezone.localtime() + timedelta(days=4)
    data = {
        "scenario": certification.levels.get(number=2).scenarios.get().pk,
        "mode": "live",
        "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
        "location": "https://meet.example.com/abc",
    }
    evaluation = _ask(client_for(rep), certification, data, django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mailoutbox) == sorted([enablement_admin.email, second_admin.email])
    message = mailoutbox[0]
    assert message.subject.startswith("Choose a panel:") and str(rep) in message.subject
    assert _path(_link(message.body)) == reverse("certify_admin:evaluation_panel", args=[evaluation.pk])


def test_a_recording_request_also_asks_the_admins(client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks):
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    data = {"scenario": certification.levels.get(number=2).scenarios.get().pk, "mode": "recording", "recording": recording_upload()}
    _ask(client_for(rep), certification, data, django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [[enablement_admin.email]]
    assert not mailoutbox[0].attachments


def test_the_booked_email_gives_the_rep_the_time_place_invitation_and_a_link_they_can_open(
    client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    judge = JudgeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False)
    booked = next(message for message in mailoutbox if message.to == [rep.email])
    assert booked.subject.startswith("Your assessment is booked")
    assert "Room 4, second floor" in booked.body
    assert f"{timezone.localtime(evaluation.scheduled_at):%-d %B %Y, %H:%M}" in booked.body
    name, invitation, mimetype = booked.attachments[0]
    assert name == "assessment.ics" and mimetype.startswith("text/calendar")
    invitation = invitation.decode() if isinstance(invitation, bytes) else invitation
    assert "BEGIN:VEVENT" in invitation and "Room 4" in invitation
    path = _path(_link(booked.body))
    assert path == reverse("certify:evaluation", args=[evaluation.pk])
    assert client_for(rep).get(path).status_code == 200


def test_the_result_email_links_to_the_result_and_keeps_the_scores_on_the_site(
    client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    judge = JudgeFactory()
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")
    with django_capture_on_commit_callbacks(execute=True):
        submit(judge, evaluation, score=3)
    result = next(message for message in mailoutbox if message.to == [rep.email])
    assert result.subject.startswith("Your assessment result is ready")
    evaluation.refresh_from_db()
    assert f"{evaluation.score:.0f}" not in result.body and "%" not in result.body
    path = _path(_link(result.body))
    content = client_for(rep).get(path).content.decode()
    assert 'id="result-heading"' in content and "You passed" in content
