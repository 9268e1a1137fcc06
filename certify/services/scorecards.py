"""Scoring a performance on the site, whatever its kind: one entry point for the scorecard page and its autosave."""

from django.db import transaction

from assessments.models import Scorecard
from assessments.services import EvaluationOutcome, scorecard_save

from ..exceptions import PermissionRefused
from ..models import User
from .observations import observation_sign_off


@transaction.atomic
def scorecard_submit(
    *,
    actor: User,
    scorecard: Scorecard,
    scores: dict,
    overall_feedback: str,
    next_steps: str,
    attest: bool = False,
    submit: bool = True,
    now=None,
) -> EvaluationOutcome:
    """Save the actor's scorecard as a draft (`submit=False`) or submit it. A role-play's scorecard goes to the
    panel's service; a field observation's is the observer's sign-off, which checks again that they still manage
    the rep and needs their attestation when submitting. `scores` is {criterion key: (score or None, comment)}."""
    if scorecard.judge_id != actor.pk:
        raise PermissionRefused("This is not your scorecard.")
    evaluation = scorecard.evaluation
    if evaluation.is_field_observation:
        return observation_sign_off(
            actor=actor,
            evaluation=evaluation,
            scores=scores,
            overall_feedback=overall_feedback,
            next_steps=next_steps,
            attest=attest and submit,
            submit=submit,
            now=now,
        )
    return scorecard_save(
        actor=actor,
        scorecard_id=scorecard.pk,
        scores=scores,
        overall_feedback=overall_feedback,
        next_steps=next_steps,
        submit=submit,
        now=now,
    )


__all__ = ["scorecard_submit"]
