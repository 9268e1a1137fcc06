"""Reads of the content hub that views and templates loop over."""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from .forms import ContentFilterForm
from .models import CONTENT_PAGE_TYPES, ContentPage, PageView

TYPE_MODELS = {model._meta.model_name: model for model in CONTENT_PAGE_TYPES}
WORD = re.compile(r"\w+")


@dataclass
class ContentFilters:
    form: ContentFilterForm
    cleaned: dict = field(default_factory=dict)

    @property
    def active(self):
        return any(self.cleaned.values())


def content_filter_options(data) -> ContentFilters:
    """Validate listing filters; an unknown value is dropped with the form's message, never an error page."""
    form = ContentFilterForm(data or None)
    cleaned = {"content_type": None, "product": None, "stage": None}
    if form.is_bound and form.is_valid():
        cleaned["content_type"] = form.cleaned_data["type"] or None
        cleaned["product"] = form.cleaned_data["product"]
        cleaned["stage"] = form.cleaned_data["stage"]
    return ContentFilters(form=form, cleaned=cleaned)


def _filtered(queryset, *, content_type=None, product=None, stage=None):
    if content_type:
        queryset = queryset.type(TYPE_MODELS[content_type])
    if product:
        queryset = queryset.filter(pk__in=ContentPage.objects.filter(products=product).values("pk"))
    if stage:
        queryset = queryset.filter(pk__in=ContentPage.objects.filter(stages=stage).values("pk"))
    return queryset


def content_list(*, within=None, content_type=None, product=None, stage=None):
    """Live content pages (below `within` if given), newest first, ready for cards."""
    pages = ContentPage.objects.live().public()
    if within is not None:
        pages = pages.descendant_of(within)
    pages = _filtered(pages, content_type=content_type, product=product, stage=stage)
    return (
        pages.select_related("content_type")
        .prefetch_related("products", "stages")
        .order_by("-first_published_at", "-pk")
    )


def content_search(*, query, content_type=None, product=None, stage=None):
    """Full-text search over live content pages with the same filters as the listings.

    Returns the backend's lazy results; paginate them, then pass the page through
    `pages_for_cards`.
    """
    pages = _filtered(ContentPage.objects.live().public(), content_type=content_type, product=product, stage=stage)
    terms = search_terms(query)
    if not terms:
        return ContentPage.objects.none()
    return pages.search(terms, operator="and")


def search_terms(query: str) -> str:
    """The words of what a person typed, and nothing the search backend could read as its own syntax.

    The database backends pass a term to SQLite's FTS5 or PostgreSQL's tsquery inside their own quoting,
    which a quote, a colon or a bracket in the text can break: only letters and digits (any script) are kept,
    so any text is a valid query. Words such as AND, OR and NOT are searched for as words.
    """
    return " ".join(WORD.findall(query or ""))


def pages_for_cards(pages):
    """Reload a page of search results with their types, products and stages, keeping the order."""
    ids = [page.pk for page in pages]
    loaded = ContentPage.objects.filter(pk__in=ids).select_related("content_type").prefetch_related("products", "stages")
    by_pk = {page.pk: page for page in loaded}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def pages_not_viewed_by(*, user, products=None, limit=6):
    """Live content for the given products (all if None) that the person has not opened yet."""
    pages = ContentPage.objects.live().public().exclude(pk__in=PageView.objects.filter(user=user).values("page_id"))
    if products is not None:
        pages = pages.filter(Q(products__in=products)).distinct()
    return list(
        pages.select_related("content_type").prefetch_related("products").order_by("-first_published_at")[:limit]
    )


def recently_updated_content(*, limit=6):
    return list(
        ContentPage.objects.live()
        .public()
        .select_related("content_type")
        .prefetch_related("products")
        .order_by("-last_published_at")[:limit]
    )


def page_views_for(*, user, limit=6):
    """What the person opened most recently."""
    return list(
        PageView.objects.filter(user=user, page__live=True)
        .select_related("page", "page__content_type")
        .order_by("-last_seen")[:limit]
    )
