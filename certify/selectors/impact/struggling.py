"""Who is struggling: the reps in scope with failed attempts, failed evaluations, overdue levels or a level they
have stalled in — each counted per rep by a correlated subquery, so a page of them is a fixed number of queries.
The counts read the progress rollup (models.progress, rebuilt every few minutes by django-q2): one row per rep and
level says what is assigned, due, held and since when, one row per final result whether it failed. They run only
for the reps who have any of these (sets taken once for the whole query), not for every rep in scope.

What a manager does about it reads the facts themselves: a nudge checks the level is overdue now
(overdue_levels_for), whatever the rollup said a few minutes ago.

Failures are private: the scope holds only the reps the viewer may read (a manager's own teams, or every rep
for an enablement admin), and nothing here reaches past it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.models import Attempt

from ...models import (
    Assignment,
    Award,
    CertificationLevel,
    LevelProgress,
    LevelResult,
    Nudge,
    User,
)
from .scope import ImpactScope

STRUGGLING_PAGE_SIZE = 25
# How long a rep may hold level n with level n + 1 assigned before they count as stalled (the filter's bounds).
STALLED_DAYS_DEFAULT, STALLED_DAYS_MIN, STALLED_DAYS_MAX = 30, 7, 365


class CountDistinct(Func):
    """COUNT(DISTINCT field) over a whole (correlated) queryset, without a GROUP BY: the subquery's one row."""

    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def count_of(queryset, field="pk"):
    """How many distinct `field` values the correlated `queryset` has, as an expression (0 when none)."""
    counted = queryset.order_by().annotate(_count=CountDistinct(F(field))).values("_count")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def levels_counted(scope: ImpactScope) -> QuerySet:
    """The levels counted: those of active certifications, or of the one the filter chose."""
    levels = CertificationLevel.objects.filter(certification__active=True)
    if scope.certification is not None:
        levels = levels.filter(certification=scope.certification)
    return levels


def held_now(*, now, user, level) -> Exists:
    return Exists(Award.objects.current(now).filter(user=user, level=level))


def _not_held(now) -> Q:
    """A rollup row whose level the rep does not hold at `now`: never held at the refresh, or expired since."""
    return Q(held_since__isnull=True) | Q(held_until__lte=now)


def _overdue(*, scope: ImpactScope, now) -> QuerySet:
    """Rep and level rows of the scope's levels due before today and not held now."""
    return LevelProgress.objects.filter(
        _not_held(now), due_date__lt=scope.today, level__in=levels_counted(scope).values("pk")
    )


def stalled_cutoff(scope: ImpactScope, stalled_days: int) -> date:
    """A level awarded on this day or before counts as stalled in (the award's day in the reader's zone)."""
    return scope.today - timedelta(days=stalled_days)


def _stalled(*, scope: ImpactScope, stalled_days: int, now) -> QuerySet:
    """Rep and level rows of level n held now, since `stalled_days` or more, with level n + 1 of the same
    certification assigned to the rep and not held now."""
    next_held = LevelProgress.objects.held(now).filter(
        user=OuterRef("user"), certification=OuterRef("certification"), number=OuterRef("number") + 1
    )
    return (
        LevelProgress.objects.held(now)
        .filter(level__in=levels_counted(scope).values("pk"), next_assigned=True)
        .filter(held_since__date__lte=stalled_cutoff(scope, stalled_days))
        .filter(~Exists(next_held))
    )


def _quiz_ids(scope: ImpactScope):
    return levels_counted(scope).filter(quiz__isnull=False).values("quiz_id")


def _attempts_used(scope: ImpactScope) -> QuerySet:
    """Per quiz of the scope, the rep's attempts since their last pass there (attempts are numbered 1, 2, … per
    rep and quiz, so that is the last number less the last passed one), most used first; none where they passed
    last or never tried."""
    return (
        Attempt.objects.filter(user=OuterRef("pk"), quiz_id__in=_quiz_ids(scope))
        .order_by()
        .values("quiz", "quiz__title", "quiz__attempts_allowed")
        .annotate(used=Max("number") - Coalesce(Max("number", filter=Q(passed=True)), 0))
        .filter(used__gt=0)
        .order_by("-used", "quiz")
    )


def _failed(scope: ImpactScope) -> QuerySet:
    """Results of the scope's levels that failed in the window."""
    return LevelResult.objects.filter(
        passed=False, at__gte=scope.window_start_moment, level__in=levels_counted(scope).values("pk")
    )


