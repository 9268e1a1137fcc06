"""A level whose content changed materially (a new quiz, new study material): its holders take it again by a date."""

from django.conf import settings
from django.db import models
from django.utils import timezone

NOTE_MAX = 300
# How soon, and how far ahead, holders may be asked to recertify (days from today).
RECERTIFY_SOONEST_DAYS, RECERTIFY_LATEST_DAYS = 7, 366


class LevelChange(models.Model):
    """An enablement admin marked a level "changed materially": its holders then keep it until `recertify_by` and
    renew it by passing again (the last 60 days of an award are its renewal window)."""

    level = models.ForeignKey("certify.CertificationLevel", on_delete=models.CASCADE, related_name="changes")
    note = models.CharField(max_length=NOTE_MAX, help_text="What changed, in a sentence holders read.")
    recertify_by = models.DateField()
    announced_at = models.DateTimeField(default=timezone.now)
    announced_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    holders = models.PositiveIntegerField(default=0, help_text="Reps holding the level when the change was marked.")

    class Meta:
        ordering = ["-announced_at", "-pk"]

    def __str__(self):
        return f"{self.level}: recertify by {self.recertify_by:%d %b %Y}"
