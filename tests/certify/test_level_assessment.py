"""Level 2 as a rep meets it: the certification page says what it takes and lists their assessments, and the
assessment page lets them prepare and ask for one — a live session or a recording — or says why not yet."""

import datetime as dt
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus, GuideVersion
from django.core.files.storage import storages
from assessments.services import evaluation_cancel
from certify.models import Award, LevelEvaluation
from certify.services import award_grant, level_evaluation_request
from tests.factories.assessments import RolePlayScenarioFactory
from tests.factories.certify import JudgeFactory
from tests.factories.content import article
from tests.factories.observations import level3_certification
from tests.factories.evaluations import MP4_BYTES, level2_certification, level2_evaluation, recording_upload, submit
from tests.helpers import assert_error_linked, queries_for, section

pytestmark = pytest.mark.django_db


def _levels(certification):
    return certification.levels.get(number=1), certification.levels.get(number=2)


def _holding_level_1(rep, **kwargs):
    certification = level2_certification(**kwargs)
    level1, level2 = _levels(certification)
    award_grant(user=rep, level=level1)
    return certification, level2


def _url(certification, number=2):
    return reverse("certify:level_assessment", args=[certification.slug, number])


def _detail(client, certification) -> str:
    response = client.get(reverse("certify:certification_detail", args=[certification.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _live(scenario, *, when=None, location="Room 4", note=""):
    when = when or timezone.localtime() + timedelta(days=3)
    return {
        "scenario": scenario.pk,
        "mode": "live",
        "scheduled_at": when.strftime("%Y-%m-%dT%H:%M"),
        "location": location,
        "note": note,
    }


def _recording(scenario, upload=None):
    return {"scenario": scenario.pk, "mode": "recording", "recording": upload or recording_upload(), "note": ""}


# --- The certification page ----------------------------------------------------------------


def test_the_certification_page_says_what_level_2_takes_and_offers_to_book_it(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    level2.retry_wait_days = 10
    level2.save()
    content = section(_detail(client_for(rep), certification), "level-2")
    assert "role-play" in content and "panel of judges" in content and level2.guide.title in content
    assert "you pass with “meets” on every criterion" in content
    assert "ask again 10 days after your result" in content
    assert "Prepare and book your assessment" in content and _url(certification) in content


def test_the_certification_page_says_to_pass_level_1_first(client_for, rep):
    certification = level2_certification()
    content = section(_detail(client_for(rep), certification), "level-2")
    assert "Pass level 1 first: level 2 builds on it." in content
    assert "Prepare and book your assessment" not in content
    assert _url(certification) in content  # the brief and guide are there to prepare from already


def test_the_certification_page_links_an_open_request_instead_of_booking(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    certification = evaluation.level_link.level.certification
    content = section(_detail(client_for(rep), certification), "level-2")
    assert "You have asked for this assessment." in content
    assert reverse("certify:evaluation", args=[evaluation.pk]) in content
    assert "Prepare and book your assessment" not in content


def test_the_certification_page_lists_the_reps_assessments_with_the_score_once_released(client_for, rep, enablement_admin):
    judge = JudgeFactory()
    failed = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")
    submit(judge, failed, score=1, scores={key: (1, "Ask more questions.") for key in _keys(failed)})
    failed.refresh_from_db()
    certification = failed.level_link.level.certification
    Evaluation.objects.filter(pk=failed.pk).update(released_at=timezone.now() - timedelta(days=30))
    waiting = level_evaluation_request(
        actor=rep, level=_levels(certification)[1], scenario=failed.scenario, mode="live",
        scheduled_at=timezone.now() + timedelta(days=2), location="Room 9",
    )
    assessments = _detail(client_for(rep), certification).split("Your assessments", 1)[1]
    assert reverse("certify:evaluation", args=[failed.pk]) in assessments and reverse("certify:evaluation", args=[waiting.pk]) in assessments
    assert "Not passed yet" in assessments and f"{floatformat(failed.score, 0)}%" in assessments
    assert "Waiting for a panel" in assessments
    assert assessments.index(f'"{reverse("certify:evaluation", args=[waiting.pk])}"') < assessments.index(
        f'"{reverse("certify:evaluation", args=[failed.pk])}"'
    )  # newest first


def _keys(evaluation):
    return [criterion["key"] for criterion in evaluation.guide_version.criteria]


def test_the_certification_page_query_count_does_not_grow_with_assessments(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    scenario = level2.scenarios.get()

    def one_more():
        """A request, withdrawn: one more evaluation (and two events) on the rep's record."""
        evaluation = level_evaluation_request(
            actor=rep, level=level2, scenario=scenario, mode="live",
            scheduled_at=timezone.now() + timedelta(days=2), location="Room 1",
        )
        evaluation_cancel(actor=rep, evaluation_id=evaluation.pk)

    one_more()
    client = client_for(rep)
    url = reverse("certify:certification_detail", args=[certification.slug])
    client.get(url)
    one = queries_for(client, url)
    for _ in range(20):
        one_more()
    content = _detail(client, certification)
    assert content.count("Cancelled</span>") == 21
    # Session, user, roles; certification; levels (with quiz and guide), quiz sections, active scenarios,
    # current awards, teams, assignments, attempts; the rep's evaluations of level 2; evaluation_availability:
    # their latest evaluations, level 2 held, level 1 held; award history.
    assert queries_for(client, url) == one


# --- The assessment page: who sees it ------------------------------------------------------


def test_the_assessment_page_is_not_found_for_a_certification_the_person_cannot_see(client_for, rep):
    hidden = level2_certification(open_to_all=False)
    assert client_for(rep).get(_url(hidden)).status_code == 404


def test_the_assessment_page_exists_only_for_a_level_2_with_a_guide(client_for, rep):
    certification = level2_certification()
    client = client_for(rep)
    assert client.get(_url(certification, 1)).status_code == 404
    assert client.get(_url(certification, 3)).status_code == 404
    assert client.get(_url(certification, 2)).status_code == 200
    certification.levels.filter(number=2).update(guide=None)
    assert client.get(_url(certification, 2)).status_code == 404


def test_the_assessment_page_shows_the_brief_the_guide_and_the_model_performance(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    scenario = level2.scenarios.get()
    content = client_for(rep).get(_url(certification)).content.decode()
    assert "Situation" in content and "Dana, the CFO of a mid-size retailer." in content
    assert "Agree a discovery workshop." in content
    assert f"Assessment guide: {level2.guide.title}" in content and "Discovery" in content and "Must pass" in content
    assert scenario.model_video_url in content
    assert "BUYER-SCRIPT-SECRET" not in content and "ONLY-WHEN-ASKED" not in content


def test_the_request_form_takes_a_time_a_place_or_a_file_of_the_allowed_types(client_for, rep):
    certification, _level2 = _holding_level_1(rep)
    content = section(client_for(rep).get(_url(certification)).content.decode(), "request-heading")
    assert 'enctype="multipart/form-data"' in content
    assert 'type="datetime-local"' in content and 'name="location"' in content
    assert 'type="file"' in content and 'accept="video/*,audio/*"' in content
    assert "up to 500 MB" in content and "MP4" in content and "WebM" in content
    assert 'type="hidden" name="scenario"' in content  # one role-play: nothing to choose


def test_the_request_form_offers_a_choice_when_the_level_has_several_role_plays(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    level2.scenarios.add(RolePlayScenarioFactory(guide=level2.guide, title="Second call"))
    level2.save()  # a parental many-to-many is written when the level is saved
    content = section(client_for(rep).get(_url(certification)).content.decode(), "request-heading")
    assert 'type="radio" name="scenario"' in content and "Second call" in content


@override_settings(EVALUATION_RECORDING_MAX_MB=40)
def test_the_request_form_states_the_size_limit_from_the_settings(client_for, rep):
    certification, _level2 = _holding_level_1(rep)
    assert "up to 40 MB" in client_for(rep).get(_url(certification)).content.decode()


def test_a_rep_who_cannot_ask_now_sees_why_and_a_link_to_the_open_request(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    content = section(
        client_for(rep).get(_url(evaluation.level_link.level.certification)).content.decode(), "request-heading"
    )
    assert "You have already asked for this assessment." in content
    assert reverse("certify:evaluation", args=[evaluation.pk]) in content and "<form" not in content


def test_a_person_the_level_is_not_assigned_to_sees_no_form(client_for, enablement_admin):
    certification = level2_certification(open_to_all=False)
    award_grant(user=enablement_admin, level=_levels(certification)[0])
    client = client_for(enablement_admin)
    content = section(client.get(_url(certification)).content.decode(), "request-heading")
    assert "has not been assigned to you" in content and "<form" not in content
    client.post(_url(certification), _live(_levels(certification)[1].scenarios.get()))
    assert not Evaluation.objects.exists()


# --- Asking ----------------------------------------------------------------------------------


def test_asking_for_a_live_session_books_the_request_and_asks_admins_for_a_panel(
    client_for, rep, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    certification, level2 = _holding_level_1(rep)
    scenario = level2.scenarios.get()
    when = timezone.localtime() + timedelta(days=5)
    client = client_for(rep)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(certification), _live(scenario, when=when, note="Mornings suit me."))
    evaluation = Evaluation.objects.get(performer=rep)
    assert response.status_code == 302 and response.url == reverse("certify:evaluation", args=[evaluation.pk])
    assert evaluation.status == EvaluationStatus.REQUESTED and evaluation.mode == "live"
    assert evaluation.scheduled_at == when.replace(second=0, microsecond=0)
    assert evaluation.location == "Room 4" and evaluation.note == "Mornings suit me."
    assert evaluation.duration_minutes == scenario.duration_minutes
    assert LevelEvaluation.objects.get(evaluation=evaluation).level == level2
    assert [message.to for message in mailoutbox] == [[enablement_admin.email]]
    assert "Choose a panel" in mailoutbox[0].subject
    assert "The enablement team will choose your panel" in client.get(response.url).content.decode()


@override_settings(TIME_ZONE="Europe/Paris")
def test_the_session_time_is_read_in_the_sites_time_zone(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    today = timezone.localdate()
    year = today.year + (today >= dt.date(today.year, 6, 2))  # the next 2 June: within the booking window
    data = _live(level2.scenarios.get())
    data["scheduled_at"] = f"{year}-06-02T10:30"
    client_for(rep).post(_url(certification), data)
    expected = dt.datetime(year, 6, 2, 8, 30, tzinfo=dt.timezone.utc)  # Paris is UTC+2 in June
    assert Evaluation.objects.get(performer=rep).scheduled_at == expected


def test_uploading_a_recording_stores_it_privately(client_for, rep, settings):
    certification, level2 = _holding_level_1(rep)
    response = client_for(rep).post(_url(certification), _recording(level2.scenarios.get()))
    evaluation = Evaluation.objects.get(performer=rep)
    assert response.status_code == 302 and response.url == reverse("certify:evaluation", args=[evaluation.pk])
    assert evaluation.mode == "recording" and evaluation.recording_type == "video/mp4"
    assert evaluation.recording_name == "call.mp4" and evaluation.recording_size == len(MP4_BYTES)
    private_storage = storages["private"]
    assert evaluation.recording.storage is private_storage and private_storage.exists(evaluation.recording.name)
    stored = private_storage.path(evaluation.recording.name)
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    with storages["private"].open(evaluation.recording.name) as handle:
        assert handle.read() == MP4_BYTES


# --- Refusals change nothing ------------------------------------------------------------------


def _stored_files() -> set:
    return {str(path) for path in Path(storages["private"].location).rglob("*") if path.is_file()}


def _refused(client, certification, data, message, *, field=None):
    before = (Evaluation.objects.count(), LevelEvaluation.objects.count(), Award.objects.count())
    response = client.post(_url(certification), data)
    assert response.status_code == 200
    content = response.content.decode()
    where = content
    if field:
        start = content.index(f'id="id_{field}_error"')
        where = content[start : content.index("</p>", start)]
    assert message in where
    assert "BUYER-SCRIPT-SECRET" not in content and "ONLY-WHEN-ASKED" not in content
    assert (Evaluation.objects.count(), LevelEvaluation.objects.count(), Award.objects.count()) == before


def test_asking_without_level_1_is_refused(client_for, rep):
    certification = level2_certification()
    _refused(client_for(rep), certification, _live(_levels(certification)[1].scenarios.get()), "Pass level 1 first")


def test_a_field_error_is_linked_to_its_input(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    response = client_for(rep).post(_url(certification), {**_live(level2.scenarios.get()), "scheduled_at": ""})
    assert response.status_code == 200
    assert_error_linked(response.content.decode(), "id_scheduled_at", "Choose the date and time of the session.")


def test_a_choice_error_is_linked_to_the_first_choice_and_its_group(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    data = {key: value for key, value in _live(level2.scenarios.get()).items() if key != "mode"}
    content = client_for(rep).post(_url(certification), data).content.decode()
    assert_error_linked(content, "id_mode_0", "Choose a live session or a recording.")
    assert re.search(r'<input type="radio" name="mode" value="recording" id="id_mode_1"[^>]* aria-invalid="true"', content)


def test_asking_while_holding_level_2_is_refused(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    award_grant(user=rep, level=level2)
    _refused(client_for(rep), certification, _live(level2.scenarios.get()), "You already hold level 2")


def test_asking_again_while_a_request_is_open_is_refused(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, started=False)
    level2 = evaluation.level_link.level
    _refused(client_for(rep), level2.certification, _live(level2.scenarios.get()), "You have already asked for this assessment.")
    assert Evaluation.objects.get().pk == evaluation.pk


def test_asking_again_within_the_wait_after_a_fail_is_refused_with_the_date(client_for, rep, enablement_admin):
    judge = JudgeFactory()
    failed = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")
    submit(judge, failed, scores={key: (1, "Ask more questions.") for key in _keys(failed)})
    failed.refresh_from_db()
    assert failed.passed is False
    level2 = failed.level_link.level
    retry = timezone.localtime(failed.released_at + timedelta(days=level2.retry_wait_days))
    _refused(client_for(rep), level2.certification, _live(level2.scenarios.get()), f"you can ask again from {retry:%-d %B %Y}")


def test_a_session_time_in_the_past_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    data = _live(level2.scenarios.get(), when=timezone.localtime() - timedelta(hours=2))
    _refused(client_for(rep), certification, data, "That time has passed", field="scheduled_at")


def test_a_live_session_without_a_place_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    data = _live(level2.scenarios.get(), location="  ")
    _refused(client_for(rep), certification, data, "Say where the session takes place", field="location")


def test_a_live_session_without_a_time_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    data = {**_live(level2.scenarios.get()), "scheduled_at": ""}
    _refused(client_for(rep), certification, data, "Choose the date and time", field="scheduled_at")


def test_a_text_file_renamed_mp4_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    fake = SimpleUploadedFile("call.mp4", b"Just some notes, not a video at all.\n" * 20, content_type="video/mp4")
    before = _stored_files()
    _refused(client_for(rep), certification, _recording(level2.scenarios.get(), fake), "not a video or audio recording", field="recording")
    assert _stored_files() == before


@override_settings(EVALUATION_RECORDING_MAX_MB=1)
def test_a_recording_over_the_size_limit_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    big = SimpleUploadedFile("call.mp4", MP4_BYTES + b"\x00" * (1024 * 1024), content_type="video/mp4")
    _refused(client_for(rep), certification, _recording(level2.scenarios.get(), big), "the most we take is 1 MB", field="recording")


def test_a_recording_request_without_a_file_is_refused_next_to_the_field(client_for, rep):
    certification, level2 = _holding_level_1(rep)
    data = {"scenario": level2.scenarios.get().pk, "mode": "recording", "note": ""}
    _refused(client_for(rep), certification, data, "Choose the recording to upload.", field="recording")


def test_a_role_play_not_offered_for_the_level_is_refused(client_for, rep):
    certification, _level2 = _holding_level_1(rep)
    stranger = RolePlayScenarioFactory()
    _refused(client_for(rep), certification, _live(stranger), "Choose one of the role-plays above.", field="scenario")


def test_the_assessment_page_query_count_does_not_grow_with_role_plays(client_for, rep, hub):
    certification, level2 = _holding_level_1(rep)
    level2.scenarios.update(model_page=article(hub))
    client = client_for(rep)
    url = _url(certification)
    client.get(url)
    one = queries_for(client, url)
    for _ in range(20):
        level2.scenarios.add(RolePlayScenarioFactory(guide=level2.guide, model_page=article(hub)))
    level2.save()
    content = client.get(url).content.decode()
    assert content.count("Your brief: ") == 21 and content.count('type="radio" name="scenario"') == 21
    # Session, user, roles; certification; level with guide; evaluation_availability (the rep's evaluations,
    # level 2 held, level 1 held); scenarios with their model pages (once, for the briefs and the form's
    # choices); the guide's latest version; the site (model page links).
    assert queries_for(client, url) == one


@pytest.mark.parametrize("number", [2, 3], ids=["role-play", "field observation"])
def test_a_get_never_writes_on_the_level_page_not_even_for_a_guide_without_a_version(client_for, rep, number):
    certification = level3_certification()
    level = certification.levels.get(number=number)
    GuideVersion.objects.filter(guide=level.guide).delete()  # as for a guide made without saving it through the admin
    client = client_for(rep)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url(certification, number))

    assert response.status_code == 200 and level.guide.title in response.content.decode()
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [] and not GuideVersion.objects.filter(guide=level.guide).exists()
