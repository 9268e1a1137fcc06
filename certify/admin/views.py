"""Wagtail admin views of the certify app that go through its services: invitations, assignments, awards, the deals
and start dates imports and choosing a role-play's panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from assessments.admin.slots import evaluation_links
from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import Evaluation, EvaluationStatus, Scorecard

from ..importers import DealImportRefused
from ..services import (
    deal_file_discard,
    deal_file_keep,
    deal_file_kept,
    deal_file_read,
    deal_import_start,
    deals_import,
    start_dates_import,
    start_dates_read,
)
from ..exceptions import DomainError
from ..forms import AssignmentForm, AwardGrantForm, AwardRevokeForm, DealImportForm, EvaluationPanelForm, StartDateImportForm
from ..start_date_import import StartDateImportRefused
from ..models import Award, DealImport, DealImportStatus, User
from ..permissions import can_invite, can_manage_certifications
from ..selectors import judges_eligible, judges_managing
from ..services import assignment_create, award_grant_by_person, award_revoke, evaluation_panel_assign, invitation_send


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
            "intro": f"Awarded {timezone.localtime(award.awarded_at):%-d %B %Y}"
            + (f", valid until {timezone.localtime(award.valid_until):%-d %B %Y}" if award.valid_until else "")
            + ". Revoking keeps the record, with your reason.",
        },
    )


@require_http_methods(["GET", "POST"])
def deal_import_view(request):
    """Check or import a deals export. A checked file is kept (for this person, in their session) so that
    "Import this file" imports it without uploading it again."""
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    kept = deal_file_kept(actor=request.user, session=request.session)
    form = DealImportForm(request.POST or None, request.FILES or None, kept=kept)
    summary = refused = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"] and "confirm" not in request.POST
        if upload is not None:
            file_name, data = upload.name, upload.read()
        else:
            file_name, data = kept.name, deal_file_read(actor=request.user, kept=kept)
        options = {
            "mapping": form.mapping(),
            "date_format": form.cleaned_data["date_format"],
            "default_currency": form.cleaned_data["default_currency"],
        }
        try:
            if dry_run:
                summary = deals_import(actor=request.user, file_name=file_name, data=data, dry_run=True, **options)
            else:  # A large file is queued: its record, and the import's page follows it.
                summary = deal_import_start(actor=request.user, file_name=file_name, data=data, **options)
        except DealImportRefused as error:
            refused = error
            messages.error(request, f"{error} The lines are listed below the form.")
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if isinstance(summary, DealImport):
                deal_file_discard(actor=request.user, session=request.session)
                return redirect("certify_admin:deal_import_run", pk=summary.pk)
            if summary.dry_run:
                kept = deal_file_keep(actor=request.user, session=request.session, name=file_name, data=data)
                messages.info(
                    request, f"Check only, nothing was imported: {summary.counts}. The details are below the form."
                )
            else:
                deal_file_discard(actor=request.user, session=request.session)
                kept = None
                messages.success(request, f"{file_name} imported: {summary.counts}.")
    return TemplateResponse(
        request,
        "certify/admin/deal_import.html",
        {"form": form, "summary": summary, "refused": refused, "kept": kept, "title": "Import deals"},
    )


@require_http_methods(["GET", "POST"])
def start_date_import_view(request):
    """Check or import a file of people's start dates: read and matched outside any transaction, then written by
    one service, all or nothing."""
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    form = StartDateImportForm(request.POST or None, request.FILES or None)
    summary = refused = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = start_dates_read(
                actor=request.user, file_name=upload.name, data=upload.read(), date_format=form.cleaned_data["date_format"]
            )
            summary = start_dates_import(actor=request.user, rows=rows, dry_run=form.cleaned_data["dry_run"])
        except StartDateImportRefused as error:
            refused = error
            messages.error(request, f"{error} The lines are listed below the form.")
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if summary.dry_run:
                messages.info(request, f"Check only, nothing was imported: {summary.counts}.")
            else:
                messages.success(request, f"{upload.name} imported: {summary.counts}.")
    return TemplateResponse(
        request,
        "certify/admin/start_date_import.html",
        {"form": form, "summary": summary, "refused": refused, "title": "Import start dates"},
    )


def _deal_import_get(request, pk):
    if not can_manage_certifications(request.user):
        raise PermissionDenied
    return get_object_or_404(DealImport.objects.select_related("imported_by"), pk=pk)


_RUNNING = (DealImportStatus.QUEUED, DealImportStatus.RUNNING)


def _progress(record) -> dict:
    return {
        "status": record.status,
        "label": record.get_status_display(),
        "done": record.done,
        "total": record.total,
        "percent": 100 if not record.total else round(100 * record.done / record.total),
        "finished": record.status not in _RUNNING,
    }


@require_safe
def deal_import_run_view(request, pk):
    """One deals import's page: its progress while it runs (refreshing itself), then what came in or why not."""
    record = _deal_import_get(request, pk)
    return TemplateResponse(
        request,
        "certify/admin/deal_import_run.html",
        {
            "record": record,
            "progress": _progress(record),
            "running": record.status in _RUNNING,
            "title": f"Import of {record.file_name}",
        },
    )


@require_safe
def deal_import_progress(request, pk):
    """The deals import's progress as JSON, for the page's script to poll."""
    return JsonResponse(_progress(_deal_import_get(request, pk)))


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
        eligible = list(judges_eligible(exclude=[evaluation.performer], not_managing=evaluation.performer))
        managing = list(judges_managing(evaluation.performer))
        form = EvaluationPanelForm(request.POST or None, evaluation=evaluation, eligible=eligible, managing=managing)
        if request.method == "POST" and form.is_valid():
            try:
                change = evaluation_panel_assign(
                    actor=request.user,
                    evaluation=evaluation,
                    judges=form.cleaned_data["panel"],
                    scheduled_at=form.cleaned_data.get("scheduled_at"),
                    location=form.cleaned_data.get("location"),
                    include_managers=form.cleaned_data["include_managers"],
                )
            except (DomainError, EvaluationRefused, EvaluationNotFound) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _panel_message(evaluation, change, form.cleaned_data["panel"]))
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
            "evaluation_links": evaluation_links(evaluation),
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
