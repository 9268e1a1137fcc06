"""Writes that matter for tips."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..exceptions import DomainError, PermissionRefused
from ..formatting import find_markup
from ..models import Role, Tip, TipHelpfulMark, TipReply, User


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
