"""The evaluation page: everything one viewer may see of one evaluation — a role-play or a field observation —
and what they may do on it, read in one place. Who may see and do what is asked of certify.permissions."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from assessments.models import Evaluation, EvaluationMode, EvaluationStatus
from assessments.selectors import Panel, evaluation_panel

from ..models import CertificationLevel, LevelNumber, Role
from ..permissions import (
    can_answer_observation,
    can_cancel_evaluation,
    can_countersign,
    can_see_buyer_script,
    can_see_panel_scores,
    can_withdraw_evaluation,
)
from .evaluations import retry_after_fail
from .tiers import tier_change_for_pass

_EVENT_WORDS = {
    EvaluationStatus.REQUESTED: "Requested",
    EvaluationStatus.SCHEDULED: "Panel chosen",
    EvaluationStatus.FLAGGED: "Scores sent to enablement for a check",
    EvaluationStatus.RELEASED: "Result released",
    EvaluationStatus.CANCELLED: "Cancelled",
}

# A field observation's events, where they read differently: (from, to) first, then to alone.
_OBSERVATION_WORDS = {
    (EvaluationStatus.SCHEDULED, EvaluationStatus.RELEASED): "Signed off and result released",
    (EvaluationStatus.COUNTERSIGN, EvaluationStatus.RELEASED): "Countersigned and result released",
    (EvaluationStatus.COUNTERSIGN, EvaluationStatus.FLAGGED): "The second observer saw it differently: sent to enablement to settle",
    EvaluationStatus.REQUESTED: "Observation requested",
    EvaluationStatus.SCHEDULED: "Accepted",
    EvaluationStatus.COUNTERSIGN: "Signed off, waiting for the countersign",
    EvaluationStatus.DECLINED: "Declined",
}
# Their reasons are the service's own words, already said by the line above.
_OBSERVATION_QUIET = {EvaluationStatus.COUNTERSIGN, EvaluationStatus.RELEASED}


@dataclass
class CriterionResult:
    """One criterion of a released result as people read it: the final score, its level, a bar's width."""

    row: object  # assessments.selectors.CriterionRow
    value: Decimal | None
    label: str
    percent: int


