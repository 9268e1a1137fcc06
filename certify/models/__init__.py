"""The certification domain's models, one module per part (re-exported here)."""

from .certifications import (
    Assignment,
    Award,
    AwardQuerySet,
    Certification,
    CertificationForm,
    CertificationLevel,
    LevelEvaluation,
    LevelNumber,
    add_months,
    new_verification_token,
)
from .credentials import IssuerSettings
from .impact import Nudge
from .people import START_DATE_AHEAD_DAYS, START_DATE_EARLIEST, Invitation, Role, Team, User, UserManager, validate_start_date
from .tiers import Deal, DealImport, DealImportStatus, RepTier, Tier, TierChange, TierRequiredLevel
from .tips import Tip, TipFlag, TipFlagOutcome, TipFlagReason, TipHelpfulMark, TipQuerySet, TipReply, TipRevision

__all__ = [
    "Assignment",
    "Award",
    "AwardQuerySet",
    "Certification",
    "Deal",
    "DealImport",
    "DealImportStatus",
    "CertificationForm",
    "CertificationLevel",
    "Invitation",
    "IssuerSettings",
    "LevelEvaluation",
    "LevelNumber",
    "Nudge",
    "RepTier",
    "START_DATE_AHEAD_DAYS",
    "START_DATE_EARLIEST",
    "Role",
    "Team",
    "Tier",
    "TierChange",
    "TierRequiredLevel",
    "Tip",
    "TipFlag",
    "TipFlagOutcome",
    "TipFlagReason",
    "TipHelpfulMark",
    "TipQuerySet",
    "TipReply",
    "TipRevision",
    "User",
    "UserManager",
    "add_months",
    "new_verification_token",
    "validate_start_date",
]
