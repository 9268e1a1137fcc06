"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .funnel import (
    FUNNEL_PAGE_SIZE,
    CertificationFunnel,
    FunnelStep,
    ImpactFunnel,
    PassRate,
    certification_funnels,
    funnel_certifications,
    impact_funnel,
)
from .overview import ImpactOverview, impact_overview
from .ramp import COHORTS, DEFAULT_COHORT, FIRST_DEAL, CohortRow, MilestoneFigure, Ramp, impact_ramp
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for

__all__ = [
    "certification_funnels",
    "CertificationFunnel",
    "CohortRow",
    "COHORTS",
    "DEFAULT_COHORT",
    "DEFAULT_WINDOW_MONTHS",
    "FIRST_DEAL",
    "funnel_certifications",
    "FUNNEL_PAGE_SIZE",
    "FunnelStep",
    "impact_funnel",
    "impact_overview",
    "impact_ramp",
    "impact_scope",
    "impact_teams_for",
    "ImpactFunnel",
    "ImpactOverview",
    "ImpactScope",
    "MilestoneFigure",
    "PassRate",
    "Ramp",
    "WINDOW_MONTHS",
]
