"""The simple formatting of tips: plain text with **bold**, *italic* and "- " lists."""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

# A tag as HTML reads one: "<" right before a name (or "/name", "!"). "a < b > c" is plain text and stays as typed.
TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])|!)[^<>]*>")
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "li"}


def find_markup(text: str) -> str | None:
    """The first HTML tag in the text, if any (tips are plain text)."""
    match = TAG.search(text or "")
    return match.group(0) if match else None


def _inline(line: str) -> str:
    line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
    return re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<em>\1</em>", line)


def render_tip_body(text: str) -> str:
    """Escape everything, then apply the few formatting marks; the result is sanitised once more."""
    blocks, items, paragraph = [], [], []

    def close():
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for raw in (text or "").splitlines():
        line = _inline(escape(raw.strip()))
        if not line:
            close()
        elif raw.strip().startswith("- "):
            if paragraph:
                close()
            items.append(line[2:].strip())
        else:
            if items:
                close()
            paragraph.append(line)
    close()
    return mark_safe(nh3.clean("".join(blocks), tags=ALLOWED_TAGS, attributes={}))
