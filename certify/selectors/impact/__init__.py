"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .certified import (
    BEFORE_AFTER_DAYS,
    DEFAULT_BEFORE_AFTER_DAYS,
    CertifiedVersusNot,
    certified_versus_not,
    counted_deals,
)
from .overview import ImpactOverview, impact_overview
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for
from .tiers import NO_TIER, RevenueByTier, promotion_q, revenue_by_tier

__all__ = [
    "BEFORE_AFTER_DAYS",
    "DEFAULT_BEFORE_AFTER_DAYS",
    "DEFAULT_WINDOW_MONTHS",
    "NO_TIER",
    "WINDOW_MONTHS",
    "CertifiedVersusNot",
    "ImpactOverview",
    "ImpactScope",
    "RevenueByTier",
    "certified_versus_not",
    "counted_deals",
    "impact_overview",
    "impact_scope",
    "impact_teams_for",
    "promotion_q",
    "revenue_by_tier",
]
