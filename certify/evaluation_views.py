"""Level-2 assessments as reps, their managers and panels see them (being written)."""

from django.http import Http404


def level_assessment(request, slug, number):
    raise Http404


def evaluation_view(request, pk):
    raise Http404


def evaluation_recording(request, pk):
    raise Http404


def evaluation_cancel_view(request, pk):
    raise Http404
