"""Writes that matter in the certification domain, one module per part (re-exported here)."""

from .certifications import (
    RENEWAL_WINDOW_DAYS,
    assignment_create,
    assignment_emails_send,
    award_for_attempt,
    award_grant,
    award_grant_by_person,
    award_renewable,
    award_revoke,
    level_attempt_start,
)
from .people import (
    INVITATION_SALT,
    invitation_accept,
    invitation_can_be_sent,
    invitation_email_send,
    invitation_from_token,
    invitation_send,
    invitation_token,
    invitation_url,
    user_set_roles,
)
from .tiers import (
    EXPIRY_NOTICE_DAYS,
    award_expiry_notices_send,
    tier_promotion_emails_send,
    tier_recompute,
    tiers_recompute_later,
)
from .tips import tip_create, tip_hide, tip_mark_helpful, tip_reply, tip_set_verified, tip_show

__all__ = [
    "EXPIRY_NOTICE_DAYS",
    "award_expiry_notices_send",
    "tier_promotion_emails_send",
    "tier_recompute",
    "tiers_recompute_later",
    "INVITATION_SALT",
    "RENEWAL_WINDOW_DAYS",
    "assignment_create",
    "assignment_emails_send",
    "award_for_attempt",
    "award_grant",
    "award_grant_by_person",
    "award_renewable",
    "award_revoke",
    "invitation_accept",
    "invitation_can_be_sent",
    "invitation_email_send",
    "invitation_from_token",
    "invitation_send",
    "invitation_token",
    "invitation_url",
    "level_attempt_start",
    "tip_create",
    "tip_hide",
    "tip_mark_helpful",
    "tip_reply",
    "tip_set_verified",
    "tip_show",
    "user_set_roles",
]
