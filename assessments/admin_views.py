"""Wagtail admin views for quizzes: importing questions and item analysis."""

from django.http import Http404
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_safe

from .exceptions import ImportRefused
from .forms import ItemAnalysisFilterForm, QuestionImportForm
from .selectors import item_analysis_cached, questions_without_responses
from .services import questions_import


@require_http_methods(["GET", "POST"])
def question_import(request):
    if not request.user.has_perm("assessments.add_question"):
        raise PermissionDenied
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = questions_import(
                actor=request.user,
                bank=form.cleaned_data["bank"],
                file_name=upload.name,
                data=upload.read(),
                file_format=form.chosen_format(),
            )
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            messages.success(
                request,
                f"{summary.created} new, {summary.updated} updated, {summary.unchanged} unchanged, "
                f"{len(summary.skipped)} skipped.",
            )
    return TemplateResponse(request, "assessments/admin/question_import.html", {"form": form, "summary": summary})


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


def evaluation_moderate_view(request, pk):
    raise Http404


def calibration_view(request):
    raise Http404
