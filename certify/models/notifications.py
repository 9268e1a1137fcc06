"""What a notice is about: every email the platform sends names its kind, and the kind decides how it reaches
its reader (in the product, by email now, or in a daily digest)."""

from django.db import models


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
