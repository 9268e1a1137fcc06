"""Judging: a judge's queue of scorecards, and the scorecard a judge fills in during or after a role-play —
or a manager while observing a rep's real call (a field observation, signed off with an attestation).

Scoring is blind: a judge sees only their own scores until every judge on the panel has submitted.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.exceptions import AssessmentError, EvaluationRefused
from assessments.models import EvaluationMode, EvaluationStatus, Scorecard
from assessments.selectors import QUEUE_TABS, evaluation_panel, judge_queue, judge_queue_counts
from assessments.services import ScorecardIncomplete
from assessments.services.evaluations import attestation_text
from content.time_zones import moment_text

from ..exceptions import DomainError
from ..forms.scorecards import COMMENT_MAX, FEEDBACK_MAX, NEXT_STEPS_MAX, Posted, scorecard_posted
from ..models import Role
from ..permissions import can_see_buyer_script, can_see_panel_scores, scorecard_get_for_user
from ..services import scorecard_submit

QUEUE_PAGE_SIZE = 20

# --- The queue -------------------------------------------------------------------------------


@require_safe
def judge_queue_view(request):
    """The judge's scorecards in three tabs: to score now, coming up (a live session ahead), done."""
    user = request.user
    if not user.has_role(Role.JUDGE) and not Scorecard.objects.filter(judge=user).exists():
        raise Http404
    tab = request.GET.get("tab")
    if tab not in QUEUE_TABS:
        tab = "due"
    now = timezone.now()
    counts = judge_queue_counts(judge=user, now=now)
    paginator = Paginator(judge_queue(judge=user, tab=tab, now=now), QUEUE_PAGE_SIZE)
    paginator.count = counts[tab]  # already counted, with the same filters
    page_obj = paginator.get_page(request.GET.get("page"))
    for card in page_obj:
        card.overdue = tab != "done" and card.evaluation.due_at is not None and card.evaluation.due_at < now
    tabs = [{"key": key, "label": label, "count": counts[key], "current": key == tab} for key, label in QUEUE_TABS.items()]
    return render(
        request,
        "certify/judging.html",
        {"tab": tab, "tab_label": QUEUE_TABS[tab], "tabs": tabs, "page_obj": page_obj, "now": now},
    )


# --- The scorecard ---------------------------------------------------------------------------


@dataclass
class CriterionField:
    """One criterion of the scorecard form, with what the judge has given it so far."""

    key: str
    name: str
    good: str
    weight: int
    must_pass: bool
    levels: list
    score: int | None
    comment: str
    comment_required: bool
    problem: str = ""

    @property
    def label(self) -> str:
        return next((level["label"] for level in self.levels if level["score"] == self.score), "")


def _posted(request, scorecard) -> Posted:
    """The scorecard form as sent, read alike for submit and autosave (certify/forms/scorecards.py)."""
    return scorecard_posted(request.POST, scorecard)


def _save(request, scorecard, posted: Posted, *, submit: bool):
    """Saves a draft or submits, whatever the kind of evaluation: the service chooses."""
    return scorecard_submit(
        actor=request.user,
        scorecard=scorecard,
        scores=posted.scores,
        overall_feedback=posted.overall_feedback,
        next_steps=posted.next_steps,
        attest=posted.attest,
        submit=submit,
    )


def _fields(version, values: dict, problems: dict) -> list:
    fields = []
    for criterion in version.criteria:
        score, comment = values.get(criterion["key"], (None, ""))
        fields.append(
            CriterionField(
                key=criterion["key"],
                name=criterion["name"],
                good=criterion["good"],
                weight=criterion["weight"],
                must_pass=criterion["must_pass"],
                # Each level says whether the guide asks for a comment at it (the page and its script read that).
                levels=[
                    {**level, "comment_required": version.comment_required(level["score"])} for level in criterion["levels"]
                ],
                score=score,
                comment=comment,
                comment_required=version.comment_required(score),
                problem=problems.get(criterion["key"], ""),
            )
        )
    return fields


