"""Certifications as reps meet them: what is due, each certification's levels, starting a level's quiz, and the
page of a level assessed with a guide (a level-2 role-play in views.evaluations, a level-3 field observation in
views.observations)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.exceptions import AssessmentError

from ..exceptions import DomainError
from ..models import CertificationLevel, LevelNumber
from ..permissions import certification_get_for_user
from ..selectors import award_history, certification_for_person, is_assessed_level, my_certifications
from ..services import level_attempt_start
from .evaluations import level_role_play
from .observations import level_observation


@require_safe
def my_certifications_view(request):
    return render(request, "certify/my_certifications.html", {"mine": my_certifications(user=request.user)})


@require_safe
def certification_detail(request, slug):
    certification = certification_get_for_user(request.user, slug)
    return render(
        request,
        "certify/certification_detail.html",
        {
            "certification": certification,
            "levels": certification_for_person(user=request.user, certification=certification),
            "history": award_history(user=request.user, certification=certification)[:20],
        },
    )


@require_POST
def level_start(request, slug, number):
    certification = certification_get_for_user(request.user, slug)
    level = CertificationLevel.objects.select_related("certification", "quiz").filter(
        certification=certification, number=number
    ).first()
    if level is None:
        raise Http404
    try:
        attempt = level_attempt_start(actor=request.user, level=level)
    except (DomainError, AssessmentError) as error:
        messages.error(request, str(error))
        return redirect("certify:certification_detail", slug=slug)
    return redirect("certify:attempt", pk=attempt.pk)


def _assessed_level(certification, number) -> CertificationLevel:
    """The certification's level `number`, if it is assessed with a guide (a level-2 role-play scored by a panel,
    a level-3 field observation); 404 otherwise."""
    level = (
        CertificationLevel.objects.select_related("certification", "guide")
        .filter(certification=certification, number=number, guide__isnull=False)
        .first()
    )
    if level is None or not is_assessed_level(level):
        raise Http404
    return level


@require_http_methods(["GET", "POST"])
def level_assessment(request, slug, number):
    """Everything to prepare from and the form to ask for an assessment: a role-play (level 2), or for level 3
    asking the rep's manager to observe a real call."""
    certification = certification_get_for_user(request.user, slug)
    level = _assessed_level(certification, number)
    if level.number == LevelNumber.FIELD:
        return level_observation(request, certification, level)
    return level_role_play(request, certification, level)
