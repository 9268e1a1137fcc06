"""Taking a level-1 quiz: the attempt, saving answers as the rep goes, and the result."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.exceptions import AssessmentError, AttemptClosed, InvalidAnswer
from assessments.models import ReviewOption
from assessments.selectors import attempt_availability, attempt_missed_study_pages, attempt_review, attempt_review_mode
from assessments.services import attempt_is_past_deadline, attempt_save_and_submit, attempt_save_answers
from content.time_zones import moment_text

from ..models import Award, CertificationLevel
from ..permissions import attempt_get_for_user, can_manage_certifications
from ..selectors import tier_change_for_pass


def _level_for(attempt):
    """The certification level an attempt counts towards, for links back."""
    return (
        CertificationLevel.objects.select_related("certification")
        .filter(quiz_id=attempt.quiz_id, number=1, certification__active=True)
        .order_by("certification__title")
        .first()
    )


def _answers_from(request, attempt_questions) -> dict:
    """The whole form's answers: {position: [choice indexes]}. A question left blank is saved blank."""
    answers = {}
    for served in attempt_questions:
        values = request.POST.getlist(f"q{served.position}")
        try:
            answers[served.position] = [int(value) for value in values]
        except ValueError:
            raise InvalidAnswer(f"Question {served.position}: that is not one of its choices.") from None
    return answers


@require_http_methods(["GET", "POST"])
def attempt_view(request, pk):
    """The quiz itself. POST saves the whole form, or saves it and submits (the page works without JavaScript).
    A GET never writes: past the time limit it says the time ran out and offers to submit (the schedule grades
    an attempt nobody comes back to)."""
    attempt = attempt_get_for_user(request.user, pk, to_change=True)
    if not attempt.is_open:
        return redirect("certify:attempt_result", pk=attempt.pk)
    if request.method == "GET" and attempt_is_past_deadline(attempt):
        return render(request, "certify/attempt_time_up.html", {"attempt": attempt, "level": _level_for(attempt)})
    if request.method == "GET":
        return _attempt_page(request, attempt)
    submit = request.POST.get("action") == "submit"
    # Past the time limit nothing more is taken (the time-up page sends no answers): what was saved is graded.
    late = attempt_is_past_deadline(attempt)
    try:
        answers = {} if late else _answers_from(request, attempt.questions.order_by("position"))
        save = attempt_save_and_submit if submit else attempt_save_answers
        result = save(actor=request.user, attempt_id=attempt.pk, answers=answers)
    except AttemptClosed:
        return redirect("certify:attempt_result", pk=attempt.pk)
    except AssessmentError as error:
        messages.error(request, f"{error} Nothing was saved; please try again.")
        return redirect("certify:attempt", pk=attempt.pk)
    if result.timed_out:
        if late:
            messages.info(request, "The time ran out, so your attempt was submitted with the answers you had saved.")
        else:
            messages.info(request, "The time ran out before that save; your answers saved before then were graded.")
        return redirect("certify:attempt_result", pk=attempt.pk)
    if submit:
        return redirect("certify:attempt_result", pk=attempt.pk)
    messages.success(request, "Your answers are saved.")
    return redirect("certify:attempt", pk=attempt.pk)


def _attempt_page(request, attempt):
    served = list(attempt.questions.order_by("position"))
    seconds_left = int(attempt.time_left().total_seconds()) if attempt.deadline else None
    return render(
        request,
        "certify/attempt.html",
        {
            "attempt": attempt,
            "served": served,
            "level": _level_for(attempt),
            "answered": sum(1 for question in served if question.selected),
            "seconds_left": seconds_left,
            "time_left_label": f"{seconds_left // 60}:{seconds_left % 60:02d}" if seconds_left is not None else "",
        },
    )


@require_POST
def attempt_autosave(request, pk):
    """Saves the form as the rep answers. JSON in and out of the page's script; no answer key ever."""
    attempt = attempt_get_for_user(request.user, pk, to_change=True)
    result_url = reverse("certify:attempt_result", args=[attempt.pk])
    try:
        result = attempt_save_answers(
            actor=request.user, attempt_id=attempt.pk, answers=_answers_from(request, attempt.questions.all())
        )
    except AttemptClosed as error:
        return JsonResponse({"error": str(error), "result_url": result_url}, status=409)
    except AssessmentError as error:
        return JsonResponse({"error": str(error)}, status=400)
    if result.timed_out:
        return JsonResponse(
            {"error": "The time ran out; your attempt was submitted with what was saved.", "result_url": result_url},
            status=409,
        )
    return JsonResponse({"saved": result.saved, "saved_at": moment_text(result.attempt.last_saved_at, "H:i:s")})


def _level_study_pages(level, *, exclude=()):
    """The level's study material that is published, less pages already suggested."""
    skip = {page.pk for page in exclude}
    return [block.value for block in level.study_material if block.value and block.value.live and block.value.pk not in skip]


@require_safe
def attempt_result(request, pk):
    attempt = attempt_get_for_user(request.user, pk)
    if attempt.is_open:
        return redirect("certify:attempt", pk=attempt.pk)
    level = _level_for(attempt)
    own = attempt.user_id == request.user.pk
    full = can_manage_certifications(request.user) and not own
    attempts = list(attempt.quiz.attempts.filter(user_id=attempt.user_id).order_by("number"))
    missed_pages = attempt_missed_study_pages(attempt)
    availability = attempt_availability(quiz=attempt.quiz, attempts=attempts)
    return render(
        request,
        "certify/attempt_result.html",
        {
            "attempt": attempt,
            "own": own,
            "level": level,
            "review": attempt_review(attempt, full=full, attempts_left=availability.attempts_left),
            "answers_held_back": own
            and attempt.review == ReviewOption.FULL
            and attempt_review_mode(attempt, attempts_left=availability.attempts_left) == ReviewOption.WRONG,
            "missed_pages": missed_pages,
            "study_pages": _level_study_pages(level, exclude=missed_pages) if level and not attempt.passed else [],
            "awards": Award.objects.filter(attempt=attempt).select_related("level", "certification"),
            "tier_change": tier_change_for_pass(attempt=attempt) if attempt.passed else None,
            "availability": availability if own else None,
        },
    )