def _failed_attempts(scope: ImpactScope) -> QuerySet:
    """Quiz attempts failed in the window (one row per level the quiz serves: count distinct attempts)."""
    return _failed(scope).filter(attempt__isnull=False)


def _failed_evaluations(scope: ImpactScope) -> QuerySet:
    """Level evaluations released as a fail in the window."""
    return _failed(scope).filter(evaluation__isnull=False)


def counts_per_rep(*, scope: ImpactScope, stalled_days: int, now) -> dict:
    """The four counts that put a rep on the list, as expressions over the outer query's rep (OuterRef("pk"))."""
    rep = OuterRef("pk")
    return {
        "failed_attempts": count_of(_failed_attempts(scope).filter(user=rep), "attempt_id"),
        "failed_evaluations": count_of(_failed_evaluations(scope).filter(user=rep), "evaluation_id"),
        "overdue": count_of(_overdue(scope=scope, now=now).filter(user=rep), "level_id"),
        "stalled": count_of(_stalled(scope=scope, stalled_days=stalled_days, now=now).filter(user=rep), "level_id"),
    }


def _reps_with_something(*, scope: ImpactScope, stalled_days: int, now) -> QuerySet:
    """The reps of the scope who may be on the list: those with a failed attempt or evaluation in the window, a
    stalled level, or a level of the scope due before today. Each set is a subquery that does not depend on the
    rep, so it is taken once, and the per-rep counts run for these reps only rather than for every rep in scope.
    The scope is taken by id, so that no DISTINCT over a manager's teams wraps the figures."""
    return User.objects.filter(pk__in=scope.rep_ids()).filter(
        Q(pk__in=_failed(scope).values("user_id"))
        | Q(pk__in=_overdue(scope=scope, now=now).values("user_id"))
        | Q(pk__in=_stalled(scope=scope, stalled_days=stalled_days, now=now).values("user_id"))
    )


TOTALS = ("failed_attempts", "failed_evaluations", "overdue", "stalled")


def struggling_counts(*, scope: ImpactScope, stalled_days: int = STALLED_DAYS_DEFAULT, now=None) -> list:
    """Every rep of the scope who needs help, most needing attention first, as (rep id, {count: n}) with the four
    counts of TOTALS: failed_attempts (quiz attempts failed in the window), failed_evaluations (level 2 and 3
    results released as a fail in the window), overdue (levels assigned, due before today and not held now) and
    stalled (levels held `stalled_days` or more with the next level assigned and not held). One query.

    The database orders the reps by name (in its own collation, as every other list); attention (the sum of the
    four) and then overdue order them here with a stable sort, so that reps alike keep that order. Sorting here
    rather than in SQL spares the database counting every figure a second time inside the ORDER BY."""
    now = now or timezone.now()
    rows = (
        _reps_with_something(scope=scope, stalled_days=stalled_days, now=now)
        .annotate(**counts_per_rep(scope=scope, stalled_days=stalled_days, now=now))
        .order_by("first_name", "last_name", "email", "pk")
        .values_list("pk", *TOTALS)
    )
    listed = [(pk, dict(zip(TOTALS, counts, strict=True))) for pk, *counts in rows if any(counts)]
    listed.sort(key=lambda item: (-sum(item[1].values()), -item[1]["overdue"]))
    return listed


def _reps_listed(*, scope: ImpactScope, listed: list, now, with_teams: bool = False) -> list:
    """The reps of `listed` (from struggling_counts), in its order, with its counts and attention, and with
    attempts_used / attempts_allowed / attempts_quiz (on the quiz they have used most attempts at since last
    passing it), last_nudged (the latest nudge anyone sent them) and overdue_levels — and visible_teams, the
    teams of theirs the viewer may read, when asked. Two queries (three with the teams), whatever their number."""
    if not listed:
        return []
    used = _attempts_used(scope)
    reps = User.objects.filter(pk__in=[pk for pk, _counts in listed]).annotate(
        attempts_used=Subquery(used.values("used")[:1], output_field=IntegerField()),
        attempts_allowed=Subquery(used.values("quiz__attempts_allowed")[:1]),
        attempts_quiz=Subquery(used.values("quiz__title")[:1]),
        last_nudged=Subquery(Nudge.objects.filter(rep=OuterRef("pk")).order_by("-sent_at").values("sent_at")[:1]),
    )
    if with_teams:
        reps = reps.prefetch_related(Prefetch("teams", queryset=scope.teams.order_by("name"), to_attr="visible_teams"))
    found = {rep.pk: rep for rep in reps}
    overdue = _overdue_levels_counted(scope=scope, rep_ids=list(found), now=now)
    rows = []
    for pk, counts in listed:
        rep = found[pk]
        for name, count in counts.items():
            setattr(rep, name, count)
        rep.attention = sum(counts.values())
        rep.overdue_levels = overdue.get(pk, [])
        rows.append(rep)
    return rows


