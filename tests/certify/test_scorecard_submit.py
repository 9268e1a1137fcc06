"""certify.services.scorecard_submit: one service scores a performance whatever its kind — a role-play's panel
scorecard or a field observation's sign-off, as a draft or for good."""

import pytest

from assessments.models import Evaluation, EvaluationStatus, Scorecard, ScorecardStatus
from assessments.services import ScorecardIncomplete
from certify.exceptions import PermissionRefused
from certify.services import scorecard_submit
from tests.factories.certify import JudgeFactory
from tests.factories.evaluations import level2_evaluation, scores_all
from tests.factories.observations import accepted_observation

pytestmark = pytest.mark.django_db

FEEDBACK = {"overall_feedback": "Calm and well prepared.", "next_steps": "Bring a mutual plan."}


def _card(evaluation, person):
    return Scorecard.objects.select_related("evaluation").get(evaluation=evaluation, judge=person)


def test_scorecard_submit_refuses_a_field_observation_without_the_attestation(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)

    with pytest.raises(ScorecardIncomplete) as refused:
        scorecard_submit(actor=manager, scorecard=_card(evaluation, manager), scores=scores_all(evaluation, 3), **FEEDBACK)

    assert "attest" in refused.value.problems
    card = _card(evaluation, manager)
    assert card.status == ScorecardStatus.DRAFT and card.attestation == "" and not card.scores.exists()
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.SCHEDULED


def test_scorecard_submit_signs_off_a_field_observation_with_the_attestation(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)

    outcome = scorecard_submit(
        actor=manager, scorecard=_card(evaluation, manager), scores=scores_all(evaluation, 3), attest=True, **FEEDBACK
    )

    assert outcome.scorecard.status == ScorecardStatus.SUBMITTED and outcome.scorecard.attestation.startswith("I, ")
    assert outcome.evaluation.status == EvaluationStatus.RELEASED


def test_scorecard_submit_keeps_a_field_observation_draft_without_attesting(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)

    scorecard_submit(
        actor=manager, scorecard=_card(evaluation, manager), scores=scores_all(evaluation, 1), attest=True, submit=False,
        **FEEDBACK,
    )

    card = _card(evaluation, manager)
    assert card.status == ScorecardStatus.DRAFT and card.attestation == "" and card.scores.count() == 3


def test_scorecard_submit_refuses_an_observer_who_no_longer_manages_the_rep(rep, team, manager):
    evaluation = accepted_observation(rep=rep, manager=manager)
    team.managers.remove(manager)
    team.save()  # a ParentalManyToManyField is written on save

    with pytest.raises(PermissionRefused):
        scorecard_submit(
            actor=manager, scorecard=_card(evaluation, manager), scores=scores_all(evaluation, 3), attest=True, **FEEDBACK
        )

    assert _card(evaluation, manager).status == ScorecardStatus.DRAFT


def test_scorecard_submit_scores_a_role_play_for_the_panel_without_an_attestation(rep, enablement_admin):
    judges = [JudgeFactory(), JudgeFactory()]
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)

    outcome = scorecard_submit(actor=judges[0], scorecard=_card(evaluation, judges[0]), scores=scores_all(evaluation, 3), **FEEDBACK)

    assert outcome.scorecard.status == ScorecardStatus.SUBMITTED and outcome.scorecard.attestation == ""
    assert outcome.evaluation.status == EvaluationStatus.SCHEDULED  # the other judge is still scoring


def test_scorecard_submit_refuses_someone_elses_scorecard(rep, enablement_admin):
    judges = [JudgeFactory(), JudgeFactory()]
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)

    with pytest.raises(PermissionRefused):
        scorecard_submit(actor=judges[1], scorecard=_card(evaluation, judges[0]), scores=scores_all(evaluation, 3), **FEEDBACK)

    assert _card(evaluation, judges[0]).status == ScorecardStatus.DRAFT
