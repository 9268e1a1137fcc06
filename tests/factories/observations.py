"""Level-3 field observations set up through the real services: a rep holding level 2 asks their manager, who
accepts, scores the call and signs it off, and a second observer countersigns or disagrees."""

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
from tests.factories.assessments import AssessmentGuideFactory
from tests.factories.certify import CertificationFactory
from tests.factories.evaluations import scores_all


def level3_certification(*, countersign=False, guide=None, retry_wait_days=14, **kwargs):
    """A certification with levels 1 to 3; level 3 is a field observation scored with `guide` (or the factory's
    three-criterion guide), with a second observer when `countersign`."""
    return CertificationFactory(
        levels=3,
        levels__field_guide=guide or AssessmentGuideFactory(),
        levels__countersign=countersign,
        levels__retry_wait_days=retry_wait_days,
        **kwargs,
    )


def level_of(certification, number=3):
    return certification.levels.get(number=number)


def holding_level_2(rep, certification, *, at=None):
    """The rep holds levels 1 and 2 (granted a few days before `at`)."""
    at = at or timezone.now() - timedelta(days=3)
    award_grant(user=rep, level=level_of(certification, 1), now=at)
    award_grant(user=rep, level=level_of(certification, 2), now=at)


def observation_request(*, rep, manager, certification=None, countersign=False, call_at=None, now=None, **details):
    """The rep (made to hold level 2 on a new certification) asks `manager` to observe a call that began an
    hour ago, unless `call_at` says otherwise."""
    if certification is None:
        certification = level3_certification(countersign=countersign)
        holding_level_2(rep, certification)
    defaults = {
        "account": "Acme Logistics",
        "call_kind": "discovery",
        "opportunity_ref": "OPP-4411",
        "location": "Acme HQ, Rotterdam",
        "note": "The CFO joins for the second half.",
    }
    return level_observation_request(
        actor=rep,
        level=level_of(certification),
        observer=manager,
        call_at=call_at or timezone.now() - timedelta(hours=1),
        now=now,
        **{**defaults, **details},
    )


def accepted_observation(*, rep, manager, countersigner=None, **kwargs):
    """A request the manager has accepted (naming `countersigner`, which makes the level need one)."""
    evaluation = observation_request(rep=rep, manager=manager, countersign=countersigner is not None, **kwargs)
    observation_answer(actor=manager, evaluation=evaluation, accept=True, countersigner=countersigner)
    evaluation.refresh_from_db()
    return evaluation


def sign_off(manager, evaluation, score=2, *, scores=None, attest=True, now=None):
    """The observer signs off a complete scorecard (every criterion at `score`, or `scores`)."""
    outcome = observation_sign_off(
        actor=manager,
        evaluation=evaluation,
        scores=scores or scores_all(evaluation, score, "Asked what the delay costs them."),
        overall_feedback="Calm, curious and well prepared.",
        next_steps="Bring a mutual plan to the next call.",
        attest=attest,
        submit=True,
        now=now,
    )
    evaluation.refresh_from_db()
    return outcome


def field_observation(*, rep, manager, certification=None, account="Northwind Traders", call_at=None, countersigner=None,
                      state="requested", score=3):
    """The rep's level-3 observation, asked of `manager` (who must manage the rep), taken to `state`:
    requested, scheduled (accepted), countersign (signed off with every criterion at `score`, waiting for
    `countersigner`) or flagged (the countersigner disagreed)."""
    certification = certification or level3_certification(countersign=countersigner is not None)
    holding_level_2(rep, certification)
    evaluation = level_observation_request(
        actor=rep,
        level=level_of(certification),
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
