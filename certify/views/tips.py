"""Tips reps share with each other: the list, sharing, editing and deleting one, marking one helpful, replies,
flagging one for moderation and moderation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from content.ids import parse_id
from content.models import ContentPage

from ..exceptions import DomainError
from ..forms import TipFilterForm, TipFlagForm, TipForm, TipModerationForm, TipReplyForm, TipTextForm
from ..permissions import (
    can_delete_tip,
    can_edit_tip,
    can_flag_tip,
    can_moderate_tips,
    tip_get_for_deleting,
    tip_get_for_editing,
    tip_get_for_flagging,
    tip_get_for_user,
    tip_reply_get_for_editing,
)
from ..selectors import (
    tip_flagged_by,
    tip_list,
    tip_marked_by,
    tip_open_flags,
    tip_replies,
    tip_search,
    top_contributors,
)
from ..services import (
    tip_create,
    tip_delete,
    tip_edit,
    tip_flag,
    tip_flags_resolve,
    tip_hide,
    tip_mark_helpful,
    tip_reply,
    tip_reply_edit,
    tip_set_verified,
    tip_show,
)
from .evaluation_page import Confirmation, confirmed

TIP_PAGE_SIZE = 20


@require_safe
def tip_list_view(request):
    form = TipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tips = tip_list(
        viewer=request.user,
        product=filters.get("product"),
        stage=filters.get("stage"),
        sort=filters.get("sort") or "helpful",
        verified_only=filters.get("verified", False),
    )
    tips = tip_search(tips, filters.get("q"))
    page_obj = Paginator(tips, TIP_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "certify/tip_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "marked": tip_marked_by(viewer=request.user, tips=page_obj.object_list),
            "top_contributors": top_contributors(),
        },
    )


@require_http_methods(["GET", "POST"])
def tip_create_view(request):
    initial = {}
    page = None
    page_id = request.POST.get("page") or request.GET.get("page")
    if page_id:
        page_pk = parse_id(page_id)
        page = ContentPage.objects.live().filter(pk=page_pk).first() if page_pk is not None else None
        if page is not None:
            initial = {"page": page.pk, "product": page.products.first()}
    form = TipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tip = tip_create(
                author=request.user,
                title=data["title"],
                body=data["body"],
                product=data["product"],
                stage=data["stage"],
                page=page,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Thanks for sharing. Your tip is live.")
            return redirect("certify:tip_detail", pk=tip.pk)
    return render(request, "certify/tip_form.html", {"form": form, "page": page})


@require_safe
def tip_detail_view(request, pk):
    return _tip_page(request, tip_get_for_user(request.user, pk), TipReplyForm())


def _tip_page(request, tip, reply_form, status=200):
    """A tip with its counts, replies, the reply form, what the viewer may do with it (edit and delete their own,
    flag someone else's) and, for enablement admins, its open flags and moderation."""
    tip = tip_list(viewer=request.user).get(pk=tip.pk)
    moderator = can_moderate_tips(request.user)
    may_flag = can_flag_tip(request.user, tip)
    return render(
        request,
        "certify/tip_detail.html",
        {
            "tip": tip,
            "replies": tip_replies(tip=tip),
            "marked": tip_marked_by(viewer=request.user, tips=[tip]),
            "reply_form": reply_form,
            "can_edit": can_edit_tip(request.user, tip),
            "can_delete": can_delete_tip(request.user, tip),
            "can_flag": may_flag,
            "flagged": may_flag and tip_flagged_by(viewer=request.user, tip=tip),
            "open_flags": tip_open_flags(tip=tip) if moderator else [],
            "moderation_form": TipModerationForm() if moderator else None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def tip_edit_view(request, pk):
    """The author rewrites their tip's title and text."""
    tip = tip_get_for_editing(request.user, pk)
    form = TipTextForm(_posted(request), initial={"title": tip.title, "body": tip.body})
    if request.method == "POST" and form.is_valid():
        try:
            tip_edit(actor=request.user, tip=tip, title=form.cleaned_data["title"], body=form.cleaned_data["body"])
        except ValidationError as error:
            _add_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your tip is updated.")
            return redirect("certify:tip_detail", pk=tip.pk)
    context = {"form": form, "tip": tip, "heading": "Edit your tip", "submit": "Save changes"}
    return render(request, "certify/tip_edit.html", context)


@require_http_methods(["GET", "POST"])
def tip_reply_edit_view(request, pk, reply_pk):
    """The author rewrites their reply."""
    reply = tip_reply_get_for_editing(request.user, pk, reply_pk)
    form = TipReplyForm(_posted(request), initial={"body": reply.body})
    if request.method == "POST" and form.is_valid():
        try:
            tip_reply_edit(actor=request.user, reply=reply, body=form.cleaned_data["body"])
        except ValidationError as error:
            _add_errors(form, error)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your reply is updated.")
            return redirect("certify:tip_detail", pk=reply.tip.pk)
    context = {"form": form, "tip": reply.tip, "heading": "Edit your reply", "submit": "Save changes"}
    return render(request, "certify/tip_edit.html", context)


@require_POST
def tip_delete_view(request, pk):
    """Delete a tip (its author, or a moderator), after a confirmation step."""
    tip = tip_get_for_deleting(request.user, pk)
    own = tip.author_id == request.user.pk
    if not confirmed(request):
        confirmation = Confirmation(
            title="Delete this tip?",
            question=f"Delete {'your' if own else 'this'} tip “{tip.title}”?",
            consequence="It disappears from the tips list, search, profiles and the pages it is on, with its "
            "replies and helpful marks. Enablement admins keep a record of it.",
            action=reverse("certify:tip_delete", args=[tip.pk]),
            confirm_label="Delete the tip",
            keep_label="Keep it",
        )
        return render(request, "certify/tip_confirm.html", {"tip": tip, "confirmation": confirmation})
    try:
        tip_delete(actor=request.user, tip=tip)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("certify:tip_detail", pk=tip.pk)
    messages.success(request, "Your tip is deleted." if own else "The tip is deleted; its record stays in the admin.")
    return redirect("certify:tip_list")


@require_http_methods(["GET", "POST"])
def tip_flag_view(request, pk):
    """Ask enablement to look at someone else's tip, saying why."""
    tip = tip_get_for_flagging(request.user, pk)
    if tip_flagged_by(viewer=request.user, tip=tip):
        messages.info(request, "You have already flagged this tip; enablement will look at it.")
        return redirect("certify:tip_detail", pk=tip.pk)
    form = TipFlagForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            tip_flag(actor=request.user, tip=tip, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
        except ValidationError as error:
            _add_errors(form, error)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("certify:tip_detail", pk=tip.pk)
        else:
            messages.success(
                request, "Thanks. Your flag was sent to enablement, who will look at the tip. The author isn't told who flagged it."
            )
            return redirect("certify:tip_detail", pk=tip.pk)
    return render(request, "certify/tip_flag.html", {"form": form, "tip": tip})


@require_POST
def tip_helpful_view(request, pk):
    tip = tip_get_for_user(request.user, pk)
    try:
        tip_mark_helpful(user=request.user, tip=tip)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Marked as helpful. Thanks for telling the author.")
    return redirect(_back(request, tip))


@require_POST
def tip_reply_view(request, pk):
    tip = tip_get_for_user(request.user, pk)
    form = TipReplyForm(request.POST)
    if form.is_valid():
        try:
            tip_reply(author=request.user, tip=tip, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error.message_dict.get("body"))
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("certify:tip_detail", pk=tip.pk)
        else:
            messages.success(request, "Reply posted.")
            return redirect("certify:tip_detail", pk=tip.pk)
    return _tip_page(request, tip, form, status=400)


@require_POST
def tip_moderate_view(request, pk):
    if not can_moderate_tips(request.user):
        raise Http404
    tip = tip_get_for_user(request.user, pk)
    form = TipModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to do with the tip.")
        return redirect("certify:tip_detail", pk=tip.pk)
    action = form.cleaned_data["action"]
    try:
        if action == "hide":
            tip_hide(actor=request.user, tip=tip, reason=form.cleaned_data["reason"])
        elif action == "show":
            tip_show(actor=request.user, tip=tip)
        elif action == "resolve":
            tip_flags_resolve(actor=request.user, tip=tip)
        else:
            tip_set_verified(actor=request.user, tip=tip, verified=action == "verify")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, MODERATED[action])
    return redirect("certify:tip_detail", pk=tip.pk)


MODERATED = {
    "hide": "Tip hidden.",
    "show": "Tip shown again.",
    "verify": "Tip verified.",
    "unverify": "Verification removed.",
    "resolve": "Flags resolved; the tip stays as it is.",
}


def _posted(request):
    """The posted data, even when empty (an empty post is a form with its errors, not a blank form)."""
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError):
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _back(request, tip):
    """Back to where the button was pressed, if that is on this site; else the tip."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return reverse("certify:tip_detail", args=[tip.pk])
