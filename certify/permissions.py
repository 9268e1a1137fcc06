"""Who may see and do what. Fetch helpers answer 404 alike for "missing" and "not yours"."""

from django.http import Http404

from .models import Role, Team


def can_use_admin(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def can_invite(user) -> bool:
    return can_use_admin(user)


def can_view_reach(user) -> bool:
    return can_use_admin(user)


def can_view_team(user, team) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return True
    return user.has_role(Role.MANAGER) and team.managers.filter(pk=user.pk).exists()


def team_get_for_user(user, pk) -> Team:
    """The team, if the person may see it (its manager or an enablement admin); 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    teams = Team.objects.all()
    if not user.has_role(Role.ENABLEMENT_ADMIN):
        if not user.has_role(Role.MANAGER):
            raise Http404
        teams = teams.filter(managers=user)
    try:
        return teams.get(pk=pk)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_moderate_tips(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def tip_get_for_user(user, pk):
    """A tip the person may see (hidden tips: author and enablement admins only); 404 otherwise."""
    from .models import Tip

    try:
        return Tip.objects.visible_to(user).select_related("author", "product", "stage", "page").get(pk=pk)
    except (Tip.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
