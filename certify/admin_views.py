"""Views of the Wagtail admin that belong to the certification domain."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import Evaluation, EvaluationStatus, Scorecard
from content.models import CONTENT_PAGE_TYPES, ContentPage, Product

from .exceptions import DomainError
from .deal_import import DealImportRefused, deals_import
from .forms import AssignmentForm, AwardGrantForm, AwardRevokeForm, DealImportForm, EvaluationPanelForm
from .models import Award, User
from .permissions import can_invite, can_manage_certifications, can_view_reach
from .selectors import judges_eligible, reach_by_page, reach_by_team, reps, share
from .services import (
    assignment_create,
    award_grant_by_person,
    award_revoke,
    evaluation_panel_assign,
    invitation_send,
)


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
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_reach(request.user):
            raise PermissionDenied
        self.reach_whole = reps().count()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reps_total"] = self.reach_whole
        return context


class ReachReportView(ReachMixin, ReportView):
    page_title = "Content reach"
    index_url_name = "certify_reach:index"
    index_results_url_name = "certify_reach:index_results"
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
                get_url=lambda page: reverse("certify_reach:page", args=[page.pk]),
            ),
            Column("type_label", label="Type"),
            Column("rep_viewers", label="Reps who opened it", sort_key="rep_viewers"),
            ShareColumn("reach_share", part="rep_viewers", label="Share of reps"),
            Column("total_views", label="Views", sort_key="total_views"),
            Column("last_viewed", label="Last viewed", sort_key="last_viewed"),
        ]

    def get_queryset(self):
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
    index_url_name = "certify_reach:page"
    index_results_url_name = "certify_reach:page_results"
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
            {"url": reverse("certify_reach:index"), "label": "Content reach"},
            {"url": "", "label": self.page.title},
        ]

    @property
    def columns(self):
        return [
            Column("name", label="Team"),
            Column("rep_count", label="Reps"),
            Column("viewers", label="Reps who opened it"),
            ShareColumn("reach_share", part="viewers", label="Share of the team"),
        ]

    def get_queryset(self):
        return reach_by_team(page=self.page)

    def decorate_paginated_queryset(self, object_list):
        for team in object_list:
            team.reach_whole = team.rep_count
            team.reach_share = share(team.viewers, team.rep_count)
        return object_list

    def get_filename(self):
        return f"content-reach-{self.page.slug}-by-team"


@require_http_methods(["GET", "POST"])
def invitation_resend(request, user_id):
    if not can_invite(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    if request.method == "GET":
        return TemplateResponse(request, "certify/admin/invitation_confirm.html", {"person": person})
    try:
        invitation_send(actor=request.user, user=person)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Invitation sent to {person.email}.")
    return redirect(reverse("wagtailusers_users:index"))


# Certifications ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def assignment_create_view(request):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, initial={"level": request.GET.get("level")})
    if request.method == "POST" and form.is_valid():
        try:
            assignments = assignment_create(
                actor=request.user,
                level=form.cleaned_data["level"],
                users=list(form.cleaned_data["users"]),
                teams=list(form.cleaned_data["teams"]),
                due_date=form.cleaned_data["due_date"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                f"{form.cleaned_data['level']} assigned ({len(assignments)} assignment"
                f"{'s' if len(assignments) != 1 else ''}); the reps are being told by email.",
            )
            return redirect(reverse("wagtailsnippets_certify_assignment:list"))
    return TemplateResponse(
        request,
        "certify/admin/form_page.html",
        {"form": form, "title": "Assign a certification", "icon": "calendar-check", "submit": "Assign"},
    )


@require_http_methods(["GET", "POST"])
def award_grant_view(request):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    form = AwardGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award = award_grant_by_person(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{award.user} now holds {award.level}.")
            return redirect(reverse("wagtailsnippets_certify_award:list"))
    return TemplateResponse(
        request,
        "certify/admin/form_page.html",
        {"form": form, "title": "Grant a certification level", "icon": "success", "submit": "Grant"},
    )


@require_http_methods(["GET", "POST"])
def award_revoke_view(request, pk):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    award = get_object_or_404(Award.objects.select_related("user", "level__certification"), pk=pk)
    form = AwardRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            award_revoke(actor=request.user, award_id=award.pk, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The award of {award.level} to {award.user} is revoked. The record stays.")
            return redirect(reverse("wagtailsnippets_certify_award:list"))
    return TemplateResponse(
        request,
        "certify/admin/form_page.html",
        {
            "form": form,
            "title": f"Revoke {award.level} from {award.user}",
            "icon": "warning",
            "submit": "Revoke",
            "intro": f"Awarded {award.awarded_at:%-d %B %Y}"
            + (f", valid until {award.valid_until:%-d %B %Y}" if award.valid_until else "")
            + ". Revoking keeps the record, with your reason.",
        },
    )


@require_http_methods(["GET", "POST"])
def deal_import_view(request):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    form = DealImportForm(request.POST or None, request.FILES or None)
    summary = refused = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = deals_import(
                actor=request.user,
                file_name=upload.name,
                data=upload.read(),
                mapping=form.mapping(),
                date_format=form.cleaned_data["date_format"],
                default_currency=form.cleaned_data["default_currency"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except DealImportRefused as error:
            refused = error
            messages.error(request, f"{error} The lines are listed below the form.")
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if summary.dry_run:
                messages.info(
                    request, f"Check only, nothing was imported: {summary.counts}. The details are below the form."
                )
            else:
                messages.success(request, f"{upload.name} imported: {summary.counts}.")
    return TemplateResponse(
        request,
        "certify/admin/deal_import.html",
        {"form": form, "summary": summary, "refused": refused, "title": "Import deals"},
    )


# Level-2 assessments --------------------------------------------------------


@require_http_methods(["GET", "POST"])
def evaluation_panel_view(request, pk):
    """An enablement admin chooses (or changes) an evaluation's panel and, for a live session, its time and place."""
    if not can_manage_certifications(request.user) or not request.user.has_perm("assessments.assign_panel"):
        raise PermissionDenied
    cards = Scorecard.objects.select_related("judge").order_by("assigned_at", "pk")
    evaluation = get_object_or_404(
        Evaluation.objects.select_related(
            "performer", "scenario", "guide_version", "observer", "countersigner"
        ).prefetch_related(Prefetch("scorecards", queryset=cards)),
        pk=pk,
    )
    # A field observation is scored by the rep's own manager: nobody chooses a panel for it.
    open_for_panel = not evaluation.is_field_observation and evaluation.status in (
        EvaluationStatus.REQUESTED,
        EvaluationStatus.SCHEDULED,
    )
    form = None
    if open_for_panel:
        eligible = list(judges_eligible(exclude=[evaluation.performer]))
        form = EvaluationPanelForm(request.POST or None, evaluation=evaluation, eligible=eligible)
        if request.method == "POST" and form.is_valid():
            try:
                change = evaluation_panel_assign(
                    actor=request.user,
                    evaluation=evaluation,
                    judges=list(form.cleaned_data["judges"]),
                    scheduled_at=form.cleaned_data.get("scheduled_at"),
                    location=form.cleaned_data.get("location"),
                )
            except (DomainError, EvaluationRefused, EvaluationNotFound) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _panel_message(evaluation, change, form.cleaned_data["judges"]))
                return redirect(reverse("wagtailsnippets_assessments_evaluation:list"))
    elif request.method == "POST":
        messages.error(
            request,
            "A field observation is scored by the rep's manager: it has no panel to choose."
            if evaluation.is_field_observation
            else "This evaluation's panel can no longer change.",
        )
    return TemplateResponse(
        request,
        "certify/admin/evaluation_panel.html",
        {
            "evaluation": evaluation,
            "scorecards": list(evaluation.scorecards.all()),
            "form": form,
            "title": f"Choose the panel: {evaluation.performer}",
        },
    )


def _panel_message(before, change, judges) -> str:
    names = ", ".join(str(judge) for judge in judges)
    after = change.evaluation
    moved = (after.scheduled_at, after.location) != (before.scheduled_at, before.location)
    told = []
    if change.added:
        told.append("the new judges and the rep are being told by email")
    if moved:
        told.append("everyone on the panel gets an updated calendar invitation")
    return f"Panel for {before.performer} — {before.subject}: {names}." + (
        f" {'; '.join(told).capitalize()}." if told else ""
    )
