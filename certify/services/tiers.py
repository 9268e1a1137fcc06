"""Keeping each rep's tier: recomputed whenever an award or a deal changes, and nightly; every change recorded."""

from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from .. import tier_rules
from ..models import Award, NoticeKind, RepTier, Role, TierChange, User
from ..selectors.tiers import tier_facts, tier_rules_all
from .notifications import notice_send
from .webhooks import tier_changed_emit

def tiers_recompute_later(user_ids) -> None:
    """Queue a recomputation of these reps' tiers once the current transaction commits."""
    ids = sorted(set(user_ids))
    if ids:
        transaction.on_commit(lambda: async_task("certify.tasks.tiers_recompute", ids))


def _missing_rows(result: tier_rules.TierResult) -> list:
    return [{"kind": item.kind, "label": item.label, "slug": item.slug, "number": item.number} for item in result.missing]


def _moved_by(award: Award, facts: tier_rules.Facts, rules, result: tier_rules.TierResult, now) -> bool:
    """Whether the rep reaches `result`'s tier only because of `award`: without it (and with every other
    level they hold now) they would sit elsewhere. One query: the levels held under the other awards."""
    others = frozenset(
        Award.objects.current(now).filter(user_id=award.user_id).exclude(pk=award.pk)
        .values_list("certification_id", "level__number")
    )
    without = tier_rules.evaluate(replace(facts, held=others), rules)
    return (without.tier.pk if without.tier else None) != (result.tier.pk if result.tier else None)


@transaction.atomic
def tier_recompute(*, user: User, rules=None, now=None, award: Award | None = None) -> RepTier | None:
    """Work out the rep's tier from their awards and deals; record and announce any change.

    Only reps have tiers. The rep's row is locked so two recomputations of one
    rep (an award and a deal arriving together) record one change, not two.
    `award` is the award just granted, when that is why the tier is worked out: a change it caused is
    linked to it, so the pass that earned the award can say it moved the rep's tier.
    """
    now = now or timezone.now()
    user = User.objects.select_for_update().filter(pk=user.pk, is_active=True).first()
    if user is None or not user.groups.filter(name=Role.REP.label).exists():
        # Someone who is no longer a rep (or no longer active) holds no tier.
        RepTier.objects.filter(user_id=getattr(user, "pk", None)).delete()
        return None
    rules = tier_rules_all() if rules is None else rules
    facts = tier_facts(user=user, now=now)
    result = tier_rules.evaluate(facts, rules)
    status, _ = RepTier.objects.select_related("tier").get_or_create(user=user)
    old_tier = status.tier
    new_id = result.tier.pk if result.tier else None
    status.tier_id = new_id
    status.next_tier_id = result.next_tier.pk if result.next_tier else None
    status.progress = result.progress
    status.missing = _missing_rows(result)
    status.computed_at = now
    status.save()
    if (old_tier.pk if old_tier else None) != new_id:
        old_rule = next((rule for rule in rules if old_tier and rule.pk == old_tier.pk), None)
        change = TierChange.objects.create(
            user=user,
            from_tier=old_tier,
            to_tier_id=new_id,
            from_name=old_tier.name if old_tier else "",
            to_name=result.tier.name if result.tier else "",
            reason=tier_rules.explain_change(old_rule, result.tier, result),
            at=now,
            award=award if award is not None and _moved_by(award, facts, rules, result, now) else None,
        )
        tier_changed_emit(change=change)
        if change.is_promotion:
            transaction.on_commit(lambda: async_task("certify.tasks.tier_promotion_emails_send", change.pk))
    return status


def tier_promotion_emails_send(*, change: TierChange) -> int:
    """Tell the rep, and each of their managers, about a promotion."""
    rep = change.user
    managers = User.objects.filter(managed_teams__members=rep, is_active=True).distinct()
    url = settings.SITE_URL + reverse("certify:rep_path")
    sent = 0
    for person, template in [(rep, "certify/emails/tier_promotion.txt")] + [
        (manager, "certify/emails/tier_promotion_manager.txt") for manager in managers
    ]:
        subject = (
            f"You reached {change.to_name}" if person == rep else f"{rep.display_name} reached {change.to_name}"
        )
        sent += notice_send(
            to=person.email,
            reader=person,
            subject=subject,
            template=template,
            kind=NoticeKind.TIER_CHANGE,
            context={"person": person, "rep": rep, "change": change, "url": url},
        )
    return sent

