"""Assessments as reps, their managers and panels see them: preparing and booking a level-2 role-play (level 3
is in views.observations), the evaluation page (what each viewer may see of it), the recording, and
withdrawing a request."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.exceptions import AssessmentError, EvaluationNotFound
from assessments.models import EvaluationMode, EvaluationStatus
from assessments.selectors import evaluation_panel, guide_version_to_read
from assessments.services import evaluation_cancel

from ..exceptions import DomainError
from ..forms import LevelEvaluationRequestForm
from ..models import CertificationLevel, LevelNumber, Role
from ..permissions import can_see_buyer_script, can_take_level, certification_get_for_user, evaluation_get_for_user
from ..selectors import evaluation_availability, is_assessed_level
from ..selectors.evaluations import retry_after_fail
from ..services import level_evaluation_request
from .observations import level_observation, observation_context

# --- Preparing and booking ---------------------------------------------------------------


def _assessed_level(certification, number) -> CertificationLevel:
    """The certification's level `number`, if it is assessed with a guide (a level-2 role-play scored by a panel,
    a level-3 field observation); 404 otherwise."""
    level = (
        CertificationLevel.objects.select_related("certification", "guide")
        .filter(certification=certification, number=number, guide__isnull=False)
        .first()
    )
    if level is None or not is_assessed_level(level):
        raise Http404
    return level


@require_http_methods(["GET", "POST"])
def level_assessment(request, slug, number):
    """Everything to prepare from (briefs, the guide, model performances) and the form to ask for an assessment.
    Level 3 asks the rep's manager to observe a real call instead (views.observations.level_observation)."""
    certification = certification_get_for_user(request.user, slug)
    level = _assessed_level(certification, number)
    if level.number == LevelNumber.FIELD:
        return level_observation(request, certification, level)
    scenarios = level.scenarios.filter(active=True).select_related("model_page").order_by("title")
    may_take = can_take_level(request.user, level)
    availability = evaluation_availability(user=request.user, level=level)
    form = LevelEvaluationRequestForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        scenarios=scenarios,
    )
    if request.method == "POST" and may_take and availability.can_request and form.is_valid():
        data = form.cleaned_data
        live = data["mode"] == EvaluationMode.LIVE
        try:
            evaluation = level_evaluation_request(
                actor=request.user,
                level=level,
                scenario=data["scenario"],
                mode=data["mode"],
                scheduled_at=data["scheduled_at"] if live else None,
                location=data["location"] if live else "",
                note=data["note"],
                recording=None if live else data["recording"],
            )
        except (DomainError, AssessmentError) as error:
            form.add_error(None, str(error))
        else:
            if evaluation.status == EvaluationStatus.SCHEDULED:
                done = "Your assessment is booked and your panel is chosen. We have emailed you the details."
            else:
                done = "Your request is in. The enablement team will choose your panel and email you when it is booked."
            messages.success(request, done)
            return redirect("certify:evaluation", pk=evaluation.pk)
    scenario_list = form.scenarios
    return render(
        request,
        "certify/level_assessment.html",
        {
            "certification": certification,
            "level": level,
            "scenarios": scenario_list,
            "version": guide_version_to_read(level.guide),
            "may_take": may_take,
            "availability": availability,
            "form": form,
            "minutes": sorted({scenario.duration_minutes for scenario in scenario_list}),
        },
    )


# --- The evaluation page -------------------------------------------------------------------

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


def _criterion_results(panel) -> list:
    results = []
    for row in panel.criteria:
        value = row.final if row.final is not None else row.combined
        # The level reached: the highest one at or below the panel's (possibly fractional) score.
        reached = [level for level in row.levels if value is not None and level["score"] <= value]
        label = reached[-1]["label"] if reached else (row.levels[0]["label"] if row.levels else "")
        results.append(CriterionResult(row=row, value=value, label=label, percent=int(row.percent or 0)))
    return results


def _history(events, *, full: bool, observation: bool = False) -> list:
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


@require_safe
def evaluation_view(request, pk):
    """One evaluation. What shows depends on who looks: the performer, a judge on the panel, the
    performer's manager, an enablement admin; for a field observation also its observer and second observer.
    The buyer's script only where can_see_buyer_script allows; no score of any kind before the result is
    released (the panel sees each other's once all have scored, a second observer the observer's)."""
    return evaluation_page(request, evaluation_get_for_user(request.user, pk))


