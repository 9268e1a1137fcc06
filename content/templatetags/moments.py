"""A moment as its reader reads it: in the active time zone, with the zone named (content/time_zones.py).

    {% load moments %}
    {{ evaluation.scheduled_at|moment }}                 <time datetime="2026-12-02T13:00:00Z" ...>2 Dec 2026, 14:00 CET</time>
    {{ evaluation.scheduled_at|moment:"l j F Y, H:i" }}  ... Wednesday 2 December 2026, 14:00 CET
    {{ evaluation.scheduled_at|moment_text }}            2 Dec 2026, 14:00 CET (for plain-text emails)

Any app's templates may load it (it is content's). A date without a time stays a date: use Django's `date`.
"""

from django import template

from ..time_zones import DEFAULT_MOMENT_FORMAT, moment_html, moment_text

register = template.Library()


@register.filter(name="moment")
def moment_filter(value, format=DEFAULT_MOMENT_FORMAT):
    return moment_html(value, format)


@register.filter(name="moment_text")
def moment_text_filter(value, format=DEFAULT_MOMENT_FORMAT):
    return moment_text(value, format)
