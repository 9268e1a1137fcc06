"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .content import (
    LOW_REACH_PERCENT,
    PageComparison,
    StudyMaterial,
    StudyReach,
    content_pages_for,
    first_attempts,
    page_comparisons,
    study_material_for,
    study_material_reach,
)
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
from .ramp import (
    COHORTS,
    DEFAULT_COHORT,
    FIRST_DEAL,
    CohortRow,
    MilestoneFigure,
    Ramp,
    impact_ramp,
)
from .scope import (
    DEFAULT_WINDOW_MONTHS,
    WINDOW_MONTHS,
    ImpactScope,
    impact_scope,
    impact_teams_for,
)

__all__ = [
    "certification_funnels",
    "CertificationFunnel",
    "CohortRow",
    "COHORTS",
    "content_pages_for",
    "DEFAULT_COHORT",
    "DEFAULT_WINDOW_MONTHS",
    "first_attempts",
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
    "LOW_REACH_PERCENT",
    "MilestoneFigure",
    "page_comparisons",
    "PageComparison",
    "PassRate",
    "Ramp",
    "study_material_for",
    "study_material_reach",
    "StudyMaterial",
    "StudyReach",
    "WINDOW_MONTHS",
]
