"""Rebuilding the certification progress rollup in bulk: a few aggregate queries over assignments, awards,
quiz attempts and evaluations, merged by rep and level, then bulk inserts (see models.progress)."""

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, Evaluation, EvaluationStatus

from ..models import (
    Assignment,
    Award,
    CertificationLevel,
    LevelProgress,
    LevelResult,
    ProgressRefresh,
    Role,
    User,
)

BATCH = 1000


def _levels() -> dict:
    """{level id: (certification id, number, quiz id)} for every level."""
    return {pk: (certification, number, quiz) for pk, certification, number, quiz in
            CertificationLevel.objects.values_list("pk", "certification", "number", "quiz")}  # fmt: skip


def _progress_rows(*, levels: dict, now) -> list:
    """One LevelProgress per rep and level assigned to them (directly or through a team they are in now) or awarded
    to them (not revoked); each a few grouped queries, merged here by (rep, level)."""
    rows: dict = {}

    def row(user, level):
        if (user, level) not in rows:
            certification, number, _quiz = levels[level]
            rows[(user, level)] = LevelProgress(
                user_id=user,
                level_id=level,
                certification_id=certification,
                number=number,
            )
        return rows[(user, level)]

    direct = Assignment.objects.filter(user__isnull=False).values_list("user", "level")
    through_team = Assignment.objects.filter(team__members__isnull=False).values_list("team__members", "level")
    for assignments in (direct, through_team):
        for user, level, first, due in assignments.order_by().annotate(first=Min("assigned_at"), due=Min("due_date")):
            progress = row(user, level)
            progress.assigned_at = first if progress.assigned_at is None else min(progress.assigned_at, first)
            progress.due_date = due if progress.due_date is None else min(progress.due_date, due)
    awarded = Award.objects.filter(revoked_at__isnull=True).order_by().values_list("user", "level")
    for user, level, first in awarded.annotate(first=Min("awarded_at")):
        row(user, level).first_awarded_at = first
    current = Award.objects.current(now).order_by().values_list("user", "level")
    held = current.annotate(
        since=Min("awarded_at"),
        until=Max("valid_until"),
        endless=Count("pk", filter=Q(valid_until__isnull=True)),
    )
    for user, level, since, until, endless in held:
        progress = row(user, level)
        progress.held_since, progress.held_until = since, None if endless else until

    # What a row needs of its rep's other levels of the same certification.
    by_certification: dict = {}
    for progress in rows.values():
        by_certification.setdefault((progress.user_id, progress.certification_id), {})[progress.number] = progress
    for siblings in by_certification.values():
        assigned = [progress.assigned_at for progress in siblings.values() if progress.assigned_at is not None]
        for number, progress in siblings.items():
            progress.certification_assigned_at = min(assigned) if assigned else None
            below, above = siblings.get(number - 1), siblings.get(number + 1)
            progress.below_first_awarded_at = below.first_awarded_at if below else None
            progress.next_assigned = bool(above and above.assigned_at is not None)
    return list(rows.values())


def _result_rows(*, levels: dict) -> list:
    """One LevelResult per submitted, marked quiz attempt and level its quiz serves, and per released evaluation
    with a result; numbered per rep and level in the order they came, the first pass marked."""
    results = []
    by_quiz: dict = {}
    for level, (certification, number, quiz) in levels.items():
        if quiz is not None:
            by_quiz.setdefault(quiz, []).append((level, certification, number))
    attempts = (
        Attempt.objects.filter(
            status=AttemptStatus.SUBMITTED,
            passed__isnull=False,
            submitted_at__isnull=False,
            quiz__in=list(by_quiz),
        )
        .order_by("user", "quiz", "number", "pk")
        .values_list("pk", "user", "quiz", "number", "submitted_at", "passed")
    )
    passed_before: set = set()  # (rep, quiz) with a pass already seen
    for pk, user, quiz, number, submitted_at, passed in attempts.iterator(chunk_size=BATCH):
        first_pass = passed and (user, quiz) not in passed_before
        if passed:
            passed_before.add((user, quiz))
        results += [
            LevelResult(user_id=user, level_id=level, certification_id=certification, number=level_number, attempt_id=pk,
                        at=submitted_at, try_number=number, passed=passed, first_pass=first_pass)
            for level, certification, level_number in by_quiz[quiz]
        ]  # fmt: skip
    evaluations = (
        Evaluation.objects.filter(
            status=EvaluationStatus.RELEASED,
            passed__isnull=False,
            released_at__isnull=False,
            level_link__isnull=False,
        )
        .order_by("performer", "level_link__level", "released_at", "pk")
        .values_list("pk", "performer", "level_link__level", "released_at", "passed")
    )
    tries: dict = {}  # (rep, level): results so far
    level_passed: set = set()  # (rep, level) with a pass already seen
    for pk, user, level, released_at, passed in evaluations.iterator(chunk_size=BATCH):
        key = (user, level)
        tries[key] = tries.get(key, 0) + 1
        first_pass = passed and key not in level_passed
        if passed:
            level_passed.add(key)
        certification, number, _quiz = levels[level]
        results.append(
            LevelResult(user_id=user, level_id=level, certification_id=certification, number=number, evaluation_id=pk,
                        at=released_at, try_number=tries[key], passed=passed, first_pass=first_pass)
        )  # fmt: skip
    return results


def progress_rollup_refresh(*, actor=None, now=None) -> ProgressRefresh:
    """Rebuild LevelProgress and LevelResult from the assignments, awards, attempts and evaluations, and stamp when.

    The facts are read and merged outside any transaction, so the rebuild holds the write only for the swap: the
    one ProgressRefresh row locked, the old rows deleted and the new ones inserted, so that two refreshes at once
    swap one after the other and a reader sees the old rollup or the new one, never half of each (`actor` is who
    asked; None for the schedule — the rollup is read only through the impact scope)."""
    now = now or timezone.now()
    levels = _levels()
    progress, results = (
        _progress_rows(levels=levels, now=now),
        _result_rows(levels=levels),
    )
    # Who counts as a rep for the pages that read every rep (an enablement admin's): marked now, so that those
    # pages filter on a column instead of joining every rep's groups.
    reps = set(User.objects.filter(is_active=True, groups__name=Role.REP.label).values_list("pk", flat=True))
    for row in (*progress, *results):
        row.active_rep = row.user_id in reps
    return _swap(progress=progress, results=results, now=now)


@transaction.atomic
def _swap(*, progress: list, results: list, now) -> ProgressRefresh:
    refresh, _created = ProgressRefresh.objects.get_or_create(pk=1, defaults={"refreshed_at": now})
    refresh = ProgressRefresh.objects.select_for_update().get(pk=refresh.pk)
    LevelProgress.objects.all().delete()
    LevelProgress.objects.bulk_create(progress, batch_size=BATCH)
    LevelResult.objects.all().delete()
    LevelResult.objects.bulk_create(results, batch_size=BATCH)
    refresh.refreshed_at, refresh.levels, refresh.results = (
        now,
        len(progress),
        len(results),
    )
    refresh.save(update_fields=["refreshed_at", "levels", "results"])
    return refresh
