"""Level 3 on the site: the certification page, the level page where a rep asks their manager, the page where a
manager starts an observation, the evaluation page (answer, countersign, the result) and the scorecard."""

from datetime import timedelta

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from assessments.models import Evaluation, EvaluationStatus, Scorecard, ScorecardStatus
from assessments.services.evaluations import attestation_text
from certify.models import Award
from certify.services import award_grant, observation_answer, observation_countersign_by
from tests.factories.assessments import AssessmentGuideFactory, criterion
from tests.factories.certify import JudgeFactory, ManagerFactory, RepFactory, TeamFactory
from tests.factories.content import article
from tests.factories.evaluations import keys_of
from tests.factories.observations import (
    accepted_observation,
    holding_level_2,
    level3_certification,
    level_of,
    observation_request,
    sign_off,
)
from tests.helpers import assert_error_linked, queries_for, section

pytestmark = pytest.mark.django_db


def _level_url(certification):
    return reverse("certify:level_assessment", args=[certification.slug, 3])


def _get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def _detail(client, certification) -> str:
    return _get(client, reverse("certify:certification_detail", args=[certification.slug]))


def _page(client, evaluation, status=200) -> str:
    return _get(client, reverse("certify:evaluation", args=[evaluation.pk]), status)


def _ready(rep, **kwargs):
    certification = level3_certification(**kwargs)
    holding_level_2(rep, certification)
    return certification


def _call_form(**overrides):
    when = timezone.localtime() - timedelta(minutes=30)
    data = {
        "account": "Contoso Retail",
        "opportunity_ref": "OPP-77",
        "call_at": when.strftime("%Y-%m-%dT%H:%M"),
        "call_kind": "proposal",
        "location": "https://meet.example.com/contoso",
        "note": "Second meeting with their COO.",
    }
    return {**data, **overrides}


# --- The certification page ----------------------------------------------------------------------


def test_the_certification_page_says_what_level_3_takes_and_offers_to_ask(client_for, rep, team):
    certification = _ready(rep, countersign=True, retry_wait_days=21)
    content = section(_detail(client_for(rep), certification), "level-3")
    assert "your own manager observes one of your real customer calls" in content
    assert level_of(certification).guide.title in content and "you pass with “meets” on every criterion" in content
    assert "A second observer joins the call and countersigns" in content
    assert "ask again 21 days after your result" in content
    assert "Ask for a field observation" in content and _level_url(certification) in content


def test_the_certification_page_says_to_pass_level_2_first(client_for, rep, team):
    certification = level3_certification()
    award_grant(user=rep, level=level_of(certification, 1))
    content = section(_detail(client_for(rep), certification), "level-3")
    assert "Pass level 2 first: level 3 builds on it." in content
    assert "Ask for a field observation" not in content
    assert "second observer" not in content  # this level needs none


def test_the_certification_page_lists_the_reps_observations_with_status_and_score(client_for, rep, team, manager):
    failed = accepted_observation(rep=rep, manager=manager)
    sign_off(manager, failed, 1)
    certification = failed.level_link.level.certification
    Evaluation.objects.filter(pk=failed.pk).update(released_at=timezone.now() - timedelta(days=30))
    waiting = observation_request(rep=rep, manager=manager, certification=certification, account="Fabrikam")
    content = _detail(client_for(rep), certification)
    observations = content.split("Your observations", 1)[1]
    assert "Discovery call with Acme Logistics" in observations and "Discovery call with Fabrikam" in observations
    assert "Not passed yet" in observations and f"{floatformat(failed.score, 0)}%" in observations
    assert "Waiting for the manager's answer" in observations and manager.display_name in observations
    assert "You have asked for an observation." in section(content, "level-3")
    assert reverse("certify:evaluation", args=[waiting.pk]) in observations


