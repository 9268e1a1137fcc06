"""Enablement impact: figures about certification, tiers, deals and content, counted in the database."""

from .completion import (
    COMPLETION_PAGE_SIZE,
    Completion,
    TeamCompletion,
    completion_batches,
    completion_for,
    completion_page,
)
from .overview import ImpactOverview, impact_overview
from .scope import DEFAULT_WINDOW_MONTHS, WINDOW_MONTHS, ImpactScope, impact_scope, impact_teams_for
from .struggling import (
    STALLED_DAYS_DEFAULT,
    STALLED_DAYS_MAX,
    STALLED_DAYS_MIN,
    STRUGGLING_PAGE_SIZE,
    OverdueLevel,
    Struggling,
    overdue_levels_for,
    struggling_batches,
    struggling_page,
    struggling_reps,
)

__all__ = [
    "COMPLETION_PAGE_SIZE",
    "DEFAULT_WINDOW_MONTHS",
    "STALLED_DAYS_DEFAULT",
    "STALLED_DAYS_MAX",
    "STALLED_DAYS_MIN",
    "STRUGGLING_PAGE_SIZE",
    "WINDOW_MONTHS",
    "Completion",
    "ImpactOverview",
    "ImpactScope",
    "OverdueLevel",
    "Struggling",
    "TeamCompletion",
    "completion_batches",
    "completion_for",
    "completion_page",
    "impact_overview",
    "impact_scope",
    "impact_teams_for",
    "overdue_levels_for",
    "struggling_batches",
    "struggling_page",
    "struggling_reps",
]
