from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .views import (
    attempts,
    certifications,
    credentials,
    evaluations,
    home,
    icons,
    judging,
    notifications,
    observations,
    people,
    products,
    readiness,
    teams,
    tiers,
    tips,
)
from .views.impact import certified as impact_certified
from .views.impact import completion as impact_completion
from .views.impact import content as impact_content
from .views.impact import funnel as impact_funnel
from .views.impact import overview as impact_overview
from .views.impact import ramp as impact_ramp
from .views.impact import readiness as impact_readiness
from .views.impact import struggling as impact_struggling
from .views.impact import tiers as impact_tiers
from .views.impact import trends as impact_trends

# Django's own admin (for superusers' low-level views) signs in through allauth, with MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Certifiable — system administration"

# One way in: Wagtail's own password forms would skip two-factor authentication.
to_sign_in = RedirectView.as_view(url="/accounts/login/", query_string=True)

# The site's own pages, named `certify:<name>`.
certify_patterns = (
    [
        path("", home.home, name="home"),
        path("invite/<str:token>/", people.invitation_accept_view, name="invitation_accept"),
        path("teams/", teams.team_list, name="team_list"),
        path("teams/<id:pk>/", teams.team_detail, name="team_detail"),
        path("teams/<id:pk>/readiness/", readiness.team_readiness_view, name="team_readiness"),
        path("teams/<id:pk>/readiness.csv", readiness.team_readiness_export, name="team_readiness_export"),
        path("tips/", tips.tip_list_view, name="tip_list"),
        path("tips/new/", tips.tip_create_view, name="tip_create"),
        path("tips/<id:pk>/", tips.tip_detail_view, name="tip_detail"),
        path("tips/<id:pk>/helpful/", tips.tip_helpful_view, name="tip_helpful"),
        path("tips/<id:pk>/replies/", tips.tip_reply_view, name="tip_reply"),
        path("tips/<id:pk>/moderate/", tips.tip_moderate_view, name="tip_moderate"),
        path("tips/<id:pk>/edit/", tips.tip_edit_view, name="tip_edit"),
        path("tips/<id:pk>/delete/", tips.tip_delete_view, name="tip_delete"),
        path("tips/<id:pk>/flag/", tips.tip_flag_view, name="tip_flag"),
        path("tips/<id:pk>/replies/<id:reply_pk>/edit/", tips.tip_reply_edit_view, name="tip_reply_edit"),
        path("people/<id:pk>/", people.person_view, name="person"),
        path("settings/time-zone/", people.time_zone_view, name="time_zone"),
        path("notifications/", notifications.notifications_view, name="notifications"),
        path("notifications/read/", notifications.notifications_read_all_view, name="notifications_read_all"),
        path("notifications/settings/", notifications.notification_settings_view, name="notification_settings"),
        path("notifications/<id:pk>/read/", notifications.notification_read_view, name="notification_read"),
        path("notifications/<id:pk>/open/", notifications.notification_open_view, name="notification_open"),
        path("products/<slug:code>/", products.product_view, name="product"),
        path("certifications/", certifications.my_certifications_view, name="my_certifications"),
        path("certifications/<slug:slug>/", certifications.certification_detail, name="certification_detail"),
        path(
            "certifications/<slug:slug>/levels/<id:number>/start/",
            certifications.level_start,
            name="level_start",
        ),
        path(
            "certifications/<slug:slug>/levels/<id:number>/assessment/",
            certifications.level_assessment,
            name="level_assessment",
        ),
        path("credentials/", credentials.my_credentials_view, name="my_credentials"),
        path("credentials/<id:pk>/certificate.pdf", credentials.certificate_view, name="credential_certificate"),
        path("credentials/<id:pk>/credential.json", credentials.credential_json_view, name="credential_json"),
        path("credentials/<id:pk>/credential.jwt", credentials.credential_jwt_view, name="credential_jwt"),
        path("credentials/<id:pk>/verification/", credentials.credential_visibility_view, name="credential_visibility"),
        # Public on purpose: what a verifier outside the platform reads.
        path("verify/<slug:token>/", credentials.verification_view, name="verification"),
        path("credentials/issuer/", credentials.issuer_view, name="credential_issuer"),
        path("credentials/keys.json", credentials.keys_view, name="credential_keys"),
        path("credentials/status/revocation/", credentials.status_list_view, name="credential_status"),
        path("evaluations/<id:pk>/", evaluations.evaluation_view, name="evaluation"),
        path("evaluations/<id:pk>/recording/", evaluations.evaluation_recording, name="evaluation_recording"),
        path("evaluations/<id:pk>/cancel/", evaluations.evaluation_cancel_view, name="evaluation_cancel"),
        path("evaluations/<id:pk>/answer/", observations.observation_answer_view, name="observation_answer"),
        path(
            "evaluations/<id:pk>/countersign/",
            observations.observation_countersign_view,
            name="observation_countersign",
        ),
        path("observations/new/", observations.observation_start, name="observation_start"),
        path("evaluations/<id:pk>/scorecard/", judging.scorecard_view, name="scorecard"),
        path("evaluations/<id:pk>/scorecard/autosave/", judging.scorecard_autosave, name="scorecard_autosave"),
        path("judging/", judging.judge_queue_view, name="judging"),
        path("impact/", impact_overview.impact_view, name="impact"),
        path("impact/ramp/", impact_ramp.ramp_view, name="impact_ramp"),
        path("impact/ramp.csv", impact_ramp.ramp_export, name="impact_ramp_export"),
        path("impact/funnel/", impact_funnel.impact_funnel_view, name="impact_funnel"),
        path("impact/funnel.csv", impact_funnel.impact_funnel_export, name="impact_funnel_export"),
        path("impact/content/", impact_content.impact_content_view, name="impact_content"),
        path("impact/content.csv", impact_content.impact_content_export, name="impact_content_export"),
        path("impact/readiness/", impact_readiness.readiness_view, name="impact_readiness"),
        path("impact/readiness/<id:pk>/", impact_readiness.readiness_rep_view, name="impact_readiness_rep"),
        path("impact/readiness.csv", impact_readiness.readiness_export, name="impact_readiness_export"),
        path("impact/readiness/formula/", impact_readiness.readiness_formula_view, name="impact_readiness_formula"),
        path("impact/trends/", impact_trends.trends_view, name="impact_trends"),
        path("impact/trends.csv", impact_trends.trends_export, name="impact_trends_export"),
        path("impact/struggling/", impact_struggling.impact_struggling_view, name="impact_struggling"),
        path("impact/struggling.csv", impact_struggling.impact_struggling_export, name="impact_struggling_export"),
        path("impact/struggling/<id:pk>/nudge/", impact_struggling.impact_nudge_view, name="impact_nudge"),
        path("impact/completion/", impact_completion.impact_completion_view, name="impact_completion"),
        path("impact/completion.csv", impact_completion.impact_completion_export, name="impact_completion_export"),
        path("impact/certified/", impact_certified.certified_view, name="impact_certified"),
        path("impact/certified.csv", impact_certified.certified_export, name="impact_certified_export"),
        path("impact/tiers/", impact_tiers.tiers_view, name="impact_tiers"),
        path("impact/tiers.csv", impact_tiers.tiers_export, name="impact_tiers_export"),
        path("path/", tiers.rep_path_view, name="rep_path"),
        path("tiers/", tiers.tiers_view, name="tiers"),
        path("tiers/export.csv", tiers.tiers_export, name="tiers_export"),
        path("attempts/<id:pk>/", attempts.attempt_view, name="attempt"),
        path("attempts/<id:pk>/answers/", attempts.attempt_autosave, name="attempt_autosave"),
        path("attempts/<id:pk>/result/", attempts.attempt_result, name="attempt_result"),
    ],
    "certify",
)

urlpatterns = [
    path("favicon.ico", icons.favicon, name="favicon"),
    path("admin/login/", to_sign_in),
    path("learn/_util/login/", to_sign_in),
    path("", include(certify_patterns)),
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
