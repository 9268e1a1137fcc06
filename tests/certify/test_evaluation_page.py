"""The evaluation page, as each person allowed to see it reads it, the recording it plays, and withdrawing."""

from datetime import timedelta

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus, Scorecard
from assessments.services import scorecard_save
from certify.models import Role
from certify.services import evaluation_panel_assign
from tests.factories.assessments import AssessmentGuideFactory, criterion
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.content import article
from tests.factories.evaluations import MP4_BYTES, keys_of, level2_evaluation, scores_all, submit
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db


@pytest.fixture
def judges(db):
    return [JudgeFactory(first_name="Jolene", last_name="Judge"), JudgeFactory(first_name="Bart", last_name="Bench")]


def _page(client, evaluation, status=200) -> str:
    response = client.get(reverse("certify:evaluation", args=[evaluation.pk]))
    assert response.status_code == status
    return response.content.decode()


def _draft(judge, evaluation, comment):
    card = Scorecard.objects.get(evaluation=evaluation, judge=judge)
    scorecard_save(actor=judge, scorecard_id=card.pk, scores=scores_all(evaluation, 1, comment), overall_feedback="DRAFT-FEEDBACK")


def _commented(evaluation, score, prefix):
    return {key: (score, f"{prefix} on criterion {index}.") for index, key in enumerate(keys_of(evaluation))}


# --- Who may see it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "viewer, status",
    [
        ("rep", 200),
        ("manager", 200),
        ("other_manager", 404),
        ("other_rep", 404),
        ("judge_on_panel", 200),
        ("judge_not_on_panel", 404),
        ("enablement_admin", 200),
    ],
)
def test_the_evaluation_page_is_seen_by_the_rep_their_managers_the_panel_and_admins_only(
    viewer, status, client_for, rep, team, other_team, enablement_admin, judges, request
):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judges[0]])
    people = {"judge_on_panel": judges[0], "judge_not_on_panel": judges[1]}
    person = people.get(viewer) or request.getfixturevalue(viewer)
    _page(client_for(person), evaluation, status)


def test_an_evaluation_that_does_not_exist_is_not_found(client_for, enablement_admin):
    assert client_for(enablement_admin).get(reverse("certify:evaluation", args=[999999])).status_code == 404


# --- Before the result --------------------------------------------------------------------------


def test_the_rep_sees_their_brief_the_guide_the_session_and_the_panel(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, started=False)
    content = _page(client_for(rep), evaluation)
    assert "Session booked" in content and "Room 4, second floor" in content
    assert f"{timezone.localtime(evaluation.scheduled_at):%A %-d %B %Y, %H:%M}" in content
    assert "Your brief: " + evaluation.scenario.title in content and "Agree a discovery workshop." in content
    assert f"Assessment guide: {evaluation.guide_version.title}" in content
    assert "Jolene Judge" in content and "Bart Bench" in content
    assert "Panel chosen" in section(content, "history-heading")


def test_the_rep_sees_no_score_before_the_release_even_when_a_judge_has_submitted(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "EARLY-COMMENT"))
    _draft(judges[1], evaluation, "DRAFT-COMMENT")
    content = _page(client_for(rep), evaluation)
    for secret in ("EARLY-COMMENT", "DRAFT-COMMENT", "DRAFT-FEEDBACK", "A confident call overall.", "Practise quantifying"):
        assert secret not in content
    assert 'id="result-heading"' not in content and 'id="panel-heading"' not in content and "%</strong>" not in content


def test_a_manager_sees_no_score_before_the_release(client_for, rep, team, manager, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "EARLY-COMMENT"))
    content = _page(client_for(manager), evaluation)
    assert "EARLY-COMMENT" not in content and 'id="result-heading"' not in content


def test_a_flagged_evaluation_tells_the_rep_it_is_being_checked_without_scores(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "LOW-COMMENT"))
    submit(judges[1], evaluation, scores=_commented(evaluation, 3, "HIGH-COMMENT"))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    content = _page(client_for(rep), evaluation)
    assert "An enablement admin is checking the scores" in content
    assert "LOW-COMMENT" not in content and "HIGH-COMMENT" not in content and "spread" not in content.lower()


# --- The released result --------------------------------------------------------------------


