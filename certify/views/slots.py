"""What certify shows in the slots the content pages offer (registered in certify/wagtail_hooks.py).

content/templatetags/content_tags.py names the slots; content knows nothing of tips or of the
product pages, so it asks these hooks.
"""

from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.urls import reverse

from ..selectors import tip_list, tip_marked_by, tip_search

PAGE_TIPS = 5
SEARCH_TIPS = 5


def page_tips(request, page) -> str:
    """After a content page: the most helpful tips tied to it, with a way to add one."""
    tips = list(tip_list(viewer=request.user, page=page)[:PAGE_TIPS])
    context = {"page": page, "tips": tips, "marked": tip_marked_by(viewer=request.user, tips=tips), "request": request}
    return render_to_string("certify/includes/page_tips.html", {**context, **csrf(request)})


def search_tips(request, query, product=None) -> str:
    """After the site search's results: the tips that match it."""
    tips = tip_search(tip_list(viewer=request.user, product=product), query)
    context = {"tips": list(tips[:SEARCH_TIPS]), "query": query, "marked": set(), "request": request}
    return render_to_string("certify/includes/search_tips.html", {**context, **csrf(request)})


def product_url(product) -> str:
    """A product's tag links to its page: the certifications and tips on it."""
    return reverse("certify:product", args=[product.code])
