"""Reads for evaluations: the panel side by side, a released result as the performer reads it, a judge's queue."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Avg, Count, F, Max, Q
from django.db.models.functions import Abs
from django.utils import timezone
from wagtail.models import Page

from ..models import (
    CriterionScore,
    Evaluation,
    EvaluationMode,
    EvaluationStatus,
    GuideVersion,
    Scorecard,
    ScorecardStatus,
)
from ..scoring import Scale, criteria_of, evaluate, rules_of


@dataclass
class JudgeScore:
    judge: object
    score: int | None
    label: str
    comment: str


@dataclass
class CriterionRow:
    key: str
    name: str
    good: str
    weight: int
    must_pass: bool
    levels: list
    max_score: int
    min_score: int = 0
    scale: str = Scale.RANGE
    judges: list = field(default_factory=list)  # [JudgeScore] in panel order
    combined: Decimal | None = None
    final: Decimal | None = None
    spread: int = 0
    flagged: bool = False
    below_meets: bool = False
    moderated: bool = False
    study_pages: list = field(default_factory=list)

    @property
    def comments(self) -> list:
        """The judges' comments on this criterion, merged: who wrote which is not shown to the rep."""
        return [entry.comment for entry in self.judges if entry.comment]

    @property
    def percent(self):
        """Where the score sits on the criterion's scale, as the total counts it (its lowest level 0 % on today's)."""
        value = self.final if self.final is not None else self.combined
        if value is None:
            return None
        low = 0 if self.scale == Scale.TOP else self.min_score
        width = self.max_score - low
        return (Decimal(100) if width <= 0 else (value - low) * 100 / width).quantize(Decimal("1"))


@dataclass
class Panel:
    evaluation: Evaluation
    criteria: list
    scorecards: list
    score: Decimal | None
    passed: bool | None
    all_submitted: bool
    counted: list = field(default_factory=list)  # the scorecards whose scores the rows show, in column order

    @property
    def weak(self) -> list:
        return [row for row in self.criteria if row.below_meets]

    @property
    def study_pages(self) -> list:
        """Study material for the weak criteria, each page once."""
        seen, pages = set(), []
        for row in self.weak:
            for page in row.study_pages:
                if page.pk not in seen:
                    seen.add(page.pk)
                    pages.append(page)
        return pages


def evaluation_panel(evaluation: Evaluation, *, submitted_only: bool = True) -> Panel:
    """Every criterion with each judge's score and comment, the combined and final scores.

    Three queries: the scorecards with their judges, their scores, the study pages.
    """
    version = evaluation.guide_version
    scorecards = list(evaluation.scorecards.select_related("judge").order_by("assigned_at", "pk"))
    counted = [card for card in scorecards if card.is_submitted or not submitted_only]
    rows = CriterionScore.objects.filter(scorecard__in=[card.pk for card in counted])
    by_card = {}
    for row in rows:
        by_card.setdefault(row.scorecard_id, {})[row.criterion_key] = row
    page_ids = {pk for criterion in version.criteria for pk in criterion["study_pages"]}
    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids).specific()} if page_ids else {}
    criteria = []
    for criterion in version.criteria:
        entry = CriterionRow(
            key=criterion["key"],
            name=criterion["name"],
            good=criterion["good"],
            weight=criterion["weight"],
            must_pass=criterion["must_pass"],
            levels=criterion["levels"],
            max_score=max(level["score"] for level in criterion["levels"]),
            min_score=min(level["score"] for level in criterion["levels"]),
            scale=version.scale,
            study_pages=[pages[pk] for pk in criterion["study_pages"] if pk in pages],
        )
        for card in counted:
            row = by_card.get(card.pk, {}).get(criterion["key"])
            score = row.score if row else None
            entry.judges.append(
                JudgeScore(
                    judge=card.judge,
                    score=score,
                    label=version.level_label(criterion["key"], score) if score is not None else "",
                    comment=row.comment if row else "",
                )
            )
        criteria.append(entry)
    all_submitted = bool(scorecards) and all(card.is_submitted for card in scorecards)
    score = passed = None
    if all_submitted:
        panel = {row.key: [entry.score for entry in row.judges if entry.score is not None] for row in criteria}
        raw = evaluate(criteria_of(version), panel, rules_of(version))
        final = raw
        if evaluation.final_scores:
            final = evaluate(criteria_of(version), panel, rules_of(version), final_scores=evaluation.final_scores)
        for row, before, after in zip(criteria, raw.criteria, final.criteria):
            row.combined = before.combined
            row.final = after.combined if after.moderated else None
            row.spread = before.spread
            row.flagged = before.flagged
            row.below_meets = after.below_meets
            row.moderated = after.moderated
        score, passed = final.score, final.passed
    return Panel(
        evaluation=evaluation,
        criteria=criteria,
        scorecards=scorecards,
        score=score,
        passed=passed,
        all_submitted=all_submitted,
        counted=counted,
    )


