import hashlib
import re

from django import template
from django.core.cache import cache
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.format import embed_to_frontend_html

register = template.Library()

# Slots the content pages offer to the apps built on them, filled with a Wagtail hook.
# Content knows nothing of who fills them; with no hook registered a slot stays empty.
PAGE_FOOTER_HOOK = "content_page_footer"  # fn(request, page) -> HTML after a content page's article
SEARCH_FOOTER_HOOK = "content_search_footer"  # fn(request, query, product) -> HTML after the search results
PRODUCT_URL_HOOK = "content_product_url"  # fn(product) -> the URL a product's tag links to, or None


def _hook_html(hook_name, *args):
    return mark_safe("".join(conditional_escape(fn(*args) or "") for fn in hooks.get_hooks(hook_name)))


@register.simple_tag(takes_context=True)
def page_footer(context, page):
    """What the apps built on content show after a content page: the `content_page_footer` hooks."""
    return _hook_html(PAGE_FOOTER_HOOK, context["request"], page)


@register.simple_tag(takes_context=True)
def search_footer(context, query, product=None):
    """What the apps built on content show after the search results: the `content_search_footer` hooks."""
    return _hook_html(SEARCH_FOOTER_HOOK, context["request"], query, product)


@register.simple_tag
def product_url(product):
    """Where a product's tag links to: the first `content_product_url` hook that gives a URL, else ""."""
    for fn in hooks.get_hooks(PRODUCT_URL_HOOK):
        url = fn(product)
        if url:
            return url
    return ""


@register.filter
def highlight(text, query):
    """Escape `text` and wrap each word of `query` found in it in <mark>."""
    text = escape(text or "")
    words = [re.escape(escape(word)) for word in (query or "").split() if len(word) > 1]
    if not words:
        return mark_safe(text)
    pattern = re.compile(r"(" + "|".join(words) + r")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", text))


EMBED_RETRY_SECONDS = 3600


@register.inclusion_tag("content/includes/video.html")
def video(url, title=""):
    """An embedded player for a video link, or a plain link when the provider cannot be reached.

    Wagtail keeps embeds it found; a link whose provider did not answer is remembered
    for an hour, so pages are not held up asking again on every view.
    """
    html = ""
    failed_key = f"embed-failed:{hashlib.sha256((url or '').encode()).hexdigest()}"
    if url and not cache.get(failed_key):
        try:
            html = embed_to_frontend_html(url, None, None)
        except EmbedException:
            html = ""
        if not html:
            cache.set(failed_key, True, EMBED_RETRY_SECONDS)
    return {"url": url, "html": html, "title": title}


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