@dataclass
class EvaluationPage:
    """What the evaluation page shows one viewer. Each field is a name the template reads."""

    evaluation: Evaluation
    level: CertificationLevel | None
    own: bool  # the viewer is the performer
    is_admin: bool  # an enablement admin looking at someone else's
    my_card: object  # the viewer's own scorecard, if they are on the panel (or the observer)
    scorecards: list
    history: list
    show_script: bool
    result: Panel | None  # the released result
    criteria: list  # the released result criterion by criterion (CriterionResult)
    feedback: list  # the submitted scorecards' feedback, once released
    panel: Panel | None  # each judge's scores, where can_see_panel_scores allows
    retry_on: datetime | None
    retry_open: bool
    can_withdraw: bool
    can_cancel: bool
    recording_kind: str  # "audio", "video" or ""
    cancel_reason: str
    # A field observation's own parts.
    observer_card: object = None
    is_observer: bool = False
    is_countersigner: bool = False
    may_answer: bool = False  # the observer's accept-or-decline form shows
    may_countersign: bool = False  # the second observer's countersign form shows
    countersign_preview: str = ""
    decline_reason: str = ""
    ask_again: bool = False
    tier_change: object = None  # the change of tier a released pass caused (a TierChange), if it caused one

    def context(self) -> dict:
        """The page's template context, field by field (not dataclasses.asdict: that would copy the rows)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def criterion_results(panel: Panel) -> list:
    results = []
    for row in panel.criteria:
        value = row.final if row.final is not None else row.combined
        # The level reached: the highest one at or below the panel's (possibly fractional) score.
        reached = [level for level in row.levels if value is not None and level["score"] <= value]
        label = reached[-1]["label"] if reached else (row.levels[0]["label"] if row.levels else "")
        results.append(CriterionResult(row=row, value=value, label=label, percent=int(row.percent or 0)))
    return results


def evaluation_history(events, *, full: bool, observation: bool = False) -> list:
    """The events in short. Reasons are shown in full to the panel and enablement; to the rep and their
    managers only a cancellation's or a decline's reason (a flag's reason would hint at scores before the
    release)."""
    history = []
    for event in events:
        words = _EVENT_WORDS.get(event.to_status, event.to_status)
        if observation:
            words = _OBSERVATION_WORDS.get(
                (event.from_status, event.to_status), _OBSERVATION_WORDS.get(event.to_status, words)
            )
        if event.from_status == EvaluationStatus.SCHEDULED and event.to_status == EvaluationStatus.SCHEDULED:
            words = "Panel or session changed"
        elif event.to_status == EvaluationStatus.RELEASED and event.from_status == EvaluationStatus.FLAGGED:
            words = "Scores checked and result released"
        shown = full or event.to_status in (EvaluationStatus.CANCELLED, EvaluationStatus.DECLINED)
        if observation and event.to_status in _OBSERVATION_QUIET:
            shown = False
        history.append(
            {
                "at": event.at,
                "words": words,
                "actor": event.actor.display_name if event.actor else "",
                "reason": event.reason if shown else "",
            }
        )
    return history


def _level_of(evaluation):
    """The certification level the evaluation counts towards (loaded with it), if any."""
    try:
        return evaluation.level_link.level
    except ObjectDoesNotExist:
        return None


def _last_reason(events, status) -> str:
    return next((event.reason for event in reversed(events) if event.to_status == status), "")


def evaluation_page_for(*, viewer, evaluation: Evaluation, now=None) -> EvaluationPage:
    """The evaluation page for `viewer` (`evaluation` fetched with permissions.evaluation_get_for_user). No score
    of any kind before the result is released, except each judge's scores where can_see_panel_scores allows;
    the buyer's script only where can_see_buyer_script allows.

    Queries: the scorecards with their judges, the events with their actors, the panel's scores where shown,
    whether the viewer may read the buyer's script, and after a released pass the change of tier it caused."""
    now = now or timezone.now()
    own = evaluation.performer_id == viewer.pk
    is_admin = viewer.has_role(Role.ENABLEMENT_ADMIN) and not own
    scorecards = list(evaluation.scorecards.select_related("judge").order_by("assigned_at", "pk"))
    my_card = next((card for card in scorecards if card.judge_id == viewer.pk), None) if not own else None
    events = list(evaluation.events.select_related("actor"))
    released = evaluation.status == EvaluationStatus.RELEASED
    show_panel = can_see_panel_scores(viewer, evaluation, scorecards=scorecards)
    panel = evaluation_panel(evaluation) if released or show_panel else None
    level = _level_of(evaluation)
    retry_on = retry_after_fail(evaluation, level) if released else None
    countersigner = evaluation.countersigner_id == viewer.pk and not own
    recording_kind = ""
    if evaluation.mode == EvaluationMode.RECORDING and evaluation.recording:
        recording_kind = "audio" if evaluation.recording_type.startswith("audio/") else "video"
    page = EvaluationPage(
        evaluation=evaluation,
        level=level,
        own=own,
        is_admin=is_admin,
        my_card=my_card,
        scorecards=scorecards,
        history=evaluation_history(
            events, full=is_admin or my_card is not None or countersigner, observation=evaluation.is_field_observation
        ),
        show_script=not own and can_see_buyer_script(viewer, evaluation),
        result=panel if released else None,
        criteria=criterion_results(panel) if released else [],
        feedback=[card for card in panel.scorecards if card.is_submitted] if released else [],
        panel=panel if show_panel else None,
        retry_on=retry_on,
        retry_open=retry_on is not None and retry_on <= now,
        can_withdraw=can_withdraw_evaluation(viewer, evaluation, scorecards=scorecards),
        can_cancel=can_cancel_evaluation(viewer, evaluation),
        recording_kind=recording_kind,
        cancel_reason=_last_reason(events, EvaluationStatus.CANCELLED),
        tier_change=tier_change_for_pass(evaluation=evaluation) if released and evaluation.passed else None,
    )
    if evaluation.is_field_observation:
        page.observer_card = next(
            (card for card in scorecards if card.judge_id == evaluation.observer_id and card.is_submitted), None
        )
        page.is_observer = evaluation.observer_id == viewer.pk
        page.is_countersigner = countersigner
        page.may_answer = can_answer_observation(viewer, evaluation)
        page.may_countersign = can_countersign(viewer, evaluation)
        page.countersign_preview = f"I, {viewer.display_name}, also observed this call and agree with the sign-off."
        page.decline_reason = _last_reason(events, EvaluationStatus.DECLINED)
        page.ask_again = level is not None and level.number == LevelNumber.FIELD
    return page


__all__ = ["CriterionResult", "EvaluationPage", "criterion_results", "evaluation_history", "evaluation_page_for"]
