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
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for

__all__ = [
    "DEFAULT_WINDOW_MONTHS",
    "FUNNEL_PAGE_SIZE",
    "WINDOW_MONTHS",
    "CertificationFunnel",
    "FunnelStep",
    "ImpactFunnel",
    "ImpactOverview",
    "ImpactScope",
    "PassRate",
    "certification_funnels",
    "funnel_certifications",
    "impact_funnel",
    "impact_overview",
    "impact_scope",
    "impact_teams_for",
]
