"""Level 3 as the certification domain runs it: a rep's own manager observes a real call and signs it off."""

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from assessments.models import Evaluation, EvaluationStatus
from assessments.services import (
    observation_accept,
    observation_countersign,
    observation_create,
    observation_decline,
    person_lock,
    scorecard_save,
)

from ..exceptions import DomainError, PermissionRefused
from ..models import CertificationLevel, LevelEvaluation, LevelNumber, NoticeKind, User
from ..permissions import can_observe, can_take_level
from ..selectors.evaluations import countersigners_eligible, evaluation_availability
from .evaluations import evaluation_for_notice, evaluation_url
from .notifications import notice_send


def _check_level(level: CertificationLevel, rep) -> None:
    if level.number != LevelNumber.FIELD or level.guide_id is None or not can_take_level(rep, level):
        raise PermissionRefused("This observation is not open to you.")


def _check_available(rep, level, now) -> None:
    availability = evaluation_availability(user=rep, level=level, now=now)
    if not availability.can_request:
        raise DomainError(availability.reason)


def _subject(level) -> str:
    return f"{level.certification} — level {level.number}"


@transaction.atomic
def level_observation_request(
    *,
    actor: User,
    level: CertificationLevel,
    observer: User,
    call_at,
    account: str,
    call_kind: str,
    opportunity_ref: str = "",
    location: str = "",
    note: str = "",
    now=None,
) -> Evaluation:
    """A rep who holds level 2 asks one of their managers to observe a real customer call."""
    now = now or timezone.now()
    _check_level(level, actor)
    if observer is None or not can_observe(observer, actor):
        raise DomainError("Choose one of your managers: only your own manager signs off your calls.")
    person_lock(actor.pk)
    _check_available(actor, level, now)
    evaluation = observation_create(
        performer=actor, observer=observer, guide=level.guide, subject=_subject(level), call_at=call_at,
        account=account, call_kind=call_kind, opportunity_ref=opportunity_ref, location=location, note=note,
        countersign_required=level.countersign_required, requested_by=actor, now=now,
    )
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)
    transaction.on_commit(lambda: async_task("certify.tasks.observation_request_email_send", evaluation.pk))
    return evaluation


def _check_countersigner(countersigner, evaluation) -> None:
    if countersigner is None:
        return
    eligible = countersigners_eligible(exclude=[evaluation.performer, evaluation.observer])
    if not eligible.filter(pk=countersigner.pk).exists():
        raise DomainError(
            f"{countersigner} cannot countersign: choose a manager, judge or enablement admin other than you and the rep."
        )


@transaction.atomic
def level_observation_start(
    *,
    actor: User,
    rep: User,
    level: CertificationLevel,
    call_at,
    account: str,
    call_kind: str,
    opportunity_ref: str = "",
    location: str = "",
    note: str = "",
    countersigner: User | None = None,
    now=None,
) -> Evaluation:
    """A manager starts an observation of one of their own reps' calls; it is accepted at once."""
    now = now or timezone.now()
    if not can_observe(actor, rep):
        raise PermissionRefused("You can only observe the reps you manage.")
    _check_level(level, rep)
    person_lock(rep.pk)
    _check_available(rep, level, now)
    evaluation = observation_create(
        performer=rep, observer=actor, guide=level.guide, subject=_subject(level), call_at=call_at,
        account=account, call_kind=call_kind, opportunity_ref=opportunity_ref, location=location, note=note,
        countersign_required=level.countersign_required, requested_by=actor, now=now,
    )
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)
    _check_countersigner(countersigner, evaluation)
    return observation_accept(actor=actor, evaluation_id=evaluation.pk, countersigner=countersigner, now=now)


@transaction.atomic
def observation_answer(
    *, actor: User, evaluation: Evaluation, accept: bool, countersigner: User | None = None, reason: str = "", now=None
) -> Evaluation:
    """The manager accepts a rep's request (naming the second observer where one is required) or declines it."""
    if evaluation.observer_id != actor.pk or not can_observe(actor, evaluation.performer):
        raise PermissionRefused("Only the rep's own manager answers this request.")
    if accept:
        _check_countersigner(countersigner, evaluation)
        return observation_accept(actor=actor, evaluation_id=evaluation.pk, countersigner=countersigner, now=now)
    return observation_decline(actor=actor, evaluation_id=evaluation.pk, reason=reason, now=now)


