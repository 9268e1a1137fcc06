"""Impact writes: a new version of the readiness index's weights, and the weekly snapshots trends are drawn from."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from ..exceptions import PermissionRefused
from ..models import DEFAULT_WEIGHTS, FORMULA_FIELDS, ImpactSnapshot, ReadinessFormula
from ..permissions import can_edit_readiness_formula
from ..selectors.impact import impact_week_figures, last_complete_week, week_of

# How far back a backfill may reach, in weeks (two years).
SNAPSHOT_WEEKS_MAX = 104


@transaction.atomic
def readiness_formula_save(*, actor, **weights) -> ReadinessFormula:
    """Save new weights as the next version (the versions before stay as they were). The first change also keeps
    version 1, the defaults that applied until then. Weights equal to the current ones save nothing.

    Refused for anyone but an enablement admin; numbers out of bounds are refused with the model's messages."""
    if not can_edit_readiness_formula(actor):
        raise PermissionRefused("Only enablement admins can change the readiness formula.")
    if set(weights) != set(FORMULA_FIELDS):
        raise ValueError(f"Give every weight: {', '.join(FORMULA_FIELDS)}.")
    latest = ReadinessFormula.objects.select_for_update().order_by("-version").first()
    if latest is None:
        latest = ReadinessFormula(version=1, **DEFAULT_WEIGHTS)
        latest.full_clean()
        latest.save()
    formula = ReadinessFormula(version=latest.version + 1, created_by=actor, **weights)
    formula.full_clean(exclude=["created_by"])
    if formula.values() == latest.values():
        return latest
    if not any(getattr(formula, name) > 0 for name in ("weight_level_1", "weight_level_2", "weight_level_3")):
        raise ValidationError("At least one level must weigh more than 0, or no rep could have an index.")
    formula.save()
    return formula


@transaction.atomic
def impact_snapshot_take(*, week: date) -> list:
    """Count the week starting on `week`'s Monday as it stood at its end — for every rep, and for each team — and
    keep it, replacing what was kept for that week before (so a backfill can run again). Awards count if they
    were awarded, and neither revoked nor ended, by the week's end; tiers from the changes recorded until then;
    the reps and their teams are today's. A week that has not ended yet is refused."""
    week = week_of(week)
    if week > last_complete_week():
        raise ValueError("Only a week that has ended can be counted.")
    figures = impact_week_figures(week=week)
    ImpactSnapshot.objects.filter(week=week).delete()
    return ImpactSnapshot.objects.bulk_create(
        ImpactSnapshot(week=week, team_id=row.team_id, **row.values()) for row in figures
    )


def impact_snapshots_backfill(*, weeks: int) -> int:
    """The last `weeks` complete weeks (1–SNAPSHOT_WEEKS_MAX), oldest first; how many weeks were counted."""
    if not 1 <= weeks <= SNAPSHOT_WEEKS_MAX:
        raise ValueError(f"Count between 1 and {SNAPSHOT_WEEKS_MAX} weeks.")
    last = last_complete_week()
    for back in range(weeks - 1, -1, -1):
        impact_snapshot_take(week=last - timedelta(days=7 * back))
    return weeks

