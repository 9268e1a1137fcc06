"""Writes that matter for quizzes: starting, answering and submitting an attempt (importing questions is question_imports)."""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..exceptions import AttemptClosed, AttemptNotAllowed, AttemptNotFound, InvalidAnswer, QuizNotReady
from ..grading import answer_score, percentage
from ..models import (
    ATTEMPT_TRANSITIONS,
    Attempt,
    AttemptEvent,
    AttemptQuestion,
    AttemptStatus,
    Question,
    QuestionKind,
    Quiz,
)
from ..selectors import attempt_availability
from .locks import person_lock
from ..signals import attempt_submitted

_random = secrets.SystemRandom()


def deadline_grace() -> timedelta:
    """Answers that were on their way when the time ran out still count."""
    return timedelta(seconds=getattr(settings, "QUIZ_DEADLINE_GRACE_SECONDS", 30))


def attempt_is_past_deadline(attempt: Attempt, now=None) -> bool:
    return attempt.deadline is not None and (now or timezone.now()) > attempt.deadline + deadline_grace()


def _transition(attempt: Attempt, event: str, *, actor, reason: str = "", now) -> None:
    """Move the attempt as the table allows and record the move."""
    new_status = ATTEMPT_TRANSITIONS.get((attempt.status, event))
    if new_status is None:
        raise AttemptClosed("This attempt has been submitted; it can no longer change.")
    if new_status != attempt.status:
        AttemptEvent.objects.create(
            attempt=attempt, from_status=attempt.status, to_status=new_status, actor=actor, reason=reason, at=now
        )
        attempt.status = new_status


def _draw(quiz: Quiz) -> list:
    """The questions for a new attempt: a random draw from each bank, as the quiz says."""
    chosen = []
    for section in quiz.sections.all():
        candidates = Question.objects.filter(bank_id=section.bank_id, active=True)
        if section.category:
            # A category holds the categories below it: "Discovery" draws from "Discovery/Listening" too.
            candidates = candidates.filter(Q(category=section.category) | Q(category__startswith=f"{section.category}/"))
        ids = list(candidates.exclude(pk__in=chosen).values_list("pk", flat=True))
        drawn = _random.sample(ids, min(section.count, len(ids)))
        # Unshuffled quizzes keep each bank's own order (by name) for the questions drawn.
        picked = set(drawn)
        chosen += drawn if quiz.shuffle_questions else [pk for pk in ids if pk in picked]
    questions = {question.pk: question for question in Question.objects.filter(pk__in=chosen).prefetch_related("choices")}
    ordered = [questions[pk] for pk in chosen]
    if quiz.shuffle_questions:
        _random.shuffle(ordered)
    return ordered


def _snapshot(question: Question, *, shuffle: bool) -> list:
    choices = [
        {"text": choice.text, "fraction": str(choice.fraction), "feedback": choice.feedback}
        for choice in question.choices.all()
    ]
    if shuffle and question.kind != QuestionKind.TRUE_FALSE:
        _random.shuffle(choices)
    return choices


def attempt_start(*, user, quiz: Quiz, now=None, precondition=None) -> Attempt:
    """Open a new attempt, or return the one already open.

    The person's row is locked first, so two tabs starting at once (or a start
    racing the grading of a pass) are served one after the other; the unique
    constraints on (quiz, person, number) and on one open attempt per quiz are
    the last word if anything slips through. `precondition`, if given, is called
    under that lock before a new attempt opens and refuses by raising: the apps
    above use it for rules of their own, such as a level already held.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # An attempt whose time ran out is graded for good first: refusing the new one below must not undo it.
        person_lock(user.pk)
        expired = Attempt.objects.open().select_for_update().filter(user=user, quiz=quiz).first()
        if expired is not None and attempt_is_past_deadline(expired, now):
            _submit_locked(expired, actor=None, now=now)
    with transaction.atomic():
        person_lock(user.pk)
        open_attempt = Attempt.objects.open().filter(user=user, quiz=quiz).first()
        if open_attempt is not None:
            if not attempt_is_past_deadline(open_attempt, now):
                return open_attempt
            _submit_locked(open_attempt, actor=None, now=now)
        if precondition is not None:
            precondition()
        attempts = list(Attempt.objects.filter(user=user, quiz=quiz).order_by("number"))
        availability = attempt_availability(quiz=quiz, attempts=attempts, now=now)
        if not availability.can_start:
            raise AttemptNotAllowed(availability.reason)
        questions = _draw(quiz)
        if not questions:
            raise QuizNotReady("This quiz has no questions yet. Enablement has been told nothing; please let them know.")
        try:
            with transaction.atomic():
                attempt = Attempt.objects.create(
                    quiz=quiz,
                    user=user,
                    number=(attempts[-1].number if attempts else 0) + 1,
                    started_at=now,
                    deadline=now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None,
                    pass_mark=quiz.pass_mark,
                    review=quiz.review,
                    review_after_fail=quiz.review_after_fail,
                    max_points=len(questions),
                )
        except IntegrityError:
            existing = Attempt.objects.open().filter(user=user, quiz=quiz).first()
            if existing is not None:
                return existing
            raise AttemptNotAllowed("Another attempt was started at the same moment. Reload the page to continue it.")
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(
                attempt=attempt,
                position=position,
                question=question,
                kind=question.kind,
                scoring=question.scoring,
                text=question.text,
                explanation=question.explanation,
                choices=_snapshot(question, shuffle=quiz.shuffle_choices),
            )
            for position, question in enumerate(questions, start=1)
        )
        AttemptEvent.objects.create(attempt=attempt, to_status=AttemptStatus.STARTED, actor=user, at=now)
    return attempt


def _locked_attempt(attempt_id: int, actor) -> Attempt:
    person_lock(actor.pk)
    attempt = Attempt.objects.select_for_update().filter(pk=attempt_id, user_id=actor.pk).first()
    if attempt is None:
        raise AttemptNotFound("No such attempt.")
    return attempt


@dataclass
class SaveResult:
    attempt: Attempt
    saved: list = field(default_factory=list)
    timed_out: bool = False


def attempt_save_answers(*, actor, attempt_id: int, answers: dict, now=None) -> SaveResult:
    """Save answers as the person goes: {position: [choice indexes as shown]}.

    Past the time limit nothing more is saved: the attempt is submitted with
    what was saved before, and the result says so.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, actor)
        result = _save_locked(attempt, actor=actor, answers=answers, now=now)
    return result


