"""Writes that matter for people, roles, teams and invitations."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from django.core.exceptions import ValidationError

from .exceptions import DomainError, InvitationInvalid, PermissionRefused
from .formatting import find_markup
from .models import (
    Assignment,
    Award,
    CertificationLevel,
    Invitation,
    LevelNumber,
    Role,
    Tip,
    TipHelpfulMark,
    TipReply,
    User,
)
from .permissions import can_invite, can_manage_certifications, can_take_level

INVITATION_SALT = "certify.invitation"


def user_set_roles(*, user: User, roles) -> None:
    """Give the person exactly these roles (groups named after each role)."""
    wanted = {Role(role).label for role in roles}
    role_groups = Group.objects.filter(name__in=[role.label for role in Role])
    user.groups.remove(*[group for group in role_groups if group.name not in wanted])
    user.groups.add(*[group for group in role_groups if group.name in wanted])
    user.__dict__.pop("roles", None)


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation)])


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
    subject = render_to_string("certify/emails/invitation_subject.txt", context).strip()
    text = render_to_string("certify/emails/invitation.txt", context)
    html = render_to_string("certify/emails/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()


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


# --- Tips ------------------------------------------------------------------------


def _tip_clean(*, title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Give your tip a short title."
    elif len(title) > Tip.TITLE_MAX:
        errors["title"] = f"Keep the title to {Tip.TITLE_MAX} characters (it has {len(title)})."
    if not body:
        errors["body"] = "Write the tip itself: what you did and why it worked."
    elif len(body) > Tip.BODY_MAX:
        errors["body"] = f"Keep a tip to {Tip.BODY_MAX} characters (it has {len(body)}); link to a page for more."
    for field, value in (("title", title), ("body", body)):
        markup = find_markup(value)
        if markup and field not in errors:
            errors[field] = f"Tips are plain text; remove the markup {markup}. Use **bold**, *italic* and “- ” lists."
    if errors:
        raise ValidationError(errors)
    return title, body


@transaction.atomic
def tip_create(*, author: User, title: str, body: str, product, stage, page=None) -> Tip:
    """Share a tip. Anyone signed in may; the text is checked and stored as written."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionRefused("Sign in to share a tip.")
    title, body = _tip_clean(title=title, body=body)
    return Tip.objects.create(author=author, title=title, body=body, product=product, stage=stage, page=page)


@transaction.atomic
def tip_mark_helpful(*, user: User, tip: Tip) -> TipHelpfulMark:
    """Mark a tip helpful: once per person, never one's own, never a hidden tip."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.author_id == user.pk:
        raise DomainError("You can't mark your own tip as helpful.")
    if tip.is_hidden:
        raise DomainError("This tip is hidden and can't be marked.")
    mark, created = TipHelpfulMark.objects.get_or_create(tip=tip, user=user)
    if not created:
        raise DomainError("You have already marked this tip as helpful.")
    return mark


@transaction.atomic
def tip_reply(*, author: User, tip: Tip, body: str) -> TipReply:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a reply first."})
    if len(body) > TipReply.BODY_MAX:
        raise ValidationError({"body": f"Keep a reply to {TipReply.BODY_MAX} characters (it has {len(body)})."})
    markup = find_markup(body)
    if markup:
        raise ValidationError({"body": f"Replies are plain text; remove the markup {markup}."})
    if tip.is_hidden:
        raise DomainError("This tip is hidden; replies are closed.")
    return TipReply.objects.create(tip=tip, author=author, body=body)


def _require_moderator(actor):
    if not actor.has_role(Role.ENABLEMENT_ADMIN):
        raise PermissionRefused("Only enablement admins moderate tips.")


@transaction.atomic
def tip_hide(*, actor: User, tip: Tip, reason: str) -> Tip:
    """Hide a tip from everyone but its author, who sees the reason."""
    _require_moderator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the tip is hidden; its author will see this."})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason to 300 characters."})
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    tip.hidden_at, tip.hidden_by, tip.hidden_reason = timezone.now(), actor, reason
    tip.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return tip


@transaction.atomic
def tip_show(*, actor: User, tip: Tip) -> Tip:
    _require_moderator(actor)
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    tip.hidden_at, tip.hidden_by, tip.hidden_reason = None, None, ""
    tip.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return tip


@transaction.atomic
def tip_set_verified(*, actor: User, tip: Tip, verified: bool) -> Tip:
    """Mark (or unmark) a tip as verified by enablement."""
    _require_moderator(actor)
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    tip.verified_at, tip.verified_by = (timezone.now(), actor) if verified else (None, None)
    tip.save(update_fields=["verified_at", "verified_by"])
    return tip


# Certifications ------------------------------------------------------------


@transaction.atomic
def assignment_create(*, actor: User, level: CertificationLevel, users=(), teams=(), due_date) -> list:
    """Ask reps, or whole teams, to hold a level by a date. Assigning again moves the due date."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can assign certifications.")
    if not users and not teams:
        raise DomainError("Choose at least one rep or team.")
    if due_date < timezone.localdate():
        raise DomainError("The due date has passed: choose today or a later date.")
    now = timezone.now()
    defaults = {"due_date": due_date, "assigned_by": actor, "assigned_at": now}
    assignments = [Assignment.objects.update_or_create(level=level, user=user, defaults=defaults)[0] for user in users]
    assignments += [Assignment.objects.update_or_create(level=level, team=team, defaults=defaults)[0] for team in teams]
    ids = [assignment.pk for assignment in assignments]
    transaction.on_commit(lambda: async_task("certify.tasks.assignment_emails_send", ids))
    return assignments


