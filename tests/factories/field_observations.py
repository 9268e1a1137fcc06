"""Level-3 field observations set up through the real services: a rep holding level 2 asks their manager."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import EvaluationStatus
from certify.services import (
    award_grant,
    level_observation_request,
    observation_answer,
    observation_countersign_by,
    observation_sign_off,
)
from tests.factories.certify import CertificationFactory
from tests.factories.evaluations import scores_all


def level3_certification(**kwargs):
    """A certification with levels 1–3; level 3 observed with the factory's three-criterion guide."""
    return CertificationFactory(levels=3, **kwargs)


def holding_level2(rep, certification, *, now=None):
    """Give the rep levels 1 and 2 of the certification (as if passed three days ago)."""
    when = (now or timezone.now()) - timedelta(days=3)
    for number in (1, 2):
        award_grant(user=rep, level=certification.levels.get(number=number), now=when)


def field_observation(*, rep, manager, certification=None, account="Northwind Traders", call_at=None, countersigner=None,
                      state="requested", score=3):
    """The rep's level-3 observation, asked of `manager` (who must manage the rep), taken to `state`:
    requested, scheduled (accepted), countersign (signed off with every criterion at `score`, waiting for
    `countersigner`) or flagged (the countersigner disagreed)."""
    certification = certification or level3_certification(levels__countersign=countersigner is not None)
    holding_level2(rep, certification)
    evaluation = level_observation_request(
        actor=rep,
        level=certification.levels.get(number=3),
        observer=manager,
        call_at=call_at or timezone.now() - timedelta(hours=2),
        account=account,
        call_kind="discovery",
        note="The CFO joins this one.",
    )
    if state == "requested":
        return evaluation
    observation_answer(actor=manager, evaluation=evaluation, accept=True, countersigner=countersigner)
    evaluation.refresh_from_db()
    if state == "scheduled":
        return evaluation
    observation_sign_off(
        actor=manager,
        evaluation=evaluation,
        scores=scores_all(evaluation, score),
        overall_feedback="A well-run discovery call.",
        next_steps="Tie the value story to the CFO's numbers.",
        attest=True,
    )
    evaluation.refresh_from_db()
    if state == "countersign":
        assert evaluation.status == EvaluationStatus.COUNTERSIGN
        return evaluation
    observation_countersign_by(
        actor=countersigner, evaluation=evaluation, attest=True, agree=False,
        reason="The rep never asked about the budget; I would not pass discovery.",
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    return evaluation
