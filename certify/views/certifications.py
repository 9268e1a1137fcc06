"""Certifications as reps meet them: what is due, each certification's levels, and starting a level's quiz."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from assessments.exceptions import AssessmentError

from ..exceptions import DomainError
from ..models import CertificationLevel
from ..permissions import certification_get_for_user
from ..selectors import award_history, certification_for_person, my_certifications
from ..services import level_attempt_start


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
