"""Level-2 assessments as the certification domain runs them: requests, panels, notices, awards."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from assessments.models import Evaluation, EvaluationKind, EvaluationMode, EvaluationStatus
from assessments.services import evaluation_create, evaluation_panel_set, person_lock

from ..calendar import session_invite
from ..exceptions import DomainError, PermissionRefused
from ..models import Award, CertificationLevel, LevelEvaluation, LevelNumber, NoticeKind, Role, User
from ..permissions import can_take_level
from ..selectors.evaluations import evaluation_availability, judges_eligible, judges_managing
from .certifications import award_grant
from .notifications import notice_send

logger = logging.getLogger(__name__)


@transaction.atomic
def level_evaluation_request(
    *,
    actor: User,
    level: CertificationLevel,
    scenario,
    mode: str,
    scheduled_at=None,
    location: str = "",
    note: str = "",
    recording=None,
    now=None,
) -> Evaluation:
    """A rep asks to be assessed on level 2: a live session or a recording they upload.

    They must hold level 1, must not hold level 2 already (unless it is due for
    renewal), have no request open for it and, after a fail, have waited the
    level's practice time. If the level names a panel size, judges are chosen at once.
    """
    now = now or timezone.now()
    if not can_take_level(actor, level) or level.number != LevelNumber.APPLICATION:
        raise PermissionRefused("This assessment is not open to you.")
    if scenario is None or not level.scenarios.filter(pk=scenario.pk, active=True).exists():
        raise DomainError("Choose one of this level's role-plays.")
    person_lock(actor.pk)
    availability = evaluation_availability(user=actor, level=level, now=now)
    if not availability.can_request:
        raise DomainError(availability.reason)
    evaluation = evaluation_create(
        performer=actor,
        guide=level.guide,
        subject=f"{level.certification} — level {level.number}",
        kind=EvaluationKind.ROLE_PLAY,
        mode=mode,
        scenario=scenario,
        scheduled_at=scheduled_at,
        location=location,
        note=note,
        recording=recording,
        requested_by=actor,
        now=now,
    )
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)
    if level.panel_size:
        # Never the rep, nor a judge who manages the rep: only an admin may choose one of those, knowingly.
        judges = list(judges_eligible(exclude=[actor], not_managing=actor)[: level.panel_size])
        if len(judges) == level.panel_size:
            return _panel_set(actor=None, evaluation=evaluation, judges=judges, now=now).evaluation
    transaction.on_commit(lambda: async_task("certify.tasks.evaluation_request_emails_send", evaluation.pk))
    return evaluation


def _panel_set(*, actor, evaluation, judges, scheduled_at=None, location=None, now=None):
    before = Evaluation.objects.values_list("status", "scheduled_at", "location").get(pk=evaluation.pk)
    change = evaluation_panel_set(
        actor=actor, evaluation_id=evaluation.pk, judges=judges, scheduled_at=scheduled_at, location=location, now=now
    )
    added = [judge.pk for judge in change.added]
    moved = (change.evaluation.scheduled_at, change.evaluation.location) != before[1:]
    # The rep hears when the assessment is first booked and whenever it moves; new judges hear that they are on it.
    tell_rep = before[0] == EvaluationStatus.REQUESTED or moved
    if added or moved or tell_rep:
        transaction.on_commit(
            lambda: async_task("certify.tasks.evaluation_panel_emails_send", evaluation.pk, added, moved, tell_rep)
        )
    return change


@transaction.atomic
def evaluation_panel_assign(
    *,
    actor: User,
    evaluation: Evaluation,
    judges,
    scheduled_at=None,
    location=None,
    include_managers: bool = False,
    now=None,
):
    """An enablement admin chooses the panel (and may move a live session). Only people with the judge
    role sit on a panel, never the rep being assessed; a judge who manages the rep only with
    `include_managers` (the admin said they mean it). Judges and the rep are told by email."""
    if not actor.has_role(Role.ENABLEMENT_ADMIN):
        raise PermissionRefused("Only enablement admins can choose a panel.")
    eligible = set(judges_eligible(exclude=[evaluation.performer]).filter(pk__in=[j.pk for j in judges]).values_list("pk", flat=True))
    refused = [judge for judge in judges if judge.pk not in eligible and judge.pk != evaluation.performer_id]
    if refused:
        raise DomainError(f"{refused[0]} is not a judge: give them the judge role first.")
    if not include_managers:
        managing = judges_managing(evaluation.performer).filter(pk__in=[j.pk for j in judges]).first()
        if managing is not None:
            raise DomainError(
                f"{managing} manages {evaluation.performer}: tick that you mean to include them, or choose another judge."
            )
    return _panel_set(
        actor=actor, evaluation=evaluation, judges=judges, scheduled_at=scheduled_at, location=location, now=now
    )


# --- Notices ---------------------------------------------------------------------------


def evaluation_url(evaluation) -> str:
    """The evaluation's page, as a link in an email."""
    return settings.SITE_URL + reverse("certify:evaluation", args=[evaluation.pk])