def test_the_certification_page_query_count_does_not_grow_with_observations(client_for, rep, team, manager):
    certification = _ready(rep)

    def declined():
        evaluation = observation_request(rep=rep, manager=manager, certification=certification)
        observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="Another week, please.")

    declined()
    client = client_for(rep)
    url = reverse("certify:certification_detail", args=[certification.slug])
    client.get(url)
    one = queries_for(client, url)
    for _ in range(20):
        declined()
    assert _detail(client, certification).count("Declined") == 21
    # Session, user, roles; certification, levels, quiz sections, scenarios, current awards, teams, assignments,
    # attempts, award history; levels 2 and 3: the rep's evaluations with their observers, in one query.
    assert queries_for(client, url) == one


# --- The level page: the rep asks ----------------------------------------------------------------


def test_the_level_3_page_shows_the_field_guide_and_the_form_with_the_only_manager_chosen(client_for, rep, team, manager):
    certification = _ready(rep)
    content = _get(client_for(rep), _level_url(certification))
    guide = level_of(certification).guide
    assert f"Assessment guide: {guide.title}" in content and "Discovery" in content
    form = section(content, "request-heading")
    assert f'<option value="{manager.pk}" selected>{manager.display_name}</option>' in form
    assert 'type="datetime-local"' in form and "Executive presentation" in form and "CRM opportunity id" in form


def test_a_rep_with_several_managers_chooses_one(client_for, rep, team, manager):
    second = ManagerFactory(first_name="Sam", last_name="Second")
    TeamFactory(managers=[second], members=[rep])
    content = section(_get(client_for(rep), _level_url(_ready(rep))), "request-heading")
    assert "Choose your manager" in content and "Sam Second" in content
    assert f'<option value="{manager.pk}" selected' not in content and f'<option value="{second.pk}" selected' not in content


def test_a_rep_with_no_manager_is_told_so_and_sees_no_form(client_for, rep):
    content = section(_get(client_for(rep), _level_url(_ready(rep))), "request-heading")
    assert "You have no manager on Certifiable yet" in content and "<form" not in content


def test_a_rep_without_level_2_sees_why_and_no_form(client_for, rep, team):
    certification = level3_certification()
    content = section(_get(client_for(rep), _level_url(certification)), "request-heading")
    assert "Pass level 2 first" in content and "<form" not in content


def test_a_level_3_without_a_guide_has_no_page(client_for, rep):
    certification = level3_certification()
    level_of(certification).__class__.objects.filter(certification=certification, number=3).update(guide=None)
    _get(client_for(rep), _level_url(certification), status=404)


def test_asking_saves_the_request_in_the_sites_time_zone_and_shows_it(client_for, rep, team, manager, settings):
    certification = _ready(rep)
    today = timezone.localdate()
    year = today.year + (today >= today.replace(month=3, day=14))  # the next 14 March: within the window
    data = _call_form(observer=manager.pk, call_at=f"{year}-03-14T09:30")
    response = client_for(rep).post(_level_url(certification), data)
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("certify:evaluation", args=[evaluation.pk])
    assert evaluation.observer == manager and evaluation.account == "Contoso Retail" and evaluation.call_kind == "proposal"
    assert evaluation.opportunity_ref == "OPP-77" and evaluation.note == "Second meeting with their COO."
    local = timezone.localtime(evaluation.scheduled_at, timezone.get_default_timezone())
    assert (local.hour, local.minute) == (9, 30)


def test_asking_after_the_call_says_the_manager_observed_it(client_for, rep, team, manager, mailoutbox, django_capture_on_commit_callbacks):
    certification = _ready(rep)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(rep).post(_level_url(certification), _call_form(observer=manager.pk), follow=True)
    content = response.content.decode()
    name = manager.display_name
    assert f"Your request is with {name}, to score the call with Contoso Retail that {name} observed." in content
    assert f"to score the call {name} observed." in section(content, "status-heading")
    assert "to observe this call" not in content
    evaluation = Evaluation.objects.get()
    assert "asks you to score this call you observed" in section(_page(client_for(manager), evaluation), "status-heading")
    (message,) = [message for message in mailoutbox if message.to == [manager.email]]
    assert message.subject.startswith("Score the call you observed:") and "asks you to score a customer call you observed" in message.body


