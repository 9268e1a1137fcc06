"""Registers the instruments with the Wagtail admin; what is registered lives in assessments/admin/."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import hooks as admin_hooks
from .admin import urls as admin_urls
from .admin.viewsets import AssessmentsGroup, PermissionMenuItem, QuizzesGroup, ViewOnlyPermissionPolicy
from .models import Evaluation

# Before the viewsets are registered: they would otherwise make Wagtail's default policy for evaluations.
register_permission_policy(Evaluation, ViewOnlyPermissionPolicy(Evaluation), exact_class=True)
register_snippet(QuizzesGroup)
register_snippet(AssessmentsGroup)
hooks.register("before_delete_snippet", admin_hooks.keep_guides_and_scenarios_in_use)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls))]


@hooks.register("register_reports_menu_item")
def register_item_analysis_menu_item():
    return PermissionMenuItem(
        "Item analysis", reverse("assessments_admin:item_analysis"), icon_name="doc-full", order=60,
        permission="assessments.change_quiz",
    )


@hooks.register("register_reports_menu_item")
def register_calibration_menu_item():
    return PermissionMenuItem(
        "Judge calibration", reverse("assessments_admin:calibration"), icon_name="group", order=61,
        permission="assessments.view_evaluation",
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        "Import questions", reverse("assessments_admin:question_import"), icon_name="upload", order=235,
        permission="assessments.add_question",
    )
