from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from content.time_zones import is_time_zone

from .forms import BROWSER_TIME_ZONE_FIELD
from .models import Role

# The zone the browser reported on the sign-in form, kept while a second factor is asked for.
BROWSER_TIME_ZONE_SESSION_KEY = "certify_browser_time_zone"


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: people join through an invitation from an enablement admin.

    The sign-in form carries the time zone the browser reports (templates/account/login.html): once the person
    is signed in, it becomes theirs if they have none yet.
    """

    def is_open_for_signup(self, request):
        return False

    def pre_login(self, request, user, **kwargs):
        reported = request.POST.get(BROWSER_TIME_ZONE_FIELD, "") if request.method == "POST" else ""
        if is_time_zone(reported):
            request.session[BROWSER_TIME_ZONE_SESSION_KEY] = reported
        return super().pre_login(request, user, **kwargs)

    def login(self, request, user):
        from .services import user_time_zone_default

        reported = request.session.pop(BROWSER_TIME_ZONE_SESSION_KEY, None)
        super().login(request, user)
        user_time_zone_default(user=user, time_zone=reported)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Company single sign-on. Existing people are matched by their verified email;
    new people get an account (as reps) only when SSO_AUTO_PROVISION is on."""

    def is_open_for_signup(self, request, sociallogin):
        return settings.SSO_AUTO_PROVISION

    def save_user(self, request, sociallogin, form=None):
        from .services import user_set_roles

        user = super().save_user(request, sociallogin, form)
        user_set_roles(user=user, roles=[Role.REP])
        return user