def test_asking_before_the_call_asks_the_manager_to_observe_it(client_for, rep, team, manager, mailoutbox, django_capture_on_commit_callbacks):
    certification = _ready(rep)
    coming = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(rep).post(_level_url(certification), _call_form(observer=manager.pk, call_at=coming), follow=True)
    content = response.content.decode()
    assert f"Your request is with {manager.display_name}. You will get an email" in content and "observed" not in content
    assert "to observe this call" in section(content, "status-heading")
    (message,) = [message for message in mailoutbox if message.to == [manager.email]]
    assert message.subject.startswith("Observe a call:") and "asks you to observe a customer call" in message.body


def test_missing_details_are_shown_next_to_their_fields_and_nothing_is_saved(client_for, rep, team, manager):
    certification = _ready(rep)
    response = client_for(rep).post(_level_url(certification), _call_form(observer=manager.pk, account="", call_kind="", call_at=""))
    content = response.content.decode()
    assert 'id="id_account_error">Name the customer account the call is with.' in content
    assert 'id="id_call_kind_error">Choose the kind of call.' in content
    assert 'id="id_call_at_error">Say when the call takes place.' in content
    assert "Nothing was saved." in content and not Evaluation.objects.exists()


def test_a_field_error_is_linked_to_its_input(client_for, rep, team, manager):
    certification = _ready(rep)
    response = client_for(rep).post(_level_url(certification), _call_form(observer=manager.pk, account="", call_kind=""))
    content = response.content.decode()
    assert_error_linked(content, "id_account", "Name the customer account the call is with.")
    assert_error_linked(content, "id_call_kind", "Choose the kind of call.")
    assert "Please check the fields marked below. Nothing was saved." in content


def test_a_required_field_is_marked_and_an_optional_one_is_not(client_for, rep, team, manager):
    content = _get(client_for(rep), _level_url(_ready(rep)))
    assert '<label for="id_account" class="label-required">Customer account</label>' in content
    assert '<label for="id_opportunity_ref">CRM opportunity id (optional)</label>' in content


