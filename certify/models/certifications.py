"""Certifications, their levels, assignments and awards."""

import calendar
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content.admin_forms import SlugFromTitleForm, title_and_slug_panels

from .level_panels import ForLevels, LevelPanel
from .people import Team


class CertificationForm(SlugFromTitleForm):
    """Levels run 1, 2, 3 without gaps, each at most once; the slug, left empty, comes from the title."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("levels") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return cleaned
        numbers = sorted(
            form.cleaned_data["number"]
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("number")
        )
        if numbers != list(range(1, len(numbers) + 1)):
            self.add_error(None, "Levels go 1, 2, 3 in turn: start at level 1, and add each level once.")
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or data.get("number") != LevelNumber.APPLICATION:
                continue
            scenarios = list(data.get("scenarios") or [])
            if not scenarios:
                form.add_error("scenarios", "Level 2 is a role-play: choose at least one scenario.")
            elif data.get("guide") and any(scenario.guide_id != data["guide"].pk for scenario in scenarios):
                form.add_error("scenarios", "Each scenario must be scored with the level's guide.")
        return cleaned


class Certification(index.Indexed, ClusterableModel):
    """What a rep is certified on: a product, or a topic such as the selling approach, in up to three levels."""

    title = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the certification's web address.")
    product = models.ForeignKey(
        "content.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="certifications"
    )
    topic = models.CharField(max_length=120, blank=True, help_text="For certifications about a topic, not a product.")
    description = models.TextField()
    open_to_all = models.BooleanField(
        default=False, help_text="Every rep may take it. Otherwise only reps it is assigned to see it."
    )
    active = models.BooleanField(default=True)

    panels = [
        *title_and_slug_panels(),
        FieldRowPanel([FieldPanel("product"), FieldPanel("topic")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("open_to_all"), FieldPanel("active")]),
        InlinePanel("levels", label="Levels", min_num=1, max_num=3),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title"), index.SearchField("topic")]
    base_form_class = CertificationForm

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.product_id and not self.topic.strip():
            raise ValidationError({"topic": "Choose a product or name a topic."})

    @property
    def subject(self):
        return self.product.name if self.product_id else self.topic


def add_months(moment, months: int):
    """The same day and time `months` later, on the month's last day if it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


class LevelNumber(models.IntegerChoices):
    CONTENT = 1, "Level 1 — content mastery"
    APPLICATION = 2, "Level 2 — application"
    FIELD = 3, "Level 3 — field execution"


class CertificationLevel(Orderable, ClusterableModel):
    """One level of a certification: what must be passed, how long an award lasts, what to study."""

    certification = ParentalKey(Certification, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(choices=LevelNumber.choices, default=LevelNumber.CONTENT)
    quiz = models.ForeignKey(
        "assessments.Quiz",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certification_levels",
        help_text="Level 1 is passed by passing this quiz.",
    )
    guide = models.ForeignKey(
        "assessments.AssessmentGuide",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certification_levels",
        help_text="Level 2: the role-play guide. Level 3: the field guide the manager observes a real call with.",
    )
    scenarios = ParentalManyToManyField(
        "assessments.RolePlayScenario",
        blank=True,
        related_name="certification_levels",
        help_text="Level 2: the role-plays a rep may be assessed on.",
    )
    panel_size = models.PositiveSmallIntegerField(
        "judges chosen automatically",
        default=0,
        help_text="Level 2: how many judges to put on each panel as soon as a rep asks. "
        "0: an enablement admin chooses the panel.",
    )
    countersign_required = models.BooleanField(
        "second observer countersigns",
        default=False,
        help_text="Level 3: a second observer must countersign the manager's sign-off before the level is awarded.",
    )
    retry_wait_days = models.PositiveSmallIntegerField(
        "wait after a fail (days)", default=14, help_text="Levels 2 and 3: how long a rep practises before asking again."
    )
    validity_months = models.PositiveSmallIntegerField(
        "valid for (months)", null=True, blank=True, help_text="Leave empty if an award of this level never expires."
    )
    study_material = StreamField(
        [("page", PageChooserBlock(target_model="content.ContentPage", label="Content page"))],
        blank=True,
        help_text="The content pages that teach what this level tests.",
    )

    panels = [
        LevelPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("validity_months")]),
                ForLevels([FieldPanel("quiz")], numbers=[LevelNumber.CONTENT]),
                ForLevels(
                    [FieldRowPanel([FieldPanel("guide"), FieldPanel("retry_wait_days")])],
                    numbers=[LevelNumber.APPLICATION, LevelNumber.FIELD],
                ),
                ForLevels(
                    [FieldPanel("panel_size"), FieldPanel("scenarios", widget=forms.CheckboxSelectMultiple)],
                    numbers=[LevelNumber.APPLICATION],
                ),
                ForLevels([FieldPanel("countersign_required")], numbers=[LevelNumber.FIELD]),
                FieldPanel("study_material"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["certification", "number"], name="certification_level_unique")]

    def __str__(self):
        return f"{self.certification} — level {self.number}"

    def clean(self):
        super().clean()
        if self.number == LevelNumber.CONTENT and self.quiz_id is None:
            raise ValidationError({"quiz": "Level 1 is a quiz: choose which one."})
        if self.number == LevelNumber.APPLICATION and self.guide_id is None:
            raise ValidationError({"guide": "Level 2 is scored against a guide: choose which one."})
        if self.number == LevelNumber.FIELD and self.guide_id is None:
            raise ValidationError({"guide": "Level 3 is a field observation scored with a guide: choose which one."})

    @property
    def label(self):
        return LevelNumber(self.number).label

    def valid_until(self, awarded_at):
        if self.validity_months is None:
            return None
        return add_months(awarded_at, self.validity_months)


