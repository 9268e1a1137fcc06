"""Content to readiness: did reps who opened a page before their first level-1 quiz pass it more often than
reps who did not? And which pages the certifications' study material names are opened by few of their target reps.

The study material (a StreamField of page choosers) is read once per request, from the levels' raw data, so no
page is loaded per level. Every count is one aggregate query whatever the number of reps, attempts or views.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from assessments.models import Attempt, AttemptStatus
from content.models import ContentPage, PageView

from ...charts import percent
from ...models import Assignment, Certification, CertificationLevel, LevelNumber, User
from .scope import ImpactScope

# A study-material page whose share of target reps who opened it is below this is flagged.
LOW_REACH_PERCENT = 50


@dataclass
class StudyMaterial:
    """What the certifications' study material names, read once: which certifications name each page, and
    the level-1 quiz of each certification."""

    certifications: dict  # certification id -> Certification
    quiz_of: dict  # certification id -> its level-1 quiz id (certifications without one are left out)
    naming: dict  # page id -> [certification ids whose levels name it], in title order

    @property
    def quizzes(self) -> frozenset:
        return frozenset(self.quiz_of.values())

    def quizzes_for(self, page_id) -> frozenset:
        """The quizzes whose first attempts a page is compared on: those of the certifications naming it, or
        every level-1 quiz for a page no study material names."""
        if page_id not in self.naming:
            return self.quizzes
        return frozenset(self.quiz_of[pk] for pk in self.naming[page_id] if pk in self.quiz_of)


def study_material_for(*, scope: ImpactScope) -> StudyMaterial:
    """Two queries: the certifications looked at (active ones, or the one chosen), and their levels."""
    certifications = Certification.objects.filter(active=True) if scope.certification is None else Certification.objects.filter(pk=scope.certification.pk)
    by_id = {certification.pk: certification for certification in certifications.order_by("title")}
    quiz_of, naming = {}, {}
    levels = CertificationLevel.objects.filter(certification__in=list(by_id)).only("certification_id", "number", "quiz_id", "study_material")
    for level in sorted(levels, key=lambda level: (by_id[level.certification_id].title, level.number)):
        if level.number == LevelNumber.CONTENT and level.quiz_id is not None:
            quiz_of[level.certification_id] = level.quiz_id
        for block in level.study_material.raw_data:
            page_id = block.get("value") if block.get("type") == "page" else None
            if isinstance(page_id, int):
                names = naming.setdefault(page_id, [])
                if level.certification_id not in names:
                    names.append(level.certification_id)
    return StudyMaterial(certifications=by_id, quiz_of=quiz_of, naming=naming)


@dataclass
class PageComparison:
    """One page: first attempts by reps who had opened it before, against those by reps who had not."""

    page_id: int
    title: str
    certifications: list  # titles of the certifications whose study material names it (empty: none do)
    opened: int = 0
    opened_passed: int = 0
    not_opened: int = 0
    not_opened_passed: int = 0
    min_group: int = field(default=5)

    @property
    def comparable(self) -> bool:
        return min(self.opened, self.not_opened) >= max(self.min_group, 1)

    @property
    def opened_rate(self):
        return percent(self.opened_passed, self.opened) if self.comparable else None

    @property
    def not_opened_rate(self):
        return percent(self.not_opened_passed, self.not_opened) if self.comparable else None

    @property
    def difference(self):
        if not self.comparable:
            return None
        return round(self.opened_rate - self.not_opened_rate, 1)


def content_pages_for(*, scope: ImpactScope, material: StudyMaterial):
    """The live content pages compared, by title: every one, or those a chosen certification names."""
    pages = ContentPage.objects.live().order_by("title", "pk")
    if scope.certification is not None:
        pages = pages.filter(pk__in=list(material.naming))
    return pages


def first_attempts(*, scope: ImpactScope, quizzes) -> QuerySet:
    """Each rep's first attempt at each level-1 quiz, graded, started in the window, by the scope's reps."""
    return Attempt.objects.filter(
        user__in=scope.rep_ids(),
        quiz__in=list(quizzes),
        number=1,
        status=AttemptStatus.SUBMITTED,
        passed__isnull=False,
        started_at__gte=scope.window_start_moment,
    )


def page_comparisons(*, scope: ImpactScope, material: StudyMaterial, pages) -> list[PageComparison]:
    """The comparison for each of `pages` (one screenful): two queries, the first attempts counted per set of
    quizzes compared on, and the opened-before ones per page (a view first seen before the attempt started)."""
    rows = [
        PageComparison(
            page_id=page.pk,
            title=page.title,
            certifications=[material.certifications[pk].title for pk in material.naming.get(page.pk, [])],
            min_group=settings.IMPACT_MIN_GROUP,
        )
        for page in pages
    ]
    quiz_sets = {row.page_id: material.quizzes_for(row.page_id) for row in rows}
    distinct_sets = [quizzes for quizzes in dict.fromkeys(quiz_sets.values()) if quizzes]
    if not rows or not distinct_sets:
        return rows
    attempts = first_attempts(scope=scope, quizzes=material.quizzes)
    totals = attempts.aggregate(
        **{f"n{index}": Count("pk", filter=Q(quiz__in=list(quizzes))) for index, quizzes in enumerate(distinct_sets)},
        **{f"p{index}": Count("pk", filter=Q(quiz__in=list(quizzes), passed=True)) for index, quizzes in enumerate(distinct_sets)},
    )
    # The opened-before first attempts: a page's views joined to the same rep's first attempts at the quizzes the
    # page is compared on, kept when the page was first seen before the attempt started (one filter, one join).
    compared_on = Q()
    for quizzes in distinct_sets:
        page_ids = [page_id for page_id, page_quizzes in quiz_sets.items() if page_quizzes == quizzes]
        compared_on |= Q(page__in=page_ids, user__attempts__quiz__in=list(quizzes))
    opened = (
        PageView.objects.filter(
            compared_on,
            user__in=scope.rep_ids(),
            user__attempts__number=1,
            user__attempts__status=AttemptStatus.SUBMITTED,
            user__attempts__passed__isnull=False,
            user__attempts__started_at__gte=scope.window_start_moment,
            user__attempts__started_at__gt=F("first_seen"),
        )
        .order_by()
        .values("page")
        .annotate(
            opened=Count("user__attempts", distinct=True),
            passed=Count("user__attempts", filter=Q(user__attempts__passed=True), distinct=True),
        )
    )
    by_page = {row["page"]: row for row in opened}
    for row in rows:
        quizzes = quiz_sets[row.page_id]
        if not quizzes:
            continue
        index = distinct_sets.index(quizzes)
        seen = by_page.get(row.page_id, {"opened": 0, "passed": 0})
        row.opened, row.opened_passed = seen["opened"], seen["passed"]
        row.not_opened = totals[f"n{index}"] - row.opened
        row.not_opened_passed = totals[f"p{index}"] - row.opened_passed
    return rows


@dataclass
class StudyReach:
    """One page a certification's study material names: how many of its target reps opened it (ever)."""

    certification: str
    page_id: int
    title: str
    targets: int
    opened: int

    @property
    def share(self):
        return percent(self.opened, self.targets)

    @property
    def low(self) -> bool:
        return self.share is not None and self.share < LOW_REACH_PERCENT