def evaluation_for_notice(evaluation_id):
    return (
        Evaluation.objects.select_related(
            "performer", "scenario", "guide_version", "observer", "countersigner", "level_link__level__certification"
        )
        .prefetch_related("scorecards__judge")
        .filter(pk=evaluation_id)
        .first()
    )


def evaluation_panel_emails_send(
    *, evaluation_id: int, added_judge_ids=(), moved: bool = False, tell_rep: bool = True
) -> int:
    """Tell new judges they are on the panel, and the rep that their assessment is booked. A live
    session comes with a calendar invitation; a moved session sends everyone an updated one."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or not evaluation.is_open:
        return 0
    page_url = evaluation_url(evaluation)
    scorecard_url = settings.SITE_URL + reverse("certify:scorecard", args=[evaluation.pk])
    live = evaluation.mode == EvaluationMode.LIVE and evaluation.scheduled_at is not None
    sequence = evaluation.events.count()
    sent = 0
    for card in evaluation.scorecards.all():
        if card.judge_id not in added_judge_ids and not moved:
            continue
        attachments = []
        if live:
            invite = session_invite(evaluation, url=scorecard_url, reader=card.judge, sequence=sequence)
            attachments.append(("assessment.ics", invite, "text/calendar; method=REQUEST"))
        sent += notice_send(
            to=card.judge.email,
            reader=card.judge,
            subject=f"{'Moved: ' if moved and card.judge_id not in added_judge_ids else ''}You are on the panel: "
            f"{evaluation.performer} — {evaluation.subject}",
            template="certify/emails/evaluation_panel_judge.txt",
            kind=NoticeKind.PANEL,
            context={"evaluation": evaluation, "judge": card.judge, "url": scorecard_url, "live": live},
            attachments=attachments,
        )
    if not tell_rep:
        return sent
    attachments = []
    if live:
        invite = session_invite(evaluation, url=page_url, reader=evaluation.performer, sequence=sequence)
        attachments.append(("assessment.ics", invite, "text/calendar; method=REQUEST"))
    sent += notice_send(
        to=evaluation.performer.email,
        reader=evaluation.performer,
        subject=f"Your assessment is booked: {evaluation.subject}",
        template="certify/emails/evaluation_booked.txt",
        kind=NoticeKind.EVALUATION_BOOKED,
        context={"evaluation": evaluation, "url": page_url, "live": live},
        attachments=attachments,
    )
    return sent


def enablement_admins():
    """The active enablement admins: who is asked to moderate and to choose panels."""
    return User.objects.filter(is_active=True, groups__name=Role.ENABLEMENT_ADMIN.label).order_by("email")


def evaluation_request_emails_send(*, evaluation_id: int) -> int:
    """A rep asked for an assessment and no rule chose the panel: enablement admins are asked to."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or not evaluation.is_open:
        return 0
    url = settings.SITE_URL + reverse("certify_admin:evaluation_panel", args=[evaluation.pk])
    return sum(
        notice_send(
            to=admin.email,
            reader=admin,
            subject=f"Choose a panel: {evaluation.performer} — {evaluation.subject}",
            template="certify/emails/evaluation_requested.txt",
            kind=NoticeKind.PANEL_TO_CHOOSE,
            context={"evaluation": evaluation, "url": url},
        )
        for admin in enablement_admins()
    )


