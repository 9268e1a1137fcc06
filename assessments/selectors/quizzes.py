"""Reads for quizzes: whether a person may start, what a review shows, how each question performs."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, F, FloatField, Max, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from ..models import Attempt, AttemptQuestion, AttemptStatus, Question, ReviewOption


@dataclass(frozen=True)
class Availability:
    can_start: bool
    reason: str
    attempts_used: int
    attempts_left: int | None
    next_start_at: datetime | None
    open_attempt: Attempt | None


def attempt_availability(*, quiz, attempts: list, now=None) -> Availability:
    """Whether a person may start a new attempt, given all their attempts at this quiz in order.

    Attempts are counted since the person's last pass, so a pass resets the
    count for a renewal later on. After a failed attempt the quiz's wait applies.
    """
    now = now or timezone.now()
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    last_pass = max((attempt.number for attempt in attempts if attempt.passed), default=0)
    since_pass = [attempt for attempt in attempts if attempt.number > last_pass]
    used = len(since_pass)
    left = None if quiz.attempts_allowed is None else max(quiz.attempts_allowed - used, 0)
    if open_attempt is not None:
        return Availability(False, "You have an attempt in progress.", used, left, None, open_attempt)
    if left == 0:
        return Availability(
            False,
            "You have used "
            + ("your one attempt" if quiz.attempts_allowed == 1 else f"all {quiz.attempts_allowed} attempts")
            + " at this quiz. Your enablement team can tell you what comes next.",
            used,
            left,
            None,
            None,
        )
    last = since_pass[-1] if since_pass else None
    if last is not None and last.passed is False and quiz.wait_hours and last.submitted_at:
        next_start = last.submitted_at + timedelta(hours=quiz.wait_hours)
        if next_start > now:
            return Availability(False, "Take some time with the study material first.", used, left, next_start, None)
    return Availability(True, "", used, left, None, None)


def active_question_counts(bank_ids) -> dict:
    """{bank id: active questions}, in one query; a bank without any is left out."""
    rows = Question.objects.filter(bank_id__in=set(bank_ids), active=True).values("bank_id").annotate(n=Count("pk"))
    return {row["bank_id"]: row["n"] for row in rows.order_by()}


def quiz_draw_sizes(quizzes) -> dict:
    """{quiz id: how many questions a new attempt will really serve}: each section draws what it asks for, or
    what its bank has left (sections on one bank share its questions, as the draw does). One query for the
    banks' counts; the quizzes' sections are read from a prefetch when there is one."""
    quizzes = [quiz for quiz in quizzes if quiz is not None]
    sections = {quiz.pk: list(quiz.sections.all()) for quiz in quizzes}
    counts = active_question_counts(section.bank_id for rows in sections.values() for section in rows)
    sizes = {}
    for quiz_id, rows in sections.items():
        left, served = dict(counts), 0
        for section in rows:
            taken = min(section.count, left.get(section.bank_id, 0))
            left[section.bank_id] = left.get(section.bank_id, 0) - taken
            served += taken
        sizes[quiz_id] = served
    return sizes


RETAKE_VARIETY = 2  # a bank should hold at least this many times what a quiz draws from it


def quiz_draw_warnings(quiz) -> list:
    """What the author should know about a saved quiz's draw before reps retake it: a bank that cannot serve
    its section, a bank so small that a retake serves mostly the same questions, and correct answers shown
    after a fail when a retake comes from the same banks."""
    if quiz is None or not quiz.pk:
        return []
    sections = list(quiz.sections.select_related("bank"))
    counts = active_question_counts(section.bank_id for section in sections)
    drawn = {}
    for section in sections:
        drawn[section.bank_id] = drawn.get(section.bank_id, 0) + section.count
    warnings = []
    for bank_id, count in drawn.items():
        bank = next(section.bank for section in sections if section.bank_id == bank_id)
        has = counts.get(bank_id, 0)
        if has < count:
            warnings.append(
                f"“{bank}” has {has} active question{'' if has == 1 else 's'} and this quiz draws {count}: "
                f"reps get {has}. Add questions to the bank, or draw fewer."
            )
        elif has < RETAKE_VARIETY * count:
            warnings.append(
                f"“{bank}” has {has} active question{'' if has == 1 else 's'} and this quiz draws {count}: "
                "a retake serves mostly the same questions. A bank of at least "
                f"{RETAKE_VARIETY * count} keeps retakes varied."
            )
    if quiz.review_after_fail == ReviewOption.FULL and quiz.attempts_allowed != 1:
        warnings.append(
            "After a failed attempt reps see the correct answers, then may retake the quiz from the same banks."
        )
    return warnings


@dataclass(frozen=True)
class ReviewChoice:
    text: str
    picked: bool
    right: bool | None  # None when the review does not show it
    feedback: str


@dataclass(frozen=True)
class ReviewItem:
    position: int
    text: str
    kind: str
    answered: bool
    correct: bool | None  # None when the review does not show it
    score: Decimal | None
    choices: list
    explanation: str
    study_page: object


def attempt_review_mode(attempt: Attempt, *, attempts_left: int | None) -> str:
    """Which review a submitted attempt shows, as the quiz said when the attempt started: after a pass, or a
    fail that used the last attempt (`attempts_left` 0), the quiz's review; after a fail with attempts left
    (None: no limit), its review after a fail."""
    if attempt.passed or not attempt.review_after_fail or attempts_left == 0:
        return attempt.review
    return attempt.review_after_fail


def attempt_review(attempt: Attempt, *, full: bool = False, attempts_left: int | None = None) -> list:
    """What the person may see of a submitted attempt, question by question, as the quiz allowed when it
    started (see attempt_review_mode): nothing for a score-only review. `full` is for enablement admins,
    who see everything.
    """
    mode = ReviewOption.FULL if full else attempt_review_mode(attempt, attempts_left=attempts_left)
    if attempt.is_open or mode == ReviewOption.SCORE:
        return []
    show_wrong = mode in (ReviewOption.WRONG, ReviewOption.FULL)
    show_answers = mode == ReviewOption.FULL
    items = []
    for served in attempt.questions.select_related("question__study_page").order_by("position"):
        choices = [
            ReviewChoice(
                text=choice["text"],
                picked=index in served.selected,
                right=Decimal(choice["fraction"]) > 0 if show_answers else None,
                feedback=choice["feedback"] if show_answers and index in served.selected else "",
            )
            for index, choice in enumerate(served.choices)
        ]
        study_page = served.question.study_page
        items.append(
            ReviewItem(
                position=served.position,
                text=served.text,
                kind=served.kind,
                answered=served.is_answered,
                correct=served.is_correct if show_wrong else None,
                score=served.score if show_wrong else None,
                choices=choices if show_wrong else [],
                explanation=served.explanation if show_answers else "",
                study_page=study_page if study_page is not None and study_page.live and not served.is_correct else None,
            )
        )
    return items


def attempt_missed_study_pages(attempt: Attempt) -> list:
    """The pages that teach what this attempt got wrong, each once (the score-only review still gets these)."""
    pages, seen = [], set()
    missed = attempt.questions.filter(Q(score__lt=1) | Q(score__isnull=True), question__study_page__live=True)
    for served in missed.select_related("question__study_page").order_by("position"):
        page = served.question.study_page
        if page.pk not in seen:
            seen.add(page.pk)
            pages.append(page)
    return pages


# Item analysis -------------------------------------------------------------

MIN_RESPONSES = 5
TOO_EASY = 0.9
TOO_HARD = 0.3


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    name: str
    bank: str
    responses: int
    facility: float  # average share of the mark earned, 0..1
    correct_share: float  # share of responses with full marks
    discrimination: float | None  # correlation of this question's score with the rest of the attempt's score
    flags: tuple


def _correlation(n, sx, sy, sxx, syy, sxy) -> float | None:
    numerator = n * sxy - sx * sy
    variance_x = n * sxx - sx * sx
    variance_y = n * syy - sy * sy
    if variance_x <= 1e-12 or variance_y <= 1e-12:
        return None
    return numerator / math.sqrt(variance_x * variance_y)


def item_analysis(*, quiz=None, bank=None) -> list:
    """Per question, over submitted attempts: responses, facility, share correct and discrimination.

    Sums are taken in the database in one grouped query (per question id, read
    from a covering index), names in a second; each question's correlation is
    then worked out from its sums. Discrimination compares the
    question's score with the score on the rest of the same attempt, so a
    question never correlates with itself. Flags need MIN_RESPONSES responses.
    """
    served = AttemptQuestion.objects.filter(attempt__status=AttemptStatus.SUBMITTED, score__isnull=False)
    if quiz is not None:
        served = served.filter(attempt__quiz=quiz)
    if bank is not None:
        served = served.filter(question__bank=bank)
    x = Cast(F("score"), FloatField())
    y = Cast(F("attempt__points"), FloatField()) - Cast(F("score"), FloatField())
    rows = (
        served.values("question_id")
        .annotate(
            n=Count("pk"),
            right=Count("pk", filter=Q(score__gte=1)),
            sx=Sum(x),
            sy=Sum(y),
            sxx=Sum(x * x),
            syy=Sum(y * y),
            sxy=Sum(x * y),
        )
        .order_by()
    )
    rows = list(rows)
    labels = {
        pk: (name, bank)
        for pk, name, bank in Question.objects.filter(pk__in=[row["question_id"] for row in rows]).values_list(
            "pk", "name", "bank__name"
        )
    }
    results = []
    for row in rows:
        n = row["n"]
        facility = row["sx"] / n
        discrimination = _correlation(n, row["sx"], row["sy"], row["sxx"], row["syy"], row["sxy"])
        flags = []
        if n >= MIN_RESPONSES:
            if facility > TOO_EASY:
                flags.append("Too easy")
            if facility < TOO_HARD:
                flags.append("Too hard")
            if discrimination is not None and round(discrimination, 3) < 0:
                flags.append("Discriminates negatively")
        results.append(
            ItemStats(
                question_id=row["question_id"],
                name=labels[row["question_id"]][0],
                bank=labels[row["question_id"]][1],
                responses=n,
                facility=facility,
                correct_share=row["right"] / n,
                discrimination=discrimination,
                flags=tuple(flags),
            )
        )
    return sorted(results, key=lambda item: (item.bank, item.name))


ITEM_ANALYSIS_CACHE_SECONDS = 600


def item_analysis_cached(*, quiz=None, bank=None) -> list:
    """item_analysis, kept until the next attempt is submitted (or ten minutes pass).

    The cache key carries the number of submitted attempts and the latest submission, read in one
    small query, so a new result is never hidden behind an old report.
    """
    stamp = Attempt.objects.submitted().aggregate(n=Count("pk"), last=Max("submitted_at"))
    last = stamp["last"].timestamp() if stamp["last"] else 0
    key = f"item-analysis:{getattr(quiz, 'pk', '-')}:{getattr(bank, 'pk', '-')}:{stamp['n']}:{last}"
    return cache.get_or_set(key, lambda: item_analysis(quiz=quiz, bank=bank), ITEM_ANALYSIS_CACHE_SECONDS)


def questions_without_responses(*, quiz=None, bank=None):
    """Active questions nobody has answered yet, so the report can list them too."""
    questions = Question.objects.filter(active=True)
    if quiz is not None:
        questions = questions.filter(bank__in=quiz.sections.values("bank"))
    if bank is not None:
        questions = questions.filter(bank=bank)
    return questions.exclude(served__attempt__status=AttemptStatus.SUBMITTED).distinct()
