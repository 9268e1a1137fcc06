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
from .people import Invitation, Role, Team, User, UserManager
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
    "RepTier",
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
]
