"""Registers the certify app with the Wagtail admin; what is registered lives in certify/admin/."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import hooks as admin_hooks
from .admin import urls as admin_urls
from .admin.viewsets import CertificationsGroup, ReachMenuItem, TeamViewSet, TiersGroup, TipViewSet

register_snippet(TeamViewSet)
register_snippet(TipViewSet)
register_snippet(CertificationsGroup)
register_snippet(TiersGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls))]


@hooks.register("register_reports_menu_item")
def register_reach_menu_item():
    return ReachMenuItem("Content reach", reverse("certify_admin:reach:index"), icon_name="view", order=50)


hooks.register("after_create_user", admin_hooks.invite_new_person)
hooks.register("register_user_listing_buttons", admin_hooks.invitation_button)
for hook_name in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
    hooks.register(hook_name, admin_hooks.tiers_changed)
hooks.register("before_delete_snippet", admin_hooks.keep_tiers_reps_sit_in)
