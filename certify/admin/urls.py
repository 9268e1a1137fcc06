"""The certify app's own pages inside the Wagtail admin, under the `certify_admin` namespace."""

from django.urls import include, path

from . import notifications, reach, recertification, views, webhooks

app_name = "certify_admin"

reach_patterns = (
    [
        path("", reach.ReachReportView.as_view(), name="index"),
        path("results/", reach.ReachReportView.as_view(results_only=True), name="index_results"),
        path("<id:pk>/", reach.ReachByTeamView.as_view(), name="page"),
        path("<id:pk>/results/", reach.ReachByTeamView.as_view(results_only=True), name="page_results"),
    ],
    "reach",
)

webhook_patterns = (
    [
        path("", webhooks.endpoint_list_view, name="endpoints"),
        path("new/", webhooks.endpoint_create_view, name="endpoint_create"),
        path("<id:pk>/", webhooks.endpoint_view, name="endpoint"),
        path("<id:pk>/edit/", webhooks.endpoint_edit_view, name="endpoint_edit"),
        path("<id:pk>/secret/", webhooks.endpoint_secret_rotate_view, name="endpoint_secret"),
        path(
            "<id:pk>/deliveries/<uuid:delivery_id>/resend/", webhooks.delivery_resend_view, name="delivery_resend"
        ),
    ],
    "webhooks",
)

urlpatterns = [
    path("webhooks/", include(webhook_patterns)),
    path("reach/", include(reach_patterns)),
    path("people/<id:user_id>/invite/", views.invitation_resend, name="invitation_resend"),
    path("people/start-dates/import/", views.start_date_import_view, name="start_date_import"),
    path("assignments/new/", views.assignment_create_view, name="assignment_create"),
    path("awards/grant/", views.award_grant_view, name="award_grant"),
    path("awards/<id:pk>/revoke/", views.award_revoke_view, name="award_revoke"),
    path("deals/import/", views.deal_import_view, name="deal_import"),
    path("deals/imports/<id:pk>/", views.deal_import_run_view, name="deal_import_run"),
    path("deals/imports/<id:pk>/progress/", views.deal_import_progress, name="deal_import_progress"),
    path("evaluations/<id:pk>/panel/", views.evaluation_panel_view, name="evaluation_panel"),
    path("notifications/defaults/", notifications.notification_defaults_view, name="notification_defaults"),
    path("levels/recertify/", recertification.level_change_view, name="level_change"),
]