def attempt_save_and_submit(*, actor, attempt_id: int, answers: dict, now=None) -> SaveResult:
    """Save the last answers and submit, in one transaction: either both happen or neither does (an answer
    refused leaves the attempt open, as it was). Past the time limit, as for a save, the last answers are not
    taken and the attempt is graded with what was saved before; `timed_out` says so. Submitting an attempt
    already graded refuses with AttemptClosed, as a save does."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, actor)
        result = _save_locked(attempt, actor=actor, answers=answers, now=now)
        if not result.timed_out:
            _submit_locked(attempt, actor=actor, now=now)
    return result


def _save_locked(attempt: Attempt, *, actor, answers: dict, now) -> SaveResult:
    if not attempt.is_open:
        raise AttemptClosed("This attempt has already been submitted, so its answers can no longer change.")
    if attempt_is_past_deadline(attempt, now):
        _submit_locked(attempt, actor=None, now=now)
        return SaveResult(attempt=attempt, timed_out=True)
    served = {question.position: question for question in attempt.questions.filter(position__in=list(answers))}
    changed = []
    for position, selected in answers.items():
        question = served.get(position)
        if question is None:
            raise InvalidAnswer(f"Question {position} is not part of this attempt.")
        picked = sorted(set(selected))
        if any(not 0 <= index < len(question.choices) for index in picked):
            raise InvalidAnswer(f"That choice is not one of question {position}'s choices.")
        if question.kind != QuestionKind.MULTIPLE and len(picked) > 1:
            raise InvalidAnswer(f"Question {position} takes one answer.")
        question.selected = picked
        question.answered_at = now if picked else None
        changed.append(question)
    AttemptQuestion.objects.bulk_update(changed, ["selected", "answered_at"])
    old_status = attempt.status
    _transition(attempt, "answer", actor=actor, now=now)
    attempt.last_saved_at = now
    attempt.save(update_fields=["status", "last_saved_at"] if old_status != attempt.status else ["last_saved_at"])
    return SaveResult(attempt=attempt, saved=sorted(answers))


def _submit_locked(attempt: Attempt, *, actor, now) -> Attempt:
    """Grade a locked, open attempt once, and tell whoever listens."""
    timed_out = attempt_is_past_deadline(attempt, now)
    _transition(
        attempt,
        "time_out" if timed_out else "submit",
        actor=None if timed_out else actor,
        reason="The time limit ran out; saved answers were graded." if timed_out else "",
        now=now,
    )
    served = list(attempt.questions.all())
    for question in served:
        question.score = answer_score(
            kind=question.kind,
            scoring=question.scoring,
            fractions=[choice["fraction"] for choice in question.choices],
            selected=question.selected,
        )
    AttemptQuestion.objects.bulk_update(served, ["score"])
    attempt.points = sum((question.score for question in served), Decimal(0))
    attempt.max_points = len(served)
    attempt.score = percentage(attempt.points, attempt.max_points)
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.timed_out = timed_out
    attempt.submitted_at = min(now, attempt.deadline) if timed_out else now
    attempt.save(update_fields=["status", "points", "max_points", "score", "passed", "timed_out", "submitted_at"])
    attempt_submitted.send(sender=Attempt, attempt=attempt)
    return attempt


def attempt_submit(*, actor, attempt_id: int, now=None) -> Attempt:
    """Submit and grade. Submitting again (a double click, a second tab) returns the graded attempt unchanged."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked_attempt(attempt_id, actor)
        if not attempt.is_open:
            return attempt
        return _submit_locked(attempt, actor=actor, now=now)


def attempts_close_expired(*, now=None) -> int:
    """Submit every attempt whose time ran out with nobody there to submit it."""
    now = now or timezone.now()
    closed = 0
    expired = Attempt.objects.open().filter(deadline__lt=now - deadline_grace()).values_list("pk", "user_id")
    for attempt_id, user_id in list(expired):
        with transaction.atomic():
            person_lock(user_id)
            attempt = Attempt.objects.select_for_update().filter(pk=attempt_id).first()
            if attempt is not None and attempt.is_open:
                _submit_locked(attempt, actor=None, now=now)
                closed += 1
    return closed
