"""The filters that format a tip in the site's templates."""

from django import template

from ..formatting import render_tip_body, render_tip_excerpt

register = template.Library()


@register.filter
def tip_body(text):
    return render_tip_body(text)


@register.filter
def tip_excerpt(text):
    """The start of the tip for its card, formatted as the tip is: lists stay lists."""
    return render_tip_excerpt(text)
