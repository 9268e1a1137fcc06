"""Safe HTML for question text, choices and feedback."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "code", "pre", "ul", "ol", "li", "a", "sub", "sup", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def clean_fragment(html: str) -> str:
    """Keep simple formatting and links; drop scripts, styles and anything else.

    Plain text comes back with its special characters escaped, so it can be
    stored and shown the same way as formatted text.
    """
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer").strip()
