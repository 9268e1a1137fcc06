"""Level 3 on the site: a rep asks their own manager to observe a real customer call; the manager accepts or
declines it, or starts one themself; a second observer countersigns where the level requires it. The
evaluation page and the scorecard are shared with level 2 (views.evaluation_page, views.judging)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from assessments.exceptions import AssessmentError
from assessments.models import EvaluationStatus
from assessments.selectors import guide_version_to_read
from content.ids import parse_id

from ..exceptions import DomainError
from ..forms import ObservationAnswerForm, ObservationCountersignForm, ObservationRequestForm, ObservationStartForm
from ..permissions import can_answer_observation, can_take_level, evaluation_get_for_user
from ..selectors.evaluations import (
    countersigners_eligible,
    evaluation_availability,
    managers_of,
    observation_levels_for,
    reps_observable_by,
)
from ..services import (
    level_observation_request,
    level_observation_start,
    observation_answer,
    observation_countersign_by,
)
from .evaluation_page import (
    Confirmation,
    confirmed,
    observation_answer_form,
    render_confirmation,
    render_evaluation_page,
)

# --- The rep asks ----------------------------------------------------------------------------


def _call_details(data) -> dict:
    return {
        "call_at": data["call_at"],
        "account": data["account"],
        "call_kind": data["call_kind"],
        "opportunity_ref": data["opportunity_ref"],
        "location": data["location"],
        "note": data["note"],
    }


def level_observation(request, certification, level):
    """Level 3's page (reached through views.certifications.level_assessment): the field guide, and the form to ask
    one of the rep's managers to observe a real customer call — or why the rep cannot ask now."""
    user = request.user
    may_take = can_take_level(user, level)
    availability = evaluation_availability(user=user, level=level)
    managers = list(managers_of(user))
    posted = request.method == "POST"
    form = ObservationRequestForm(request.POST if posted else None, managers=managers)
    if posted and may_take and availability.can_request and managers and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = level_observation_request(
                actor=user, level=level, observer=data["observer"], **_call_details(data)
            )
        except (DomainError, AssessmentError) as error:
            form.add_error(None, str(error))
        else:
            observer = evaluation.observer.display_name
            if evaluation.asked_after_the_call:
                told = f"Your request is with {observer}, to score the call with {evaluation.account} that {observer} observed."
            else:
                told = f"Your request is with {observer}."
            messages.success(request, f"{told} You will get an email when they answer.")
            return redirect("certify:evaluation", pk=evaluation.pk)
    return render(
        request,
        "certify/level_observation.html",
        {
            "certification": certification,
            "level": level,
            "version": guide_version_to_read(level.guide),
            "may_take": may_take,
            "availability": availability,
            "managers": managers,
            "form": form,
        },
    )


# --- A manager starts one --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def observation_start(request):
    """A manager starts an observation of one of their own reps' calls: first whose call (?rep=), then the
    certification, the call and, where the level requires one, the second observer. It opens their scorecard.
    404 for someone who manages nobody, and for a rep they do not manage."""
    user = request.user
    reps = reps_observable_by(user)
    rep_id = request.GET.get("rep", "")
    if not rep_id:
        people = list(reps)
        if not people or request.method == "POST":
            raise Http404
        return render(request, "certify/observation_start.html", {"rep": None, "reps": people})
    rep = reps.filter(pk=parse_id(rep_id)).first() if parse_id(rep_id) is not None else None
    if rep is None:
        raise Http404
    choices = observation_levels_for(rep=rep)
    open_levels = [choice.level for choice in choices if choice.availability.can_request]
    closed = [
        (choice, choice.availability.reason_for_manager(rep)) for choice in choices if not choice.availability.can_request
    ]
    needs_second = any(level.countersign_required for level in open_levels)
    countersigners = list(countersigners_eligible(exclude=[rep, user])) if needs_second else []
    wanted = request.GET.get("level", "")
    initial = {"level": parse_id(wanted)} if parse_id(wanted) in {lvl.pk for lvl in open_levels} else {}
    posted = request.method == "POST"
    form = ObservationStartForm(
        request.POST if posted else None, levels=open_levels, countersigners=countersigners, initial=initial
    )
    if posted and open_levels and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = level_observation_start(
                actor=user, rep=rep, level=data["level"], countersigner=data.get("countersigner"), **_call_details(data)
            )
        except (DomainError, AssessmentError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"The observation of {rep.display_name}'s call is on record. Score it here during or after the call, "
                "then sign it off.",
            )
            return redirect("certify:scorecard", pk=evaluation.pk)
    return render(
        request,
        "certify/observation_start.html",
        {"rep": rep, "form": form, "open_levels": open_levels, "closed": closed},
    )


