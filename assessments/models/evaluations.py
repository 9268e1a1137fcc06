"""Evaluations: one person performing against one guide version, scored by a panel.

A role-play (level 2) or a field observation (level 3). Each assessor fills in a
`Scorecard`: every criterion scored with a comment. When every scorecard is in,
the panel's scores are combined; a spread beyond the guide's tolerance flags the
evaluation for an enablement admin to moderate, otherwise the result is released.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone


def later(moment, delta):
    """`moment + delta`, or `moment` itself where that would pass the last datetime there is (a session booked
    in the year 9999 before dates were bounded): due dates and calendar end times never overflow."""
    try:
        return moment + delta
    except OverflowError:
        return moment


def private_storage():
    """Recordings live in their own storage ("private" in STORAGES): never served at a public address,
    only streamed to those allowed. A callable, so migrations name it rather than a machine's path."""
    return storages["private"]


def recording_path(instance, filename):
    stamp = timezone.now()
    return f"recordings/{stamp:%Y/%m}/{instance.performer_id}-{stamp:%d%H%M%S}-{filename}"


class EvaluationKind(models.TextChoices):
    ROLE_PLAY = "role_play", "Role-play"
    FIELD_OBSERVATION = "field_observation", "Field observation"


class EvaluationMode(models.TextChoices):
    LIVE = "live", "Live session"
    RECORDING = "recording", "Recording"


class EvaluationStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for a panel"
    SCHEDULED = "scheduled", "Being scored"
    COUNTERSIGN = "countersign", "Waiting for a countersign"
    FLAGGED = "flagged", "Flagged for moderation"
    RELEASED = "released", "Result released"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


OPEN_EVALUATION_STATUSES = (
    EvaluationStatus.REQUESTED,
    EvaluationStatus.SCHEDULED,
    EvaluationStatus.COUNTERSIGN,
    EvaluationStatus.FLAGGED,
)

# (from, event) -> to. Anything missing is refused.
EVALUATION_TRANSITIONS = {
    # Role-plays: an enablement admin (or a rule) puts a panel on the request.
    (EvaluationStatus.REQUESTED, "assign"): EvaluationStatus.SCHEDULED,
    (EvaluationStatus.SCHEDULED, "assign"): EvaluationStatus.SCHEDULED,
    # Field observations: the observer takes the request on, or declines it with a reason.
    (EvaluationStatus.REQUESTED, "accept"): EvaluationStatus.SCHEDULED,
    (EvaluationStatus.REQUESTED, "decline"): EvaluationStatus.DECLINED,
    (EvaluationStatus.SCHEDULED, "release"): EvaluationStatus.RELEASED,
    (EvaluationStatus.SCHEDULED, "flag"): EvaluationStatus.FLAGGED,
    # A signed-off observation that needs a second observer's countersign.
    (EvaluationStatus.SCHEDULED, "sign_off"): EvaluationStatus.COUNTERSIGN,
    (EvaluationStatus.COUNTERSIGN, "countersign"): EvaluationStatus.RELEASED,
    (EvaluationStatus.COUNTERSIGN, "flag"): EvaluationStatus.FLAGGED,
    (EvaluationStatus.FLAGGED, "moderate"): EvaluationStatus.RELEASED,
    (EvaluationStatus.REQUESTED, "cancel"): EvaluationStatus.CANCELLED,
    (EvaluationStatus.SCHEDULED, "cancel"): EvaluationStatus.CANCELLED,
}


class CallKind(models.TextChoices):
    DISCOVERY = "discovery", "Discovery call"
    DEMONSTRATION = "demonstration", "Demonstration"
    PROPOSAL = "proposal", "Proposal or business case"
    NEGOTIATION = "negotiation", "Negotiation"
    EXECUTIVE = "executive", "Executive presentation"
    OTHER = "other", "Other customer call"


class EvaluationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_EVALUATION_STATUSES)

    def released(self):
        return self.filter(status=EvaluationStatus.RELEASED)