@dataclass
class OverdueLevel:
    level: CertificationLevel
    due_date: date

    @property
    def text(self) -> str:
        return f"{self.level.certification.title}, level {self.level.number} (due {self.due_date:%-d %b %Y})"


def overdue_levels_for(*, scope: ImpactScope, rep_ids: list, now=None) -> dict:
    """{rep id: [OverdueLevel, ...] soonest due first} for the given reps: one query, whatever their number.

    A level assigned both to the rep and to a team of theirs counts once, at its earliest due date."""
    now = now or timezone.now()
    if not rep_ids:
        return {}
    rows = (
        Assignment.objects.filter(Q(user_id__in=rep_ids) | Q(team__members__in=rep_ids))
        .annotate(rep_id=Coalesce("user_id", "team__members"))
        .filter(rep_id__in=rep_ids, due_date__lt=scope.today, level__in=levels_counted(scope).values("pk"))
        .filter(~held_now(now=now, user=OuterRef("rep_id"), level=OuterRef("level")))
        .select_related("level__certification")
        .order_by("due_date", "level__certification__title", "level__number")
    )
    found: dict = {}
    for assignment in rows:
        levels = found.setdefault(assignment.rep_id, {})
        levels.setdefault(assignment.level_id, OverdueLevel(level=assignment.level, due_date=assignment.due_date))
    return {rep_id: list(levels.values()) for rep_id, levels in found.items()}


def _overdue_levels_counted(*, scope: ImpactScope, rep_ids: list, now) -> dict:
    """{rep id: [OverdueLevel, ...] soonest due first} as the rollup counted them, so that the levels a row lists
    are the ones its overdue figure counts: one query, whatever the number of reps."""
    rows = (
        _overdue(scope=scope, now=now)
        .filter(user__in=rep_ids)
        .select_related("level__certification")
        .order_by("due_date", "level__certification__title", "number")
    )
    found: dict = {}
    for progress in rows:
        found.setdefault(progress.user_id, []).append(OverdueLevel(level=progress.level, due_date=progress.due_date))
    return found


@dataclass
class Struggling:
    scope: ImpactScope
    stalled_days: int
    page_obj: object
    rows: list  # the page's reps, as _reps_listed gives them, with .overdue_levels and .visible_teams
    total: int
    totals: dict  # over every rep listed (not just the page): failed_attempts, failed_evaluations, overdue, stalled
    nudge_days: int


def struggling_page(*, scope: ImpactScope, stalled_days: int = STALLED_DAYS_DEFAULT, page=None, now=None) -> Struggling:
    """One page of the reps who need help. Four queries: every rep listed with their counts (which give how many
    there are and the totals too), the page of them, their teams the viewer may read, and their overdue levels."""
    now = now or timezone.now()
    listed = struggling_counts(scope=scope, stalled_days=stalled_days, now=now)
    page_obj = Paginator(listed, STRUGGLING_PAGE_SIZE).get_page(page)
    return Struggling(
        scope=scope,
        stalled_days=stalled_days,
        page_obj=page_obj,
        rows=_reps_listed(scope=scope, listed=page_obj.object_list, now=now, with_teams=True),
        total=len(listed),
        totals={name: sum(counts[name] for _pk, counts in listed) for name in TOTALS},
        nudge_days=settings.IMPACT_NUDGE_DAYS,
    )


def struggling_batches(*, scope: ImpactScope, stalled_days: int = STALLED_DAYS_DEFAULT, batch=200, now=None):
    """Every struggling rep, in batches of `batch` (each with .overdue_levels): one query for the list, then two
    a batch."""
    now = now or timezone.now()
    listed = struggling_counts(scope=scope, stalled_days=stalled_days, now=now)
    for start in range(0, len(listed), batch):
        yield _reps_listed(scope=scope, listed=listed[start : start + batch], now=now)