def test_after_the_release_the_rep_sees_the_score_merged_comments_feedback_and_study_links(
    client_for, rep, enablement_admin, judges, hub
):
    page = article(hub, title="Discovery questions that work")
    guide = AssessmentGuideFactory(
        criteria=[criterion("Discovery", weight=2, must_pass=True, study_pages=[page]), criterion("Value story"), criterion("Next step")]
    )
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, guide=guide)
    discovery, value, step = keys_of(evaluation)
    submit(judges[0], evaluation, scores={discovery: (1, "Ask about the budget sooner."), value: (2, "Good value story."), step: (2, "")})
    submit(judges[1], evaluation, scores={discovery: (2, "Decent questions."), value: (3, ""), step: (2, "Clear close.")})
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED
    result = section(_page(client_for(rep), evaluation), "result-heading")
    assert f"{floatformat(evaluation.score, 0)}%</strong>" in result and "pass at 50%: “meets” on every criterion" in result
    assert "Ask about the budget sooner." in result and "Decent questions." in result and "Clear close." in result
    assert "Jolene" not in result and "Bart" not in result  # comments and feedback carry no names
    assert result.count("A confident call overall.") == 2 and "Practise quantifying the value." in result
    assert "Work on this" in result and "Discovery questions that work" in result and page.url in result
    assert "<strong>Below</strong>" in result and "<strong>Meets</strong>" in result and "2.5 of 3" in result


def test_a_fail_is_worded_kindly_and_says_when_the_rep_can_ask_again(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judges[0]], mode="recording")
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "Slow down"))
    evaluation.refresh_from_db()
    assert evaluation.passed is False
    retry = timezone.localtime(evaluation.released_at + timedelta(days=evaluation.level_link.level.retry_wait_days))
    result = section(_page(client_for(rep), evaluation), "result-heading")
    assert "Not this time — you are on your way" in result
    assert f"You can ask for the assessment again from <strong>{retry:%-d %B %Y}</strong>" in result


def test_a_pass_says_the_level_is_now_the_reps(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judges[0]], mode="recording")
    submit(judges[0], evaluation, score=3)
    result = section(_page(client_for(rep), evaluation), "result-heading")
    assert "You passed" in result and "Level 2 — application of" in result and "is yours" in result


def test_the_rep_never_sees_the_panel_table_even_as_an_admin_of_their_own_evaluation(client_for, enablement_admin, judges):
    admin_rep = RepFactory(roles=[Role.REP, Role.ENABLEMENT_ADMIN], totp=True)
    evaluation = level2_evaluation(rep=admin_rep, admin=enablement_admin, judges=[judges[0]], mode="recording")
    submit(judges[0], evaluation, score=3)
    content = _page(client_for(admin_rep), evaluation)
    assert 'id="result-heading"' in content and 'id="panel-heading"' not in content
    assert "BUYER-SCRIPT-SECRET" not in content


def test_the_reps_manager_sees_the_result_but_not_the_panel_table(client_for, rep, team, manager, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, mode="recording")
    submit(judges[0], evaluation, scores=_commented(evaluation, 2, "FIRST"))
    submit(judges[1], evaluation, scores=_commented(evaluation, 2, "SECOND"))
    content = _page(client_for(manager), evaluation)
    assert "FIRST on criterion 0." in section(content, "result-heading")
    assert 'id="panel-heading"' not in content and 'id="status-heading"' in content


def test_an_admin_sees_the_panel_table_once_released(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, mode="recording")
    submit(judges[0], evaluation, scores=_commented(evaluation, 2, "FIRST"))
    submit(judges[1], evaluation, scores=_commented(evaluation, 3, "SECOND"))
    table = section(_page(client_for(enablement_admin), evaluation), "panel-heading")
    assert "Jolene Judge" in table and "Bart Bench" in table and "SECOND on criterion 2." in table


# --- The panel's view ---------------------------------------------------------------------------