@transaction.atomic
def observation_sign_off(
    *,
    actor: User,
    evaluation: Evaluation,
    scores: dict,
    overall_feedback: str,
    next_steps: str,
    attest: bool,
    submit: bool = True,
    now=None,
):
    """The rep's own manager scores the call and, submitting, signs it off with their attestation."""
    if not can_observe(actor, evaluation.performer):
        raise PermissionRefused("Only the rep's own manager signs off their calls.")
    scorecard = evaluation.scorecards.filter(judge=actor).first()
    if scorecard is None:
        raise PermissionRefused("Accept the request before you score the call.")
    return scorecard_save(
        actor=actor, scorecard_id=scorecard.pk, scores=scores, overall_feedback=overall_feedback,
        next_steps=next_steps, submit=submit, attest=attest, now=now,
    )


def observation_countersign_by(*, actor: User, evaluation: Evaluation, attest: bool, agree: bool, reason: str = "", now=None):
    return observation_countersign(
        actor=actor, evaluation_id=evaluation.pk, attest=attest, agree=agree, reason=reason, now=now
    )


# --- Notices ---------------------------------------------------------------------------------


def observation_request_email_send(*, evaluation_id: int) -> int:
    """The manager is asked to observe a call."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or evaluation.status != EvaluationStatus.REQUESTED or evaluation.observer is None:
        return 0
    return notice_send(
        to=evaluation.observer.email,
        reader=evaluation.observer,
        subject=f"{'Score the call you observed' if evaluation.asked_after_the_call else 'Observe a call'}: "
        f"{evaluation.performer} — {evaluation.subject}",
        template="certify/emails/observation_requested.txt",
        kind=NoticeKind.OBSERVATION_ASKED,
        context={"evaluation": evaluation, "url": evaluation_url(evaluation)},
    )


def observation_answered_email_send(*, evaluation_id: int) -> int:
    """The rep hears whether their manager will observe the call (and why not)."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or evaluation.requested_by_id != evaluation.performer_id:
        return 0  # a manager who starts an observation needs no answer to themself
    reason = evaluation.events.order_by("-at", "-pk").values_list("reason", flat=True).first() or ""
    return notice_send(
        to=evaluation.performer.email,
        reader=evaluation.performer,
        subject=(
            "Your manager will observe your call" if evaluation.status == EvaluationStatus.SCHEDULED
            else "Your observation request was declined"
        ) + f": {evaluation.subject}",
        template="certify/emails/observation_answered.txt",
        kind=NoticeKind.OBSERVATION_ANSWERED,
        context={"evaluation": evaluation, "reason": reason,
                 "url": evaluation_url(evaluation)},
    )


def observation_countersign_email_send(*, evaluation_id: int) -> int:
    """The second observer is asked to countersign."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or evaluation.status != EvaluationStatus.COUNTERSIGN or evaluation.countersigner is None:
        return 0
    return notice_send(
        to=evaluation.countersigner.email,
        reader=evaluation.countersigner,
        subject=f"Countersign: {evaluation.performer} — {evaluation.subject}",
        template="certify/emails/observation_countersign.txt",
        kind=NoticeKind.COUNTERSIGN,
        context={"evaluation": evaluation, "url": evaluation_url(evaluation)},
    )


def observation_answered_notice(*, evaluation: Evaluation) -> None:
    evaluation_id = evaluation.pk
    transaction.on_commit(lambda: async_task("certify.tasks.observation_answered_email_send", evaluation_id))


def observation_countersign_notice(*, evaluation: Evaluation) -> None:
    evaluation_id = evaluation.pk
    transaction.on_commit(lambda: async_task("certify.tasks.observation_countersign_email_send", evaluation_id))
