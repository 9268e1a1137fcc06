"""The demo tips, their helpful marks, one verified, one hidden, one reply, one edited by its author and one
flagged for moderation (so the admin's tip list shows a flagged tip first)."""

from content.models import BuyingStage, ContentPage, Product

from ..models import Tip, TipFlagReason
from ..services import tip_create, tip_edit, tip_flag, tip_hide, tip_mark_helpful, tip_reply, tip_set_verified
from .data.tips import TIPS


def tips(people, hub):
    """Demo tips, marks and one reply; only when the demo has no tips yet."""
    if Tip.objects.exists():
        return
    admin = people["admin@example.com"]
    pages = {page.slug: page for page in ContentPage.objects.descendant_of(hub)}
    for author, code, stage, page, title, body, marked_by, verified, hidden_reason in TIPS:
        tip = tip_create(
            author=people[author],
            title=title,
            body=body,
            product=Product.objects.get(code=code),
            stage=BuyingStage.objects.get(slug=stage),
            page=pages.get(page) if page else None,
        )
        for email in marked_by:
            if email in people and email != author:
                tip_mark_helpful(user=people[email], tip=tip)
        if verified:
            tip_set_verified(actor=admin, tip=tip, verified=True)
        if hidden_reason:
            tip_hide(actor=admin, tip=tip, reason=hidden_reason)
    first = Tip.objects.order_by("pk").first()
    tip_reply(author=people["hannah@example.com"], tip=first, body="Tried this with a logistics prospect: the number came out in the first ten minutes.")
    edited = Tip.objects.get(title=EDITED[0])
    tip_edit(actor=edited.author, tip=edited, title=EDITED[0], body=EDITED[1])
    flagged = Tip.objects.get(title=FLAGGED)
    for email, reason, note in FLAGS:
        tip_flag(actor=people[email], tip=flagged, reason=reason, note=note)


# Its author added the steps as a list after sharing it.
EDITED = (
    "Show lineage on a field they already distrust",
    "Ask which CRM field nobody trusts (it's usually close date). Trace it in Atlas lineage live:\n"
    "- pick the field with them before the call\n- show every place that overwrites it\n- let them name who should own it\n"
    "It lands better than any slide.",
)
FLAGGED = "Price Sentinel against audit findings"
FLAGS = [
    ("priya@example.com", TipFlagReason.INACCURATE, "Sentinel is priced per seat since the spring price list, not as a share of Atlas."),
    ("hannah@example.com", TipFlagReason.INACCURATE, ""),
]
