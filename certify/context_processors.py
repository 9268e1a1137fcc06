from django.utils.functional import SimpleLazyObject

from .models import Role


def _scorecards_due(user):
    """How many scorecards the judge can score now; read only if the navigation is drawn."""
    from assessments.selectors import judge_queue_counts

    return SimpleLazyObject(lambda: judge_queue_counts(judge=user)["due"])


def _unread(user):
    """How many notifications the person has not read (the bell's count); read only if the navigation is drawn."""
    from .selectors import notifications_unread_count

    return SimpleLazyObject(lambda: notifications_unread_count(user=user))


def navigation(request):
    """The main navigation, fitted to the person's roles, with the current section marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    roles = user.roles
    items = [
        ("Home", "/"),
        ("Certifications", "/certifications/"),
        ("Learning hub", "/learn/"),
        ("Tips", "/tips/"),
        ("Search", "/search/"),
    ]
    if Role.REP in roles:
        items.insert(2, ("My path", "/path/"))
    if Role.JUDGE in roles:
        items.insert(2, ("Judging", "/judging/"))
    if Role.MANAGER in roles or Role.ENABLEMENT_ADMIN in roles:
        items.append(("Teams", "/teams/"))
        items.append(("Tiers", "/tiers/"))
        items.append(("Impact", "/impact/"))
    if Role.ENABLEMENT_ADMIN in roles:
        items.append(("Admin", "/admin/"))
    path = request.path
    nav = [
        {"label": label, "url": url, "current": path == url if url == "/" else path.startswith(url)}
        for label, url in items
    ]
    for item in nav:
        if item["url"] == "/judging/":
            item["count"] = _scorecards_due(user)
    return {"nav_items": nav, "user_roles": sorted(role.label for role in roles), "notifications_unread": _unread(user)}