def study_material_reach(*, scope: ImpactScope, material: StudyMaterial) -> list[StudyReach]:
    """Every (certification, named live page) pair, lowest share first. Three queries: the live pages named; the
    scope's reps counted once per certification as its targets; and the views of the named pages by the scope's
    reps, grouped by page, counted once per certification among its targets. A certification's target reps are
    those assigned any of its levels (themselves or through a team), or every rep in scope if it is open to all."""
    named = dict(ContentPage.objects.live().filter(pk__in=list(material.naming)).values_list("pk", "title"))
    pairs = [(cert_id, page_id) for page_id, cert_ids in material.naming.items() if page_id in named for cert_id in cert_ids]
    if not pairs:
        return []
    cert_ids = sorted({cert_id for cert_id, _page in pairs})

    def counted_among_targets(cert_id, person):
        if material.certifications[cert_id].open_to_all:
            return Count("pk")
        return Count("pk", filter=Q(**{f"{person}__in": _assigned_reps(cert_id)}))

    targets = User.objects.filter(pk__in=scope.rep_ids()).aggregate(
        **{f"t{cert_id}": counted_among_targets(cert_id, "pk") for cert_id in cert_ids}
    )
    opened = {
        row["page"]: row
        for row in PageView.objects.filter(page__in=list(named), user__in=scope.rep_ids())
        .order_by()
        .values("page")
        .annotate(**{f"o{cert_id}": counted_among_targets(cert_id, "user") for cert_id in cert_ids})
    }
    rows = [
        StudyReach(
            certification=material.certifications[cert_id].title,
            page_id=page_id,
            title=named[page_id],
            targets=targets[f"t{cert_id}"],
            opened=opened.get(page_id, {}).get(f"o{cert_id}", 0),
        )
        for cert_id, page_id in pairs
    ]
    return sorted(rows, key=lambda row: (row.share is None, row.share or 0, row.certification, row.title))


def _assigned_reps(cert_id) -> QuerySet:
    """The ids of the users assigned any level of the certification, themselves or through a team: one
    uncorrelated subquery (read once, whatever the rows it filters), where a per-row EXISTS over "to the rep OR to
    a team of the rep" would read every assigned team's members again for every rep or view."""
    return (
        Assignment.objects.filter(level__certification_id=cert_id)
        .annotate(rep=Coalesce("user", "team__members"))
        .filter(rep__isnull=False)
        .values("rep")
    )
