"""What the Impact section records: the nudges managers and enablement admins send reps about overdue levels."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .certifications import CertificationLevel


class Nudge(models.Model):
    """One email reminding a rep of an overdue level, who sent it and when.

    At most one per rep and level within settings.IMPACT_NUDGE_DAYS: nudge_send refuses another (a window of
    time is not something a unique constraint can say, so the service checks it with the rep's row locked).
    """

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rep = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudges")
    level = models.ForeignKey(CertificationLevel, on_delete=models.PROTECT, related_name="nudges")
    due_date = models.DateField(help_text="The assignment's due date when the nudge was sent.")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["rep", "level", "-sent_at"], name="nudge_rep_level_recent")]

    def __str__(self):
        return f"Nudge to {self.rep} about {self.level}"
