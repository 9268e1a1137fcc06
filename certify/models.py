"""People, roles, teams and invitations."""

import calendar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.blocks import PageChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index


class Role(models.TextChoices):
    """What a person does on the platform. Each role is a Django group of the same label."""

    REP = "rep", "Rep"
    JUDGE = "judge", "Judge"
    MANAGER = "manager", "Manager"
    ENABLEMENT_ADMIN = "enablement_admin", "Enablement admin"

    @classmethod
    def from_group_name(cls, name):
        return {role.label: role for role in cls}.get(name)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(index.Indexed, AbstractUser):
    """A person who signs in with their email address."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    search_fields = [
        index.SearchField("email"),
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("email"),
    ]

    class Meta:
        ordering = ["first_name", "last_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = User.objects.normalize_email(self.email)

    def save(self, *args, **kwargs):
        self.email = User.objects.normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.get_full_name() or self.email

    @cached_property
    def roles(self) -> frozenset:
        """The person's roles, read once per request from their groups."""
        if not self.is_active or self.pk is None:
            return frozenset()
        names = self.groups.values_list("name", flat=True)
        roles = {Role.from_group_name(name) for name in names} - {None}
        if self.is_superuser:
            roles.add(Role.ENABLEMENT_ADMIN)
        return frozenset(roles)

    def has_role(self, role) -> bool:
        return role in self.roles

    @property
    def is_rep(self):
        return self.has_role(Role.REP)

    @property
    def is_judge(self):
        return self.has_role(Role.JUDGE)

    @property
    def is_manager(self):
        return self.has_role(Role.MANAGER)

    @property
    def is_enablement_admin(self):
        return self.has_role(Role.ENABLEMENT_ADMIN)


class Team(index.Indexed, ClusterableModel):
    """A sales team: one or more managers and the reps they lead."""

    name = models.CharField(max_length=120, unique=True)
    region = models.CharField(max_length=80, blank=True)
    managers = ParentalManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="managed_teams")
    members = ParentalManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="teams")

    panels = [
        FieldPanel("name"),
        FieldPanel("region"),
        FieldPanel("managers"),
        FieldPanel("members"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("region"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Invitation(models.Model):
    """An invitation to join: sent by an enablement admin, accepted by setting a password.

    The link carries a signed token made from the invitation's id and nonce; a
    new invitation for the same person replaces the nonce, so older links stop
    working. Accepted and expired invitations stay as history.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="invitation_user_recent")]

    def __str__(self):
        return f"Invitation for {self.email}"

    @property
    def is_open(self):
        return self.accepted_at is None and self.superseded_at is None and self.expires_at > timezone.now()


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


# Certifications ------------------------------------------------------------


class CertificationForm(WagtailAdminModelForm):
    """Levels run 1, 2, 3 without gaps, each at most once."""

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
        FieldPanel("title"),
        FieldPanel("slug"),
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


class CertificationLevel(Orderable):
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
    validity_months = models.PositiveSmallIntegerField(
        "valid for (months)", null=True, blank=True, help_text="Leave empty if an award of this level never expires."
    )
    study_material = StreamField(
        [("page", PageChooserBlock(target_model="content.ContentPage", label="Content page"))],
        blank=True,
        help_text="The content pages that teach what this level tests.",
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("quiz"), FieldPanel("validity_months")]),
        FieldPanel("study_material"),
    ]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["certification", "number"], name="certification_level_unique")]

    def __str__(self):
        return f"{self.certification} — level {self.number}"

    def clean(self):
        super().clean()
        if self.number == LevelNumber.CONTENT and self.quiz_id is None:
            raise ValidationError({"quiz": "Level 1 is a quiz: choose which one."})

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

    @property
    def granted_by_label(self):
        return str(self.granted_by) if self.granted_by_id else "Certifiable (passed assessment)"
