"""Assessments as reps, their managers and panels see them: preparing and booking a level-2 role-play (level 3
is in views.observations), the evaluation page (what each viewer may see of it), the recording, and
withdrawing a request."""

import re

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from assessments.exceptions import AssessmentError, EvaluationNotFound
from assessments.models import EvaluationMode, EvaluationStatus
from assessments.selectors import guide_version_to_read
from assessments.services import evaluation_cancel

from ..exceptions import DomainError
from ..forms import LevelEvaluationRequestForm
from ..permissions import can_cancel_evaluation, can_take_level, can_withdraw_evaluation, evaluation_get_for_user
from ..selectors import evaluation_availability
from ..services import level_evaluation_request
from .evaluation_page import Confirmation, confirmed, render_confirmation, render_evaluation_page

# --- Preparing and booking ---------------------------------------------------------------


def level_role_play(request, certification, level):
    """Level 2's page (reached through views.certifications.level_assessment): everything to prepare from
    (briefs, the guide, model performances) and the form to ask for an assessment."""
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


@require_safe
def evaluation_view(request, pk):
    """One evaluation. What shows depends on who looks: the performer, a judge on the panel, the
    performer's manager, an enablement admin; for a field observation also its observer and second observer
    (selectors.evaluation_page_for reads it all)."""
    return render_evaluation_page(request, evaluation_get_for_user(request.user, pk))


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
    reason = request.POST.get("reason", "")
    # Only someone who may withdraw or cancel is asked to confirm; anyone else hears why not from the service.
    may = can_withdraw_evaluation(request.user, evaluation) if own else can_cancel_evaluation(request.user, evaluation)
    if may and not confirmed(request):
        return render_confirmation(request, evaluation, _cancel_confirmation(evaluation, own=own, reason=reason))
    try:
        evaluation_cancel(actor=request.user, evaluation_id=evaluation.pk, reason=reason)
    except EvaluationNotFound:
        raise Http404 from None
    except AssessmentError as error:
        messages.error(request, f"{error} Nothing was changed.")
    else:
        messages.success(request, "Your request is withdrawn." if own else "The evaluation is cancelled; the reason is on record.")
    return redirect("certify:evaluation", pk=evaluation.pk)


def _cancel_confirmation(evaluation, *, own: bool, reason: str) -> Confirmation:
    action = reverse("certify:evaluation_cancel", args=[evaluation.pk])
    if own:
        return Confirmation(
            title="Withdraw your request",
            question=f"Withdraw your request for {evaluation.subject}?",
            consequence=(
                f"{evaluation.observer.display_name} is told; you can ask again whenever you are ready."
                if evaluation.is_field_observation and evaluation.observer_id
                else "Your panel is told; you can ask again whenever you are ready."
            ),
            action=action,
            confirm_label="Withdraw my request",
            keep_label="Keep my request",
        )
    return Confirmation(
        title="Cancel the evaluation",
        question=f"Cancel {evaluation.performer.display_name}'s evaluation for {evaluation.subject}?",
        consequence="The rep and the panel are told, with your reason.",
        action=action,
        confirm_label="Cancel the evaluation",
        keep_label="Keep the evaluation",
        reason=reason,
        reason_label="Reason for cancelling",
        reason_help="The rep will read it.",
    )
