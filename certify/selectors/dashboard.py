"""The Wagtail dashboard's "Waiting on you": what an enablement admin has to act on, each a count and where."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.urls import reverse

from assessments.models import Evaluation, EvaluationKind, EvaluationStatus, QuestionImport, QuestionImportStatus

from ..models import DealImport, DealImportStatus, TipFlag
from ..permissions import can_use_admin


@dataclass(frozen=True)
class WaitingItem:
    label: str
    count: int
    url: str
    action: str  # what the link does, for its accessible name


def _refused_since_last_import(imports, refused, done, same=()):
    """Imports refused after the last one that succeeded (of the same bank, for `same`): the failures nobody has
    put right yet. One query: how many, and the newest."""
    last_done = imports.filter(status=done, **{field: OuterRef(field) for field in same}).order_by("-imported_at")
    return (
        imports.filter(status=refused)
        .annotate(last_done=Subquery(last_done.values("imported_at")[:1]))
        .filter(Q(last_done__isnull=True) | Q(imported_at__gt=F("last_done")))
        .aggregate(count=Count("pk"), newest=Max("pk"))
    )


def waiting_on_admin(*, user) -> list[WaitingItem]:
    """What waits on an enablement admin (nothing for anyone else). Four queries, whatever the numbers."""
    if not can_use_admin(user):
        return []
    evaluations_url = reverse("wagtailsnippets_assessments_evaluation:list")
    # 1. evaluations flagged for moderation, and role-plays waiting for a panel
    evaluations = Evaluation.objects.aggregate(
        flagged=Count("pk", filter=Q(status=EvaluationStatus.FLAGGED)),
        to_choose=Count("pk", filter=Q(kind=EvaluationKind.ROLE_PLAY, status=EvaluationStatus.REQUESTED)),
    )
    # 2. tips with an open flag
    tips = TipFlag.objects.filter(resolved_at__isnull=True).values("tip").distinct().count()
    # 3. deal imports refused since the last that went through
    deals = _refused_since_last_import(DealImport.objects.all(), DealImportStatus.REFUSED, DealImportStatus.DONE)
    # 4. question imports refused since the last that went through into the same bank
    questions = _refused_since_last_import(
        QuestionImport.objects.all(), QuestionImportStatus.REFUSED, QuestionImportStatus.DONE, same=("bank",)
    )
    return [
        WaitingItem(
            "Evaluations to moderate", evaluations["flagged"], f"{evaluations_url}?status={EvaluationStatus.FLAGGED}",
            "Moderate flagged evaluations",
        ),
        WaitingItem(
            "Role-plays waiting for a panel", evaluations["to_choose"],
            f"{evaluations_url}?kind={EvaluationKind.ROLE_PLAY}&status={EvaluationStatus.REQUESTED}",
            "Choose panels for role-plays",
        ),
        WaitingItem("Tips flagged", tips, reverse("wagtailsnippets_certify_tip:list"), "Moderate flagged tips"),
        WaitingItem(
            "Deal imports that failed", deals["count"],
            reverse("certify_admin:deal_import_run", args=[deals["newest"]]) if deals["newest"]
            else reverse("certify_admin:deal_import"),
            "See the latest failed deal import",
        ),
        WaitingItem(
            "Question imports that failed", questions["count"],
            reverse("assessments_admin:question_import_run", args=[questions["newest"]]) if questions["newest"]
            else reverse("assessments_admin:question_import"),
            "See the latest failed question import",
        ),
    ]  # fmt: skip
