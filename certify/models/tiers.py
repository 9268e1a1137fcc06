"""Closed-won deals from the CRM, tiers and their rules, and each rep's tier with its history."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .certifications import Award, Certification, LevelNumber


class DealImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    REFUSED = "refused", "Refused: nothing was imported"


class DealImport(models.Model):
    """One CRM export imported (a dry run is never stored); a large one is queued, then written in the background."""

    file_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=DealImportStatus.choices, default=DealImportStatus.DONE)
    total = models.PositiveIntegerField(default=0, help_text="Closed-won rows of the file.")
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # A queued file: where it is kept until its task has read it, and how to read it.
    kept_file = models.CharField(max_length=255, blank=True, editable=False)
    options = models.JSONField(default=dict, blank=True, editable=False)
    changes = models.JSONField(default=list, blank=True, help_text="What changed, line by line (the first 500).")
    finished_at = models.DateTimeField(null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Rows that were not closed-won.")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d %b %Y})"


class Deal(models.Model):
    """A closed-won deal, as the CRM knows it: the external id makes imports idempotent."""

    external_id = models.CharField("CRM id", max_length=100, unique=True)
    rep = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deals")
    account = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    close_date = models.DateField()
    imported_by = models.ForeignKey(DealImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals")
    updated_at = models.DateTimeField(auto_now=True)
    # Set while the import bringing this deal in is still writing: nothing counts it until that import ends.
    staged_in = models.ForeignKey(
        DealImport, null=True, blank=True, editable=False, on_delete=models.CASCADE, related_name="staged"
    )

    class Meta:
        ordering = ["-close_date"]
        indexes = [models.Index(fields=["rep", "close_date"], name="deal_rep_close_date")]

    def __str__(self):
        return f"{self.account} — {self.currency} {self.amount:,.0f} ({self.close_date:%d %b %Y})"


class Tier(ClusterableModel):
    """A tier reps reach by meeting its requirements and those of every lower tier."""

    name = models.CharField(max_length=60, unique=True)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="1 for the first tier; higher tiers include the lower ones.")
    description = models.TextField(blank=True, help_text="What reaching this tier means, in a sentence or two.")
    core_level = models.PositiveSmallIntegerField(
        "level on every core product",
        choices=LevelNumber.choices,
        null=True,
        blank=True,
        help_text="Reps must hold at least this level of every core product's certification.",
    )
    min_deals = models.PositiveIntegerField("closed-won deals, at least", null=True, blank=True)
    min_revenue = models.DecimalField(
        "revenue, at least", max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    revenue_months = models.PositiveSmallIntegerField(
        "over the last (months)", default=12, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    sustained_quarters = models.PositiveSmallIntegerField(
        "sustained over the last (complete quarters)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    sustained_amount = models.DecimalField(
        "at least this much in each of them",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        max_length=3, default="USD", help_text="Deals and revenue count in this currency (ISO code, e.g. USD)."
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("rank")]),
        FieldPanel("description"),
        FieldPanel("core_level"),
        InlinePanel("required_levels", label="Levels on named certifications"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_deals"), FieldPanel("currency")]),
                FieldRowPanel([FieldPanel("min_revenue"), FieldPanel("revenue_months")]),
                FieldRowPanel([FieldPanel("sustained_amount"), FieldPanel("sustained_quarters")]),
            ],
            heading="Deals and revenue",
        ),
    ]

    class Meta:
        ordering = ["rank"]

    def __str__(self):
        return self.name


class TierRequiredLevel(Orderable):
    tier = ParentalKey(Tier, on_delete=models.CASCADE, related_name="required_levels")
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField("level", choices=LevelNumber.choices, default=LevelNumber.CONTENT)

    panels = [FieldRowPanel([FieldPanel("certification"), FieldPanel("number")])]


class RepTier(models.Model):
    """Each rep's tier as last computed, with how far they are towards the next."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tier_status")
    # A tier that reps sit in cannot be deleted: dropping them silently would leave no reason on record.
    tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.PROTECT, related_name="reps")
    next_tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    progress = models.PositiveSmallIntegerField(default=0)
    missing = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["tier"], name="rep_tier_tier")]


class TierChange(models.Model):
    """Every change of a rep's tier: from, to, why and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tier_changes")
    from_tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    to_tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_name = models.CharField(max_length=60, blank=True)
    to_name = models.CharField(max_length=60, blank=True)
    reason = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    # The award that moved the tier, when one did: the rep would not be at `to_tier` without it. Empty for
    # changes from deals, expiry, revocation or new rules, and for changes recorded before awards were linked.
    award = models.ForeignKey(Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="tier_changes")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="tier_change_user_recent")]

    @property
    def is_promotion(self):
        return self.to_tier is not None and (self.from_tier is None or self.to_tier.rank > self.from_tier.rank)
