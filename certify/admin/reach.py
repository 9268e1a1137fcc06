"""Content reach in the Wagtail admin: per page how many reps opened it and what share of all reps, and per team."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from content.models import CONTENT_PAGE_TYPES, ContentPage, Product

from ..permissions import can_view_reach
from ..schedules import REACH_REFRESH_MINUTES
from ..selectors import reach_by_page, reach_by_team, reach_refreshed, share


class ShareColumn(Column):
    """A percentage of a whole the view works out once per request."""

    def __init__(self, name, part, **kwargs):
        self.part = part
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return f"{share(getattr(instance, self.part), instance.reach_whole)} %"


class ReachFilterSet(WagtailFilterSet):
    products = django_filters.ModelChoiceFilter(
        label="Product", queryset=Product.objects.all(), field_name="products", empty_label="All products"
    )
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=[(model._meta.model_name, model._meta.verbose_name.capitalize()) for model in CONTENT_PAGE_TYPES],
        method="filter_type",
        empty_label="All types",
    )

    class Meta:
        model = ContentPage
        fields = ["products"]

    def filter_type(self, queryset, name, value):
        model = {m._meta.model_name: m for m in CONTENT_PAGE_TYPES}[value]
        return queryset.type(model)


class ReachMixin:
    """Both reach reports read the rollup (models.PageReach, TeamPageReach) and say when it was last counted."""

    header_icon = "view"
    template_name = "certify/admin/reach/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reach(request.user):
            raise PermissionDenied
        self.refreshed = reach_refreshed()
        # The share of all reps is taken of the reps counted with the rollup, so that the two agree.
        self.reach_whole = self.refreshed.reps if self.refreshed else 0
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reps_total"] = self.reach_whole
        context["reach_refreshed"] = self.refreshed
        context["reach_refresh_minutes"] = REACH_REFRESH_MINUTES
        return context


class ReachReportView(ReachMixin, ReportView):
    page_title = "Content reach"
    index_url_name = "certify_admin:reach:index"
    index_results_url_name = "certify_admin:reach:index_results"
    filterset_class = ReachFilterSet
    default_ordering = "-rep_viewers"
    paginate_by = 50
    list_export = ["title", "type_label", "rep_viewers", "reach_share", "total_views", "last_viewed"]
    export_headings = {
        "type_label": "Type",
        "rep_viewers": "Reps who opened it",
        "reach_share": "Share of reps (%)",
        "total_views": "Views",
        "last_viewed": "Last viewed",
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Page",
                sort_key="title",
                get_url=lambda page: reverse("certify_admin:reach:page", args=[page.pk]),
            ),
            Column("type_label", label="Type"),
            Column("rep_viewers", label="Reps who opened it", sort_key="rep_viewers"),
            ShareColumn("reach_share", part="rep_viewers", label="Share of reps"),
            Column("total_views", label="Views", sort_key="total_views"),
            Column("last_viewed", label="Last viewed", sort_key="last_viewed"),
        ]

    def get_base_queryset(self):
        # The base listing orders (by the column header chosen), filters and searches what this returns.
        return reach_by_page()

    def get_valid_orderings(self):
        return ["title", "-title", "rep_viewers", "-rep_viewers", "total_views", "-total_views", "last_viewed", "-last_viewed"]

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.reach_whole = self.reach_whole
            page.reach_share = share(page.rep_viewers, self.reach_whole)
        return object_list

    def get_filename(self):
        return "content-reach"


class ReachByTeamView(ReachMixin, ReportView):
    default_ordering = "name"
    index_url_name = "certify_admin:reach:page"
    index_results_url_name = "certify_admin:reach:page_results"
    paginate_by = 50
    list_export = ["name", "rep_count", "viewers", "reach_share"]
    export_headings = {"name": "Team", "rep_count": "Reps", "viewers": "Reps who opened it", "reach_share": "Share (%)"}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(ContentPage, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Reach of “{self.page.title}” by team"

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.page.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.page.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("certify_admin:reach:index"), "label": "Content reach"},
            {"url": "", "label": self.page.title},
        ]

    @property
    def columns(self):
        return [
            Column("name", label="Team", sort_key="name"),
            Column("rep_count", label="Reps", sort_key="rep_count"),
            Column("viewers", label="Reps who opened it", sort_key="viewers"),
            ShareColumn("reach_share", part="viewers", label="Share of the team"),
        ]

    def get_base_queryset(self):
        return reach_by_team(page=self.page)

    def decorate_paginated_queryset(self, object_list):
        for team in object_list:
            team.reach_whole = team.rep_count
            team.reach_share = share(team.viewers, team.rep_count)
        return object_list

    def get_filename(self):
        return f"content-reach-{self.page.slug}-by-team"
