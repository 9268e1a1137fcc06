"""What the certify app does at the Wagtail admin's hooks (registered in certify/wagtail_hooks.py)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_q.tasks import async_task
from wagtail.admin.widgets import Button, ListingButton

from assessments.models import Evaluation, EvaluationStatus

from ..exceptions import DomainError
from ..models import LevelEvaluation, Tier
from ..permissions import can_invite
from ..services import invitation_send
from .viewsets import InvitationButton


def invite_new_person(request, user):
    """A person added in the admin gets an invitation to set their password."""
    try:
        invitation_send(actor=request.user, user=user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"An invitation to join is on its way to {user.email}.")


def invitation_button(user, request_user):
    # last_login is on the row already; the service makes the full check when it is used.
    if can_invite(request_user) and user.is_active and user.last_login is None:
        yield InvitationButton(user)


def tiers_changed(request, instance):
    # The rules changed: every rep's tier is worked out again in the background.
    if isinstance(instance, Tier) or (isinstance(instance, list) and any(isinstance(i, Tier) for i in instance)):
        transaction.on_commit(lambda: async_task("certify.tasks.tiers_recompute_all"))


def keep_tiers_reps_sit_in(request, instances):
    """A tier with reps in it stays: deleting it would drop them with no reason on record."""
    tiers = [instance for instance in instances if isinstance(instance, Tier)]
    in_use = [tier for tier in tiers if tier.reps.exists()]
    if in_use:
        names = ", ".join(tier.name for tier in in_use)
        messages.error(
            request,
            f"{names} cannot be deleted while reps sit in it. Change its requirements instead; reps are "
            "then placed again, each with the reason recorded.",
        )
        return redirect(reverse("wagtailsnippets_certify_tier:list"))


PANEL_STATUSES = (EvaluationStatus.REQUESTED, EvaluationStatus.SCHEDULED)


def evaluation_listing_buttons(snippet, user, next_url=None):
    """On the evaluations listing: choosing the panel while it may change, and the rep's page."""
    if not isinstance(snippet, Evaluation):
        return
    # A field observation is scored by the rep's own manager: it has no panel to choose.
    if snippet.status in PANEL_STATUSES and user.has_perm("assessments.assign_panel") and not snippet.is_field_observation:
        label = "Choose the panel" if snippet.status == EvaluationStatus.REQUESTED else "Change the panel"
        url = reverse("certify_admin:evaluation_panel", args=[snippet.pk])
        yield ListingButton(label, url=url, icon_name="group", priority=5)
    url = reverse("certify:evaluation", args=[snippet.pk])
    yield Button("View as the rep's page", url=url, icon_name="view", priority=15)


def evaluation_links(evaluation):
    """Where an evaluation's summary in the admin links to: its page on the site and its recording."""
    return {
        "page": reverse("certify:evaluation", args=[evaluation.pk]),
        "recording": reverse("certify:evaluation_recording", args=[evaluation.pk]),
    }


def evaluation_outcome(evaluation, passed):
    """What releasing an evaluation's result grants: the level it counts towards, or nothing on a fail."""
    link = LevelEvaluation.objects.select_related("level__certification").filter(evaluation=evaluation).first()
    if link is None:
        return ""
    level, rep = link.level, evaluation.performer.display_name
    if passed:
        return f"A pass awards {level.label} of {level.certification.title} to {rep}, with this evaluation as its evidence."
    return f"A fail awards nothing: {rep} reads the feedback and may ask for {level.label} of {level.certification.title} again."
