"""What a notice is about: every email the platform sends names its kind, and the kind decides how it reaches
its reader (in the product, by email now, or in a daily digest)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NoticeKind(models.TextChoices):
    INVITATION = "invitation", "Invitation to join"
    ASSIGNMENT = "assignment", "A certification level assigned to you"
    EVALUATION_BOOKED = "evaluation_booked", "A role-play or observation booked or moved"
    EVALUATION_CANCELLED = "evaluation_cancelled", "A role-play or observation cancelled"
    PANEL = "panel", "You are on a judging panel"
    PANEL_TO_CHOOSE = "panel_to_choose", "A panel to choose"
    MODERATION = "moderation", "A scorecard to moderate"
    RESULT = "result", "A result released"
    OBSERVATION_ASKED = "observation_asked", "A call to observe"
    OBSERVATION_ANSWERED = "observation_answered", "An observation accepted or declined"
    COUNTERSIGN = "countersign", "An observation to countersign"
    TIER_CHANGE = "tier_change", "Your tier changed"
    EXPIRY = "expiry", "An award about to expire"
    TIP_FLAGGED = "tip_flagged", "A tip flagged for moderation"
    NUDGE = "nudge", "A nudge from your manager"
    REMINDER_DUE = "reminder_due", "Reminder: a level due soon"
    REMINDER_OVERDUE = "reminder_overdue", "Reminder: a level overdue"
    REMINDER_EXPIRY = "reminder_expiry", "Reminder: an award expiring"
    REMINDER_SCORECARDS = "reminder_scorecards", "Reminder: scorecards waiting"
    REMINDER_OBSERVATIONS = "reminder_observations", "Reminder: observation requests unanswered"
    TEAM_DIGEST = "team_digest", "Your teams' weekly digest"
    RECERTIFY = "recertify", "A level you hold changed: take it again"
    AWARD = "award", "A level awarded to you"


class NoticeChannel(models.TextChoices):
    PRODUCT = "product", "In Certifiable only"
    EMAIL = "email", "In Certifiable, and by email at once"
    DIGEST = "digest", "In Certifiable, and in one email a day"


# Kinds that only ever go by email: the person cannot sign in yet to read them in the product.
EMAIL_ONLY_KINDS = frozenset({NoticeKind.INVITATION})

# Who meets each kind, so that a person's settings list only the kinds that can reach them (role values).
KIND_ROLES = {
    NoticeKind.ASSIGNMENT: ("rep",),
    NoticeKind.EVALUATION_BOOKED: ("rep", "judge", "manager"),
    NoticeKind.EVALUATION_CANCELLED: ("rep", "judge", "manager"),
    NoticeKind.PANEL: ("judge",),
    NoticeKind.PANEL_TO_CHOOSE: ("enablement_admin",),
    NoticeKind.MODERATION: ("enablement_admin",),
    NoticeKind.RESULT: ("rep",),
    NoticeKind.OBSERVATION_ASKED: ("manager",),
    NoticeKind.OBSERVATION_ANSWERED: ("rep",),
    NoticeKind.COUNTERSIGN: ("manager",),
    NoticeKind.TIER_CHANGE: ("rep",),
    NoticeKind.EXPIRY: ("rep",),
    NoticeKind.TIP_FLAGGED: ("enablement_admin",),
    NoticeKind.NUDGE: ("rep",),
    NoticeKind.REMINDER_DUE: ("rep",),
    NoticeKind.REMINDER_OVERDUE: ("rep",),
    NoticeKind.REMINDER_EXPIRY: ("rep",),
    NoticeKind.REMINDER_SCORECARDS: ("judge",),
    NoticeKind.REMINDER_OBSERVATIONS: ("manager",),
    NoticeKind.TEAM_DIGEST: ("manager",),
    NoticeKind.RECERTIFY: ("rep",),
    NoticeKind.AWARD: ("rep",),
}

# The site's default for a kind with no default row set by an admin (anything not named: by email at once). A rep
# who has just passed sees it on the page that says so: the award is in their list, not in their inbox too.
DEFAULT_CHANNELS = {NoticeKind.AWARD: NoticeChannel.PRODUCT}

SUBJECT_MAX, LINK_MAX = 300, 500


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One notice as its reader finds it in the product: what it is about, where to act, whether it was read, and
    whether it still waits for the day's digest email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=NoticeKind.choices)
    subject = models.CharField(max_length=SUBJECT_MAX)
    link = models.CharField(max_length=LINK_MAX, blank=True, help_text="Where to act: a path on this site.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_due = models.BooleanField(default=False, help_text="Waits for the reader's next daily digest email.")
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_newest"),
            models.Index(fields=["digest_due", "user"], name="notification_digest_due"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user_id}: {self.subject}"


class NotificationPreference(models.Model):
    """How one person wants one kind of notice (no row: the site's default for the kind)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(max_length=40, choices=NoticeKind.choices)
    channel = models.CharField(max_length=10, choices=NoticeChannel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_once")]

    def __str__(self):
        return f"{self.user_id}: {self.kind} → {self.channel}"


class NotificationDefault(models.Model):
    """The site's default for one kind of notice, set by enablement admins (no row: by email at once)."""

    kind = models.CharField(max_length=40, choices=NoticeKind.choices, unique=True)
    channel = models.CharField(max_length=10, choices=NoticeChannel.choices, default=NoticeChannel.EMAIL)

    def __str__(self):
        return f"Default for {self.kind}: {self.channel}"
