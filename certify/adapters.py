from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from .models import Role


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: people join through an invitation from an enablement admin."""

    def is_open_for_signup(self, request):
        return False


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
