from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


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
