"""The rep's home as a to-do list: what is coming up, what just happened, and the one next step.

`rep_todo` reads it all in a fixed number of queries, however many role-plays, attempts, awards or tier
changes the rep has: each list is read newest (or soonest) first and cut in the database.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, Evaluation, EvaluationMode, EvaluationStatus

from ..models import Award, CertificationLevel, LevelNumber, TierChange
from .certifications import certifications_due
from .evaluations import Refusal, availability_from, is_assessed_level, level_evaluations

COMING_UP_LIMIT = 10
JUST_HAPPENED_LIMIT = 10
JUST_HAPPENED_DAYS = 30


@dataclass
class ComingUp:
    """One thing ahead of the rep. `kind` is "evaluation" (a role-play or an observation still open), "due" (an
    assigned level not held yet: `row` is a LevelRow) or "attempt" (a quiz started and not submitted)."""

    kind: str
    day: date | None  # what the list is ordered by: the session or call, the due date, the attempt's deadline
    overdue: bool = False
    evaluation: Evaluation | None = None
    row: object = None
    attempt: Attempt | None = None


@dataclass
class JustHappened:
    """One thing of the last JUST_HAPPENED_DAYS days. `kind` is "attempt" (a quiz submitted), "evaluation" (a
    result released), "award" (a level granted by hand) or "tier" (a tier change); `awards` are the levels a
    pass earned."""

    kind: str
    at: datetime
    attempt: Attempt | None = None
    evaluation: Evaluation | None = None
    award: Award | None = None
    change: TierChange | None = None
    awards: list = field(default_factory=list)


@dataclass(frozen=True)
class NextStep:
    """The one thing the rep should do next: what, why, and a button."""

    title: str
    detail: str
    label: str
    url: str


@dataclass
class RepTodo:
    coming_up: list
    just_happened: list
    next_step: NextStep
    days: int = JUST_HAPPENED_DAYS


def _level_of(evaluation):
    try:
        return evaluation.level_link.level
    except ObjectDoesNotExist:
        return None


def _coming_up(*, evaluations, due_rows, open_attempts) -> list:
    """Overdue levels first, then everything by its day (soonest first); what has no day yet goes last."""
    items = [
        ComingUp(
            kind="evaluation",
            day=timezone.localdate(evaluation.scheduled_at) if evaluation.scheduled_at else None,
            evaluation=evaluation,
        )
        for evaluation in evaluations
    ]
    items += [ComingUp(kind="due", day=row.due_date, overdue=row.overdue, row=row) for row in due_rows]
    due_quizzes = {row.level.quiz_id for row in due_rows if row.open_attempt is not None}
    items += [
        ComingUp(kind="attempt", day=timezone.localdate(attempt.deadline) if attempt.deadline else None, attempt=attempt)
        for attempt in open_attempts
        if attempt.quiz_id not in due_quizzes
    ]
    items.sort(key=lambda item: (not item.overdue, item.day is None, item.day or date.max))
    return items[:COMING_UP_LIMIT]


def _just_happened(*, user, since) -> list:
    """Quiz results, released role-play and observation results, levels granted by hand and tier changes
    since `since`, newest first. Four queries, each cut in the database."""
    attempts = list(
        Attempt.objects.submitted()
        .filter(user=user, submitted_at__gte=since)
        .select_related("quiz")
        .order_by("-submitted_at", "-pk")[:JUST_HAPPENED_LIMIT]
    )
    evaluations = list(
        Evaluation.objects.released()
        .filter(performer=user, released_at__gte=since)
        .select_related("level_link__level__certification", "scenario")
        .order_by("-released_at", "-pk")[:JUST_HAPPENED_LIMIT]
    )
    # A pass's awards go with the pass; the rest were granted by hand. Enough rows for every pass shown (a quiz
    # may serve several certifications) and for the hand-granted ones.
    awards = list(
        Award.objects.filter(user=user, awarded_at__gte=since)
        .select_related("level", "certification", "granted_by")
        .order_by("-awarded_at", "-pk")[: JUST_HAPPENED_LIMIT * 3]
    )
    changes = list(
        TierChange.objects.filter(user=user, at__gte=since)
        .select_related("from_tier", "to_tier")
        .order_by("-at", "-pk")[:JUST_HAPPENED_LIMIT]
    )
    by_attempt, by_evaluation, by_hand = {}, {}, []
    for award in awards:
        if award.attempt_id:
            by_attempt.setdefault(award.attempt_id, []).append(award)
        elif award.evaluation_id:
            by_evaluation.setdefault(award.evaluation_id, []).append(award)
        else:
            by_hand.append(award)
    items = [
        JustHappened(kind="attempt", at=attempt.submitted_at, attempt=attempt, awards=by_attempt.get(attempt.pk, []))
        for attempt in attempts
    ]
    items += [
        JustHappened(
            kind="evaluation", at=evaluation.released_at, evaluation=evaluation, awards=by_evaluation.get(evaluation.pk, [])
        )
        for evaluation in evaluations
    ]
    items += [JustHappened(kind="award", at=award.awarded_at, award=award) for award in by_hand[:JUST_HAPPENED_LIMIT]]
    items += [JustHappened(kind="tier", at=change.at, change=change) for change in changes]
    items.sort(key=lambda item: item.at, reverse=True)
    return items[:JUST_HAPPENED_LIMIT]


# --- The next step ------------------------------------------------------------------------------------------


def _certification_url(slug, anchor=""):
    return reverse("certify:certification_detail", args=[slug]) + anchor


def _evaluation_step(evaluation, now) -> NextStep | None:
    """Preparing for a booked role-play or an accepted observation; None for what waits on someone else."""
    if evaluation.status != EvaluationStatus.SCHEDULED:
        return None
    url = reverse("certify:evaluation", args=[evaluation.pk])
    when = timezone.localtime(evaluation.scheduled_at) if evaluation.scheduled_at else None
    if evaluation.is_field_observation:
        if when is None or when < now:
            return None  # the call has taken place: the observer scores it
        return NextStep(
            title=f"Prepare for the call with {evaluation.account}",
            detail=f"{evaluation.observer.display_name if evaluation.observer else 'Your manager'} observes it on "
            f"{when:%A %-d %B at %H:%M} and scores it with the field guide.",
            label="Prepare with the field guide",
            url=url,
        )
    if evaluation.mode != EvaluationMode.LIVE or when is None or when < now:
        return None  # a recording, or a session that has happened: the panel is scoring it
    return NextStep(
        title=f"Prepare for your role-play: {evaluation.subject}",
        detail=f"Your panel meets you on {when:%A %-d %B at %H:%M}. Read the brief and the guide they score with.",
        label="Prepare with the guide",
        url=url,
    )


def _asked_already_step(evaluation, title, why, now) -> NextStep:
    """The rep has asked for this level's role-play or observation: prepare for it, or wait for the result."""
    kind = "observed call" if evaluation.is_field_observation else "role-play"
    url = reverse("certify:evaluation", args=[evaluation.pk])
    booked = _evaluation_step(evaluation, now)
    if booked is not None:
        return replace(booked, detail=f"{why} {booked.detail}")
    if evaluation.status == EvaluationStatus.REQUESTED:
        waiting = "your manager answers" if evaluation.is_field_observation else "your panel is chosen"
        return NextStep(
            title=f"Prepare for your {kind}: {title}",
            detail=f"{why} You have asked for it; read the guide it is scored with while {waiting}.",
            label="Prepare with the guide",
            url=url,
        )
    return NextStep(
        title=f"Your {kind} result is on its way: {title}",
        detail=f"{why} It is being scored; you will get an email when the result is ready.",
        label="See where it stands",
        url=url,
    )


