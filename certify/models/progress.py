"""Certification progress, rolled up: per rep and level what was assigned, earned and held, and every final
result (a submitted quiz attempt, a released evaluation) numbered per rep and level — rebuilt in bulk by
services.progress_rollup_refresh on a schedule, so the funnel and the struggling list read a few indexed rows
per rep instead of working out assignments, first awards and attempt numbers across every table at once."""

from django.conf import settings
from django.db import models


class LevelProgressQuerySet(models.QuerySet):
    def held(self, now):
        """Rows whose level the rep held at the refresh and still holds at `now` (an award may have expired since)."""
        return self.filter(held_since__isnull=False).filter(
            models.Q(held_until__isnull=True) | models.Q(held_until__gt=now)
        )


class LevelProgress(models.Model):
    """One rep and one certification level they were asked for or awarded, when the rollup was last rebuilt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="level_progress",
    )
    certification = models.ForeignKey("certify.Certification", on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey("certify.CertificationLevel", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(help_text="The level's number (1–3).")
    assigned_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="First assigned (to the rep or a team of theirs).",
    )
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="The earliest due date of the level's assignments.",
    )
    certification_assigned_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When any level of the certification was first assigned to the rep.",
    )
    first_awarded_at = models.DateTimeField(null=True, blank=True, help_text="The rep's first award of it not revoked.")
    below_first_awarded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The rep's first award of the level below, not revoked.",
    )
    held_since = models.DateTimeField(null=True, blank=True, help_text="The earliest award of it held at the refresh.")
    held_until = models.DateTimeField(null=True, blank=True, help_text="Held until (empty: no end, or not held).")
    next_assigned = models.BooleanField(
        default=False,
        help_text="The next level of the certification is assigned to the rep.",
    )
    active_rep = models.BooleanField(default=False, help_text="The person was an active rep at the refresh.")

    objects = LevelProgressQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "level"], name="level_progress_once")]
        indexes = [models.Index(fields=["certification", "number"], name="level_progress_by_level")]

    def __str__(self):
        return f"Progress of {self.user_id} on level {self.level_id}"


class LevelResult(models.Model):
    """One final result towards a level: a submitted quiz attempt (once for each level its quiz serves) or a
    released evaluation, with the rep's try number at the level and whether it was their first pass there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_results")
    certification = models.ForeignKey("certify.Certification", on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey("certify.CertificationLevel", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField(help_text="The level's number (1–3).")
    attempt = models.ForeignKey(
        "assessments.Attempt",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    evaluation = models.ForeignKey(
        "assessments.Evaluation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(help_text="Submitted (an attempt) or released (an evaluation).")
    try_number = models.PositiveIntegerField(help_text="1 for the rep's first result at the level, 2 for the next, …")
    passed = models.BooleanField()
    first_pass = models.BooleanField(default=False, help_text="The rep's first passed result at the level.")
    active_rep = models.BooleanField(default=False, help_text="The person was an active rep at the refresh.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attempt__isnull=True) ^ models.Q(evaluation__isnull=True),
                name="level_result_one_source",
            )
        ]
        indexes = [
            models.Index(fields=["certification", "number", "at"], name="level_result_by_level"),
            models.Index(fields=["user", "at"], name="level_result_by_rep"),
        ]

    def __str__(self):
        return f"Result of {self.user_id} on level {self.level_id} at {self.at:%Y-%m-%d}"


class ProgressRefresh(models.Model):
    """The one row saying when the progress rollup was last rebuilt, and what it holds."""

    refreshed_at = models.DateTimeField()
    levels = models.PositiveIntegerField(default=0, help_text="Rep and level rows.")
    results = models.PositiveIntegerField(default=0, help_text="Final results.")

    def __str__(self):
        return f"Progress refreshed at {self.refreshed_at:%Y-%m-%d %H:%M}"
