from django.contrib import messages
from django.db import transaction
from django_q.tasks import async_task
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from django.utils.html import format_html
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from django.utils.functional import cached_property
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .exceptions import DomainError
from .models import Assignment, Award, Certification, Deal, Team, Tier, Tip
from .permissions import can_invite, can_view_reach
from .services import invitation_send


class LiveTipColumn(Column):
    """A link to the tip's own page, where it is hidden, shown or verified."""

    def __init__(self):
        super().__init__("moderate", label="Moderate")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = format_html('<a href="{}">Open tip</a>', reverse("tip_detail", args=[instance.pk]))
        return context


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = "Teams"
    menu_name = "teams"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "region"]
    search_fields = ["name", "region"]


register_snippet(TeamViewSet)


class TipViewSet(SnippetViewSet):
    """Every tip, hidden ones included, for enablement admins to find what needs moderating.

    Admins hold only the view permission here: tips are moderated on their own page, through
    the same services as everywhere else, so a reason is always recorded.
    """

    model = Tip
    icon = "comment"
    menu_label = "Tips"
    menu_name = "tips"
    menu_order = 220
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["title", "author", "product", "stage", "verified_at", "hidden_at", "created_at", LiveTipColumn()]
    list_filter = ["product", "stage", "verified_at", "hidden_at"]
    search_fields = ["title", "body"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return Tip.objects.select_related("author", "product", "stage")


register_snippet(TipViewSet)

reach_urls = (
    [
        path("", admin_views.ReachReportView.as_view(), name="index"),
        path("results/", admin_views.ReachReportView.as_view(results_only=True), name="index_results"),
        path("<int:pk>/", admin_views.ReachByTeamView.as_view(), name="page"),
        path("<int:pk>/results/", admin_views.ReachByTeamView.as_view(results_only=True), name="page_results"),
    ],
    "certify_reach",
)


@hooks.register("register_admin_urls")
def register_certify_admin_urls():
    return [
        path("reach/", include(reach_urls, namespace="certify_reach")),
        path("people/<int:user_id>/invite/", admin_views.invitation_resend, name="certify_invitation_resend"),
    ]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reach(request.user)


@hooks.register("register_reports_menu_item")
def register_reach_menu_item():
    return ReachMenuItem("Content reach", reverse("certify_reach:index"), icon_name="view", order=50)


@hooks.register("after_create_user")
def invite_new_person(request, user):
    """A person added in the admin gets an invitation to set their password."""
    try:
        invitation_send(actor=request.user, user=user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"An invitation to join is on its way to {user.email}.")


@hooks.register("register_user_listing_buttons")
def invitation_button(user, request_user):
    # last_login is on the row already; the service makes the full check when it is used.
    if can_invite(request_user) and user.is_active and user.last_login is None:
        yield InvitationButton(user)


class InvitationButton(Button):
    """Send the invitation again, after a confirmation page."""

    def __init__(self, user):
        super().__init__(
            "Send invitation again",
            url=reverse("certify_invitation_resend", args=[user.pk]),
            icon_name="mail",
            priority=40,
        )


# Certifications ------------------------------------------------------------


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "pick"
    menu_label = "Certifications"
    list_display = ["title", "product", "topic", "open_to_all", "active"]
    list_filter = ["product", "open_to_all", "active"]
    search_fields = ["title", "topic"]

    def get_queryset(self, request):
        return Certification.objects.select_related("product")


class ActionIndexView(SnippetIndexView):
    """A listing whose header button opens one of our forms (which goes through a service) instead of the generic one."""

    action_label = action_url_name = None

    @cached_property
    def header_buttons(self):
        return [HeaderButton(self.action_label, url=reverse(self.action_url_name), icon_name="plus")]


class AssignmentIndexView(ActionIndexView):
    action_label, action_url_name = "Assign", "certify_assignment_create"


class AssignmentViewSet(SnippetViewSet):
    """Assignments are made through the assign form, which tells each rep; here they are listed and withdrawn."""

    model = Assignment
    icon = "calendar-check"
    menu_label = "Assignments"
    index_view_class = AssignmentIndexView
    list_display = ["level", "user", "team", "due_date", "assigned_by", "assigned_at"]
    list_filter = ["level__certification", "team", "due_date"]
    ordering = ["due_date"]

    def get_queryset(self, request):
        return Assignment.objects.select_related("level__certification", "user", "team", "assigned_by")


class RevokeColumn(Column):
    def __init__(self):
        super().__init__("revoke", label="")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = (
            format_html('<span class="w-status w-status--label">Revoked</span>')
            if instance.revoked_at
            else format_html('<a href="{}">Revoke</a>', reverse("certify_award_revoke", args=[instance.pk]))
        )
        return context


class AwardIndexView(ActionIndexView):
    action_label, action_url_name = "Grant a level", "certify_award_grant"


class AwardViewSet(SnippetViewSet):
    """Every award ever made, revoked and expired ones included; nothing here deletes one."""

    model = Award
    icon = "success"
    menu_label = "Awards"
    index_view_class = AwardIndexView
    inspect_view_enabled = True
    list_display = [
        "user",
        "level",
        "awarded_at",
        "valid_until",
        Column("granted_by_label", label="Granted by"),
        RevokeColumn(),
    ]
    list_filter = ["certification", "level__number", "revoked_at", "awarded_at"]
    ordering = ["-awarded_at"]

    def get_queryset(self, request):
        return Award.objects.select_related("user", "level__certification", "granted_by")


class CertificationsGroup(SnippetViewSetGroup):
    items = (CertificationViewSet, AssignmentViewSet, AwardViewSet)
    menu_icon = "pick"
    menu_label = "Certifications"
    menu_name = "certifications"
    menu_order = 200


register_snippet(CertificationsGroup)


@hooks.register("register_admin_urls")
def register_certification_admin_urls():
    return [
        path("assignments/new/", admin_views.assignment_create_view, name="certify_assignment_create"),
        path("awards/grant/", admin_views.award_grant_view, name="certify_award_grant"),
        path("awards/<int:pk>/revoke/", admin_views.award_revoke_view, name="certify_award_revoke"),
        path("deals/import/", admin_views.deal_import_view, name="certify_deal_import"),
        path("evaluations/<int:pk>/panel/", admin_views.evaluation_panel_view, name="evaluation_panel"),
    ]


# Tiers and deals -----------------------------------------------------------


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "list-ol"
    menu_label = "Tiers"
    list_display = ["name", "rank", "core_level", "min_deals", "min_revenue", "sustained_amount"]
    ordering = ["rank"]


class DealIndexView(ActionIndexView):
    action_label, action_url_name = "Import deals", "certify_deal_import"


class DealViewSet(SnippetViewSet):
    """Deals come from the CRM: imported, listed here, corrected by importing again."""

    model = Deal
    icon = "doc-full"
    menu_label = "Deals"
    index_view_class = DealIndexView
    list_display = ["account", "rep", "amount", "currency", "close_date", "external_id"]
    list_filter = ["currency", "close_date"]
    search_fields = ["account", "external_id"]
    ordering = ["-close_date"]

    def get_queryset(self, request):
        return Deal.objects.select_related("rep")


class TiersGroup(SnippetViewSetGroup):
    items = (TierViewSet, DealViewSet)
    menu_icon = "list-ol"
    menu_label = "Tiers and deals"
    menu_name = "tiers"
    menu_order = 205


register_snippet(TiersGroup)


def _tiers_changed(request, instance):
    # The rules changed: every rep's tier is worked out again in the background.
    if isinstance(instance, Tier) or (isinstance(instance, list) and any(isinstance(i, Tier) for i in instance)):
        transaction.on_commit(lambda: async_task("certify.tasks.tiers_recompute_all"))


for hook_name in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
    hooks.register(hook_name, _tiers_changed)


@hooks.register("before_delete_snippet")
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