def evaluation_moderation_outcome(panel: Panel, final_scores: dict):
    """What releasing these final scores would give (scoring.Result), worked out as the release works it out from
    the panel's submitted scores. Writes nothing: moderation shows it before the admin confirms."""
    version = panel.evaluation.guide_version
    scores = {row.key: [entry.score for entry in row.judges if entry.score is not None] for row in panel.criteria}
    return evaluate(criteria_of(version), scores, rules_of(version), final_scores=final_scores)


def evaluation_result(evaluation: Evaluation) -> Panel | None:
    """A released result as the performer reads it; nothing before it is released."""
    if evaluation.status != EvaluationStatus.RELEASED:
        return None
    return evaluation_panel(evaluation)


def guide_version_to_read(guide) -> GuideVersion:
    """The version of a guide reps prepare from now, for a page to show: the latest one, or for a guide that has
    none yet (saving a guide makes one) the guide as it stands, not saved. A page's GET writes nothing: the
    services make the version (guide_version_current) when an evaluation needs one."""
    return guide.versions.order_by("-number").first() or GuideVersion(guide=guide, number=1, **guide.snapshot())


# --- A judge's queue -------------------------------------------------------------------------

QUEUE_TABS = {
    "due": "To score",
    "waiting": "Coming up",
    "done": "Done",
}


def judge_queue(*, judge, tab: str, now=None):
    """A judge's scorecards. Due: the performance can be scored now (a recording, or a live session that
    has begun). Coming up: a live session still ahead. Done: submitted. One query per page of results."""
    now = now or timezone.now()
    cards = Scorecard.objects.filter(judge=judge).select_related(
        "evaluation__performer", "evaluation__scenario"
    )
    open_card = Q(status=ScorecardStatus.DRAFT, evaluation__status=EvaluationStatus.SCHEDULED)
    started = Q(evaluation__mode=EvaluationMode.RECORDING) | Q(evaluation__scheduled_at__lte=now)
    if tab == "due":
        return cards.filter(open_card & started).order_by(F("evaluation__due_at").asc(nulls_last=True), "pk")
    if tab == "waiting":
        return cards.filter(open_card & ~started).order_by("evaluation__scheduled_at", "pk")
    if tab == "done":
        return cards.filter(status=ScorecardStatus.SUBMITTED).order_by("-submitted_at", "-pk")
    raise ValueError(tab)


def judge_queue_counts(*, judge, now=None) -> dict:
    """How many scorecards sit in each tab, in one query."""
    now = now or timezone.now()
    open_card = Q(status=ScorecardStatus.DRAFT, evaluation__status=EvaluationStatus.SCHEDULED)
    started = Q(evaluation__mode=EvaluationMode.RECORDING) | Q(evaluation__scheduled_at__lte=now)
    return Scorecard.objects.filter(judge=judge).aggregate(
        due=Count("pk", filter=open_card & started),
        waiting=Count("pk", filter=open_card & ~started),
        done=Count("pk", filter=Q(status=ScorecardStatus.SUBMITTED)),
    )


# --- Calibration ---------------------------------------------------------------------------


def judge_calibration():
    """Per judge, over released evaluations scored by more than one judge: how many they scored and how far
    their own score sat from the panel's combined score (mean signed and mean absolute, in points of %).
    Aggregated in the database: one query whatever the number of evaluations."""
    multi_judge = Evaluation.objects.annotate(judges=Count("scorecards")).filter(judges__gt=1).values("pk")
    deviation = F("score") - F("evaluation__panel_score")
    return (
        Scorecard.objects.filter(
            status=ScorecardStatus.SUBMITTED,
            evaluation__status=EvaluationStatus.RELEASED,
            evaluation__panel_score__isnull=False,
            evaluation__in=multi_judge,
        )
        .values("judge", "judge__first_name", "judge__last_name", "judge__email")
        .annotate(scored=Count("pk"), mean_deviation=Avg(deviation), mean_absolute=Avg(Abs(deviation)))
        .order_by("-mean_absolute", "judge__email")
    )


CALIBRATION_CACHE_SECONDS = 600


def judge_calibration_cached() -> list:
    """judge_calibration as a list, kept until the next result is released or moderated (or ten minutes pass).

    The key carries the number of released evaluations and the latest release, read in one small query,
    so a new result is never hidden behind an old report.
    """
    stamp = Evaluation.objects.released().aggregate(n=Count("pk"), last=Max("released_at"), moderated=Max("moderated_at"))
    parts = [stamp["n"]] + [value.timestamp() if value else 0 for value in (stamp["last"], stamp["moderated"])]
    key = "judge-calibration:" + ":".join(str(part) for part in parts)
    return cache.get_or_set(key, lambda: list(judge_calibration()), CALIBRATION_CACHE_SECONDS)
