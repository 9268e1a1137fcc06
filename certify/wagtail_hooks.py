"""Registers the certify app with the Wagtail admin, and fills the slots the content and assessments
pages offer; what is registered lives in certify/admin/ and certify/views/slots.py."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import hooks as admin_hooks
from .admin import urls as admin_urls
from .admin.dashboard import waiting_on_you_panel
from .admin.viewsets import (
    CertificationsGroup,
    NotificationDefaultsMenuItem,
    ReachMenuItem,
    TeamViewSet,
    TiersGroup,
    TipViewSet,
    WebhooksMenuItem,
)
from .views import slots

register_snippet(TeamViewSet)
register_snippet(TipViewSet)
register_snippet(CertificationsGroup)
register_snippet(TiersGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls))]


@hooks.register("register_settings_menu_item")
def register_notification_defaults_menu_item():
    url = reverse("certify_admin:notification_defaults")
    return NotificationDefaultsMenuItem("Notification defaults", url, icon_name="mail", order=900)


@hooks.register("register_reports_menu_item")
def register_reach_menu_item():
    return ReachMenuItem("Content reach", reverse("certify_admin:reach:index"), icon_name="view", order=50)


hooks.register("construct_homepage_panels", waiting_on_you_panel)


@hooks.register("register_settings_menu_item")
def register_webhooks_menu_item():
    return WebhooksMenuItem("Webhooks", reverse("certify_admin:webhooks:endpoints"), icon_name="link", order=600)


hooks.register("after_create_user", admin_hooks.invite_new_person)
hooks.register("register_user_listing_buttons", admin_hooks.invitation_button)
for hook_name in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
    hooks.register(hook_name, admin_hooks.tiers_changed)
hooks.register("before_delete_snippet", admin_hooks.keep_tiers_reps_sit_in)
hooks.register("register_snippet_listing_buttons", admin_hooks.evaluation_listing_buttons)

# The slots assessments' admin pages offer (assessments/admin/slots.py).
hooks.register("assessments_evaluation_links", admin_hooks.evaluation_links)
hooks.register("assessments_evaluation_outcome", admin_hooks.evaluation_outcome)

# The slots content's pages offer (content/templatetags/content_tags.py).
hooks.register("content_page_footer", slots.page_tips)
hooks.register("content_search_footer", slots.search_tips)
hooks.register("content_product_url", slots.product_url)
