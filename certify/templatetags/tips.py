from django import template

from ..formatting import render_tip_body
from ..selectors import tip_list, tip_marked_by, tip_search

register = template.Library()

PAGE_TIPS = 5
SEARCH_TIPS = 5


@register.filter
def tip_body(text):
    return render_tip_body(text)


@register.inclusion_tag("certify/includes/page_tips.html", takes_context=True)
def tips_for_page(context, page):
    """The most helpful tips tied to a content page, with a way to add one."""
    request = context["request"]
    tips = list(tip_list(viewer=request.user, page=page)[:PAGE_TIPS])
    return {
        "page": page,
        "tips": tips,
        "marked": tip_marked_by(viewer=request.user, tips=tips),
        "request": request,
    }


@register.inclusion_tag("certify/includes/search_tips.html", takes_context=True)
def tips_matching(context, query, product=None):
    """Tips that match a site search, shown beside the content results."""
    request = context["request"]
    tips = tip_search(tip_list(viewer=request.user, product=product), query)
    return {"tips": list(tips[:SEARCH_TIPS]), "query": query, "marked": set(), "request": request}


@register.filter
def tip_summary(text):
    """The tip as one plain line: formatting marks and list dashes removed."""
    return " ".join(line.strip().removeprefix("- ") for line in (text or "").splitlines() if line.strip()).replace("**", "").replace("*", "")