def _render(
    request, scorecard, *, posted: Posted | None = None, problems=None, error="", input_refused=False, kept=False, status=200
):
    """The scorecard page: the saved scores, or what was just posted when it could not be submitted. `input_refused`:
    `error` refuses what was sent (the page's script takes it away once an autosave has been accepted)."""
    evaluation = scorecard.evaluation
    version = evaluation.guide_version
    problems = problems or {}
    # Query: the judge's own saved scores (never another judge's: scoring is blind).
    values = {row.criterion_key: (row.score, row.comment) for row in scorecard.scores.all()}
    feedback, next_steps = scorecard.overall_feedback, scorecard.next_steps
    if posted is not None:
        values.update(posted.scores)
        feedback, next_steps = posted.overall_feedback, posted.next_steps
    fields = _fields(version, values, problems)
    observation = evaluation.is_field_observation
    show_panel = can_see_panel_scores(request.user, evaluation, scorecards=[scorecard])  # blind scoring
    context = {
        "scorecard": scorecard,
        "evaluation": evaluation,
        "version": version,
        "fields": fields,
        "scored": sum(1 for field in fields if field.score is not None),
        "overall_feedback": feedback,
        "next_steps": next_steps,
        "problems": problems,
        "text_max": {"comment": COMMENT_MAX, "overall_feedback": FEEDBACK_MAX, "next_steps": NEXT_STEPS_MAX},
        "error": error,
        "input_refused": input_refused,
        "kept": kept,
        "submitting": request.method == "POST" and request.POST.get("action") == "submit",
        "editable": not scorecard.is_submitted and evaluation.status == EvaluationStatus.SCHEDULED,
        "started": evaluation.mode != EvaluationMode.LIVE
        or evaluation.scheduled_at is None
        or evaluation.scheduled_at <= timezone.now(),
        # Query: whether this person may read the buyer's script (judges on the panel may).
        "show_script": evaluation.scenario_id is not None and can_see_buyer_script(request.user, evaluation),
        # A field observation: what the observer attests by signing off (the service adds the name and time).
        "observation": observation,
        "attestation": attestation_text(request.user, evaluation) if observation else "",
        "attest": posted.attest if posted is not None else False,
        # Queries: every judge's scores, only where blind scoring allows (once all have submitted).
        "panel": evaluation_panel(evaluation) if show_panel else None,
    }
    return render(request, "certify/scorecard.html", context, status=status)


@require_http_methods(["GET", "POST"])
def scorecard_view(request, pk):
    """A judge's scorecard for one evaluation. POST saves a draft or submits (the page works without JavaScript)."""
    scorecard = scorecard_get_for_user(request.user, pk)
    if request.method == "GET":
        return _render(request, scorecard)
    submit = request.POST.get("action") == "submit"
    try:
        posted = _posted(request, scorecard)
    except EvaluationRefused as error:
        return _render(request, scorecard, error=f"{error} Nothing was saved.", input_refused=True, status=400)
    try:
        outcome = _save(request, scorecard, posted, submit=submit)
    except ScorecardIncomplete as incomplete:
        kept = _save_draft_quietly(request, scorecard, posted)
        return _render(request, scorecard, posted=posted, problems=incomplete.problems, kept=kept, status=400)
    except (AssessmentError, DomainError) as error:
        if scorecard.is_submitted:
            messages.error(request, str(error))
            return redirect("certify:scorecard", pk=pk)
        kept = submit and _save_draft_quietly(request, scorecard, posted)
        message = f"{error} Your scores are saved as a draft." if kept else f"{error} Nothing was saved."
        return _render(request, scorecard, posted=posted, error=message, status=400)
    if submit and scorecard.evaluation.is_field_observation:
        messages.success(request, _signed_off(outcome.evaluation))
    elif submit:
        messages.success(request, "Your scores are submitted. Thank you.")
    else:
        messages.success(request, "Your draft is saved.")
    return redirect("certify:scorecard", pk=pk)


def _signed_off(evaluation) -> str:
    if evaluation.status == EvaluationStatus.COUNTERSIGN:
        return f"Signed off. {evaluation.countersigner.display_name} is asked to countersign before the result is released."
    if evaluation.status == EvaluationStatus.RELEASED:
        return f"Signed off. The result is released to {evaluation.performer.display_name}."
    return "Signed off. Thank you."


def _save_draft_quietly(request, scorecard, posted) -> bool:
    """A submission that was refused keeps what the judge wrote as a draft, where the rules allow."""
    try:
        _save(request, scorecard, posted, submit=False)
    except (AssessmentError, DomainError):
        return False
    return True


@require_POST
def scorecard_autosave(request, pk):
    """Saves the scorecard form as a draft while the judge works. JSON for the page's script."""
    scorecard = scorecard_get_for_user(request.user, pk)
    try:
        outcome = _save(request, scorecard, _posted(request, scorecard), submit=False)
    except (AssessmentError, DomainError) as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"saved_at": moment_text(outcome.scorecard.last_saved_at, "H:i")})
