"""People, roles, teams and invitations."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from content.time_zones import TIME_ZONE_MAX_LENGTH, is_time_zone, validate_time_zone


# The earliest start date the platform accepts, and how far ahead one may be entered (a hire not yet started).
START_DATE_EARLIEST = date(1970, 1, 1)
START_DATE_AHEAD_DAYS = 366


def validate_start_date(value):
    """A start date between 1970 and a year from today: anything else is a typing mistake."""
    if value is None:
        return
    latest = timezone.localdate() + timedelta(days=START_DATE_AHEAD_DAYS)
    if value < START_DATE_EARLIEST or value > latest:
        raise ValidationError(
            f"Enter a start date between {START_DATE_EARLIEST:%d %b %Y} and {latest:%d %b %Y}.", code="start_date_range"
        )


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
    # Blank until the person chooses one (or their browser tells it at their first sign-in): the site's applies.
    time_zone = models.CharField(
        "time zone",
        max_length=TIME_ZONE_MAX_LENGTH,
        blank=True,
        default="",
        validators=[validate_time_zone],
        help_text="Every time the person reads is in this zone; blank for the site's.",
    )

    # When the person joined the sales force: where time to certify and ramp are counted from.
    start_date = models.DateField(
        "start date",
        null=True,
        blank=True,
        validators=[validate_start_date],
        help_text="The day the person started in sales here; time to certify and ramp count from it.",
    )

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

    @property
    def time_zone_name(self) -> str:
        """The zone the person reads times in: their own, or the site's while they have not chosen one."""
        return self.time_zone if is_time_zone(self.time_zone) else settings.TIME_ZONE

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone_name)

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
