"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .overview import ImpactOverview, impact_overview
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for

__all__ = [
    "DEFAULT_WINDOW_MONTHS",
    "WINDOW_MONTHS",
    "ImpactOverview",
    "ImpactScope",
    "impact_overview",
    "impact_scope",
    "impact_teams_for",
]
