"""Tips reps share with each other: the list, sharing one, marking one helpful, replies and moderation."""

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
from ..forms import TipFilterForm, TipForm, TipModerationForm, TipReplyForm
from ..permissions import can_moderate_tips, tip_get_for_user
from ..selectors import tip_list, tip_marked_by, tip_replies, tip_search, top_contributors
from ..services import tip_create, tip_hide, tip_mark_helpful, tip_reply, tip_set_verified, tip_show

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
            for field, messages_ in error.message_dict.items():
                form.add_error(field, messages_)
        else:
            messages.success(request, "Thanks for sharing. Your tip is live.")
            return redirect("certify:tip_detail", pk=tip.pk)
    return render(request, "certify/tip_form.html", {"form": form, "page": page})


@require_safe
def tip_detail_view(request, pk):
    return _tip_page(request, tip_get_for_user(request.user, pk), TipReplyForm())


def _tip_page(request, tip, reply_form, status=200):
    """A tip with its counts, replies, the reply form and (for enablement admins) moderation."""
    tip = tip_list(viewer=request.user).get(pk=tip.pk)
    return render(
        request,
        "certify/tip_detail.html",
        {
            "tip": tip,
            "replies": tip_replies(tip=tip),
            "marked": tip_marked_by(viewer=request.user, tips=[tip]),
            "reply_form": reply_form,
            "moderation_form": TipModerationForm() if can_moderate_tips(request.user) else None,
        },
        status=status,
    )


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
        else:
            tip_set_verified(actor=request.user, tip=tip, verified=action == "verify")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, {"hide": "Tip hidden.", "show": "Tip shown again.", "verify": "Tip verified.", "unverify": "Verification removed."}[action])
    return redirect("certify:tip_detail", pk=tip.pk)


def _back(request, tip):
    """Back to where the button was pressed, if that is on this site; else the tip."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return reverse("certify:tip_detail", args=[tip.pk])
