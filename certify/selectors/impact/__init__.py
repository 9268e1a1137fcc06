"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .overview import ImpactOverview, impact_overview
from .ramp import COHORTS, DEFAULT_COHORT, FIRST_DEAL, CohortRow, MilestoneFigure, Ramp, impact_ramp
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for

__all__ = [
    "COHORTS",
    "DEFAULT_COHORT",
    "DEFAULT_WINDOW_MONTHS",
    "FIRST_DEAL",
    "WINDOW_MONTHS",
    "CohortRow",
    "ImpactOverview",
    "ImpactScope",
    "MilestoneFigure",
    "Ramp",
    "impact_overview",
    "impact_ramp",
    "impact_scope",
    "impact_teams_for",
]