# --- Answering and countersigning ------------------------------------------------------------


def _observation_for(request, pk, *, person_field: str):
    """The field observation, for the one person whose turn it is (its observer or its second observer);
    404 for anyone else, as for one that does not exist."""
    evaluation = evaluation_get_for_user(request.user, pk)
    if not evaluation.is_field_observation or getattr(evaluation, person_field) != request.user.pk:
        raise Http404
    return evaluation


@require_POST
def observation_answer_view(request, pk):
    """The manager asked to observe the call accepts (naming the second observer where one is required) or
    declines with a reason. Mistakes show next to the fields on the evaluation page; nothing changes."""
    evaluation = _observation_for(request, pk, person_field="observer_id")
    form = observation_answer_form(evaluation, request.POST)
    if form.is_valid():
        accept = form.cleaned_data["answer"] == ObservationAnswerForm.ACCEPT
        if not accept and can_answer_observation(request.user, evaluation) and not confirmed(request):
            return render_confirmation(request, evaluation, _decline_confirmation(evaluation, form.cleaned_data["reason"]))
        try:
            observation_answer(
                actor=request.user,
                evaluation=evaluation,
                accept=accept,
                countersigner=form.cleaned_data.get("countersigner"),
                reason=form.cleaned_data["reason"],
            )
        except (DomainError, AssessmentError) as error:
            if evaluation.status != EvaluationStatus.REQUESTED:
                messages.error(request, f"{error} Nothing was changed.")
                return redirect("certify:evaluation", pk=evaluation.pk)
            form.add_error(None, str(error))
        else:
            performer = evaluation.performer.display_name
            if accept:
                messages.success(request, f"Accepted. {performer} is told. Open your scorecard to score the call.")
            else:
                messages.success(request, f"Declined. {performer} reads your reason and can ask again.")
            return redirect("certify:evaluation", pk=evaluation.pk)
    return render_evaluation_page(request, evaluation, answer_form=form, status=400)


def _decline_confirmation(evaluation, reason: str) -> Confirmation:
    performer = evaluation.performer.display_name
    return Confirmation(
        title="Decline the observation",
        question=f"Decline {performer}'s request to observe the call with {evaluation.account}?",
        consequence=f"{performer} reads your reason and can ask again for another call.",
        action=reverse("certify:observation_answer", args=[evaluation.pk]),
        confirm_label="Decline the request",
        keep_label="Keep the request",
        hidden=(("answer", ObservationAnswerForm.DECLINE),),
        reason=reason,
        reason_label="Why you decline",
        reason_help="The rep will read it.",
    )


@require_POST
def observation_countersign_view(request, pk):
    """The second observer confirms they observed the call too, and agrees (the result is released) or says
    what they saw differently (an enablement admin settles it)."""
    evaluation = _observation_for(request, pk, person_field="countersigner_id")
    form = ObservationCountersignForm(request.POST)
    if form.is_valid():
        agree = form.cleaned_data["agree"] == ObservationCountersignForm.AGREE
        try:
            observation_countersign_by(
                actor=request.user,
                evaluation=evaluation,
                attest=form.cleaned_data["attest"],
                agree=agree,
                reason=form.cleaned_data["reason"],
            )
        except (DomainError, AssessmentError) as error:
            if evaluation.status != EvaluationStatus.COUNTERSIGN:
                messages.error(request, f"{error} Nothing was changed.")
                return redirect("certify:evaluation", pk=evaluation.pk)
            form.add_error(None, str(error))
        else:
            if agree:
                messages.success(request, "Countersigned. The result is released to the rep.")
            else:
                messages.success(request, "Thank you. An enablement admin reads what you saw and settles the result.")
            return redirect("certify:evaluation", pk=evaluation.pk)
    return render_evaluation_page(request, evaluation, countersign_form=form, status=400)