def evaluation_page(request, evaluation, *, status=200, **forms):
    """The evaluation page for `evaluation` (already fetched with evaluation_get_for_user). `forms` are a field
    observation's answer or countersign form as posted, to show with their errors."""
    user = request.user
    own = evaluation.performer_id == user.pk
    is_admin = user.has_role(Role.ENABLEMENT_ADMIN) and not own
    scorecards = list(evaluation.scorecards.select_related("judge").order_by("assigned_at", "pk"))
    my_card = next((card for card in scorecards if card.judge_id == user.pk), None) if not own else None
    events = list(evaluation.events.select_related("actor"))
    released = evaluation.status == EvaluationStatus.RELEASED
    scored = released or evaluation.status in (EvaluationStatus.FLAGGED, EvaluationStatus.COUNTERSIGN)
    countersigner = evaluation.countersigner_id == user.pk and not own
    show_panel_table = scored and (is_admin or countersigner or (my_card is not None and my_card.is_submitted))
    panel = evaluation_panel(evaluation) if released or show_panel_table else None
    level = _level_of(evaluation)
    retry_on = retry_after_fail(evaluation, level) if released else None
    any_submitted = any(card.is_submitted for card in scorecards)
    cancellable = evaluation.status in (EvaluationStatus.REQUESTED, EvaluationStatus.SCHEDULED)
    recording_kind = ""
    if evaluation.mode == EvaluationMode.RECORDING and evaluation.recording:
        recording_kind = "audio" if evaluation.recording_type.startswith("audio/") else "video"
    context = {}
    if evaluation.is_field_observation:
        context = observation_context(user, evaluation, scorecards=scorecards, events=events, level=level, **forms)
    return render(
        request,
        "certify/evaluation.html",
        {
            **context,
            "evaluation": evaluation,
            "level": level,
            "own": own,
            "is_admin": is_admin,
            "my_card": my_card,
            "scorecards": scorecards,
            "history": _history(
                events, full=is_admin or my_card is not None or countersigner, observation=evaluation.is_field_observation
            ),
            "show_script": not own and can_see_buyer_script(user, evaluation),
            "result": panel if released else None,
            "criteria": _criterion_results(panel) if released else [],
            "feedback": [card for card in panel.scorecards if card.is_submitted] if released else [],
            "panel": panel if show_panel_table else None,
            "retry_on": retry_on,
            "retry_open": retry_on is not None and retry_on <= timezone.now(),
            "can_withdraw": own and cancellable and not any_submitted,
            "can_cancel": is_admin and cancellable,
            "recording_kind": recording_kind,
            "cancel_reason": next(
                (event.reason for event in reversed(events) if event.to_status == EvaluationStatus.CANCELLED), ""
            ),
        },
        status=status,
    )


# --- The recording -------------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def _byte_range(header: str, size: int):
    """The one byte range asked for, as (first, last) inclusive; None to send the whole file (no header,
    several ranges, or one we do not understand); ValueError when it lies beyond the end of the file."""
    match = _RANGE.match(header.strip()) if header else None
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # The last N bytes.
        length = int(last)
        if length == 0:
            raise ValueError
        return max(size - length, 0), size - 1
    first = int(first)
    if last and int(last) < first:
        return None  # Not a valid range: ignored, as the HTTP rules say.
    if first >= size:
        raise ValueError
    return first, min(int(last), size - 1) if last else size - 1


def _slice(handle, first: int, length: int):
    try:
        handle.seek(first)
        while length > 0:
            chunk = handle.read(min(_CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


@require_safe
def evaluation_recording(request, pk):
    """The performance's recording, streamed from private storage to those who may see the evaluation.
    Answers a single byte range with 206, so a browser can seek in the video."""
    evaluation = evaluation_get_for_user(request.user, pk)
    if not evaluation.recording:
        raise Http404
    name = evaluation.recording.name
    try:
        size = evaluation.recording.storage.size(name)
        handle = evaluation.recording.storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = evaluation.recording_type or "application/octet-stream"
    try:
        wanted = _byte_range(request.headers.get("Range", ""), size)
    except ValueError:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        if wanted is None:
            response = FileResponse(handle, content_type=content_type)
            response["Content-Length"] = str(size)
        else:
            first, last = wanted
            response = StreamingHttpResponse(_slice(handle, first, last - first + 1), status=206, content_type=content_type)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
            response["Content-Length"] = str(last - first + 1)
        filename = (evaluation.recording_name or "recording").rsplit("/", 1)[-1]
        response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private"
    return response


# --- Withdrawing or cancelling -------------------------------------------------------------


@require_POST
def evaluation_cancel_view(request, pk):
    """The performer withdraws their request (while no judge has scored); an enablement admin cancels with a reason."""
    evaluation = evaluation_get_for_user(request.user, pk)
    own = evaluation.performer_id == request.user.pk
    try:
        evaluation_cancel(actor=request.user, evaluation_id=evaluation.pk, reason=request.POST.get("reason", ""))
    except EvaluationNotFound:
        raise Http404 from None
    except AssessmentError as error:
        messages.error(request, f"{error} Nothing was changed.")
    else:
        messages.success(request, "Your request is withdrawn." if own else "The evaluation is cancelled; the reason is on record.")
    return redirect("certify:evaluation", pk=evaluation.pk)