def _level_step(*, user, slug, number, why, held, open_evaluations, now) -> NextStep | None:
    """What to do about level `number` of a certification: the lowest level of it the rep does not hold yet,
    taken the way that level is taken. At most three queries: the certification's levels, the rep's attempts at
    its quiz or evaluations for it, and whether the certification is open to them."""
    from assessments.selectors import attempt_availability

    from ..permissions import can_take_level

    levels = list(
        CertificationLevel.objects.filter(certification__slug=slug, certification__active=True)
        .select_related("certification", "quiz")
        .order_by("number")
    )
    held_numbers = {level.number for level in levels if level.pk in held}
    level = next((level for level in levels if level.number <= number and level.number not in held_numbers), None)
    if level is None:
        return None
    certification = level.certification
    if level.number < number:
        why = f"{why} Level {number} builds on level {level.number}, so that comes first."
    open_evaluation = open_evaluations.get(level.pk)
    if open_evaluation is not None:
        return _asked_already_step(open_evaluation, certification.title, why, now)
    if not can_take_level(user, level):
        return NextStep(
            title=f"Ask for {certification.title}",
            detail=f"{why} It is not assigned to you yet: ask your manager or your enablement team to assign it.",
            label="See your path",
            url=reverse("certify:rep_path"),
        )
    if level.number == LevelNumber.CONTENT and level.quiz_id:
        attempts = list(Attempt.objects.filter(user=user, quiz_id=level.quiz_id).order_by("number"))
        availability = attempt_availability(quiz=level.quiz, attempts=attempts, now=now)
        if availability.open_attempt is not None:
            return NextStep(
                title=f"Finish the {certification.title} quiz",
                detail=f"{why} Your answers so far are saved.",
                label="Continue the quiz",
                url=reverse("certify:attempt", args=[availability.open_attempt.pk]),
            )
        if availability.can_start:
            return NextStep(
                title=f"Take the {certification.title} quiz",
                detail=why,
                label="Take the quiz",
                url=_certification_url(slug),
            )
        if availability.next_start_at is not None:
            again = timezone.localtime(availability.next_start_at)
            return NextStep(
                title=f"Study for the {certification.title} quiz",
                detail=f"{why} You can try again from {again:%A %-d %B, %H:%M}; the study material is on the "
                "certification's page.",
                label="Prepare with the study material",
                url=_certification_url(slug),
            )
        return NextStep(
            title=f"Ask about the {certification.title} quiz",
            detail=f"{why} {availability.reason}",
            label="See the certification",
            url=_certification_url(slug),
        )
    if is_assessed_level(level):
        observation = level.number == LevelNumber.FIELD
        url = reverse("certify:level_assessment", args=[slug, level.number])
        availability = availability_from(
            level=level,
            evaluations=list(level_evaluations(user=user, level=level)[:20]),
            held=None,
            previous_held=level.number - 1 in held_numbers,
            now=now,
        )
        if availability.can_request:
            return NextStep(
                title=f"Ask your manager to observe a call: {certification.title}"
                if observation
                else f"Request the {certification.title} role-play",
                detail=why,
                label="Ask for an observation" if observation else "Request the role-play",
                url=url,
            )
        if availability.code == Refusal.PRACTISE:
            return NextStep(
                title=f"Practise for {certification.title} level {level.number}",
                detail=f"{why} {availability.reason}",
                label="Prepare with the guide",
                url=url,
            )
    return NextStep(
        title=f"{level.label} of {certification.title}",
        detail=f"{why} The certification's page says how it is taken.",
        label="See the certification",
        url=_certification_url(slug),
    )


