from allauth.mfa.models import Authenticator
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control


class TimeZoneMiddleware:
    """Each request runs in the signed-in person's time zone (the site's for anyone else, and for a person who
    has not chosen one): forms read a typed time in it, and every page shows times in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = user.zone if user is not None and user.is_authenticated else None
        with timezone.override(zone):
            return self.get_response(request)


class RequireMFAMiddleware:
    """People in the roles listed in MFA_REQUIRED_ROLES must set up an authenticator app first.

    Until they have, every page except the ones needed to set it up (and to sign
    out) sends them to the authenticator setup.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and self._requires_mfa(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                "Your role needs two-factor authentication. Set up an authenticator app to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _requires_mfa(user):
        required = set(settings.MFA_REQUIRED_ROLES)
        return bool(required) and any(role in required for role in user.roles)


class AdminAreaMiddleware:
    """A signed-in person without admin access gets a plain "not for you" page at /admin/.

    (Wagtail would send them to sign in again, and allauth would send a signed-in
    person straight back: a loop.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied("The admin is for enablement admins.")
        return self.get_response(request)


# Pages and files that carry a person's results (scores, levels, tiers, feedback, recordings): no
# browser or proxy may keep a copy. A new page of results is added here, by its URL name.
PRIVATE_RESULTS_VIEWS = frozenset(
    {
        "certify:home",
        "certify:person",
        "certify:team_detail",
        "certify:team_readiness",
        "certify:team_readiness_export",
        "certify:my_certifications",
        "certify:my_credentials",
        "certify:credential_certificate",
        "certify:credential_json",
        "certify:credential_jwt",
        "certify:certification_detail",
        "certify:attempt",
        "certify:attempt_autosave",
        "certify:attempt_result",
        "certify:evaluation",
        "certify:evaluation_recording",
        "certify:scorecard",
        "certify:scorecard_autosave",
        "certify:judging",
        "certify:rep_path",
        "certify:tiers",
        "certify:tiers_export",
    }
)


class PrivateResultsMiddleware:
    """`Cache-Control: private, no-store` on every response of a view in PRIVATE_RESULTS_VIEWS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in PRIVATE_RESULTS_VIEWS:
            patch_cache_control(response, private=True, no_store=True)
        return response


# Paths served by an admin (Wagtail's, Django's): they get settings.CONTENT_SECURITY_POLICY_ADMIN.
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admins' own policy for the admin paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PATH_PREFIXES):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