class Assignment(models.Model):
    """A certification level an enablement admin asks a rep, or a whole team, to hold by a date."""

    level = models.ForeignKey(CertificationLevel, on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    due_date = models.DateField()
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, team__isnull=True) | models.Q(user__isnull=True, team__isnull=False),
                name="assignment_to_rep_or_team",
            ),
            models.UniqueConstraint(fields=["level", "user"], name="assignment_once_per_rep"),
            models.UniqueConstraint(fields=["level", "team"], name="assignment_once_per_team"),
        ]

    def __str__(self):
        return f"{self.level} for {self.user or self.team}, due {self.due_date:%d %b %Y}"


def new_verification_token() -> str:
    """The random part of an award's public verification address: 32 URL-safe characters, not guessable."""
    return secrets.token_urlsafe(24)


class AwardQuerySet(models.QuerySet):
    def current(self, now=None):
        """Held now: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now))


class Award(models.Model):
    """A rep holds a certification level: when, on what evidence, granted by whom, until when.

    Awards are never deleted; a revoked award keeps who revoked it and why.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards")
    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="awards")
    level = models.ForeignKey(CertificationLevel, on_delete=models.PROTECT, related_name="awards")
    awarded_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    attempt = models.ForeignKey(
        "assessments.Attempt", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    evaluation = models.ForeignKey(
        "assessments.Evaluation", null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the platform granted it for a passed assessment.",
    )
    note = models.CharField(max_length=300, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(max_length=300, blank=True)
    expiry_notice_sent_at = models.DateTimeField(null=True, blank=True)
    recertify_by = models.DateField(
        null=True, blank=True, help_text="The level's content changed: the rep holds it again by passing before this day ends."
    )
    level_change = models.ForeignKey(
        "certify.LevelChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    # When its expiry was announced to webhooks (award.expired), so it is announced once.
    expired_event_at = models.DateTimeField(null=True, blank=True)
    verification_token = models.CharField(
        max_length=43, unique=True, default=new_verification_token, editable=False,
        help_text="The random part of the award's public verification address.",
    )
    verification_public = models.BooleanField(
        "public verification", default=True,
        help_text="Anyone with the verification address may check the award. The holder can switch it off.",
    )

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at"]
        indexes = [models.Index(fields=["user", "level", "-awarded_at"], name="award_user_level_recent")]

    def __str__(self):
        return f"{self.level} — {self.user}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def is_current(self, now=None):
        now = now or timezone.now()
        return not self.is_revoked and (self.valid_until is None or self.valid_until > now)

    def status(self, now=None) -> str:
        """"revoked", "expired" or "valid": what a verifier is told (never why)."""
        now = now or timezone.now()
        if self.is_revoked:
            return "revoked"
        if self.valid_until is not None and self.valid_until <= now:
            return "expired"
        return "valid"

    @property
    def granted_by_label(self):
        return str(self.granted_by) if self.granted_by_id else "Certifiable (passed assessment)"


class LevelEvaluation(models.Model):
    """Which certification level an evaluation counts towards (the evaluation itself knows nothing of levels)."""

    evaluation = models.OneToOneField("assessments.Evaluation", on_delete=models.CASCADE, related_name="level_link")
    level = models.ForeignKey(CertificationLevel, on_delete=models.PROTECT, related_name="evaluation_links")

    class Meta:
        indexes = [models.Index(fields=["level", "evaluation"], name="level_evaluation_lookup")]

    def __str__(self):
        return f"{self.evaluation} for {self.level}"