class Evaluation(models.Model):
    """One performance by one person against one guide version."""

    performer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=20, choices=EvaluationKind.choices, default=EvaluationKind.ROLE_PLAY)
    subject = models.CharField(max_length=200, help_text="What is being assessed, as people read it.")
    guide_version = models.ForeignKey("assessments.GuideVersion", on_delete=models.PROTECT, related_name="evaluations")
    scenario = models.ForeignKey(
        "assessments.RolePlayScenario", null=True, blank=True, on_delete=models.PROTECT, related_name="evaluations"
    )
    status = models.CharField(max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.REQUESTED)
    mode = models.CharField(max_length=20, choices=EvaluationMode.choices, default=EvaluationMode.LIVE)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="What the person asked for, in their words.")
    # A live session: when and where (a room or a video-call link).
    scheduled_at = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=30)
    location = models.CharField(max_length=300, blank=True)
    # A recording the performer uploaded.
    recording = models.FileField(upload_to=recording_path, storage=private_storage, blank=True, max_length=300)
    recording_name = models.CharField(max_length=255, blank=True)
    recording_type = models.CharField(max_length=100, blank=True)
    recording_size = models.PositiveBigIntegerField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True, help_text="When the panel's scores are due.")
    # A field observation: the real customer call, who is asked to observe it, and who countersigns.
    account = models.CharField("customer account", max_length=200, blank=True)
    opportunity_ref = models.CharField("CRM opportunity id", max_length=80, blank=True)
    call_kind = models.CharField("kind of call", max_length=20, choices=CallKind.choices, blank=True)
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="observations_asked"
    )
    countersign_required = models.BooleanField(default=False)
    countersigner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="countersigns"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    countersign_statement = models.TextField(blank=True)
    # The result.
    panel_score = models.DecimalField(
        "panel's combined score (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField("final score (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    flagged_criteria = models.JSONField(default=list, blank=True)
    final_scores = models.JSONField(default=dict, blank=True, help_text="{criterion key: score} set in moderation.")
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["performer", "-requested_at"], name="evaluation_performer_recent"),
            models.Index(fields=["status", "-requested_at"], name="evaluation_status_recent"),
            models.Index(fields=["observer", "status"], name="evaluation_observer_status"),
            models.Index(fields=["countersigner", "status"], name="evaluation_countersign_status"),
        ]
        permissions = [
            ("assign_panel", "Can assign judges to an evaluation"),
            ("moderate_evaluation", "Can moderate a flagged evaluation"),
        ]

    def __str__(self):
        return f"{self.subject} — {self.performer}"

    @property
    def is_open(self):
        return self.status in OPEN_EVALUATION_STATUSES

    @property
    def is_released(self):
        return self.status == EvaluationStatus.RELEASED

    @property
    def is_field_observation(self):
        return self.kind == EvaluationKind.FIELD_OBSERVATION

    @property
    def asked_after_the_call(self) -> bool:
        """A field observation asked for once the call had taken place: the observer scores a call they observed,
        rather than one coming up (the wording follows)."""
        return self.scheduled_at is not None and self.requested_at is not None and self.scheduled_at <= self.requested_at

    @property
    def ends_at(self):
        if self.scheduled_at is None:
            return None
        return later(self.scheduled_at, timezone.timedelta(minutes=self.duration_minutes))


class EvaluationEvent(models.Model):
    """The history of an evaluation's status."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Scorecard(models.Model):
    """One judge's scores for one evaluation: every criterion, with comments, and overall feedback."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scorecards")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards")
    status = models.CharField(max_length=20, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT)
    overall_feedback = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    score = models.DecimalField("this judge's score (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A field observation's sign-off: the observer's attestation, as they signed it, with their name and the time.
    attestation = models.TextField(blank=True)
    attested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "judge"], name="scorecard_one_per_judge")]
        indexes = [models.Index(fields=["judge", "status"], name="scorecard_judge_status")]

    def __str__(self):
        return f"{self.judge}'s scorecard for {self.evaluation}"

    @property
    def is_submitted(self):
        return self.status == ScorecardStatus.SUBMITTED


class CriterionScore(models.Model):
    """A judge's score on one criterion of the guide version, with their comment."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion_key = models.CharField(max_length=64)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["scorecard", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion_key"], name="criterion_score_once_per_scorecard")
        ]
