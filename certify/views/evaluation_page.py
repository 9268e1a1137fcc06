"""The evaluation page as every view that shows it renders it: the page itself (views.evaluations) and a field
observation's answer and countersign when a form comes back with mistakes (views.observations). What the page
holds is read by selectors.evaluation_page_for."""

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
