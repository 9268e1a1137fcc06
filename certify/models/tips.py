"""Tips reps share with each other, their helpful marks and replies."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from .people import Role


class TipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Hidden tips are seen only by their author and enablement admins."""
        if user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN):
            return self
        return self.filter(models.Q(hidden_at__isnull=True) | models.Q(author_id=user.pk))

    def with_counts(self):
        """Helpful marks and replies per tip, each counted by its own index lookup (no join fan-out)."""

        def count_of(model):
            rows = model.objects.filter(tip=models.OuterRef("pk")).order_by().values("tip")
            return Coalesce(models.Subquery(rows.annotate(n=models.Count("pk")).values("n")[:1]), 0)

        return self.annotate(helpful_count=count_of(TipHelpfulMark), reply_count=count_of(TipReply))


class Tip(models.Model):
    """What works, shared by one rep with the others."""

    TITLE_MAX = 120
    BODY_MAX = 2000

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tips")
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(
        max_length=BODY_MAX, help_text="Plain text. **bold**, *italic* and lines starting with “- ” for lists."
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

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "tip replies"
