"""Wagtail admin views for the instruments: importing questions, item analysis, moderating an evaluation and judge calibration."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from ..exceptions import EvaluationNotFound, EvaluationRefused, ImportRefused
from ..forms import EvaluationModerationForm, ItemAnalysisFilterForm, QuestionImportForm
from ..models import Evaluation, EvaluationStatus, QuestionImport, QuestionImportStatus
from ..selectors import evaluation_moderation_outcome, evaluation_panel, item_analysis_cached, judge_calibration_cached, questions_without_responses
from ..services import evaluation_moderate, question_import_start
from .slots import evaluation_links, evaluation_outcome

CALIBRATION_PER_PAGE = 50
CALIBRATION_OFF_BY = Decimal(10)  # points of %: a judge further than this from their panels is highlighted
CALIBRATION_BAR_SCALE = Decimal(25)  # points of % a full bar stands for
ONE_PLACE = Decimal("0.1")


@require_http_methods(["GET", "POST"])
def question_import(request):
    if not request.user.has_perm("assessments.add_question"):
        raise PermissionDenied
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    record = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = question_import_start(
                actor=request.user,
                bank=form.cleaned_data["bank"],
                file_name=upload.name,
                data=upload.read(),
                file_format=form.chosen_format(),
            )
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            if record.status != QuestionImportStatus.DONE:  # A large file: written in the background.
                return redirect("assessments_admin:question_import_run", pk=record.pk)
            messages.success(request, _import_counts(record))
    return TemplateResponse(request, "assessments/admin/question_import.html", {"form": form, "summary": record})


def _import_counts(record) -> str:
    return (
        f"{record.created} new, {record.updated} updated, {record.unchanged} unchanged, "
        f"{len(record.skipped)} skipped."
    )


def _question_import_get(request, pk):
    if not request.user.has_perm("assessments.add_question"):
        raise PermissionDenied
    return get_object_or_404(QuestionImport.objects.select_related("bank", "imported_by"), pk=pk)


@require_safe
def question_import_run_view(request, pk):
    """One import's page: its progress while it runs (refreshing itself), then what came in or why it was refused."""
    record = _question_import_get(request, pk)
    return TemplateResponse(
        request,
        "assessments/admin/question_import_run.html",
        {"record": record, "progress": _progress(record), "running": record.status in _RUNNING},
    )


@require_safe
def question_import_progress(request, pk):
    """The import's progress as JSON, for the page's script to poll."""
    return JsonResponse(_progress(_question_import_get(request, pk)))


_RUNNING = (QuestionImportStatus.QUEUED, QuestionImportStatus.RUNNING)


def _progress(record) -> dict:
    return {
        "status": record.status,
        "label": record.get_status_display(),
        "done": record.done,
        "total": record.total,
        "percent": 100 if not record.total else round(100 * record.done / record.total),
        "finished": record.status not in _RUNNING,
    }


@require_safe
def item_analysis_view(request):
    if not request.user.has_perm("assessments.change_quiz"):
        raise PermissionDenied
    form = ItemAnalysisFilterForm(request.GET or None)
    quiz = bank = None
    if form.is_valid():
        quiz, bank = form.cleaned_data["quiz"], form.cleaned_data["bank"]
    return TemplateResponse(
        request,
        "assessments/admin/item_analysis.html",
        {
            "form": form,
            "rows": item_analysis_cached(quiz=quiz, bank=bank),
            "unanswered": questions_without_responses(quiz=quiz, bank=bank).select_related("bank")[:100],
        },
    )


