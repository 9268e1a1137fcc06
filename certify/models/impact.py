"""Impact figures kept in the database: the readiness index's weights (one row per version, never edited in place)
and the weekly snapshots that trends are drawn from."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from .people import Team

# The bounds of the readiness formula's numbers: a level weighs 0–10, a penalty costs 0–100 points.
WEIGHT_MAX = Decimal("10")
PENALTY_MAX = Decimal("100")
DEFAULT_WEIGHTS = {
    "weight_level_1": Decimal("1"),
    "weight_level_2": Decimal("2"),
    "weight_level_3": Decimal("3"),
    "overdue_penalty": Decimal("10"),
    "expiring_penalty": Decimal("5"),
}
FORMULA_FIELDS = tuple(DEFAULT_WEIGHTS)


def _weight(label, default):
    return models.DecimalField(
        label, max_digits=4, decimal_places=2, default=default,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(WEIGHT_MAX)],
    )  # fmt: skip


def _penalty(label, default):
    return models.DecimalField(
        label, max_digits=5, decimal_places=2, default=default,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(PENALTY_MAX)],
    )  # fmt: skip


class ReadinessFormula(models.Model):
    """One version of the readiness index's weights. A change of weights is a new version; the latest applies."""

    version = models.PositiveIntegerField(unique=True, validators=[MinValueValidator(1)])
    weight_level_1 = _weight("weight of level 1", DEFAULT_WEIGHTS["weight_level_1"])
    weight_level_2 = _weight("weight of level 2", DEFAULT_WEIGHTS["weight_level_2"])
    weight_level_3 = _weight("weight of level 3", DEFAULT_WEIGHTS["weight_level_3"])
    overdue_penalty = _penalty("points off per overdue level", DEFAULT_WEIGHTS["overdue_penalty"])
    expiring_penalty = _penalty("points off per level expiring soon", DEFAULT_WEIGHTS["expiring_penalty"])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1), name="readiness_formula_version_positive"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 0, f"{name}__lte": WEIGHT_MAX}), name=f"readiness_{name}_bounded"
                )
                for name in ("weight_level_1", "weight_level_2", "weight_level_3")
            ],
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 0, f"{name}__lte": PENALTY_MAX}), name=f"readiness_{name}_bounded"
                )
                for name in ("overdue_penalty", "expiring_penalty")
            ],
        ]

    def __str__(self):
        return f"Readiness formula, version {self.version}"

    def weight_of(self, number: int) -> Decimal:
        return {1: self.weight_level_1, 2: self.weight_level_2, 3: self.weight_level_3}.get(number, Decimal("0"))

    def values(self) -> dict:
        return {name: getattr(self, name) for name in FORMULA_FIELDS}


class ImpactSnapshot(models.Model):
    """What one week looked like at its end, for every rep (team empty) or one team: counted once, drawn as trends."""

    week = models.DateField(help_text="The Monday the week starts on.")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="impact_snapshots")
    reps = models.PositiveIntegerField(default=0)
    readiness_mean = models.FloatField(null=True, blank=True)
    readiness_reps = models.PositiveIntegerField(default=0, help_text="Reps with an index (something required of them).")
    formula_version = models.PositiveIntegerField(default=1)
    tiers = models.JSONField(default=dict, blank=True, help_text="{tier name: reps}, with reps in no tier yet.")
    quiz_attempts = models.PositiveIntegerField(default=0, help_text="Level 1 quiz attempts submitted in the week.")
    quiz_passed = models.PositiveIntegerField(default=0)
    holding = models.JSONField(default=dict, blank=True, help_text="{level number: reps holding it at the week's end}.")
    evaluations = models.PositiveIntegerField(
        default=0, help_text="Level 2 and 3 evaluations released with a final result in the week."
    )
    evaluations_passed = models.PositiveIntegerField(default=0)
    deals = models.PositiveIntegerField(default=0, help_text="Closed-won deals of the week, in IMPACT_CURRENCY.")
    revenue = models.JSONField(
        default=dict, blank=True, help_text="{tier name at the week's end: revenue closed in the week, as a decimal string}."
    )
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["week", "team"], name="impact_snapshot_week_team"),
            models.UniqueConstraint(
                fields=["week"], condition=models.Q(team__isnull=True), name="impact_snapshot_week_all_reps"
            ),
        ]

    def __str__(self):
        return f"Impact snapshot, week of {self.week:%d %b %Y} ({self.team or 'every rep'})"

    @property
    def quiz_pass_rate(self) -> float | None:
        return round(100 * self.quiz_passed / self.quiz_attempts, 1) if self.quiz_attempts else None
