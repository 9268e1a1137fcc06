"""Judging: a judge's queue and scorecard (being written)."""

from django.http import Http404


def judge_queue_view(request):
    raise Http404


def scorecard_view(request, pk):
    raise Http404


def scorecard_autosave(request, pk):
    raise Http404