def _due_words(row) -> str:
    if row.overdue:
        return f"It was due on {row.due_date:%-d %B}."
    return f"It is due on {row.due_date:%-d %B}."


def rep_next_step(*, user, open_attempts, evaluations, due_rows, held, tier_status, now) -> NextStep:
    """One next step, first of: a quiz started and not finished; an overdue level; preparing for a booked
    role-play or observed call; the level due soonest; what the next tier still needs; the path."""
    if open_attempts:
        attempt = min(open_attempts, key=lambda attempt: (attempt.deadline is None, attempt.deadline or now))
        return NextStep(
            title=f"Finish the quiz you started: {attempt.quiz.title}",
            detail="Your answers so far are saved.",
            label="Continue the quiz",
            url=reverse("certify:attempt", args=[attempt.pk]),
        )
    open_by_level = {}
    for evaluation in evaluations:
        level = _level_of(evaluation)
        if level is not None:
            open_by_level.setdefault(level.pk, evaluation)

    def for_row(row):
        return _level_step(
            user=user, slug=row.certification.slug, number=row.level.number, why=_due_words(row), held=held,
            open_evaluations=open_by_level, now=now,
        )  # fmt: skip

    overdue = next((row for row in due_rows if row.overdue), None)
    if overdue is not None and (step := for_row(overdue)):
        return step
    for evaluation in evaluations:
        if step := _evaluation_step(evaluation, now):
            return step
    if due_rows and (step := for_row(due_rows[0])):
        return step
    if tier_status is not None and tier_status.next_tier is not None:
        needed = tier_status.missing or []
        level_need = next((item for item in needed if item.get("kind") == "level" and item.get("slug")), None)
        why = f"{tier_status.next_tier.name} needs it."
        if level_need is not None and (
            step := _level_step(
                user=user, slug=level_need["slug"], number=level_need["number"], why=why, held=held,
                open_evaluations=open_by_level, now=now,
            )  # fmt: skip
        ):
            return step
        other = next((item for item in needed if item.get("kind") != "level"), None)
        if other is not None:
            return NextStep(
                title=other["label"],
                detail=f"{tier_status.next_tier.name} needs it. Closed deals come in from the CRM.",
                label="See your path",
                url=reverse("certify:rep_path"),
            )
    return NextStep(
        title="You are up to date",
        detail="Nothing is due and nothing is booked. Your path shows each tier and what it asks for.",
        label="See your path",
        url=reverse("certify:rep_path"),
    )