def test_a_judge_sees_their_scorecard_link_and_the_buyer_script(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    content = _page(client_for(judges[0]), evaluation)
    assert reverse("certify:scorecard", args=[evaluation.pk]) in content and "Open your scorecard" in content
    assert "BUYER-SCRIPT-SECRET" in content and "ONLY-WHEN-ASKED" in content
    assert "The rep's brief: " in content


def test_a_judge_sees_the_other_judges_scores_only_once_all_have_scored(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    first, second = judges
    submit(first, evaluation, scores=_commented(evaluation, 2, "FIRST"))
    assert "FIRST on criterion" not in _page(client_for(second), evaluation)  # second has not scored yet
    content = _page(client_for(first), evaluation)
    assert 'id="panel-heading"' not in content  # the panel is not complete
    submit(second, evaluation, scores=_commented(evaluation, 2, "SECOND"))
    table = section(_page(client_for(first), evaluation), "panel-heading")
    assert "SECOND on criterion 1." in table and "FIRST on criterion 1." in table


def test_a_judge_sees_the_panel_table_when_the_evaluation_is_flagged(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "LOW"))
    submit(judges[1], evaluation, scores=_commented(evaluation, 3, "HIGH"))
    table = section(_page(client_for(judges[0]), evaluation), "panel-heading")
    assert "HIGH on criterion 0." in table and "Spread 2" in table


def test_a_manager_never_sees_the_buyer_script(client_for, rep, team, manager, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    content = _page(client_for(manager), evaluation)
    assert "BUYER-SCRIPT-SECRET" not in content and "ONLY-WHEN-ASKED" not in content


# --- Withdrawing and cancelling ------------------------------------------------------------


def test_the_rep_can_withdraw_a_request_no_judge_has_scored(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    client = client_for(rep)
    assert "Withdraw request" in _page(client, evaluation)
    response = client.post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"confirm": "yes"})
    assert response.status_code == 302 and response.url == reverse("certify:evaluation", args=[evaluation.pk])
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.CANCELLED
    content = _page(client, evaluation)
    assert "Your request is withdrawn." in content and "Withdraw request" not in content


def test_withdrawing_without_confirming_asks_first_and_changes_nothing(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    response = client_for(rep).post(reverse("certify:evaluation_cancel", args=[evaluation.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Withdraw your request for {evaluation.subject}?" in content and "This cannot be undone." in content
    assert 'name="confirm" value="yes"' in content and "Keep my request" in content
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED


def test_cancelling_without_confirming_asks_first_keeps_the_reason_and_changes_nothing(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    response = client_for(enablement_admin).post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"reason": "The room is closed."})
    content = response.content.decode()
    assert response.status_code == 200 and f"Cancel {rep.display_name}&#x27;s evaluation" in content
    assert ">The room is closed.</textarea>" in content and "Keep the evaluation" in content
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED


def test_the_withdraw_button_goes_once_a_judge_has_submitted_and_a_withdrawal_is_refused(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    submit(judges[0], evaluation)
    client = client_for(rep)
    assert "Withdraw request" not in _page(client, evaluation)
    client.post(reverse("certify:evaluation_cancel", args=[evaluation.pk]))  # no confirmation step: refused at once
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert "ask an enablement admin to cancel it" in _page(client, evaluation)


def test_cancelling_needs_a_post(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin)
    assert client_for(rep).get(reverse("certify:evaluation_cancel", args=[evaluation.pk])).status_code == 405


def test_a_manager_or_judge_cannot_cancel(client_for, rep, team, manager, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    for person in (manager, judges[0]):
        assert client_for(person).post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"reason": "No."}).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED


def test_an_admin_cancels_with_a_reason_the_rep_reads(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    admin = client_for(enablement_admin)
    admin.post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"reason": "  ", "confirm": "yes"})
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert "Give a reason" in _page(admin, evaluation)
    admin.post(reverse("certify:evaluation_cancel", args=[evaluation.pk]), {"reason": "The judge fell ill; please book again.", "confirm": "yes"})
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.CANCELLED
    assert "The judge fell ill; please book again." in section(_page(client_for(rep), evaluation), "status-heading")


# --- The recording ---------------------------------------------------------------------------


@pytest.fixture
def recorded(rep, enablement_admin, judges):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=[judges[0]], mode="recording")


def _recording(client, evaluation, **headers):
    return client.get(reverse("certify:evaluation_recording", args=[evaluation.pk]), headers=headers)


def test_the_page_plays_the_recording_from_the_private_address(client_for, rep, recorded):
    content = _page(client_for(rep), recorded)
    assert f'<video controls preload="metadata" src="{reverse("certify:evaluation_recording", args=[recorded.pk])}"' in content


def test_the_recording_streams_whole_with_its_type_inline_and_privately(client_for, rep, recorded):
    response = _recording(client_for(rep), recorded)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MP4_BYTES
    assert response["Content-Type"] == "video/mp4" and response["Content-Length"] == str(len(MP4_BYTES))
    assert response["Content-Disposition"].startswith("inline") and "call.mp4" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store" and response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    "header, first, last",
    [("bytes=0-9", 0, 9), ("bytes=10-", 10, len(MP4_BYTES) - 1), ("bytes=-16", len(MP4_BYTES) - 16, len(MP4_BYTES) - 1),
     ("bytes=100-100000", 100, len(MP4_BYTES) - 1)],
)
def test_the_recording_answers_a_byte_range_with_206(client_for, rep, recorded, header, first, last):
    response = _recording(client_for(rep), recorded, Range=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(MP4_BYTES)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert b"".join(response.streaming_content) == MP4_BYTES[first : last + 1]
    assert response["Cache-Control"] == "private, no-store"


def test_a_range_beyond_the_end_is_not_satisfiable(client_for, rep, recorded):
    response = _recording(client_for(rep), recorded, Range=f"bytes={len(MP4_BYTES)}-")
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(MP4_BYTES)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "bytes=9-3", "items=0-5", "bytes=-"])
def test_several_or_invalid_ranges_get_the_whole_recording(client_for, rep, recorded, header):
    response = _recording(client_for(rep), recorded, Range=header)
    assert response.status_code == 200 and b"".join(response.streaming_content) == MP4_BYTES


