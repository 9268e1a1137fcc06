"""Writes that matter for people, roles and invitations."""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from content.time_zones import is_time_zone, validate_time_zone

from ..exceptions import DomainError, InvitationInvalid, PermissionRefused
from ..models import Invitation, NoticeKind, Role, User, validate_start_date
from ..permissions import can_change_settings_of, can_invite, can_manage_certifications
from ..start_date_import import DEFAULT_DATE_FORMAT, StartDateRow, parse_start_dates
from .deals import people_by_email
from .notifications import notice_send

INVITATION_SALT = "certify.invitation"


def user_set_roles(*, user: User, roles) -> None:
    """Give the person exactly these roles (groups named after each role)."""
    wanted = {Role(role).label for role in roles}
    role_groups = Group.objects.filter(name__in=[role.label for role in Role])
    user.groups.remove(*[group for group in role_groups if group.name not in wanted])
    user.groups.add(*[group for group in role_groups if group.name in wanted])
    user.__dict__.pop("roles", None)


def user_admin_time_zone_follow(*, user: User) -> None:
    """Wagtail's admin reads times in the zone of its own user profile: it follows the person's (called whenever
    the person's zone is saved, certify.apps)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        if user.time_zone:
            UserProfile.objects.create(user=user, current_time_zone=user.time_zone)
    elif profile.current_time_zone != user.time_zone:
        profile.current_time_zone = user.time_zone
        profile.save(update_fields=["current_time_zone"])


@transaction.atomic
def user_time_zone_set(*, actor: User, user: User, time_zone: str) -> User:
    """The person chooses the zone they read every time in (pages, emails, calendar invitations). Only for
    their own account; a name that is not an IANA zone is refused and nothing changes."""
    if not can_change_settings_of(actor, user):
        raise PermissionRefused("Only you can change your time zone.")
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        raise DomainError(error.messages[0]) from None
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])  # Wagtail's profile follows (certify.apps)
    return user


def user_time_zone_default(*, user: User, time_zone) -> bool:
    """At sign-in, the zone the person's browser reports becomes theirs, but only while they have none: a zone
    they chose is never replaced. Anything that is not a zone name is ignored (the site's zone goes on
    applying). True when it was saved."""
    if user is None or user.pk is None or user.time_zone or not is_time_zone(time_zone):
        return False
    with transaction.atomic():
        if not User.objects.filter(pk=user.pk, time_zone="").update(time_zone=time_zone):
            return False
        user.time_zone = time_zone
        user_admin_time_zone_follow(user=user)
    return True


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("certify:invitation_accept", args=[invitation_token(invitation)])


def invitation_can_be_sent(user: User) -> bool:
    """Only people who have not joined yet get an invitation."""
    return user.is_active and user.last_login is None and not user.invitations.filter(accepted_at__isnull=False).exists()


@transaction.atomic
def invitation_send(*, actor: User, user: User) -> Invitation:
    """Invite a person to set their password; any earlier open invitation stops working."""
    if not can_invite(actor):
        raise PermissionRefused("Only enablement admins can invite people.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if not invitation_can_be_sent(user):
        raise InvitationInvalid(f"{user.email} has already joined; they can reset their password if needed.")
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at__isnull=True, superseded_at__isnull=True).update(
        superseded_at=now
    )
    if not user.password or user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    invitation = Invitation.objects.create(
        user=user,
        email=user.email,
        invited_by=actor,
        nonce=secrets.token_hex(16),
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    transaction.on_commit(lambda: async_task("certify.tasks.invitation_email_send", invitation.pk))
    return invitation


def invitation_email_send(*, invitation: Invitation) -> None:
    """Send the invitation email through Django's mail framework."""
    if not invitation.is_open:
        return
    context = {
        "invitation": invitation,
        "user": invitation.user,
        "invited_by": invitation.invited_by,
        "accept_url": invitation_url(invitation),
        "site_url": settings.SITE_URL,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    notice_send(
        to=invitation.email,
        reader=invitation.user,
        subject=render_to_string("certify/emails/invitation_subject.txt", context).strip(),
        template="certify/emails/invitation.txt",
        kind=NoticeKind.INVITATION,
        html_template="certify/emails/invitation.html",
        context=context,
    )


def invitation_from_token(token: str) -> Invitation:
    """The open invitation a link stands for, or InvitationInvalid saying why not."""
    max_age = timedelta(days=settings.INVITATION_VALID_DAYS)
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationInvalid("This invitation has expired. Ask your enablement team to send a new one.") from None
    except signing.BadSignature:
        raise InvitationInvalid("This invitation link is not valid. Check that you copied all of it.") from None
    invitation = Invitation.objects.select_related("user").filter(pk=data.get("i"), nonce=data.get("n")).first()
    if invitation is None or invitation.superseded_at is not None:
        raise InvitationInvalid("This invitation was replaced by a newer one. Use the link in the latest email.")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("This invitation has already been used. Sign in with your email and password.")
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid("This invitation has expired. Ask your enablement team to send a new one.")
    if not invitation.user.is_active:
        raise InvitationInvalid("This account has been deactivated.")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited person's password, verify their email and close the invitation."""
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationInvalid("This invitation has already been used. Sign in with your email and password.")
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
    if not address.verified or not address.primary:
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user


START_DATES_BATCH = 500
KEPT_START_DATE_CHANGES = 500  # lines of "what changed" an import lists


@dataclass
class StartDatesSummary:
    """What an import of start dates did, or for a check only (dry run) what it would do."""

    changed: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def counts(self) -> str:
        return f"{self.changed} changed, {self.unchanged} unchanged"


def start_dates_read(*, actor, file_name: str, data: bytes, date_format: str = DEFAULT_DATE_FORMAT) -> list[StartDateRow]:
    """The start dates of an uploaded file, each matched to its person, or StartDateImportRefused listing every bad
    row by its line. Reads only, outside any transaction: the write is start_dates_import."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import start dates.")
    return parse_start_dates(data, file_name=file_name, date_format=date_format, people=people_by_email)


def _day(value) -> str:
    return "none" if value is None else f"{value:%-d %b %Y}"


@transaction.atomic
def start_dates_import(*, actor, rows: list[StartDateRow], dry_run: bool = False) -> StartDatesSummary:
    """Set each person's start date to the one their row gives, all or nothing. A person whose start date is
    already that one is unchanged, so importing the same file twice changes nothing the second time."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import start dates.")
    for row in rows:
        if row.person is None or row.start_date is None:
            raise DomainError(f"Line {row.line}: the row was not matched to a person; nothing was imported.")
        try:
            validate_start_date(row.start_date)
        except ValidationError as error:
            raise DomainError(f"Line {row.line}: {error.messages[0]} Nothing was imported.") from None
    summary = StartDatesSummary(dry_run=dry_run)
    to_update = []
    for start in range(0, len(rows), START_DATES_BATCH):
        batch = rows[start : start + START_DATES_BATCH]
        people = User.objects.filter(pk__in=[row.person.pk for row in batch]).only("pk", "email", "start_date")
        if not dry_run:
            people = people.select_for_update()
        current = {person.pk: person for person in people}
        for row in batch:
            person = current.get(row.person.pk)
            if person is None:
                raise DomainError(f"Line {row.line}: {row.email} is no longer here; nothing was imported.")
            if person.start_date == row.start_date:
                summary.unchanged += 1
                continue
            summary.changed += 1
            if len(summary.changes) < KEPT_START_DATE_CHANGES:
                summary.changes.append(
                    f"Line {row.line}: {person.email}, start date {_day(row.start_date)} (was {_day(person.start_date)})"
                )
            person.start_date = row.start_date
            to_update.append(person)
    if not dry_run and to_update:
        User.objects.bulk_update(to_update, ["start_date"], batch_size=START_DATES_BATCH)
    return summary
