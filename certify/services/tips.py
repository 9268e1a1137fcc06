"""Writes that matter for tips."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..formatting import find_markup
from ..models import (
    NoticeKind,
    Role,
    Tip,
    TipFlag,
    TipFlagOutcome,
    TipFlagReason,
    TipHelpfulMark,
    TipReply,
    TipRevision,
    User,
)
from .evaluations import enablement_admins
from .notifications import notice_send


def text_length(text: str) -> int:
    """How long a text is for its minimum: padding does not count (runs of spaces and line breaks count as one)."""
    return len(" ".join((text or "").split()))


def _tip_clean(*, title: str, body: str) -> tuple[str, str]:
    """The title and text stripped, or a ValidationError saying for each what is wrong (the first rule it breaks:
    missing, too long, markup, too short)."""
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
    if "title" not in errors and text_length(title) < Tip.TITLE_MIN:
        errors["title"] = (
            f"Make the title at least {Tip.TITLE_MIN} characters (it has {text_length(title)}): "
            "say what to do, e.g. “Ask for the forecast review”."
        )
    if "body" not in errors and text_length(body) < Tip.BODY_MIN:
        errors["body"] = (
            f"Say a little more: a tip needs at least {Tip.BODY_MIN} characters (it has {text_length(body)}), "
            "what you did and why it worked."
        )
    if errors:
        raise ValidationError(errors)
    return title, body


def _reply_clean(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a reply first."})
    if len(body) > TipReply.BODY_MAX:
        raise ValidationError({"body": f"Keep a reply to {TipReply.BODY_MAX} characters (it has {len(body)})."})
    markup = find_markup(body)
    if markup:
        raise ValidationError({"body": f"Replies are plain text; remove the markup {markup}."})
    return body


@transaction.atomic
def tip_create(*, author: User, title: str, body: str, product, stage, page=None) -> Tip:
    """Share a tip. Anyone signed in may; the text is checked and stored as written."""
    if not author.is_authenticated or not author.is_active:
        raise PermissionRefused("Sign in to share a tip.")
    title, body = _tip_clean(title=title, body=body)
    return Tip.objects.create(author=author, title=title, body=body, product=product, stage=stage, page=page)


@transaction.atomic
def tip_edit(*, actor: User, tip: Tip, title: str, body: str) -> Tip:
    """The author rewrites their tip's title and text. The version it replaces is kept for moderators."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.author_id != actor.pk or tip.is_deleted:
        raise PermissionRefused("Only the tip's author can edit it.")
    title, body = _tip_clean(title=title, body=body)
    if (title, body) == (tip.title, tip.body):
        raise DomainError("Nothing changed: the tip is as it was.")
    now = timezone.now()
    TipRevision.objects.create(
        tip=tip, title=tip.title, body=tip.body, written_at=tip.edited_at or tip.created_at, replaced_at=now,
        replaced_by=actor,
    )  # fmt: skip
    tip.title, tip.body, tip.edited_at = title, body, now
    tip.save(update_fields=["title", "body", "edited_at"])
    return tip


@transaction.atomic
def tip_delete(*, actor: User, tip: Tip) -> Tip:
    """Take a tip off the site: its author, or a moderator. The tip, its replies and its history stay on record
    for moderators; its open flags are resolved as deleted."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.author_id != actor.pk and not actor.has_role(Role.ENABLEMENT_ADMIN):
        raise PermissionRefused("Only the tip's author or an enablement admin can delete it.")
    if tip.is_deleted:
        raise DomainError("This tip is already deleted.")
    now = timezone.now()
    tip.deleted_at, tip.deleted_by = now, actor
    tip.save(update_fields=["deleted_at", "deleted_by"])
    _flags_resolve(tip=tip, actor=actor, outcome=TipFlagOutcome.DELETED, now=now)
    return tip


@transaction.atomic
def tip_mark_helpful(*, user: User, tip: Tip) -> TipHelpfulMark:
    """Mark a tip helpful: once per person, never one's own, never a hidden tip."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.author_id == user.pk:
        raise DomainError("You can't mark your own tip as helpful.")
    if tip.is_hidden or tip.is_deleted:
        raise DomainError("This tip is hidden and can't be marked.")
    mark, created = TipHelpfulMark.objects.get_or_create(tip=tip, user=user)
    if not created:
        raise DomainError("You have already marked this tip as helpful.")
    return mark


@transaction.atomic
def tip_reply(*, author: User, tip: Tip, body: str) -> TipReply:
    body = _reply_clean(body)
    if tip.is_hidden or tip.is_deleted:
        raise DomainError("This tip is hidden; replies are closed.")
    return TipReply.objects.create(tip=tip, author=author, body=body)


