from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import certification_views, evaluation_views, judging_views, observation_views, readiness_views, tier_views, views

# Django's own admin (for superusers' low-level views) signs in through allauth, with MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Certifiable — system administration"

# One way in: Wagtail's own password forms would skip two-factor authentication.
to_sign_in = RedirectView.as_view(url="/accounts/login/", query_string=True)

urlpatterns = [
    path("admin/login/", to_sign_in),
    path("learn/_util/login/", to_sign_in),
    path("", views.home, name="home"),
    path("invite/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/readiness/", readiness_views.team_readiness_view, name="team_readiness"),
    path("teams/<int:pk>/readiness.csv", readiness_views.team_readiness_export, name="team_readiness_export"),
    path("tips/", views.tip_list_view, name="tip_list"),
    path("tips/new/", views.tip_create_view, name="tip_create"),
    path("tips/<int:pk>/", views.tip_detail_view, name="tip_detail"),
    path("tips/<int:pk>/helpful/", views.tip_helpful_view, name="tip_helpful"),
    path("tips/<int:pk>/replies/", views.tip_reply_view, name="tip_reply"),
    path("tips/<int:pk>/moderate/", views.tip_moderate_view, name="tip_moderate"),
    path("people/<int:pk>/", views.person_view, name="person"),
    path("products/<slug:code>/", views.product_view, name="product"),
    path("certifications/", certification_views.my_certifications_view, name="my_certifications"),
    path("certifications/<slug:slug>/", certification_views.certification_detail, name="certification_detail"),
    path(
        "certifications/<slug:slug>/levels/<int:number>/start/",
        certification_views.level_start,
        name="level_start",
    ),
    path(
        "certifications/<slug:slug>/levels/<int:number>/assessment/",
        evaluation_views.level_assessment,
        name="level_assessment",
    ),
    path("evaluations/<int:pk>/", evaluation_views.evaluation_view, name="evaluation"),
    path("evaluations/<int:pk>/recording/", evaluation_views.evaluation_recording, name="evaluation_recording"),
    path("evaluations/<int:pk>/cancel/", evaluation_views.evaluation_cancel_view, name="evaluation_cancel"),
    path("evaluations/<int:pk>/answer/", observation_views.observation_answer_view, name="observation_answer"),
    path(
        "evaluations/<int:pk>/countersign/",
        observation_views.observation_countersign_view,
        name="observation_countersign",
    ),
    path("observations/new/", observation_views.observation_start, name="observation_start"),
    path("evaluations/<int:pk>/scorecard/", judging_views.scorecard_view, name="scorecard"),
    path("evaluations/<int:pk>/scorecard/autosave/", judging_views.scorecard_autosave, name="scorecard_autosave"),
    path("judging/", judging_views.judge_queue_view, name="judging"),
    path("path/", tier_views.rep_path_view, name="rep_path"),
    path("tiers/", tier_views.tiers_view, name="tiers"),
    path("tiers/export.csv", tier_views.tiers_export, name="tiers_export"),
    path("attempts/<int:pk>/", certification_views.attempt_view, name="attempt"),
    path("attempts/<int:pk>/answers/", certification_views.attempt_autosave, name="attempt_autosave"),
    path("attempts/<int:pk>/result/", certification_views.attempt_result, name="attempt_result"),
    path("search/", include("content.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Local media is served by the application only to signed-in people (the login middleware applies).
    def serve_media(request, path):
        return serve_static(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

urlpatterns.append(path("learn/", include(wagtail_urls)))