def rep_todo(*, user, teams, tier_status, now=None) -> RepTodo:
    """The rep's to-do list. Queries, whatever the data: open attempts, open evaluations, assignments due,
    levels held now, then the last 30 days' attempts, released results, awards and tier changes; and for the
    next step at most three more (one level's certification, the rep's attempts or evaluations for it, whether
    it is open to them)."""
    now = now or timezone.now()
    # One open attempt per quiz at most (a constraint), so this list is as long as the quizzes the rep has begun.
    open_attempts = list(
        Attempt.objects.open().filter(user=user).select_related("quiz").order_by(F("deadline").asc(nulls_last=True), "pk")
    )
    evaluations = list(
        Evaluation.objects.open()
        .filter(performer=user)
        .select_related("level_link__level__certification", "scenario", "observer")
        .order_by(F("scheduled_at").asc(nulls_last=True), "requested_at", "pk")[:COMING_UP_LIMIT]
    )
    due_rows = certifications_due(
        user=user,
        teams=teams,
        limit=COMING_UP_LIMIT,
        now=now,
        open_attempts={attempt.quiz_id: attempt for attempt in open_attempts},
    )
    held = set(Award.objects.current(now).filter(user=user).values_list("level_id", flat=True))
    return RepTodo(
        coming_up=_coming_up(evaluations=evaluations, due_rows=due_rows, open_attempts=open_attempts),
        just_happened=_just_happened(user=user, since=now - timedelta(days=JUST_HAPPENED_DAYS)),
        next_step=rep_next_step(
            user=user,
            open_attempts=open_attempts,
            evaluations=evaluations,
            due_rows=due_rows,
            held=held,
            tier_status=tier_status,
            now=now,
        ),
    )