@transaction.atomic
def tip_reply_edit(*, actor: User, reply: TipReply, body: str) -> TipReply:
    """The author rewrites their reply. The version it replaces is kept for moderators."""
    reply = TipReply.objects.select_for_update().select_related("tip").get(pk=reply.pk)
    if reply.author_id != actor.pk or reply.tip.is_deleted:
        raise PermissionRefused("Only the reply's author can edit it.")
    if reply.tip.is_hidden:
        raise DomainError("This tip is hidden; replies are closed.")
    body = _reply_clean(body)
    if body == reply.body:
        raise DomainError("Nothing changed: the reply is as it was.")
    now = timezone.now()
    TipRevision.objects.create(
        tip=reply.tip, reply=reply, body=reply.body, written_at=reply.edited_at or reply.created_at, replaced_at=now,
        replaced_by=actor,
    )  # fmt: skip
    reply.body, reply.edited_at = body, now
    reply.save(update_fields=["body", "edited_at"])
    return reply


@transaction.atomic
def tip_flag(*, actor: User, tip: Tip, reason: str, note: str = "") -> TipFlag:
    """Ask enablement to look at someone else's tip, saying why. One open flag per person per tip; enablement
    admins are told by email."""
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionRefused("Sign in to flag a tip.")
    if tip.author_id == actor.pk:
        raise PermissionRefused("You can't flag your own tip; edit or delete it instead.")
    if tip.is_hidden or tip.is_deleted:
        raise DomainError("This tip is already hidden from reps; there is nothing to flag.")
    note = (note or "").strip()
    errors = {}
    if reason not in TipFlagReason.values:
        errors["reason"] = "Choose what is wrong with the tip."
    if len(note) > TipFlag.NOTE_MAX:
        errors["note"] = f"Keep the note to {TipFlag.NOTE_MAX} characters (it has {len(note)})."
    elif reason == TipFlagReason.OTHER and not note:
        errors["note"] = "Say in a few words what is wrong with the tip."
    if errors:
        raise ValidationError(errors)
    already = DomainError("You have already flagged this tip; enablement will look at it.")
    if TipFlag.objects.filter(tip=tip, flagged_by=actor, resolved_at__isnull=True).exists():
        raise already
    try:
        with transaction.atomic():
            flag = TipFlag.objects.create(tip=tip, flagged_by=actor, reason=reason, note=note)
    except IntegrityError:  # the same person's second flag, sent at the same moment
        raise already from None
    flag_id = flag.pk
    transaction.on_commit(lambda: async_task("certify.tasks.tip_flagged_emails_send", flag_id))
    return flag


def tip_flagged_emails_send(*, flag_id: int) -> int:
    """A tip was flagged: each enablement admin is told what and why, with a link to moderate it."""
    flag = TipFlag.objects.select_related("tip__author", "flagged_by").filter(pk=flag_id).first()
    if flag is None or not flag.is_open:
        return 0
    url = settings.SITE_URL + reverse("certify:tip_detail", args=[flag.tip_id])
    listing = settings.SITE_URL + reverse("wagtailsnippets_certify_tip:list")
    return sum(
        notice_send(
            to=admin.email,
            subject=f"Tip flagged: {flag.tip.title}",
            template="certify/emails/tip_flagged.txt",
            kind=NoticeKind.TIP_FLAGGED,
            context={"flag": flag, "tip": flag.tip, "url": url, "listing_url": listing},
            reader=admin,
        )
        for admin in enablement_admins()
    )


def _require_moderator(actor):
    if not actor.has_role(Role.ENABLEMENT_ADMIN):
        raise PermissionRefused("Only enablement admins moderate tips.")


def _flags_resolve(*, tip: Tip, actor: User, outcome: str, now=None) -> int:
    return TipFlag.objects.filter(tip=tip, resolved_at__isnull=True).update(
        resolved_at=now or timezone.now(), resolved_by=actor, outcome=outcome
    )


@transaction.atomic
def tip_flags_resolve(*, actor: User, tip: Tip) -> int:
    """A moderator read the open flags and keeps the tip as it is: the flags are closed with who and when."""
    _require_moderator(actor)
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    resolved = _flags_resolve(tip=tip, actor=actor, outcome=TipFlagOutcome.KEPT)
    if not resolved:
        raise DomainError("This tip has no open flags.")
    return resolved


@transaction.atomic
def tip_hide(*, actor: User, tip: Tip, reason: str) -> Tip:
    """Hide a tip from everyone but its author, who sees the reason. Its open flags are resolved as hidden."""
    _require_moderator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the tip is hidden; its author will see this."})
    if len(reason) > 300:
        raise ValidationError({"reason": "Keep the reason to 300 characters."})
    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    tip.hidden_at, tip.hidden_by, tip.hidden_reason = timezone.now(), actor, reason
    tip.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _flags_resolve(tip=tip, actor=actor, outcome=TipFlagOutcome.HIDDEN, now=tip.hidden_at)
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
