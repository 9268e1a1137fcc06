"""The simple formatting of tips: plain text with **bold**, *italic*, "- " lists and "1. " numbered lists."""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

# A tag as HTML reads one: "<" right before a name (or "/name", "!"). "a < b > c" is plain text and stays as typed.
TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])|!)[^<>]*>")
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li"}
NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
EXCERPT_CHARS = 180


def find_markup(text: str) -> str | None:
    """The first HTML tag in the text, if any (tips are plain text)."""
    match = TAG.search(text or "")
    return match.group(0) if match else None


def _inline(line: str) -> str:
    line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
    return re.sub(r"(?<!\*)\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<em>\1</em>", line)


def _list_item(line: str) -> tuple[str, str] | None:
    """("ul", text) for a line starting with "- ", ("ol", text) for one starting with "1. " or "1) "; else None."""
    if line.startswith("- "):
        return "ul", line[2:]
    match = NUMBERED.match(line)
    return ("ol", line[match.end() :]) if match else None


def render_tip_body(text: str) -> str:
    """Escape everything, then apply the few formatting marks; the result is sanitised once more."""
    blocks, items, paragraph = [], [], []
    kind = None

    def close_paragraph():
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def close_list():
        if items:
            blocks.append(f"<{kind}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        item = _list_item(line)
        if not line:
            close_paragraph()
            close_list()
        elif item:
            close_paragraph()
            if item[0] != kind:
                close_list()
            kind = item[0]
            items.append(_inline(escape(item[1].strip())))
        else:
            close_list()
            paragraph.append(_inline(escape(line)))
    close_paragraph()
    close_list()
    return mark_safe(nh3.clean("".join(blocks), tags=ALLOWED_TAGS, attributes={}))


def render_tip_excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a tip for its card, formatted as the tip is (its lists stay lists): whole lines while they fit
    in about `limit` characters, then the next one cut at a word, with "…"."""
    kept, used = [], 0
    for raw in (text or "").splitlines():
        line = raw.strip()
        if used + len(line) <= limit:
            kept.append(line)
            used += len(line)
            continue
        room = max(limit - used, 0)
        cut = line[: room + 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:room]
        if cut.count("**") % 2 or cut.replace("**", "").count("*") % 2:  # a cut through **bold** or *italic*
            cut = cut.replace("*", "")
        item = _list_item(cut + " ")
        if (item[1] if item else cut).strip():
            kept.append(cut.rstrip(" ,.;:") + "…")
        elif kept:
            kept[-1] = kept[-1] + "…"
        break
    return render_tip_body("\n".join(kept))
