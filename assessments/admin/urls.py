"""The instruments' own pages inside the Wagtail admin, under the `assessments_admin` namespace."""

from django.urls import path

from . import preview, views

app_name = "assessments_admin"

urlpatterns = [
    path("questions/import/", views.question_import, name="question_import"),
    path("quizzes/item-analysis/", views.item_analysis_view, name="item_analysis"),
    path("evaluations/<id:pk>/moderate/", views.evaluation_moderate_view, name="evaluation_moderate"),
    path("evaluations/calibration/", views.calibration_view, name="calibration"),
    path("guides/score-preview/", preview.guide_score_preview, name="guide_score_preview"),
]
