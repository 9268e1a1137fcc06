"""Field observations: a rep's real customer call, observed and signed off by their manager.

The engine knows nothing of teams: the certification domain checks that the
observer manages the rep before it calls these, and these check the rest —
that only the named observer answers, that nobody observes their own call,
that a countersign comes from a second person with an explicit attestation.
"""

from django.db import transaction
from django.utils import timezone

from ..exceptions import EvaluationNotFound, EvaluationRefused
from ..models.evaluations import later
from ..models import (
    AssessmentGuide,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationMode,
    EvaluationStatus,
    Scorecard,
)
from ..scoring import criteria_of, evaluate, rules_of
from ..signals import evaluation_flagged, observation_answered
from .evaluations import (
    evaluation_locked,
    evaluation_result_release,
    evaluation_transition,
    guide_version_current,
    panel_scores,
)

# How long after a call its observation may still be recorded.
OBSERVATION_LOOKBACK_DAYS = 14


@transaction.atomic
def observation_create(
    *,
    performer,
    observer,
    guide: AssessmentGuide,
    subject: str,
    call_at,
    account: str,
    call_kind: str,
    opportunity_ref: str = "",
    location: str = "",
    note: str = "",
    countersign_required: bool = False,
    requested_by=None,
    now=None,
) -> Evaluation:
    """Ask `observer` to observe one of the performer's real customer calls, against `guide`."""
    now = now or timezone.now()
    account = (account or "").strip()
    if observer is None:
        raise EvaluationRefused("Choose the manager who will observe the call.")
    if observer.pk == performer.pk:
        raise EvaluationRefused("Nobody observes their own call: choose your manager.")
    if not account:
        raise EvaluationRefused("Name the customer account the call is with.")
    if call_at is None:
        raise EvaluationRefused("Say when the call takes place.")
    if call_at < now - timezone.timedelta(days=OBSERVATION_LOOKBACK_DAYS):
        raise EvaluationRefused(
            f"That call was more than {OBSERVATION_LOOKBACK_DAYS} days ago: an observation is recorded while it is fresh."
        )
    if call_kind not in dict(Evaluation._meta.get_field("call_kind").choices):
        raise EvaluationRefused("Choose the kind of call.")
    evaluation = Evaluation.objects.create(
        performer=performer,
        kind=EvaluationKind.FIELD_OBSERVATION,
        subject=subject[:200],
        guide_version=guide_version_current(guide),
        mode=EvaluationMode.LIVE,
        requested_at=now,
        requested_by=requested_by or performer,
        note=(note or "").strip(),
        scheduled_at=call_at,
        duration_minutes=60,
        location=(location or "").strip()[:300],
        account=account[:200],
        opportunity_ref=(opportunity_ref or "").strip()[:80],
        call_kind=call_kind,
        observer=observer,
        countersign_required=countersign_required,
    )
    EvaluationEvent.objects.create(
        evaluation=evaluation, from_status="", to_status=evaluation.status, actor=requested_by or performer, at=now
    )
    return evaluation


def _locked_observation(evaluation_id, actor) -> Evaluation:
    evaluation = evaluation_locked(evaluation_id)
    if not evaluation.is_field_observation:
        raise EvaluationNotFound("No such observation.")
    return evaluation


@transaction.atomic
def observation_accept(*, actor, evaluation_id: int, countersigner=None, now=None) -> Evaluation:
    """The observer takes the request on: their scorecard opens. Where a countersign is required, they name
    the second observer now (never the rep, never themself)."""
    now = now or timezone.now()
    evaluation = _locked_observation(evaluation_id, actor)
    if evaluation.observer_id != actor.pk:
        raise EvaluationNotFound("No such observation.")
    if evaluation.performer_id == actor.pk:
        raise EvaluationRefused("Nobody observes their own call.")
    if evaluation.countersign_required:
        if countersigner is None:
            raise EvaluationRefused("This certification needs a second observer: name who will join you on the call.")
        if countersigner.pk in (evaluation.performer_id, actor.pk):
            raise EvaluationRefused("The second observer must be someone other than you and the rep.")
        evaluation.countersigner = countersigner
    evaluation_transition(evaluation, "accept", actor=actor, reason="", now=now)
    evaluation.due_at = later(evaluation.scheduled_at or now, timezone.timedelta(days=7))
    evaluation.save(update_fields=["status", "countersigner", "due_at"])
    Scorecard.objects.create(evaluation=evaluation, judge=actor, assigned_at=now, assigned_by=actor)
    observation_answered.send(sender=Evaluation, evaluation=evaluation)
    return evaluation


@transaction.atomic
def observation_decline(*, actor, evaluation_id: int, reason: str, now=None) -> Evaluation:
    """The observer declines, saying why: the rep reads it and can ask again."""
    now = now or timezone.now()
    evaluation = _locked_observation(evaluation_id, actor)
    if evaluation.observer_id != actor.pk:
        raise EvaluationNotFound("No such observation.")
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationRefused("Say why you decline: the rep will read it.")
    evaluation_transition(evaluation, "decline", actor=actor, reason=reason, now=now)
    evaluation.save(update_fields=["status"])
    observation_answered.send(sender=Evaluation, evaluation=evaluation)
    return evaluation


@transaction.atomic
def observation_countersign(
    *, actor, evaluation_id: int, attest: bool, agree: bool = True, reason: str = "", now=None
) -> Evaluation:
    """The second observer confirms they saw the call too. Agreeing releases the result; disagreeing, with a
    reason, flags it for an enablement admin to settle."""
    now = now or timezone.now()
    evaluation = _locked_observation(evaluation_id, actor)
    if evaluation.countersigner_id != actor.pk:
        raise EvaluationNotFound("No such observation.")
    if actor.pk in (evaluation.performer_id, evaluation.observer_id):
        raise EvaluationRefused("The countersign must come from a second person.")
    if evaluation.status != EvaluationStatus.COUNTERSIGN:
        raise EvaluationRefused("This observation is not waiting for a countersign.")
    if not attest:
        raise EvaluationRefused("Confirm that you observed this call yourself: your countersign says so.")
    reason = (reason or "").strip()
    if not agree and not reason:
        raise EvaluationRefused("Say what you saw differently: an enablement admin will read it and settle the result.")
    signed = timezone.localtime(now)
    evaluation.countersigned_at = now
    evaluation.countersign_statement = (
        f"I, {actor.get_full_name() or actor.email}, also observed this call and "
        f"{'agree with' if agree else 'do not agree with'} the sign-off. Signed {signed:%d %B %Y at %H:%M %Z}."
        + (f" {reason}" if reason else "")
    )
    evaluation.save(update_fields=["countersigned_at", "countersign_statement"])
    version = evaluation.guide_version
    result = evaluate(criteria_of(version), panel_scores(evaluation), rules_of(version))
    if not agree:
        evaluation_transition(evaluation, "flag", actor=actor, reason=reason, now=now)
        evaluation.save(update_fields=["status"])
        evaluation_flagged.send(sender=Evaluation, evaluation=evaluation)
        return evaluation
    evaluation_result_release(evaluation, result, actor=actor, event="countersign", reason="Countersigned", now=now)
    return evaluation


__all__ = [
    "OBSERVATION_LOOKBACK_DAYS",
    "observation_accept",
    "observation_countersign",
    "observation_create",
    "observation_decline",
]
