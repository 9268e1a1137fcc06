"""The instruments' own pages inside the Wagtail admin, under the `assessments_admin` namespace."""

from django.urls import path

from . import preview, views

app_name = "assessments_admin"

urlpatterns = [
    path("questions/import/", views.question_import, name="question_import"),
    path("questions/imports/<id:pk>/", views.question_import_run_view, name="question_import_run"),
    path("questions/imports/<id:pk>/progress/", views.question_import_progress, name="question_import_progress"),
    path("quizzes/item-analysis/", views.item_analysis_view, name="item_analysis"),
    path("evaluations/<id:pk>/moderate/", views.evaluation_moderate_view, name="evaluation_moderate"),
    path("evaluations/calibration/", views.calibration_view, name="calibration"),
    path("guides/score-preview/", preview.guide_score_preview, name="guide_score_preview"),
]