def evaluation_flagged_emails_send(*, evaluation_id: int) -> int:
    """The panel disagreed beyond the guide's tolerance, or a field observation's second observer did not agree
    with the sign-off: enablement admins are asked to moderate."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None:
        return 0
    url = settings.SITE_URL + reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk])
    who = "the observers disagreed" if evaluation.is_field_observation else "the panel disagreed"
    return sum(
        notice_send(
            to=admin.email,
            reader=admin,
            subject=f"Moderate: {who} on {evaluation.performer} — {evaluation.subject}",
            template="certify/emails/evaluation_flagged.txt",
            kind=NoticeKind.MODERATION,
            context={"evaluation": evaluation, "url": url},
        )
        for admin in enablement_admins()
    )


def evaluation_result_email_send(*, evaluation_id: int) -> int:
    """The rep's result is ready: the email says so and links to it; the scores stay on the site."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None or not evaluation.is_released:
        return 0
    url = evaluation_url(evaluation)
    return notice_send(
        to=evaluation.performer.email,
        reader=evaluation.performer,
        subject=f"Your assessment result is ready: {evaluation.subject}",
        template="certify/emails/evaluation_result.txt",
        kind=NoticeKind.RESULT,
        context={"evaluation": evaluation, "url": url},
    )


# --- Results -------------------------------------------------------------------------------


def award_for_evaluation(*, evaluation: Evaluation) -> Award | None:
    """A released pass awards the level the evaluation was for; the rep is told either way."""
    evaluation_id = evaluation.pk
    transaction.on_commit(lambda: async_task("certify.tasks.evaluation_result_email_send", evaluation_id))
    link = LevelEvaluation.objects.select_related("level__certification").filter(evaluation=evaluation).first()
    if link is None or not evaluation.passed:
        return None
    try:
        with transaction.atomic():
            return award_grant(
                user=evaluation.performer, level=link.level, evaluation=evaluation, now=evaluation.released_at
            )
    except DomainError:
        # Level 1 lapsed while the panel scored: the pass stands on record, and the rep renews level 1 to hold both.
        logger.warning("Evaluation %s passed but level %s was not awarded: the level below is not held.", evaluation_id, link.level)
        return None


def evaluation_cancelled_notice(*, evaluation: Evaluation, actor) -> None:
    evaluation_id, actor_id = evaluation.pk, actor.pk
    transaction.on_commit(lambda: async_task("certify.tasks.evaluation_cancelled_emails_send", evaluation_id, actor_id))


def evaluation_cancelled_emails_send(*, evaluation_id: int, actor_id: int) -> int:
    """A withdrawn or cancelled role-play: the panel is told (a live session leaves their calendars), and so is
    the rep when someone else cancelled it, with the reason."""
    evaluation = evaluation_for_notice(evaluation_id)
    if evaluation is None:
        return 0
    # Only a role-play's live session went out as a calendar invitation; a customer call never did.
    live = (
        not evaluation.is_field_observation and evaluation.mode == EvaluationMode.LIVE and evaluation.scheduled_at is not None
    )
    reason = evaluation.events.order_by("-at", "-pk").values_list("reason", flat=True).first() or ""
    sequence = evaluation.events.count()
    url = evaluation_url(evaluation)
    people = {card.judge_id: card.judge for card in evaluation.scorecards.all()}
    for person in (evaluation.observer, evaluation.countersigner):
        if person is not None:
            people.setdefault(person.pk, person)
    recipients = [person for pk, person in people.items() if pk != actor_id]
    if actor_id != evaluation.performer_id:
        recipients.append(evaluation.performer)
    sent = 0
    for person in recipients:
        attachments = []
        if live:
            invite = session_invite(evaluation, url=url, reader=person, sequence=sequence, cancel=True)
            attachments.append(("assessment.ics", invite, "text/calendar; method=CANCEL"))
        sent += notice_send(
            to=person.email,
            reader=person,
            subject=f"Cancelled: {evaluation.performer} — {evaluation.subject}",
            template="certify/emails/evaluation_cancelled.txt",
            kind=NoticeKind.EVALUATION_CANCELLED,
            context={"evaluation": evaluation, "person": person, "reason": reason, "live": live,
                     "by_rep": actor_id == evaluation.performer_id},
            attachments=attachments,
        )
    return sent


def evaluation_flagged_notice(*, evaluation: Evaluation) -> None:
    evaluation_id = evaluation.pk
    transaction.on_commit(lambda: async_task("certify.tasks.evaluation_flagged_emails_send", evaluation_id))
