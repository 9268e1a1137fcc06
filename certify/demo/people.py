"""The demo logins, their teams and some reading history."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from content.models import ContentPage
from content.services import page_view_record

from ..models import Role, Team, User
from ..services import user_set_roles, user_time_zone_set

DEMO_PASSWORD = "certifiable-demo"
# The demo enablement admin's authenticator secret (base32), printed by `make demo`.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PEOPLE = [
    # email, first, last, roles, team memberships, managed teams
    ("admin@example.com", "Alex", "Morgan", [Role.ENABLEMENT_ADMIN], [], []),
    ("manager@example.com", "Maria", "Santos", [Role.MANAGER, Role.JUDGE], [], ["East"]),
    ("judge@example.com", "Jordan", "Lee", [Role.JUDGE], [], []),
    ("rep@example.com", "Riley", "Chen", [Role.REP], ["East"], []),
    ("rep2@example.com", "Sam", "Okafor", [Role.REP], ["West"], []),
    ("west.manager@example.com", "Wendy", "Park", [Role.MANAGER], [], ["West"]),
    ("priya@example.com", "Priya", "Natarajan", [Role.REP], ["East"], []),
    ("diego@example.com", "Diego", "Alvarez", [Role.REP], ["East"], []),
    ("hannah@example.com", "Hannah", "Becker", [Role.REP], ["West"], []),
    ("tom@example.com", "Tom", "Kowalski", [Role.REP], ["West"], []),
]
TEAMS = [("East", "US East"), ("West", "US West")]
# Where each demo person reads times; the ones not listed (rep2@, tom@) have chosen none: the site's zone applies.
TIME_ZONES = {
    "admin@example.com": "Europe/London",
    "manager@example.com": "America/New_York",
    "judge@example.com": "Europe/London",
    "rep@example.com": "America/New_York",
    "west.manager@example.com": "America/Los_Angeles",
    "priya@example.com": "Asia/Kolkata",
    "diego@example.com": "America/Chicago",
    "hannah@example.com": "Europe/Berlin",
}


def people():
    """The demo logins; returns {email: user} and marks which were created now."""
    people = {}
    for email, first, last, roles, _teams_in, _managed in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)
            user_set_roles(user=user, roles=roles)
            if email in TIME_ZONES:
                user_time_zone_set(actor=user, user=user, time_zone=TIME_ZONES[email])
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if Role.ENABLEMENT_ADMIN in roles:
                _demo_mfa(user)
            user.created_now = True
        people[email] = user
    return people


def _demo_mfa(user):
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_ADMIN_TOTP_SECRET)
        RecoveryCodes.activate(user)


def teams(people):
    teams = {}
    for name, region in TEAMS:
        teams[name], _ = Team.objects.get_or_create(name=name, defaults={"region": region})
    for email, _first, _last, _roles, member_of, manages in PEOPLE:
        if not getattr(people[email], "created_now", False):
            continue  # memberships changed through the site stay as they are
        for name in member_of:
            teams[name].members.add(people[email])
        for name in manages:
            teams[name].managers.add(people[email])
    for team in teams.values():
        team.save()


def reading(people, hub):
    """Give new demo reps some reading history, so reach and team pages have something to show."""
    pages = list(ContentPage.objects.descendant_of(hub).live().order_by("path"))
    now = timezone.now()
    for k, (email, _first, _last, roles, _member_of, _manages) in enumerate(PEOPLE):
        person = people[email]
        if Role.REP not in roles or not getattr(person, "created_now", False):
            continue
        every = 4 if email == "rep@example.com" else 3  # the main demo rep still has most to discover
        for n, page in enumerate(pages):
            if (n + k) % every == 0:
                page_view_record(user=person, page=page, when=now - timedelta(days=(n * 7 + k) % 45))
