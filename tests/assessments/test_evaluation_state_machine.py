"""An evaluation's status moves only as EVALUATION_TRANSITIONS allows, and every move is recorded."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import EVALUATION_TRANSITIONS, Evaluation, EvaluationStatus, Scorecard
from assessments.services import evaluation_cancel, evaluation_panel_set
from assessments.services.evaluations import evaluation_transition
from certify.services import award_grant, level_evaluation_request
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, JudgeFactory, RepFactory

pytestmark = pytest.mark.django_db

EVENTS = ["assign", "release", "flag", "moderate", "cancel"]


@pytest.fixture
def requested():
    certification = CertificationFactory(levels=2)
    rep = RepFactory()
    award_grant(user=rep, level=certification.levels.get(number=1))
    level = certification.levels.get(number=2)
    return level_evaluation_request(
        actor=rep, level=level, scenario=level.scenarios.first(), mode="live",
        scheduled_at=timezone.now() + timedelta(days=2), location="Room 1",
    )


@pytest.mark.parametrize(("status", "event"), list(itertools.product(EvaluationStatus.values, EVENTS)))
def test_every_status_and_event_moves_as_the_table_says(requested, status, event):
    evaluation = Evaluation.objects.get(pk=requested.pk)
    evaluation.status = status
    expected = EVALUATION_TRANSITIONS.get((status, event))
    before = evaluation.events.count()
    if expected is None:
        with pytest.raises(EvaluationRefused):
            evaluation_transition(evaluation, event, actor=None, now=timezone.now())
        assert evaluation.status == status
        assert evaluation.events.count() == before
    else:
        evaluation_transition(evaluation, event, actor=None, reason="why", now=timezone.now())
        assert evaluation.status == expected
        last = evaluation.events.last()
        assert (last.from_status, last.to_status, last.reason) == (status, expected, "why")


def test_a_requested_evaluation_is_recorded_from_its_first_status(requested):
    assert list(requested.events.values_list("from_status", "to_status")) == [("", EvaluationStatus.REQUESTED)]


def test_choosing_a_panel_moves_a_request_to_scoring_and_records_who(requested):
    admin, judges = EnablementAdminFactory(), JudgeFactory.create_batch(2)
    change = evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=judges)
    requested.refresh_from_db()
    assert requested.status == EvaluationStatus.SCHEDULED
    assert set(requested.scorecards.values_list("judge_id", flat=True)) == {judge.pk for judge in judges}
    assert {judge.pk for judge in change.added} == {judge.pk for judge in judges}
    assert requested.events.last().actor == admin
    assert requested.due_at == requested.ends_at + timedelta(days=3)


def test_the_performer_is_never_put_on_their_own_panel(requested):
    admin = EnablementAdminFactory()
    with pytest.raises(EvaluationRefused, match="own performance"):
        evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[JudgeFactory(), requested.performer])
    assert not Scorecard.objects.filter(evaluation=requested).exists()
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_only_holders_of_the_permission_choose_a_panel(requested):
    with pytest.raises(EvaluationRefused):
        evaluation_panel_set(actor=JudgeFactory(), evaluation_id=requested.pk, judges=[JudgeFactory()])
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_changing_the_panel_drops_a_judge_who_has_not_scored_and_keeps_one_who_has(requested):
    admin = EnablementAdminFactory()
    first, second, third = JudgeFactory.create_batch(3)
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[first, second])
    Scorecard.objects.filter(evaluation=requested, judge=first).update(status="submitted")
    with pytest.raises(EvaluationRefused, match="stays on the panel"):
        evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[second, third])
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[first, third])
    assert set(requested.scorecards.values_list("judge_id", flat=True)) == {first.pk, third.pk}


def test_moving_a_live_session_into_the_past_is_refused(requested):
    admin = EnablementAdminFactory()
    with pytest.raises(EvaluationRefused, match="passed"):
        evaluation_panel_set(
            actor=admin, evaluation_id=requested.pk, judges=[JudgeFactory()],
            scheduled_at=timezone.now() - timedelta(hours=1),
        )
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_the_performer_may_withdraw_a_request_nobody_has_scored(requested):
    evaluation_cancel(actor=requested.performer, evaluation_id=requested.pk)
    requested.refresh_from_db()
    assert requested.status == EvaluationStatus.CANCELLED
    assert requested.events.last().reason == "Withdrawn by the rep."


def test_someone_else_cannot_cancel_a_reps_request_and_learns_nothing(requested):
    with pytest.raises(EvaluationNotFound):
        evaluation_cancel(actor=RepFactory(), evaluation_id=requested.pk, reason="No.")
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_once_a_judge_has_submitted_only_an_admin_may_cancel_with_a_reason(requested):
    admin, judge = EnablementAdminFactory(), JudgeFactory()
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[judge])
    Scorecard.objects.filter(evaluation=requested).update(status="submitted")
    with pytest.raises(EvaluationRefused, match="already scored"):
        evaluation_cancel(actor=requested.performer, evaluation_id=requested.pk)
    with pytest.raises(EvaluationRefused, match="reason"):
        evaluation_cancel(actor=admin, evaluation_id=requested.pk, reason="  ")
    evaluation_cancel(actor=admin, evaluation_id=requested.pk, reason="The rep left the company.")
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.CANCELLED