@require_http_methods(["GET", "POST"])
def evaluation_moderate_view(request, pk):
    """An enablement admin settles a flagged evaluation: final scores where the judges disagreed, and why."""
    if not request.user.has_perm("assessments.moderate_evaluation"):
        raise PermissionDenied
    evaluation = get_object_or_404(
        Evaluation.objects.select_related(
            "performer", "scenario", "guide_version", "moderated_by", "observer", "countersigner"
        ),
        pk=pk,
    )
    panel = evaluation_panel(evaluation)
    form = outcome = None
    if evaluation.status == EvaluationStatus.FLAGGED and panel.all_submitted:
        form = EvaluationModerationForm(request.POST or None, panel=panel)
        if request.method == "POST" and form.is_valid():
            # Releasing cannot be undone: the first post previews the outcome, and only a confirmation of the
            # very scores previewed releases it; scores changed since the preview are previewed again.
            result = evaluation_moderation_outcome(panel, form.final_scores())
            confirmed = request.POST.get("confirm", "")
            outcome = {
                "result": result,
                "grants": evaluation_outcome(evaluation, result.passed),
                "confirm": _fingerprint(form.final_scores()),
                "changed": bool(confirmed),
            }
            if confirmed == outcome["confirm"]:
                released = _release(request, evaluation, form)
                if released is not None:
                    return released
                outcome = None
    elif request.method == "POST":
        messages.error(request, "Only a flagged evaluation is moderated; nothing was changed.")
    return TemplateResponse(
        request,
        "assessments/admin/evaluation_moderate.html",
        {
            "evaluation": evaluation,
            "evaluation_links": evaluation_links(evaluation),
            "panel": panel,
            "form": form,
            "outcome": outcome,
            "flagged": [row for row in panel.criteria if row.flagged],
            # A field observation's sign-off: what the observer attested, as they signed it.
            "attestations": [card for card in panel.scorecards if card.attestation],
            "title": f"Moderate: {evaluation.performer}",
        },
    )


def _release(request, evaluation, form):
    """Release the moderated result; a redirect on success, None (with the reason on the form) if refused."""
    try:
        moderated = evaluation_moderate(
            actor=request.user,
            evaluation_id=evaluation.pk,
            final_scores=form.final_scores(),
            reason=form.cleaned_data["reason"],
        )
    except (EvaluationRefused, EvaluationNotFound) as error:
        form.add_error(None, str(error))
        return None
    verdict = "passed" if moderated.passed else "did not pass"
    messages.success(
        request,
        f"Final scores saved: {evaluation.performer} {verdict} {evaluation.subject} with "
        f"{moderated.score:.0f} %. The result is released to the rep.",
    )
    return redirect(reverse("wagtailsnippets_assessments_evaluation:list"))


def _fingerprint(final_scores: dict) -> str:
    """The final scores a preview showed, as the confirm button carries them back."""
    return ";".join(f"{key}={score}" for key, score in sorted(final_scores.items())) or "-"


@dataclass(frozen=True)
class CalibrationRow:
    name: str
    email: str
    scored: int
    mean_deviation: Decimal
    mean_absolute: Decimal

    @classmethod
    def from_values(cls, values: dict):
        name = f"{values['judge__first_name']} {values['judge__last_name']}".strip() or values["judge__email"]
        return cls(
            name=name,
            email=values["judge__email"],
            scored=values["scored"],
            mean_deviation=Decimal(str(values["mean_deviation"] or 0)).quantize(ONE_PLACE, ROUND_HALF_UP),
            mean_absolute=Decimal(str(values["mean_absolute"] or 0)).quantize(ONE_PLACE, ROUND_HALF_UP),
        )

    @property
    def leaning(self) -> str:
        if self.mean_deviation > 0:
            return "scores higher than the panel"
        if self.mean_deviation < 0:
            return "scores lower than the panel"
        return "in line with the panel"

    @property
    def off(self) -> bool:
        return self.mean_absolute > CALIBRATION_OFF_BY

    @property
    def bar_width(self) -> int:
        return int(min(self.mean_absolute / CALIBRATION_BAR_SCALE, 1) * 100)


@require_safe
def calibration_view(request):
    """How far each judge's scores sit from their panels', furthest first."""
    if not request.user.has_perm("assessments.view_evaluation"):
        raise PermissionDenied
    # One small query for the cache key; on a miss, one query aggregating every judge in the database.
    page = Paginator(judge_calibration_cached(), CALIBRATION_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "assessments/admin/calibration.html",
        {
            "page": page,
            "rows": [CalibrationRow.from_values(values) for values in page.object_list],
            "off_by": CALIBRATION_OFF_BY,
            "bar_scale": CALIBRATION_BAR_SCALE,
        },
    )
