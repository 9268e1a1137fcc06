"""Tips reps share with each other, their helpful marks, replies, earlier versions and flags for moderation."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from .people import Role


class TipQuerySet(models.QuerySet):
    def not_deleted(self):
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user):
        """Deleted tips are seen by nobody on the site (moderators read them in the admin); hidden tips only
        by their author and enablement admins."""
        tips = self.not_deleted()
        if user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN):
            return tips
        return tips.filter(models.Q(hidden_at__isnull=True) | models.Q(author_id=user.pk))

    def with_counts(self):
        """Helpful marks and replies per tip, each counted by its own index lookup (no join fan-out)."""

        def count_of(model):
            rows = model.objects.filter(tip=models.OuterRef("pk")).order_by().values("tip")
            return Coalesce(models.Subquery(rows.annotate(n=models.Count("pk")).values("n")[:1]), 0)

        return self.annotate(helpful_count=count_of(TipHelpfulMark), reply_count=count_of(TipReply))

    def with_open_flags(self):
        """The number of open flags per tip (open_flag_count) and the open flags themselves (open_flags)."""
        open_flags = TipFlag.objects.filter(resolved_at__isnull=True)
        rows = open_flags.filter(tip=models.OuterRef("pk")).order_by().values("tip")
        count = Coalesce(models.Subquery(rows.annotate(n=models.Count("pk")).values("n")[:1]), 0)
        return self.annotate(open_flag_count=count).prefetch_related(
            models.Prefetch("flags", queryset=open_flags.select_related("flagged_by"), to_attr="open_flags")
        )


class Tip(models.Model):
    """What works, shared by one rep with the others."""

    # Lengths count the text without its padding: runs of spaces and line breaks count as one.
    TITLE_MIN = 8
    TITLE_MAX = 120
    BODY_MIN = 40
    BODY_MAX = 2000

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tips")
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(
        max_length=BODY_MAX, help_text="Plain text. **bold**, *italic* and lines starting with “- ” or “1. ” for lists."
    )
    product = models.ForeignKey("content.Product", on_delete=models.PROTECT, related_name="tips")
    stage = models.ForeignKey(
        "content.BuyingStage", on_delete=models.PROTECT, related_name="tips", verbose_name="buying stage or situation"
    )
    page = models.ForeignKey(
        "content.ContentPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="tips"
    )
    created_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=300, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="tip_recent"),
            models.Index(fields=["page", "-created_at"], name="tip_page_recent"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def is_deleted(self):
        return self.deleted_at is not None


class TipHelpfulMark(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="helpful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpful_marks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tip", "user"], name="tip_helpful_once_per_person")]


class TipReply(models.Model):
    BODY_MAX = 500

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tip_replies")
    body = models.TextField(max_length=BODY_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "tip replies"


class TipRevision(models.Model):
    """A version of a tip's text (or of one of its replies, with `reply` set) that its author's edit replaced.

    Kept for moderators, who read a tip's history in the admin; authors and other reps never see it.
    """

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="revisions")
    reply = models.ForeignKey(TipReply, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=Tip.TITLE_MAX, blank=True)
    body = models.TextField(max_length=Tip.BODY_MAX)
    written_at = models.DateTimeField(help_text="When this version was written: shared, or last edited.")
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        indexes = [models.Index(fields=["tip", "-replaced_at"], name="tip_revision_recent")]

    def __str__(self):
        return f"{'A reply on ' if self.reply_id else ''}{self.tip}, as written {self.written_at:%Y-%m-%d %H:%M}"


class TipFlagReason(models.TextChoices):
    INACCURATE = "inaccurate", "Inaccurate or out of date"
    OFF_TOPIC = "off_topic", "Off-topic"
    CONFIDENTIAL = "confidential", "Confidential customer information"
    DISRESPECTFUL = "disrespectful", "Disrespectful"
    OTHER = "other", "Something else"


class TipFlagOutcome(models.TextChoices):
    KEPT = "kept", "Tip kept"
    HIDDEN = "hidden", "Tip hidden"
    DELETED = "deleted", "Tip deleted"


class TipFlag(models.Model):
    """Someone asks enablement to look at a tip, and why. Open until a moderator (or the tip's deletion) resolves it."""

    NOTE_MAX = 500

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tip_flags")
    reason = models.CharField(max_length=20, choices=TipFlagReason.choices)
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=TipFlagOutcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tip", "flagged_by"],
                condition=models.Q(resolved_at__isnull=True),
                name="tip_flag_open_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True, outcome="")
                | (models.Q(resolved_at__isnull=False) & ~models.Q(outcome="")),
                name="tip_flag_resolved_with_outcome",
            ),
        ]
        indexes = [models.Index(fields=["tip", "resolved_at"], name="tip_flag_open")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.tip}"

    @property
    def is_open(self):
        return self.resolved_at is None
