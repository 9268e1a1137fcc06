"""What several forms share in how they read input."""

from django import forms


def in_site_time_zone(value):
    """A datetime-local field carries no time zone: read what was typed in the site's."""
    from django.utils import timezone

    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return timezone.make_aware(naive, timezone.get_default_timezone())


def date_in_window(value, *, past_days: int | None, future_days: int, today=None):
    """The value, or a ValidationError saying the window it must fall in (certify/dates.py)."""
    from django.utils import timezone

    from ..dates import date_window_problem

    problem = date_window_problem(value, past_days=past_days, future_days=future_days, today=today or timezone.localdate())
    if problem:
        raise forms.ValidationError(problem)
    return value
