"""What the scheduled reminders have sent: one row per (what, which object, which person, step), never two."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReminderWhat(models.TextChoices):
    """What a reminder is about; with the object's id it names the thing reminded of."""

    DUE = "due", "A level due soon (steps: days before it is due)"
    OVERDUE = "overdue", "A level overdue (steps: weeks overdue)"
    EXPIRY = "expiry", "An award expiring (steps: days before it ends)"
    SCORECARD = "scorecard", "A scorecard waiting (step: days waiting)"
    OBSERVATION = "observation", "An observation request unanswered (step: days unanswered)"


class ReminderSent(models.Model):
    """One reminder step claimed for one person about one object.

    The row is written before the email goes (a claim): the unique constraint makes a second run, or a run
    started twice at once, find the step taken and send nothing. `run` says which run claimed it; `sent_at`
    is set once the email has gone (a row without it was claimed by a run that failed to send).
    """

    what = models.CharField(max_length=12, choices=ReminderWhat.choices)
    object_id = models.PositiveBigIntegerField(help_text="The assignment, award, scorecard or evaluation.")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent")
    step = models.PositiveSmallIntegerField()
    run = models.CharField(max_length=32, editable=False)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["what", "object_id", "person", "step"], name="reminder_once_per_step"),
        ]
        indexes = [models.Index(fields=["run"], name="reminder_sent_run")]

    def __str__(self):
        return f"{self.get_what_display()} #{self.object_id}, step {self.step}, to {self.person_id}"