def test_the_recording_is_for_those_who_may_see_the_evaluation(client_for, rep, other_rep, recorded, judges, enablement_admin):
    assert _recording(client_for(other_rep), recorded).status_code == 404
    assert _recording(client_for(judges[1]), recorded).status_code == 404
    assert _recording(client_for(judges[0]), recorded).status_code == 200
    assert _recording(client_for(enablement_admin), recorded).status_code == 200


def test_a_live_session_has_no_recording(client_for, rep, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin)
    assert _recording(client_for(rep), evaluation).status_code == 404


# --- Queries ------------------------------------------------------------------------------------


def _released_with(rep, admin, judges, criteria_count, hub, *, moves=0):
    """A released fail with `criteria_count` criteria (each with a study page), scored by `judges`, after the
    live session was moved `moves` times (one more event each)."""
    page = article(hub)
    guide = AssessmentGuideFactory(
        criteria=[criterion(f"Criterion {n}", study_pages=[page]) for n in range(criteria_count)]
    )
    evaluation = level2_evaluation(rep=rep, admin=admin, judges=judges, guide=guide, started=False)
    for move in range(moves):
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=judges, location=f"Room {move}")
    later = evaluation.scheduled_at + timedelta(minutes=5)
    for judge in judges:
        submit(judge, evaluation, scores=_commented(evaluation, 1, "Work on it"), now=later)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED
    return evaluation


@pytest.mark.parametrize("viewer", ["rep", "manager", "enablement_admin", "judge"])
def test_the_evaluation_page_query_count_does_not_grow_with_criteria_judges_or_events(
    viewer, client_for, rep, team, manager, enablement_admin, hub
):
    common = JudgeFactory()
    small = _released_with(rep, enablement_admin, [common], 1, hub)
    big = _released_with(rep, enablement_admin, [common, *JudgeFactory.create_batch(5)], 20, hub, moves=20)
    person = {"rep": rep, "manager": manager, "enablement_admin": enablement_admin, "judge": common}[viewer]
    client = client_for(person)
    small_url, big_url = (reverse("certify:evaluation", args=[evaluation.pk]) for evaluation in (small, big))
    client.get(small_url)
    one = queries_for(client, small_url)
    content = client.get(big_url).content.decode()
    assert "Criterion 19" in content and content.count("Panel or session changed") == 20
    # Session, user, roles (an admin: MFA check); the evaluation with performer, scenario, guide version,
    # level and certification; may see it (judge: on the panel; manager: that and the team); scorecards with
    # judges; events with actors; the panel: scorecards, criterion scores, study pages and their specific
    # rows; buyer script check (not for the rep); the site (page links); a judge's nav: queue counts.
    assert queries_for(client, big_url) == one


def test_once_the_wait_after_a_fail_is_over_the_result_links_to_booking_again(client_for, rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judges[0]], mode="recording")
    submit(judges[0], evaluation, scores=_commented(evaluation, 1, "Slow down"))
    level = evaluation.level_link.level
    Evaluation.objects.filter(pk=evaluation.pk).update(
        released_at=timezone.now() - timedelta(days=level.retry_wait_days + 1)
    )
    result = section(_page(client_for(rep), evaluation), "result-heading")
    assert "ask for the assessment again</a> now" in result
    assert reverse("certify:level_assessment", args=[level.certification.slug, level.number]) in result
