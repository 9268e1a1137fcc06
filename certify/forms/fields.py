"""What several forms share in how they read input."""

from django import forms


def time_zone_note() -> str:
    """ "Times are in Europe/Berlin — change", for a field where a person types a time: a datetime-local input
    carries no zone, so Django's DateTimeField reads it in the reader's (certify.middleware.TimeZoneMiddleware)."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.html import format_html

    return format_html(
        'Times are in {} — <a href="{}">change<span class="visually-hidden"> your time zone</span></a>.',
        timezone.get_current_timezone_name(),
        reverse("certify:time_zone"),
    )


def with_time_zone_note(help_text: str) -> str:
    from django.utils.html import format_html

    return format_html("{} {}", time_zone_note(), help_text) if help_text else time_zone_note()


def date_in_window(value, *, past_days: int | None, future_days: int, today=None):
    """The value, or a ValidationError saying the window it must fall in (certify/dates.py)."""
    from django.utils import timezone

    from ..dates import date_window_problem

    problem = date_window_problem(
        value,
        past_days=past_days,
        future_days=future_days,
        today=today or timezone.localdate(),
    )
    if problem:
        raise forms.ValidationError(problem)
    return value


class ListSelect(forms.Select):
    """A plain <select> (no option groups) drawn in one pass rather than one template per option: a list of a few
    hundred teams costs a fraction of a millisecond instead of tens, on every page whose filters offer it."""

    def render(self, name, value, attrs=None, renderer=None):
        from django.forms.utils import flatatt
        from django.utils.html import escape
        from django.utils.safestring import mark_safe

        chosen = {str(item) for item in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>{escape(label)}</option>'
            for option, label in self.choices
        )
        return mark_safe(f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>{options}</select>')
