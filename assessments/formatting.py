"""Safe HTML for question text, choices and feedback."""

import re
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "code", "pre", "ul", "ol", "li", "a", "sub", "sup", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def clean_fragment(html: str) -> str:
    """Keep simple formatting and links; drop scripts, styles and anything else.

    Plain text comes back with its special characters escaped, so it can be
    stored and shown the same way as formatted text.
    """
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer").strip()


_MARKDOWN = MarkdownIt("commonmark")
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMAGE_SOURCE = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_EMBEDDED_LINK = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?@@PLUGINFILE@@[^>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL)
_EMBEDDED_FILE = re.compile(r"@@PLUGINFILE@@/+([^\"'\s<>?#]+)")


def markdown_to_html(text: str) -> str:
    """CommonMark to HTML; the result still has to go through the sanitiser."""
    return _MARKDOWN.render(text)


def _image_label(tag: str) -> str:
    source = _IMAGE_SOURCE.search(tag)
    src = next((group for group in source.groups() if group is not None), "") if source else ""
    if src.startswith("data:"):
        return "image (embedded in the text)"
    if embedded := _EMBEDDED_FILE.match(src):
        return f"image {unquote(embedded[1])}"
    return f"image {src}" if src else "image"


def embedded_files(html: str) -> list[str]:
    """What the sanitiser will drop from ``html``: its images and Moodle's ``@@PLUGINFILE@@`` files."""
    found = [_image_label(tag[0]) for tag in _IMAGE.finditer(html)]
    found += [f"file {unquote(ref[1])}" for ref in _EMBEDDED_FILE.finditer(_IMAGE.sub("", html))]
    return list(dict.fromkeys(found))


def unlink_embedded_files(html: str) -> str:
    """Links to files that stay behind in Moodle become their plain link text."""
    return _EMBEDDED_LINK.sub(lambda match: match[1], html)
