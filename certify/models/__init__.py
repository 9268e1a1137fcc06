"""The certification domain's models, one module per part (re-exported here)."""

from .certifications import (
    Assignment,
    Award,
    AwardQuerySet,
    Certification,
    CertificationForm,
    CertificationLevel,
    LevelNumber,
    add_months,
)
from .people import Invitation, Role, Team, User, UserManager
from .tips import Tip, TipHelpfulMark, TipQuerySet, TipReply

__all__ = [
    "Assignment",
    "Award",
    "AwardQuerySet",
    "Certification",
    "CertificationForm",
    "CertificationLevel",
    "Invitation",
    "LevelNumber",
    "Role",
    "Team",
    "Tip",
    "TipHelpfulMark",
    "TipQuerySet",
    "TipReply",
    "User",
    "UserManager",
    "add_months",
]
