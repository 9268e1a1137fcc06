"""The certify app's Wagtail admin listings: teams, tips, certifications, assignments, awards, tiers and deals, with their columns and buttons."""

from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import Assignment, Award, Certification, Deal, Team, Tier, Tip
from ..permissions import can_manage_certifications, can_set_notification_defaults, can_view_reach
from ..selectors import tip_flags, tip_history, tips_for_moderation

# Listings search their columns through the ORM (icontains), never through the search index: on SQLite's
# full-text index a search restricted to named fields fails ("no such column: name"; wagtail issue 10217),
# and an admin looking for "east" in a team's region expects a match inside the word too.
ORM_SEARCH = None


class LiveTipColumn(Column):
    """A link to the tip's own page, where it is hidden, shown, verified, its flags resolved or it is deleted;
    a deleted tip has no page any more: who deleted it and when."""

    def __init__(self):
        super().__init__("moderate", label="Moderate")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.is_deleted:
            context["value"] = format_html(
                '<span class="w-status w-status--label">Deleted</span> {} by {}',
                f"{instance.deleted_at:%-d %b %Y}",
                instance.deleted_by or "someone no longer here",
            )
        else:
            url = reverse("certify:tip_detail", args=[instance.pk])
            context["value"] = format_html('<a href="{}">Open tip</a>', url)
        return context


class TipFlagsColumn(Column):
    """How many open flags a tip has, and their reasons (the flags come loaded with the listing)."""

    def __init__(self):
        super().__init__("open_flags", label="Open flags", sort_key="open_flag_count")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        flags = instance.open_flags
        reasons = sorted({flag.get_reason_display() for flag in flags})
        context["value"] = format_html("<strong>{}</strong>: {}", len(flags), ", ".join(reasons)) if flags else "—"
        return context


def tip_state(tip) -> str:
    """What has happened to a tip, in a word or three: hidden, verified, edited (deleted shows in Moderate)."""
    words = [word for word, yes in (("Hidden", tip.is_hidden), ("Verified", tip.is_verified), ("Edited", tip.edited_at)) if yes]
    return ", ".join(words)


