"""Writes that matter for certifications: assignments and awards."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..models import Assignment, Award, CertificationLevel, LevelNumber, NoticeKind, User
from ..permissions import can_manage_certifications, can_take_level
from .notifications import notice_send
from .tiers import tier_recompute, tiers_recompute_later
from .webhooks import award_granted_emit, award_revoked_emit


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
                "certify:certification_detail", args=[assignment.level.certification.slug]
            )}
            sent += notice_send(
                to=person.email,
                reader=person,
                subject=f"Certification due {assignment.due_date:%-d %B}: {assignment.level.certification}",
                template="certify/emails/assignment.txt",
                kind=NoticeKind.ASSIGNMENT,
                context=context,
            )
    return sent


def award_grant(
    *, user: User, level: CertificationLevel, attempt=None, evaluation=None, granted_by=None, note: str = "", now=None
) -> Award:
    """Record that the person holds a level. Level 2 needs level 1 held, level 3 needs level 2.

    The rep's tier is worked out again at once, in the same transaction, so the page that shows the pass can
    say whether it moved the tier (the change is linked to the award)."""
    now = now or timezone.now()
    if level.number > 1:
        previous = Award.objects.current(now).filter(
            user=user, certification_id=level.certification_id, level__number=level.number - 1
        )
        if not previous.exists():
            raise DomainError(f"Level {level.number} of {level.certification} needs level {level.number - 1} first.")
    award = Award.objects.create(
        user=user,
        certification_id=level.certification_id,
        level=level,
        awarded_at=now,
        valid_until=level.valid_until(now),
        attempt=attempt,
        evaluation=evaluation,
        granted_by=granted_by,
        note=note,
    )
    award_granted_emit(award=award)
    tier_recompute(user=user, award=award)
    transaction.on_commit(lambda: async_task("certify.tasks.award_notice_send", award.pk))
    return award


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
    award_revoked_emit(award=award)
    tiers_recompute_later([award.user_id])
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
            until = f" until {timezone.localtime(held.valid_until):%-d %B %Y}" if held.valid_until else ""
            raise DomainError(f"You already hold {level.label.lower()}{until}.")

    return attempt_start(user=actor, quiz=level.quiz, precondition=not_held_already)


RENEWAL_WINDOW_DAYS = 60


def award_renewable(award: Award, now=None) -> bool:
    """An award can be renewed in its last RENEWAL_WINDOW_DAYS days."""
    now = now or timezone.now()
    return award.valid_until is not None and award.valid_until - now <= timedelta(days=RENEWAL_WINDOW_DAYS)
