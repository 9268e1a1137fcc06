from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import content_filter_options, content_search, pages_for_cards

SEARCH_PAGE_SIZE = 10


@require_safe
def search(request):
    """Search across every live content page, filtered by type, product and stage."""
    filters = content_filter_options(request.GET)
    query = (filters.form.cleaned_data.get("q") or "").strip() if filters.form.is_bound else ""
    page_obj = None
    if query:
        results = content_search(query=query, **filters.cleaned)
        page_obj = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = pages_for_cards(page_obj.object_list)
    return render(
        request,
        "content/search.html",
        {"filters": filters, "query": query, "page_obj": page_obj},
    )