def test_countersign_errors_are_linked_to_the_checkbox_and_the_first_choice(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    response = client_for(judge).post(reverse("certify:observation_countersign", args=[evaluation.pk]), {})
    content = response.content.decode()
    assert response.status_code == 400
    assert_error_linked(content, "id_attest", "Confirm that you observed this call yourself")
    assert_error_linked(content, "id_agree_0", "Say whether you agree with the sign-off.")
    assert "Nothing was changed." in content


def test_a_call_more_than_two_weeks_ago_is_refused_next_to_the_field(client_for, rep, team, manager):
    long_ago = (timezone.localtime() - timedelta(days=15)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(rep).post(_level_url(_ready(rep)), _call_form(observer=manager.pk, call_at=long_ago))
    assert 'id="id_call_at_error">That call was more than 14 days ago' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_manager_who_is_not_yours_cannot_be_chosen(client_for, rep, team, other_team, other_manager):
    response = client_for(rep).post(_level_url(_ready(rep)), _call_form(observer=other_manager.pk))
    assert 'id="id_observer_error">Choose one of your managers.' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_level_3_page_query_count_does_not_grow_with_criteria_managers_or_past_requests(client_for, rep, team, manager):
    def setup(criteria_count, extra):
        person = RepFactory()
        guide = AssessmentGuideFactory(criteria=[criterion(f"Criterion {n}") for n in range(criteria_count)])
        certification = level3_certification(guide=guide)
        holding_level_2(person, certification)
        TeamFactory(managers=[manager, *ManagerFactory.create_batch(extra)], members=[person])
        for _ in range(extra):
            evaluation = observation_request(rep=person, manager=manager, certification=certification)
            observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="Not that week.")
        return person, certification

    small_rep, small = setup(1, 0)
    big_rep, big = setup(20, 20)
    client = client_for(small_rep)
    client.get(_level_url(small))
    one = queries_for(client, _level_url(small))
    client = client_for(big_rep)
    assert "Criterion 19" in _get(client, _level_url(big))
    # Session, user, roles; certification, level with guide, the guide's current version; whether the rep may
    # take it; current awards (twice: this level, the level below), their evaluations; their managers.
    assert queries_for(client, _level_url(big)) == one


# --- A manager starts one ------------------------------------------------------------------------


def _start_url(rep=None, level=None):
    url = reverse("certify:observation_start")
    query = "&".join(f"{key}={value.pk}" for key, value in (("rep", rep), ("level", level)) if value is not None)
    return f"{url}?{query}" if query else url


def test_a_manager_chooses_among_their_own_reps_only(client_for, rep, other_rep, team, other_team, manager):
    content = _get(client_for(manager), _start_url())
    assert rep.display_name in content and other_rep.display_name not in content


def test_someone_who_manages_nobody_gets_404(client_for, rep, judge):
    for person in (rep, judge, ManagerFactory()):
        _get(client_for(person), _start_url(), status=404)


def test_a_rep_the_manager_does_not_manage_is_not_found(client_for, rep, team, other_rep, other_team, manager):
    client = client_for(manager)
    _get(client, _start_url(rep=other_rep), status=404)
    assert client.post(_start_url(rep=other_rep), _call_form()).status_code == 404
    _get(client, f"{reverse('certify:observation_start')}?rep=nobody", status=404)
    assert not Evaluation.objects.exists()


def test_starting_an_observation_opens_the_scorecard(client_for, rep, team, manager):
    certification = _ready(rep)
    level = level_of(certification)
    client = client_for(manager)
    form = section(_get(client, _start_url(rep=rep, level=level)), "call-heading")
    assert f'<option value="{level.pk}" selected>' in form and "Second observer" not in form
    response = client.post(_start_url(rep=rep), _call_form(level=level.pk))
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("certify:scorecard", args=[evaluation.pk])
    assert evaluation.status == EvaluationStatus.SCHEDULED and evaluation.observer == manager
    assert evaluation.performer == rep and evaluation.account == "Contoso Retail"


def test_a_level_needing_a_countersign_asks_for_the_second_observer_next_to_the_field(client_for, rep, team, manager, judge):
    level = level_of(_ready(rep, countersign=True))
    client = client_for(manager)
    form = section(_get(client, _start_url(rep=rep)), "call-heading")
    options = form.split('id="id_countersigner"', 1)[1].split("</select>", 1)[0]
    assert judge.display_name in options and manager.display_name not in options and rep.display_name not in options
    content = client.post(_start_url(rep=rep), _call_form(level=level.pk)).content.decode()
    assert 'id="id_countersigner_error">This certification needs a second observer' in content
    assert not Evaluation.objects.exists()
    client.post(_start_url(rep=rep), _call_form(level=level.pk, countersigner=judge.pk))
    assert Evaluation.objects.get().countersigner == judge


def test_levels_the_rep_cannot_take_now_are_listed_with_the_reason(client_for, rep, team, manager):
    certification = level3_certification(title="Forecasting")
    award_grant(user=rep, level=level_of(certification, 1))
    content = section(_get(client_for(manager), _start_url(rep=rep)), "call-heading")
    assert f"Forecasting: {rep.display_name} needs level 2 first." in content and "<form" not in content


# --- The evaluation page -------------------------------------------------------------------------


def test_the_observation_page_shows_the_call_and_who_observes(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    status = section(_page(client_for(rep), evaluation), "status-heading")
    for fact in ("Acme Logistics", "OPP-4411", "Discovery call", "Acme HQ, Rotterdam", "The CFO joins"):
        assert fact in status
    assert f"<dt>Observer</dt><dd>{manager.display_name}</dd>" in status
    assert f"<dt>Second observer</dt><dd>{judge.display_name}</dd>" in status
    assert f"{timezone.localtime(evaluation.scheduled_at):%H:%M}" in status


@pytest.mark.parametrize("route", ["evaluation", "scorecard", "observation_answer", "observation_countersign"])
def test_a_manager_of_another_team_gets_404(route, client_for, rep, team, manager, other_team, other_manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    url = reverse(f"certify:{route}", args=[evaluation.pk])
    client = client_for(other_manager)
    response = client.post(url, {"answer": "accept"}) if route.startswith("observation_") else client.get(url)
    assert response.status_code == 404


def test_the_observer_sees_the_request_and_accepts_it(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    client = client_for(manager)
    answer = section(_page(client, evaluation), "answer-heading")
    assert "Accept" in answer and "Why you decline" in answer
    response = client.post(reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "accept"})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    content = _page(client, evaluation)
    assert "Score the call and sign it off" in content and 'id="answer-heading"' not in content


def test_accepting_without_the_required_second_observer_shows_the_error_next_to_the_field(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager, countersign=True)
    response = client_for(manager).post(reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "accept"})
    assert response.status_code == 400
    assert 'id="id_countersigner_error">Name the second observer' in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_declining_without_a_reason_shows_the_error_and_changes_nothing(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    response = client_for(manager).post(reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "decline", "reason": " "})
    assert response.status_code == 400 and 'id="id_reason_error">Say why you decline' in response.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_declining_without_confirming_asks_first_and_changes_nothing(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    response = client_for(manager).post(
        reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "decline", "reason": "I am on leave that day."}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Decline" in content and "This cannot be undone." in content
    assert ">I am on leave that day.</textarea>" in content and 'name="answer" value="decline"' in content
    assert 'name="confirm" value="yes"' in content and "Keep the request" in content
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_withdrawing_an_observation_request_names_the_manager_who_is_told_not_a_panel(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    content = client_for(rep).post(reverse("certify:evaluation_cancel", args=[evaluation.pk])).content.decode()
    assert f"{escape(manager.display_name)} is told" in content and "Your panel is told" not in content
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_a_declined_request_shows_the_rep_the_reason_and_a_link_to_ask_again(client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    client_for(manager).post(
        reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "decline", "reason": "I am on leave that day.", "confirm": "yes"}
    )
    declined = section(_page(client_for(rep), evaluation), "status-heading")
    assert "I am on leave that day." in declined and "Ask again for another call" in declined
    assert _level_url(evaluation.level_link.level.certification) in declined


@pytest.mark.parametrize("who", ["rep", "co_manager"])
def test_only_the_manager_asked_may_answer(who, client_for, rep, team, manager):
    co_manager = ManagerFactory()
    team.managers.add(co_manager)
    team.save()
    evaluation = observation_request(rep=rep, manager=manager)
    person = {"rep": rep, "co_manager": co_manager}[who]
    assert 'id="answer-heading"' not in _page(client_for(person), evaluation)
    assert client_for(person).post(reverse("certify:observation_answer", args=[evaluation.pk]), {"answer": "accept"}).status_code == 404
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


@pytest.mark.parametrize("route", ["observation_answer", "observation_countersign"])
def test_answering_and_countersigning_take_posts_only(route, client_for, rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    assert client_for(manager).get(reverse(f"certify:{route}", args=[evaluation.pk])).status_code == 405


def test_the_second_observer_reads_the_scores_and_attestation_then_countersigns(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    client = client_for(judge)
    countersign = section(_page(client, evaluation), "countersign-heading")
    assert "Asked what the delay costs them." in countersign and "panel-table" in countersign
    assert escape(Scorecard.objects.get(evaluation=evaluation).attestation) in countersign
    assert "I observed this call myself" in countersign
    url = reverse("certify:observation_countersign", args=[evaluation.pk])
    refused = client.post(url, {"agree": "agree"})
    assert refused.status_code == 400 and 'id="id_attest_error">Confirm that you observed this call yourself' in refused.content.decode()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.COUNTERSIGN
    assert client.post(url, {"attest": "on", "agree": "agree"}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and Award.objects.filter(evaluation=evaluation, level__number=3).exists()


def test_disagreeing_without_a_reason_is_refused_next_to_the_field(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    url = reverse("certify:observation_countersign", args=[evaluation.pk])
    response = client_for(judge).post(url, {"attest": "on", "agree": "disagree", "reason": ""})
    assert response.status_code == 400 and 'id="id_reason_error">Say what you saw differently' in response.content.decode()
    client_for(judge).post(url, {"attest": "on", "agree": "disagree", "reason": "The rep never asked about budget."})
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.FLAGGED


def test_someone_other_than_the_second_observer_cannot_countersign(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    url = reverse("certify:observation_countersign", args=[evaluation.pk])
    for person in (manager, rep):
        assert client_for(person).post(url, {"attest": "on", "agree": "agree"}).status_code == 404
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.COUNTERSIGN


def test_the_rep_sees_the_sign_off_but_no_score_while_the_countersign_is_awaited(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    content = _page(client_for(rep), evaluation)
    assert f"Signed off by <strong>{manager.display_name}</strong>" in content
    assert f"{judge.display_name}, the second observer, countersigns before your result is released" in content
    assert "Asked what the delay costs them." not in content and 'id="result-heading"' not in content


def test_the_rep_sees_the_released_result_with_the_sign_off_and_the_countersign(client_for, rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    observation_countersign_by(actor=judge, evaluation=evaluation, attest=True, agree=True)
    content = _page(client_for(rep), evaluation)
    result = section(content, "result-heading")
    assert "You passed" in result and "100%" in result and "Asked what the delay costs them." in result
    assert "is yours" in result and "Bring a mutual plan to the next call." in result
    sign = section(content, "sign-off-heading")
    assert f"Signed off by <strong>{manager.display_name}</strong>" in sign
    assert escape(Scorecard.objects.get(evaluation=evaluation).attestation) in sign
    assert f"Countersigned by <strong>{judge.display_name}</strong>" in sign and "also observed this call" in sign
    assert 'class="table panel-table"' not in content  # the rep never sees the panel table


def test_a_failed_observation_gives_feedback_and_the_date_to_ask_again(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    sign_off(manager, evaluation, 1)
    result = section(_page(client_for(rep), evaluation), "result-heading")
    retry_on = evaluation.released_at + timedelta(days=14)
    assert "Not this time" in result and "where this call stood against the field guide" in result
    assert f"ask for another observation from <strong>{retry_on:%-d %B %Y}</strong>" in result
    Evaluation.objects.filter(pk=evaluation.pk).update(released_at=timezone.now() - timedelta(days=15))
    result = section(_page(client_for(rep), evaluation), "result-heading")
    assert "ask for another observation</a> now" in result


@pytest.mark.parametrize("viewer", ["rep", "observer_answering", "countersigner", "enablement_admin"])
def test_the_observation_page_query_count_does_not_grow(viewer, client_for, rep, team, manager, enablement_admin, hub):
    second = JudgeFactory()

    def observation(criteria_count, people):
        page = article(hub)
        JudgeFactory.create_batch(people)  # more people who could be the second observer
        guide = AssessmentGuideFactory(criteria=[criterion(f"Criterion {n}", study_pages=[page]) for n in range(criteria_count)])
        person = RepFactory()
        TeamFactory(managers=[manager], members=[person])
        certification = level3_certification(guide=guide, countersign=True)
        holding_level_2(person, certification)
        if viewer == "observer_answering":
            return person, observation_request(rep=person, manager=manager, certification=certification)
        evaluation = observation_request(rep=person, manager=manager, certification=certification)
        observation_answer(actor=manager, evaluation=evaluation, accept=True, countersigner=second)
        evaluation.refresh_from_db()
        sign_off(manager, evaluation, 1)
        if viewer != "countersigner":
            observation_countersign_by(actor=second, evaluation=evaluation, attest=True, agree=True)
        return person, evaluation

    def viewer_for(person):
        return {"rep": person, "observer_answering": manager, "countersigner": second, "enablement_admin": enablement_admin}[viewer]

    small_rep, small = observation(1, 0)
    big_rep, big = observation(20, 20)
    client = client_for(viewer_for(small_rep))
    url = reverse("certify:evaluation", args=[small.pk])
    client.get(url)
    one = queries_for(client, url)
    client = client_for(viewer_for(big_rep))
    assert "Criterion 19" in _page(client, big)
    # Session, user, roles (an admin: MFA check); the evaluation with performer, guide version, level, observer
    # and second observer; may see it; scorecards with judges; events with actors; the observer answering: who
    # may be the second observer; once signed off, the panel: scorecards, criterion scores, study pages; the
    # site (page links); the navigation's counts.
    assert queries_for(client, reverse("certify:evaluation", args=[big.pk])) == one


# --- The scorecard -------------------------------------------------------------------------------


def _scorecard_url(evaluation):
    return reverse("certify:scorecard", args=[evaluation.pk])


def _scores(evaluation, score, comment="Let the customer talk."):
    data = {}
    for key in keys_of(evaluation):
        data[f"score-{key}"] = str(score)
        data[f"comment-{key}"] = comment
    return data


def test_the_observers_scorecard_shows_the_call_not_a_script_and_a_sign_off(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    content = _get(client_for(manager), _scorecard_url(evaluation))
    assert "Acme Logistics" in content and "OPP-4411" in content and "Discovery call" in content
    assert "Buyer's script" not in content and "The rep's brief" not in content
    assert ">Sign off</button>" in content and "Submit scores" not in content
    assert 'name="attest"' in content and "I observed this call myself" in content
    assert escape(attestation_text(manager, evaluation)) in content


def test_signing_off_without_the_attestation_shows_it_next_to_the_checkbox_and_submits_nothing(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    data = {**_scores(evaluation, 3), "overall_feedback": "Good.", "next_steps": "More.", "action": "submit"}
    response = client_for(manager).post(_scorecard_url(evaluation), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="problem-attest">Confirm that you observed this call yourself' in content
    card = Scorecard.objects.get(evaluation=evaluation)
    assert card.status == ScorecardStatus.DRAFT and card.attestation == ""
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.SCHEDULED


def test_signing_off_with_the_attestation_releases_and_awards_level_3(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    data = {**_scores(evaluation, 3), "overall_feedback": "Good.", "next_steps": "More.", "action": "submit", "attest": "on"}
    response = client_for(manager).post(_scorecard_url(evaluation), data, follow=True)
    assert f"Signed off. The result is released to {rep.display_name}." in response.content.decode()
    card = Scorecard.objects.get(evaluation=evaluation)
    assert card.status == ScorecardStatus.SUBMITTED and card.attestation.startswith(attestation_text(manager, evaluation))
    assert Award.objects.current().filter(user=rep, level__number=3, evaluation=evaluation).exists()


def test_autosave_keeps_a_draft_of_an_observation(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    response = client_for(manager).post(reverse("certify:scorecard_autosave", args=[evaluation.pk]), _scores(evaluation, 2))
    assert response.status_code == 200 and "saved_at" in response.json()
    card = Scorecard.objects.get(evaluation=evaluation)
    assert card.status == ScorecardStatus.DRAFT and card.scores.count() == len(keys_of(evaluation))


def test_a_manager_who_no_longer_manages_the_rep_cannot_sign_off_on_the_page(client_for, rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    team.members.remove(rep)
    team.save()
    data = {**_scores(evaluation, 3), "overall_feedback": "Good.", "next_steps": "More.", "action": "submit", "attest": "on"}
    response = client_for(manager).post(_scorecard_url(evaluation), data)
    assert response.status_code == 400 and "Only the rep&#x27;s own manager signs off their calls." in response.content.decode()
    assert Scorecard.objects.get(evaluation=evaluation).status == ScorecardStatus.DRAFT


def test_the_scorecard_query_count_for_an_observation_does_not_grow_with_criteria(client_for, rep, team, manager):
    def page_queries(criteria_count):
        person = RepFactory()
        TeamFactory(managers=[manager], members=[person])
        guide = AssessmentGuideFactory(criteria=[criterion(f"Criterion {n}") for n in range(criteria_count)])
        certification = level3_certification(guide=guide)
        holding_level_2(person, certification)
        evaluation = observation_request(rep=person, manager=manager, certification=certification)
        observation_answer(actor=manager, evaluation=evaluation, accept=True)
        client = client_for(manager)
        client.get(_scorecard_url(evaluation))
        return queries_for(client, _scorecard_url(evaluation))

    # Session, user, roles, the scorecard with its evaluation (performer, guide version, second observer), its
    # scores, the buyer-script check, the navigation's counts.
    assert page_queries(12) == page_queries(2)
