"""The Impact section: is our enablement working? Figures for enablement admins (every rep) and managers
(their own teams), each page a module here; the sections and the shared filter are defined once, below."""

from django.http import Http404

from ...forms import ImpactFilterForm
from ...permissions import can_view_impact
from ...schedules import PROGRESS_REFRESH_MINUTES
from ...selectors.impact import impact_teams_for, progress_refreshed

# The section's pages in the order its navigation lists them: (URL name, label).
SECTIONS = [
    ("certify:impact", "Overview"),
    ("certify:impact_readiness", "Readiness"),
    ("certify:impact_funnel", "Certification funnel"),
    ("certify:impact_ramp", "Time to certify and ramp"),
    ("certify:impact_certified", "Certified versus not"),
    ("certify:impact_tiers", "Revenue by tier"),
    ("certify:impact_content", "Content"),
    ("certify:impact_trends", "Trends"),
    ("certify:impact_struggling", "Who is struggling"),
    ("certify:impact_completion", "Assignment completion"),
]


def impact_filters(request, *, certifications=None, form_class=ImpactFilterForm):
    """The filter form and the scope it chose, for someone who may read impact figures (404 for anyone else).
    `form_class`: the shared form, or a page's own that adds fields to it."""
    if not can_view_impact(request.user):
        raise Http404
    form = form_class(request.GET or None, teams=impact_teams_for(request.user), certifications=certifications)
    return form, form.scope(request.user)


def impact_context(request, *, current, form, scope, **extra) -> dict:
    """What every impact template reads: the section navigation, the filter form, the scope, the query string."""
    return {
        "impact_sections": [(name, label, name == current) for name, label in SECTIONS],
        "form": form,
        "scope": scope,
        "query": request.GET.urlencode(),
        "section_query": _shared_filters(request),
        **extra,
    }


def progress_counted() -> dict:
    """What a page that reads the progress rollup says of it (templates/certify/impact/_counted.html)."""
    return {"progress_refreshed": progress_refreshed(), "progress_refresh_minutes": PROGRESS_REFRESH_MINUTES}


# The filters every Impact page shares: the links between the pages carry these, never a page number or a filter
# that belongs to one page.
SHARED_FILTERS = ("team", "certification", "months")


def _shared_filters(request) -> str:
    query = request.GET.copy()
    for name in list(query):
        if name not in SHARED_FILTERS:
            del query[name]
    return query.urlencode()
