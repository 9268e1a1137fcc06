"""Level 3 as the services run it: a rep's own manager observes a real customer call and signs it off; a second
observer countersigns where the level requires it; a pass awards level 3 with the observation as evidence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import Evaluation, EvaluationStatus, Scorecard, ScorecardStatus
from assessments.services import ScorecardIncomplete
from certify.exceptions import DomainError, PermissionRefused
from certify.models import Award, LevelEvaluation
from certify.services import (
    award_grant,
    level_observation_request,
    level_observation_start,
    observation_answer,
    observation_countersign_by,
    observation_sign_off,
)
from tests.factories.certify import JudgeFactory, ManagerFactory, TeamFactory
from tests.factories.evaluations import scores_all
from tests.factories.observations import (
    accepted_observation,
    holding_level_2,
    level3_certification,
    level_of,
    observation_request,
    sign_off,
)

pytestmark = pytest.mark.django_db


def _call(**overrides):
    details = {
        "call_at": timezone.now() + timedelta(days=2),
        "account": "Northwind",
        "call_kind": "demonstration",
    }
    return {**details, **overrides}


def _level3_award(rep):
    return Award.objects.current().filter(user=rep, level__number=3).first()


# --- Asking ------------------------------------------------------------------------------------


def test_a_rep_asks_their_own_manager_who_is_emailed(rep, team, manager, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = observation_request(rep=rep, manager=manager)
    assert evaluation.status == EvaluationStatus.REQUESTED and evaluation.observer == manager
    assert evaluation.is_field_observation and evaluation.scenario is None
    assert LevelEvaluation.objects.get(evaluation=evaluation).level.number == 3
    [email] = mailoutbox
    # The call began an hour before the request: the manager is asked to score the call they observed.
    assert email.to == [manager.email] and "Score the call you observed" in email.subject
    assert "Acme Logistics" in email.body and "OPP-4411" in email.body and f"/evaluations/{evaluation.pk}/" in email.body


def test_level_3_needs_level_2(rep, team, manager):
    certification = level3_certification()
    award_grant(user=rep, level=level_of(certification, 1))
    with pytest.raises(DomainError, match="Pass level 2 first"):
        level_observation_request(actor=rep, level=level_of(certification), observer=manager, **_call())
    assert not Evaluation.objects.exists()


def test_a_rep_cannot_ask_a_manager_of_another_team(rep, team, other_team, other_manager):
    with pytest.raises(DomainError, match="only your own manager"):
        observation_request(rep=rep, manager=other_manager)
    assert not Evaluation.objects.exists()


def test_a_manager_in_their_own_team_cannot_observe_themself(manager):
    TeamFactory(managers=[manager], members=[manager])
    certification = level3_certification()
    holding_level_2(manager, certification)
    with pytest.raises(DomainError):
        level_observation_request(actor=manager, level=level_of(certification), observer=manager, **_call())
    with pytest.raises(PermissionRefused):
        level_observation_start(actor=manager, rep=manager, level=level_of(certification), **_call())
    assert not Evaluation.objects.exists()


def test_a_second_request_while_one_is_open_is_refused(rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    with pytest.raises(DomainError, match="already asked for an observation"):
        observation_request(rep=rep, manager=manager, certification=evaluation.level_link.level.certification)


# --- Answering ---------------------------------------------------------------------------------


def test_accepting_opens_the_observers_scorecard_and_tells_the_rep(
    rep, team, manager, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = observation_request(rep=rep, manager=manager)
    with django_capture_on_commit_callbacks(execute=True):
        observation_answer(actor=manager, evaluation=evaluation, accept=True)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert Scorecard.objects.filter(evaluation=evaluation, judge=manager, status=ScorecardStatus.DRAFT).exists()
    [email] = mailoutbox
    assert email.to == [rep.email] and "will observe your call" in email.subject


def test_declining_needs_a_reason_and_changes_nothing_without_one(rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager)
    with pytest.raises(EvaluationRefused, match="Say why you decline"):
        observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="  ")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REQUESTED and evaluation.events.count() == 1


def test_a_declined_request_tells_the_rep_why_and_they_may_ask_again(
    rep, team, manager, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = observation_request(rep=rep, manager=manager)
    with django_capture_on_commit_callbacks(execute=True):
        observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="I am at the kick-off that week.")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DECLINED
    [email] = mailoutbox
    assert email.to == [rep.email] and "declined" in email.subject and "I am at the kick-off that week." in email.body
    again = observation_request(rep=rep, manager=manager, certification=evaluation.level_link.level.certification)
    assert again.status == EvaluationStatus.REQUESTED


def test_only_the_manager_asked_answers(rep, team, manager):
    co_manager = ManagerFactory()
    team.managers.add(co_manager)
    team.save()
    evaluation = observation_request(rep=rep, manager=manager)
    with pytest.raises(PermissionRefused):
        observation_answer(actor=co_manager, evaluation=evaluation, accept=True)
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_a_manager_of_another_team_is_refused_everywhere(rep, team, manager, other_team, other_manager):
    evaluation = observation_request(rep=rep, manager=manager)
    level = evaluation.level_link.level
    with pytest.raises(PermissionRefused):
        observation_answer(actor=other_manager, evaluation=evaluation, accept=True)
    with pytest.raises(PermissionRefused):
        level_observation_start(actor=other_manager, rep=rep, level=level, **_call())
    observation_answer(actor=manager, evaluation=evaluation, accept=True)
    with pytest.raises(PermissionRefused):
        observation_sign_off(
            actor=other_manager, evaluation=evaluation, scores=scores_all(evaluation, 3), overall_feedback="x",
            next_steps="y", attest=True,
        )
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.SCHEDULED


# --- Signing off -------------------------------------------------------------------------------


def test_sign_off_without_the_attestation_is_refused_and_nothing_changes(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    with pytest.raises(ScorecardIncomplete) as refused:
        sign_off(manager, evaluation, 3, attest=False)
    assert "attest" in refused.value.problems
    card = Scorecard.objects.get(evaluation=evaluation)
    assert card.status == ScorecardStatus.DRAFT and card.attestation == "" and not card.scores.exists()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.SCHEDULED
    assert _level3_award(rep) is None


def test_a_pass_awards_level_3_with_the_observation_as_evidence(
    rep, team, manager, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = accepted_observation(rep=rep, manager=manager)
    with django_capture_on_commit_callbacks(execute=True):
        sign_off(manager, evaluation, 3)
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed
    award = _level3_award(rep)
    assert award is not None and award.evaluation == evaluation
    card = Scorecard.objects.get(evaluation=evaluation)
    assert card.attestation.startswith(f"I, {manager.get_full_name()}, observed") and "Acme Logistics" in card.attestation
    assert card.attested_at is not None
    assert [email.to for email in mailoutbox] == [[rep.email]] and "result is ready" in mailoutbox[0].subject
    assert f"{manager} has signed off the call you asked them to observe" in mailoutbox[0].body


def test_a_fail_does_not_award_level_3_and_the_rep_waits_before_asking_again(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    sign_off(manager, evaluation, 1)
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed is False
    assert _level3_award(rep) is None
    certification = evaluation.level_link.level.certification
    with pytest.raises(DomainError, match="you can ask again from"):
        observation_request(rep=rep, manager=manager, certification=certification)
    later = timezone.now() + timedelta(days=15)
    again = observation_request(rep=rep, manager=manager, certification=certification, call_at=later, now=later)
    assert again.status == EvaluationStatus.REQUESTED


def test_a_manager_who_no_longer_manages_the_rep_cannot_sign_off(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    team.members.remove(rep)
    team.save()  # a ParentalManyToManyField writes on save
    with pytest.raises(PermissionRefused):
        sign_off(manager, evaluation, 3)
    assert Scorecard.objects.get(evaluation=evaluation).status == ScorecardStatus.DRAFT


def test_signing_off_before_the_call_has_begun_is_refused(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager, call_at=timezone.now() + timedelta(days=1))
    with pytest.raises(EvaluationRefused, match="once it has begun"):
        sign_off(manager, evaluation, 3)
    sign_off(manager, evaluation, 3, now=evaluation.scheduled_at + timedelta(minutes=10))
    assert evaluation.status == EvaluationStatus.RELEASED


# --- A manager starts one ----------------------------------------------------------------------


def test_a_manager_starts_an_observation_of_their_rep_accepted_at_once(rep, team, manager, mailoutbox, django_capture_on_commit_callbacks):
    certification = level3_certification()
    holding_level_2(rep, certification)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = level_observation_start(actor=manager, rep=rep, level=level_of(certification), **_call())
    assert evaluation.status == EvaluationStatus.SCHEDULED and evaluation.observer == manager
    assert evaluation.requested_by == manager and evaluation.scorecards.get().judge == manager
    assert mailoutbox == []  # nobody to answer: the manager started it


def test_a_manager_cannot_start_an_observation_for_a_rep_without_level_2(rep, team, manager):
    certification = level3_certification()
    with pytest.raises(DomainError, match="Pass level 2 first"):
        level_observation_start(actor=manager, rep=rep, level=level_of(certification), **_call())
    assert not Evaluation.objects.exists()


# --- Countersigning ----------------------------------------------------------------------------


def test_a_level_needing_a_countersign_is_not_accepted_without_a_second_observer(rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager, countersign=True)
    assert evaluation.countersign_required
    with pytest.raises(EvaluationRefused, match="second observer"):
        observation_answer(actor=manager, evaluation=evaluation, accept=True)
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize("who", ["rep", "observer"])
def test_the_second_observer_is_neither_the_rep_nor_the_observer(who, rep, team, manager):
    rep.groups.add(*JudgeFactory().groups.all())  # even a rep who is also a judge
    evaluation = observation_request(rep=rep, manager=manager, countersign=True)
    with pytest.raises(DomainError):
        observation_answer(actor=manager, evaluation=evaluation, accept=True, countersigner={"rep": rep, "observer": manager}[who])
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.REQUESTED


def test_a_rep_cannot_be_named_as_second_observer(rep, other_rep, team, manager):
    evaluation = observation_request(rep=rep, manager=manager, countersign=True)
    with pytest.raises(DomainError, match="cannot countersign"):
        observation_answer(actor=manager, evaluation=evaluation, accept=True, countersigner=other_rep)


def test_the_sign_off_waits_for_the_countersign_and_the_second_observer_is_asked(
    rep, team, manager, judge, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    with django_capture_on_commit_callbacks(execute=True):
        sign_off(manager, evaluation, 3)
    assert evaluation.status == EvaluationStatus.COUNTERSIGN and evaluation.passed is None
    assert _level3_award(rep) is None
    [email] = mailoutbox
    assert email.to == [judge.email] and email.subject.startswith("Countersign")


def test_the_countersign_needs_the_attestation(rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    with pytest.raises(EvaluationRefused, match="observed this call yourself"):
        observation_countersign_by(actor=judge, evaluation=evaluation, attest=False, agree=True)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.COUNTERSIGN and evaluation.countersigned_at is None


def test_only_the_named_second_observer_countersigns(rep, team, manager, judge):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    for person in (JudgeFactory(), manager, rep):
        with pytest.raises(EvaluationNotFound):
            observation_countersign_by(actor=person, evaluation=evaluation, attest=True, agree=True)
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.COUNTERSIGN


def test_agreeing_releases_the_result_and_awards_level_3_with_the_observation_as_evidence(
    rep, team, manager, judge, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    with django_capture_on_commit_callbacks(execute=True):
        observation_countersign_by(actor=judge, evaluation=evaluation, attest=True, agree=True)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed
    assert "also observed this call and agree" in evaluation.countersign_statement
    assert _level3_award(rep).evaluation == evaluation
    assert [email.to for email in mailoutbox] == [[rep.email]]


def test_disagreeing_needs_a_reason_then_flags_the_result_for_enablement(
    rep, team, manager, judge, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    evaluation = accepted_observation(rep=rep, manager=manager, countersigner=judge)
    sign_off(manager, evaluation, 3)
    with pytest.raises(EvaluationRefused, match="Say what you saw differently"):
        observation_countersign_by(actor=judge, evaluation=evaluation, attest=True, agree=False, reason="")
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.COUNTERSIGN
    with django_capture_on_commit_callbacks(execute=True):
        observation_countersign_by(
            actor=judge, evaluation=evaluation, attest=True, agree=False, reason="No next step was agreed."
        )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED and "No next step was agreed." in evaluation.countersign_statement
    assert _level3_award(rep) is None
    assert [email.to for email in mailoutbox] == [[enablement_admin.email]]


def test_answering_twice_is_refused_with_a_message(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    with pytest.raises(EvaluationRefused, match="cannot be declined now"):
        observation_answer(actor=manager, evaluation=evaluation, accept=False, reason="Changed my mind.")
