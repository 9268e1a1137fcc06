"""The buyer's script (and what the buyer reveals only when asked) never reaches the rep: no page, form
error, recording, email or calendar invitation the rep can get carries it, in any state of their assessment.
The judges' view carries it, so the checks below could fail."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Evaluation, EvaluationStatus
from certify.models import Role
from certify.services import award_grant
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import level2_certification, level2_evaluation, scores_all, submit

pytestmark = pytest.mark.django_db

SECRETS = ("BUYER-SCRIPT-SECRET", "ONLY-WHEN-ASKED")


def _clean(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret} reached the rep in {where}"


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


def _rep_pages(client, evaluation) -> dict:
    """Every page the rep can open about this assessment, by name."""
    level = evaluation.level_link.level
    certification = level.certification
    urls = {
        "home": reverse("certify:home"),
        "my certifications": reverse("certify:my_certifications"),
        "certification page": reverse("certify:certification_detail", args=[certification.slug]),
        "assessment page": reverse("certify:level_assessment", args=[certification.slug, level.number]),
        "evaluation page": reverse("certify:evaluation", args=[evaluation.pk]),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = _body(response)
    return pages


def _assert_rep_never_sees_the_script(client, evaluation):
    for name, text in _rep_pages(client, evaluation).items():
        _clean(text, name)


@pytest.fixture
def judges(db):
    return [JudgeFactory(), JudgeFactory()]


def test_the_judges_see_the_script_so_these_checks_can_fail(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    content = _body(client_for(judges[0]).get(reverse("certify:evaluation", args=[evaluation.pk])))
    assert all(secret in content for secret in SECRETS)


def test_no_page_shows_the_rep_the_script_while_the_request_waits_for_a_panel(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    assert evaluation.status == EvaluationStatus.REQUESTED
    _assert_rep_never_sees_the_script(client_for(rep), evaluation)


def test_no_page_shows_the_rep_the_script_once_the_panel_is_chosen(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    assert evaluation.status == EvaluationStatus.SCHEDULED
    _assert_rep_never_sees_the_script(client_for(rep), evaluation)


def test_no_page_shows_the_rep_the_script_while_the_scores_are_checked(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation, scores=scores_all(evaluation, 1, "Slow down."))
    submit(judges[1], evaluation, score=3)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    _assert_rep_never_sees_the_script(client_for(rep), evaluation)


@pytest.mark.parametrize("score, passed", [(3, True), (1, False)])
def test_no_page_shows_the_rep_the_script_once_the_result_is_released(client_for, rep, enablement_admin, judges, score, passed):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    for judge in judges:
        submit(judge, evaluation, scores=scores_all(evaluation, score, "Noted."))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed is passed
    _assert_rep_never_sees_the_script(client_for(rep), evaluation)


def test_no_page_shows_the_rep_the_script_once_they_withdraw(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    client = client_for(rep)
    response = client.post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"confirm": "yes"}, follow=True)
    _clean(_body(response), "the page after withdrawing")
    _assert_rep_never_sees_the_script(client, evaluation)


def test_the_assessment_form_with_errors_does_not_show_the_script(client_for, rep):
    certification = level2_certification()
    level1, level2 = certification.levels.get(number=1), certification.levels.get(number=2)
    award_grant(user=rep, level=level1)
    scenario = level2.scenarios.get()
    client = client_for(rep)
    url = reverse("certify:level_assessment", args=[certification.slug, 2])
    bad_time = _body(client.post(url, {"scenario": scenario.pk, "mode": "live", "scheduled_at": "2001-01-01T10:00", "location": ""}))
    assert "That time has passed" in bad_time
    _clean(bad_time, "the form with an error")
    not_a_video = SimpleUploadedFile("call.mp4", b"plain text, not a video\n" * 10, content_type="video/mp4")
    bad_file = _body(client.post(url, {"scenario": scenario.pk, "mode": "recording", "recording": not_a_video}))
    assert "not a video or audio recording" in bad_file
    _clean(bad_file, "the form after a refused upload")
    assert not Evaluation.objects.exists()


def test_the_recording_does_not_carry_the_script(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, mode="recording")
    response = client_for(rep).get(reverse("certify:evaluation_recording", args=[evaluation.pk]))
    assert response.status_code == 200
    _clean(_body(response), "the recording")


def test_the_reps_emails_and_calendar_invitation_do_not_carry_the_script(
    rep, enablement_admin, judges, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, started=False)
    later = evaluation.scheduled_at + timedelta(minutes=40)
    with django_capture_on_commit_callbacks(execute=True):
        for judge in judges:
            submit(judge, evaluation, score=3, now=later)
    to_rep = [message for message in mailoutbox if message.to == [rep.email]]
    subjects = [message.subject for message in to_rep]
    assert any(subject.startswith("Your assessment is booked") for subject in subjects)
    assert any(subject.startswith("Your assessment result is ready") for subject in subjects)
    invitations = [attachment for message in to_rep for attachment in message.attachments]
    assert invitations and invitations[0][0] == "assessment.ics"
    for message in to_rep:
        _clean(message.subject + message.body, f"the email “{message.subject}”")
        for alternative, _type in getattr(message, "alternatives", []):
            _clean(str(alternative), f"the email “{message.subject}” (HTML)")
    for _name, content, _type in invitations:
        _clean(content.decode() if isinstance(content, bytes) else content, "the calendar invitation")


def test_a_rep_who_is_also_a_judge_sees_the_script_of_others_but_never_of_their_own(client_for, enablement_admin, rep):
    rep_and_judge = RepFactory(roles=[Role.REP, Role.JUDGE])
    theirs = level2_evaluation(rep=rep_and_judge, admin=enablement_admin, judges=[JudgeFactory()])
    someone_elses = level2_evaluation(rep=rep, admin=enablement_admin, judges=[rep_and_judge])
    client = client_for(rep_and_judge)
    other = _body(client.get(reverse("certify:evaluation", args=[someone_elses.pk])))
    assert someone_elses.scenario.buyer_script.split(":")[0].removeprefix("<p>") in other
    _assert_rep_never_sees_the_script(client, theirs)
    own = _body(client.get(reverse("certify:evaluation", args=[theirs.pk])))
    assert theirs.scenario.buyer_script.split(":")[0].removeprefix("<p>") not in own
