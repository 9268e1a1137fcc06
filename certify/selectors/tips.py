"""Reads of tips and the people who share them."""

from django.db.models import Count, F, Q
from django.utils import timezone

from ..models import Award, RepTier, Tip, TipFlag, TipHelpfulMark, TipRevision, User


TIP_SORTS = {
    "helpful": ("Most helpful", ["-helpful_count", "-created_at"]),
    "newest": ("Newest", ["-created_at"]),
    "verified": ("Verified first", [F("verified_at").desc(nulls_last=True), "-created_at"]),
}


def tip_list(*, viewer, product=None, stage=None, sort="helpful", author=None, page=None, verified_only=False):
    """Tips the viewer may see, with their helpful and reply counts, ready for cards."""
    tips = Tip.objects.visible_to(viewer)
    if product is not None:
        tips = tips.filter(product=product)
    if stage is not None:
        tips = tips.filter(stage=stage)
    if author is not None:
        tips = tips.filter(author=author)
    if page is not None:
        tips = tips.filter(page=page)
    if verified_only:
        tips = tips.filter(verified_at__isnull=False)
    ordering = TIP_SORTS.get(sort, TIP_SORTS["helpful"])[1]
    return tips.with_counts().select_related("author", "product", "stage", "page").order_by(*ordering)


def tip_marked_by(*, viewer, tips) -> set:
    """Which of these tips the viewer has marked helpful (one query)."""
    return set(
        TipHelpfulMark.objects.filter(user=viewer, tip__in=[tip.pk for tip in tips]).values_list("tip_id", flat=True)
    )


def tip_detail(*, viewer, pk):
    return tip_list(viewer=viewer).get(pk=pk)


def tip_replies(*, tip):
    return list(tip.replies.select_related("author"))


def tip_open_flags(*, tip):
    """The flags on a tip still waiting for a moderator, oldest first (for moderators only)."""
    return list(TipFlag.objects.filter(tip=tip, resolved_at__isnull=True).select_related("flagged_by"))


def tip_flagged_by(*, viewer, tip) -> bool:
    """Whether the viewer has an open flag on this tip."""
    return viewer.is_authenticated and TipFlag.objects.filter(tip=tip, flagged_by=viewer, resolved_at__isnull=True).exists()


def tip_history(*, tip):
    """Every earlier version of a tip's text and of its replies', newest replaced first (for moderators only)."""
    return list(TipRevision.objects.filter(tip=tip).select_related("replaced_by", "reply__author"))


def tip_flags(*, tip):
    """Every flag ever raised on a tip, open and resolved, oldest first (for moderators only)."""
    return list(TipFlag.objects.filter(tip=tip).select_related("flagged_by", "resolved_by"))


def tips_for_moderation():
    """Every tip, deleted and hidden ones included, those with open flags first (most flags first), then newest;
    each with its open flags loaded for the listing."""
    return (
        Tip.objects.with_open_flags()
        .select_related("author", "product", "stage", "deleted_by")
        .order_by("-open_flag_count", "-created_at")
    )


def quarter_start(now=None):
    now = timezone.localtime(now or timezone.now())
    month = 3 * ((now.month - 1) // 3) + 1
    return now.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def top_contributors(*, since=None, limit=5):
    """People whose visible tips this quarter were marked helpful most (then who shared most).

    Aggregated from the tips side (a few thousand rows at most), then the people loaded by id.
    """
    since = since or quarter_start()
    rows = list(
        Tip.objects.not_deleted()
        .filter(hidden_at__isnull=True, created_at__gte=since, author__is_active=True)
        .values("author")
        .annotate(tips_shared=Count("pk", distinct=True), helpful_received=Count("helpful_marks"))
        .order_by("-helpful_received", "-tips_shared", "author")[:limit]
    )
    people = User.objects.in_bulk([row["author"] for row in rows])
    leaders = []
    for row in rows:
        person = people[row["author"]]
        person.tips_shared, person.helpful_received = row["tips_shared"], row["helpful_received"]
        leaders.append(person)
    return leaders


def person_profile(*, viewer, pk):
    """A person's public face: their tips (visible to the viewer) and helpful marks received."""
    person = User.objects.filter(is_active=True).get(pk=pk)
    visible = Tip.objects.visible_to(viewer).filter(author=person)
    person.helpful_received = TipHelpfulMark.objects.filter(tip__in=visible.filter(hidden_at__isnull=True)).count()
    person.tips_shared = visible.filter(hidden_at__isnull=True).count()
    person.tier = RepTier.objects.filter(user=person).values_list("tier__name", flat=True).first()
    # Certifications earned may be shown to everyone; failures never are.
    # One row per certification: the highest level held now.
    highest = {}
    for award in (
        Award.objects.current()
        .filter(user=person)
        .select_related("level", "certification")
        .order_by("certification__title", "-level__number", "awarded_at")
    ):
        highest.setdefault(award.certification_id, award)
    person.certifications_held = list(highest.values())
    return person


def tip_search(tips, query):
    """Narrow tips to those containing every word of the query in the title or text."""
    for word in (query or "").split():
        tips = tips.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return tips