def assignment_emails_send(*, assignments) -> int:
    """Tell each rep what they have been asked to hold and by when."""
    sent = 0
    for assignment in assignments:
        people = [assignment.user] if assignment.user_id else list(assignment.team.members.filter(is_active=True))
        for person in people:
            context = {"person": person, "assignment": assignment, "url": settings.SITE_URL + reverse(
                "certification_detail", args=[assignment.level.certification.slug]
            )}
            message = EmailMultiAlternatives(
                subject=f"Certification due {assignment.due_date:%-d %B}: {assignment.level.certification}",
                body=render_to_string("certify/emails/assignment.txt", context),
                to=[person.email],
            )
            sent += message.send()
    return sent


def award_grant(*, user: User, level: CertificationLevel, attempt=None, granted_by=None, note: str = "", now=None) -> Award:
    """Record that the person holds a level. Level 2 needs level 1 held, level 3 needs level 2."""
    now = now or timezone.now()
    if level.number > 1:
        previous = Award.objects.current(now).filter(
            user=user, certification_id=level.certification_id, level__number=level.number - 1
        )
        if not previous.exists():
            raise DomainError(f"Level {level.number} of {level.certification} needs level {level.number - 1} first.")
    return Award.objects.create(
        user=user,
        certification_id=level.certification_id,
        level=level,
        awarded_at=now,
        valid_until=level.valid_until(now),
        attempt=attempt,
        granted_by=granted_by,
        note=note,
    )


@transaction.atomic
def award_grant_by_person(*, actor: User, user: User, level: CertificationLevel, note: str) -> Award:
    """An enablement admin grants a level by hand, saying on what grounds."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can grant certifications.")
    note = (note or "").strip()
    if not note:
        raise DomainError("Say on what grounds the level is granted.")
    return award_grant(user=user, level=level, granted_by=actor, note=note)


@transaction.atomic
def award_revoke(*, actor: User, award_id: int, reason: str) -> Award:
    """Take an award back. The record stays, with who revoked it and why."""
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can revoke awards.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason: the rep and their manager will read it.")
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None:
        raise DomainError("No such award.")
    if award.is_revoked:
        raise DomainError("This award has already been revoked.")
    award.revoked_at = timezone.now()
    award.revoked_by = actor
    award.revoke_reason = reason[:300]
    award.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return award


def award_for_attempt(*, attempt) -> list:
    """A passed quiz awards level 1 of each certification it serves that is open or assigned to the person."""
    if not attempt.passed:
        return []
    levels = CertificationLevel.objects.filter(
        quiz_id=attempt.quiz_id, number=LevelNumber.CONTENT, certification__active=True
    ).select_related("certification")
    return [
        award_grant(user=attempt.user, level=level, attempt=attempt, now=attempt.submitted_at)
        for level in levels
        if can_take_level(attempt.user, level)
    ]


def level_attempt_start(*, actor: User, level: CertificationLevel):
    """Start (or resume) the quiz of a level the person may take and does not already hold for long."""
    from assessments.services import attempt_start

    if not can_take_level(actor, level) or level.quiz_id is None:
        raise PermissionRefused("This quiz is not open to you.")

    def not_held_already():
        # Checked under the quiz engine's lock on the person, so a pass being graded right now counts.
        held = Award.objects.current().filter(user=actor, level=level).order_by("-valid_until").first()
        if held is not None and not award_renewable(held):
            until = f" until {held.valid_until:%-d %B %Y}" if held.valid_until else ""
            raise DomainError(f"You already hold {level.label.lower()}{until}.")

    return attempt_start(user=actor, quiz=level.quiz, precondition=not_held_already)


RENEWAL_WINDOW_DAYS = 60


def award_renewable(award: Award, now=None) -> bool:
    """An award can be renewed in its last RENEWAL_WINDOW_DAYS days."""
    now = now or timezone.now()
    return award.valid_until is not None and award.valid_until - now <= timedelta(days=RENEWAL_WINDOW_DAYS)
