"""The filters that format a tip in the site's templates."""

from django import template

from ..formatting import render_tip_body

register = template.Library()


@register.filter
def tip_body(text):
    return render_tip_body(text)


@register.filter
def tip_summary(text):
    """The tip as one plain line: formatting marks and list dashes removed."""
    return " ".join(line.strip().removeprefix("- ") for line in (text or "").splitlines() if line.strip()).replace("**", "").replace("*", "")