class TipInspectView(SnippetInspectView):
    """A tip as moderators read it: its fields, every flag raised on it and its history (the earlier versions of
    its text and of its replies'). Deleted tips included: only here are they still read."""

    template_name = "certify/admin/tip_inspect.html"

    def get_body_display_value(self):
        return linebreaksbr(self.object.body, autoescape=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["flags"] = tip_flags(tip=self.object)
        context["history"] = tip_history(tip=self.object)
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
    search_backend_name = ORM_SEARCH


class TipViewSet(SnippetViewSet):
    """Every tip, hidden and deleted ones included, flagged ones first, for enablement admins to find what needs
    moderating. Inspect shows a tip's flags and history.

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
    inspect_view_class = TipInspectView
    pk_path_converter = "id"  # our own inspect view takes bounded ids, as every route of ours does
    list_display = [
        "title",
        TipFlagsColumn(),
        "author",
        "product",
        Column("state", label="State", accessor=tip_state),
        "created_at",
        LiveTipColumn(),
    ]
    list_filter = ["product", "stage", "verified_at", "hidden_at", "deleted_at"]
    search_fields = ["title", "body", "author__email", "author__first_name", "author__last_name"]
    search_backend_name = ORM_SEARCH
    ordering = ["-open_flag_count", "-created_at"]

    def get_queryset(self, request):
        return tips_for_moderation()


class CertificationManagerMenuItem(MenuItem):
    """A menu item for the people who manage certifications (importing start dates, asking to recertify)."""

    def is_shown(self, request):
        return can_manage_certifications(request.user)


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reach(request.user)


class NotificationDefaultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_set_notification_defaults(request.user)


class WebhooksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_certifications(request.user)


class InvitationButton(Button):
    """Send the invitation again, after a confirmation page."""

    def __init__(self, user):
        super().__init__(
            "Send invitation again",
            url=reverse("certify_admin:invitation_resend", args=[user.pk]),
            icon_name="mail",
            priority=40,
        )


class CertificationViewSet(SnippetViewSet):
    model = Certification
    icon = "pick"
    menu_label = "Certifications"
    list_display = ["title", "product", "topic", "open_to_all", "active"]
    list_filter = ["product", "open_to_all", "active"]
    search_fields = ["title", "slug", "topic", "product__name", "product__code"]
    search_backend_name = ORM_SEARCH

    def get_queryset(self, request):
        return Certification.objects.select_related("product")


class ActionIndexView(SnippetIndexView):
    """A listing whose header button opens one of our forms (which goes through a service) instead of the generic one."""

    action_label = action_url_name = None

    @cached_property
    def header_buttons(self):
        return [HeaderButton(self.action_label, url=reverse(self.action_url_name), icon_name="plus")]


class AssignmentIndexView(ActionIndexView):
    action_label, action_url_name = "Assign", "certify_admin:assignment_create"


class AssignmentViewSet(SnippetViewSet):
    """Assignments are made through the assign form, which tells each rep; here they are listed and withdrawn."""

    model = Assignment
    icon = "calendar-check"
    menu_label = "Assignments"
    index_view_class = AssignmentIndexView
    list_display = ["level", "user", "team", "due_date", "assigned_by", "assigned_at"]
    list_filter = ["level__certification", "team", "due_date"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "team__name", "level__certification__title"]
    search_backend_name = ORM_SEARCH
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
            else format_html('<a href="{}">Revoke</a>', reverse("certify_admin:award_revoke", args=[instance.pk]))
        )
        return context


class AwardIndexView(ActionIndexView):
    action_label, action_url_name = "Grant a level", "certify_admin:award_grant"


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
    search_fields = ["user__email", "user__first_name", "user__last_name", "certification__title"]
    search_backend_name = ORM_SEARCH
    ordering = ["-awarded_at"]

    def get_queryset(self, request):
        return Award.objects.select_related("user", "level__certification", "granted_by")


class CertificationsGroup(SnippetViewSetGroup):
    items = (CertificationViewSet, AssignmentViewSet, AwardViewSet)
    menu_icon = "pick"
    menu_label = "Certifications"
    menu_name = "certifications"
    menu_order = 200

    def get_submenu_items(self):
        # Beside the awards: asking their holders to recertify when a level's content changed.
        items = super().get_submenu_items()
        url = reverse("certify_admin:level_change")
        return [*items, CertificationManagerMenuItem("Ask holders to recertify", url, icon_name="repeat", order=len(items) + 1)]


class TierViewSet(SnippetViewSet):
    model = Tier
    icon = "list-ol"
    menu_label = "Tiers"
    list_display = ["name", "rank", "core_level", "min_deals", "min_revenue", "sustained_amount"]
    search_fields = ["name"]
    search_backend_name = ORM_SEARCH
    ordering = ["rank"]


class DealIndexView(ActionIndexView):
    action_label, action_url_name = "Import deals", "certify_admin:deal_import"


class DealViewSet(SnippetViewSet):
    """Deals come from the CRM: imported, listed here, corrected by importing again."""

    model = Deal
    icon = "doc-full"
    menu_label = "Deals"
    index_view_class = DealIndexView
    list_display = ["account", "rep", "amount", "currency", "close_date", "external_id"]
    list_filter = ["currency", "close_date"]
    search_fields = ["account", "external_id", "rep__email", "rep__first_name", "rep__last_name"]
    search_backend_name = ORM_SEARCH
    ordering = ["-close_date"]

    def get_queryset(self, request):
        return Deal.objects.filter(staged_in=None).select_related("rep")




class TiersGroup(SnippetViewSetGroup):
    items = (TierViewSet, DealViewSet)
    menu_icon = "list-ol"
    menu_label = "Tiers and deals"
    menu_name = "tiers"
    menu_order = 205

    def get_submenu_items(self):
        # Beside the deals (and their import): the start dates that time to certify and ramp count from.
        items = super().get_submenu_items()
        url = reverse("certify_admin:start_date_import")
        return [*items, CertificationManagerMenuItem("Import start dates", url, icon_name="date", order=len(items) + 1)]
