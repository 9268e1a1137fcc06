"""The evaluation page as every view that shows it renders it: the page itself (views.evaluations) and a field
observation's answer and countersign when a form comes back with mistakes (views.observations). What the page
holds is read by selectors.evaluation_page_for."""

from dataclasses import dataclass

from django.shortcuts import render

from ..forms import ObservationAnswerForm, ObservationCountersignForm
from ..selectors.evaluation_page import evaluation_page_for
from ..selectors.evaluations import countersigners_eligible


def observation_answer_form(evaluation, data=None) -> ObservationAnswerForm:
    """The observer's accept-or-decline form, offering a second observer where the level requires one."""
    countersigners = None
    if evaluation.countersign_required:
        # Query: who may be the second observer (never the rep, never the observer).
        countersigners = countersigners_eligible(exclude=[evaluation.performer, evaluation.observer])
    return ObservationAnswerForm(data, countersigners=countersigners)


def render_evaluation_page(request, evaluation, *, status=200, answer_form=None, countersign_form=None):
    """The evaluation page for `evaluation` (already fetched with permissions.evaluation_get_for_user).
    `answer_form` and `countersign_form` are a field observation's forms as posted, to show with their errors;
    each shows only to the person whose turn it is."""
    page = evaluation_page_for(viewer=request.user, evaluation=evaluation)
    if page.may_answer and answer_form is None:
        answer_form = observation_answer_form(evaluation)
    if page.may_countersign and countersign_form is None:
        countersign_form = ObservationCountersignForm()
    context = {
        **page.context(),
        "answer_form": answer_form if page.may_answer else None,
        "countersign_form": countersign_form if page.may_countersign else None,
    }
    return render(request, "certify/evaluation.html", context, status=status)


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation step asks before an action that cannot be undone. `hidden` are the fields posted
    again with confirm=yes; with a `reason_label` the reason shows as a field to read and correct."""

    title: str
    question: str
    consequence: str
    action: str
    confirm_label: str
    keep_label: str
    hidden: tuple = ()
    reason: str = ""
    reason_label: str = ""
    reason_help: str = ""


def confirmed(request) -> bool:
    """Whether the post comes from the confirmation step (its Confirm button sends confirm=yes)."""
    return request.POST.get("confirm") == "yes"


def render_confirmation(request, evaluation, confirmation: Confirmation):
    """The confirmation step: nothing has changed yet."""
    return render(request, "certify/evaluation_confirm.html", {"evaluation": evaluation, "confirmation": confirmation})
