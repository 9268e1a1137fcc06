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
from .overview import ImpactOverview, impact_overview
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for

__all__ = [
    "LOW_REACH_PERCENT",
    "PageComparison",
    "StudyMaterial",
    "StudyReach",
    "content_pages_for",
    "first_attempts",
    "page_comparisons",
    "study_material_for",
    "study_material_reach",
    "DEFAULT_WINDOW_MONTHS",
    "WINDOW_MONTHS",
    "ImpactOverview",
    "ImpactScope",
    "impact_overview",
    "impact_scope",
    "impact_teams_for",
]
