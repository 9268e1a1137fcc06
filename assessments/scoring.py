"""How a panel's scores become a result: pure functions, no database.

Per criterion the panel's scores are combined by mean or median; each criterion
counts as its combined score over the highest score it can get, weighted across
the criteria; the result is a percentage. A rep passes at or above the guide's
threshold with no must-pass criterion below "meets". Judges whose scores on one
criterion lie further apart than the guide's tolerance flag the evaluation.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    weight: int
    max_score: int
    must_pass: bool = False


@dataclass(frozen=True)
class Rules:
    meets: int
    threshold: int  # percent
    combine: str = "mean"  # or "median"
    tolerance: int = 1


@dataclass(frozen=True)
class CriterionResult:
    key: str
    name: str
    scores: tuple
    combined: Decimal
    spread: int
    flagged: bool
    below_meets: bool
    must_pass: bool
    moderated: bool = False


@dataclass(frozen=True)
class Result:
    criteria: tuple
    score: Decimal
    passed: bool
    flagged: bool
    failed_must_pass: tuple = field(default=())

    @property
    def flagged_keys(self) -> list:
        return [result.key for result in self.criteria if result.flagged]

    @property
    def weak_keys(self) -> list:
        return [result.key for result in self.criteria if result.below_meets]


def combine(scores, method: str) -> Decimal:
    """The panel's score on one criterion."""
    values = [Decimal(score) for score in scores]
    if not values:
        raise ValueError("A criterion needs at least one score to combine.")
    if method == "median":
        combined = Decimal(median(values))
    elif method == "mean":
        combined = sum(values) / len(values)
    else:
        raise ValueError(f"Unknown way to combine scores: {method}")
    return combined.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def spread(scores) -> int:
    return max(scores) - min(scores) if scores else 0


def percentage(criteria, combined: dict) -> Decimal:
    """Weighted share of the highest possible score, as a percentage with two decimals."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if not total_weight:
        return Decimal(0)
    share = sum(Decimal(criterion.weight) * Decimal(combined[criterion.key]) / criterion.max_score for criterion in criteria)
    return (share * HUNDRED / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def scorecard_percentage(criteria, scores: dict) -> Decimal:
    """One judge's score: the same weighting applied to their own scores."""
    return percentage(criteria, scores)


def evaluate(criteria, panel: dict, rules: Rules, *, final_scores: dict | None = None) -> Result:
    """The panel's result. `panel` maps each criterion key to the judges' scores; `final_scores`
    (from moderation) replaces the combined score of the criteria it names."""
    final_scores = final_scores or {}
    results = []
    for criterion in criteria:
        scores = tuple(panel.get(criterion.key, ()))
        if not scores:
            raise ValueError(f"“{criterion.name}” has no scores.")
        combined = combine(scores, rules.combine)
        moderated = criterion.key in final_scores
        if moderated:
            combined = Decimal(final_scores[criterion.key]).quantize(TWO_PLACES)
        width = spread(scores)
        results.append(
            CriterionResult(
                key=criterion.key,
                name=criterion.name,
                scores=scores,
                combined=combined,
                spread=width,
                flagged=width > rules.tolerance,
                below_meets=combined < rules.meets,
                must_pass=criterion.must_pass,
                moderated=moderated,
            )
        )
    score = percentage(criteria, {result.key: result.combined for result in results})
    failed_must_pass = tuple(result.key for result in results if result.must_pass and result.below_meets)
    return Result(
        criteria=tuple(results),
        score=score,
        passed=score >= rules.threshold and not failed_must_pass,
        flagged=any(result.flagged for result in results),
        failed_must_pass=failed_must_pass,
    )


def criteria_of(version) -> list:
    """The scoring view of a guide version's criteria."""
    return [
        Criterion(
            key=criterion["key"],
            name=criterion["name"],
            weight=criterion["weight"],
            max_score=max(level["score"] for level in criterion["levels"]),
            must_pass=criterion["must_pass"],
        )
        for criterion in version.criteria
    ]


def rules_of(version) -> Rules:
    return Rules(
        meets=version.meets_score, threshold=version.pass_threshold, combine=version.combine, tolerance=version.tolerance
    )
