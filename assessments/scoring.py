"""How a panel's scores become a result: pure functions, no database.

Per criterion the panel's scores are combined by mean or median. Each criterion's
combined score is placed on its own scale, from its lowest level (0 %) to its top
level (100 %), and the criteria are weighted into one percentage. The pass line is
"meets on every criterion" — the score a rep gets who meets the standard everywhere —
unless the guide's author set a percentage of their own. A rep passes at or above the
line with no must-pass criterion below "meets". Judges whose scores on one criterion
lie further apart than the guide's tolerance flag the evaluation.

Guide versions scored before this definition keep the one they were scored with
(`Scale.TOP`: the weighted share of each criterion's top score), so a recorded
result reads the same today as the day it was released.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class Scale:
    RANGE = "range"  # from each criterion's lowest level (0 %) to its top one (100 %)
    TOP = "top"  # before: the share of each criterion's top score (its lowest level is not 0 %)


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    weight: int
    max_score: int
    must_pass: bool = False
    min_score: int = 0


@dataclass(frozen=True)
class Rules:
    meets: int
    threshold: Decimal | int | None = None  # percent; None: "meets on every criterion"
    combine: str = "mean"  # or "median"
    tolerance: int = 1
    scale: str = Scale.RANGE


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


def _place(criterion: Criterion, value, scale: str) -> Decimal:
    """Where a combined score sits on the criterion's own scale, from 0 to 1."""
    value = Decimal(value)
    if scale == Scale.TOP:
        return value / criterion.max_score if criterion.max_score else Decimal(0)
    if scale != Scale.RANGE:
        raise ValueError(f"Unknown scale: {scale}")
    width = criterion.max_score - criterion.min_score
    if width <= 0:
        return Decimal(1)
    return (value - criterion.min_score) / width


def percentage(criteria, combined: dict, scale: str = Scale.RANGE) -> Decimal:
    """The weighted mean of each criterion's place on its scale, as a percentage with two decimals."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if not total_weight:
        return Decimal(0)
    share = sum(Decimal(criterion.weight) * _place(criterion, combined[criterion.key], scale) for criterion in criteria)
    return (share * HUNDRED / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def scorecard_percentage(criteria, scores: dict, scale: str = Scale.RANGE) -> Decimal:
    """One judge's score: the same weighting applied to their own scores."""
    return percentage(criteria, scores, scale)


def meets_everywhere(criteria, rules: Rules) -> Decimal:
    """The score of a rep who meets the standard on every criterion."""
    return percentage(criteria, {criterion.key: rules.meets for criterion in criteria}, rules.scale)


def pass_line(criteria, rules: Rules) -> Decimal:
    """The score a rep needs: the author's percentage, or by default "meets on every criterion"."""
    if rules.threshold is None:
        return meets_everywhere(criteria, rules)
    return Decimal(rules.threshold).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


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
    score = percentage(criteria, {result.key: result.combined for result in results}, rules.scale)
    failed_must_pass = tuple(result.key for result in results if result.must_pass and result.below_meets)
    return Result(
        criteria=tuple(results),
        score=score,
        passed=score >= pass_line(criteria, rules) and not failed_must_pass,
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
            min_score=min(level["score"] for level in criterion["levels"]),
        )
        for criterion in version.criteria
    ]


def rules_of(version) -> Rules:
    return Rules(
        meets=version.meets_score,
        threshold=version.pass_threshold,
        combine=version.combine,
        tolerance=version.tolerance,
        scale=getattr(version, "scale", Scale.RANGE),
    )


# --- What each pattern of scores gives: the guide editor shows it as the author edits --------------------


@dataclass(frozen=True)
class Pattern:
    key: str
    label: str
    score: Decimal
    passed: bool
    failed_must_pass: tuple = ()


@dataclass(frozen=True)
class Preview:
    patterns: tuple
    pass_line: Decimal
    meets_everywhere: Decimal

    @property
    def meets_everywhere_fails(self) -> bool:
        return any(pattern.key == "meets" and not pattern.passed for pattern in self.patterns)


def patterns(criteria, rules: Rules, levels: dict) -> Preview:
    """What the key patterns of scores give under these rules: every criterion just below "meets", at "meets",
    at its top level, and — where a criterion is must-pass — that one just below "meets" with the rest at the top.
    `levels` maps each criterion key to the scores it can be given."""
    below = {key: max((s for s in scores if s < rules.meets), default=min(scores)) for key, scores in levels.items()}
    top = {key: max(scores) for key, scores in levels.items()}
    wanted = [
        ("below", "Just below “meets” on every criterion", below),
        ("meets", "“Meets” on every criterion", {criterion.key: rules.meets for criterion in criteria}),
        ("top", "The top level on every criterion", top),
    ]
    must_pass = next((criterion for criterion in criteria if criterion.must_pass), None)
    if must_pass is not None and below[must_pass.key] < rules.meets:
        wanted.append(
            ("must_pass", f"“{must_pass.name}” (must pass) just below “meets”, the top level elsewhere",
             {**top, must_pass.key: below[must_pass.key]})
        )
    results = []
    for key, label, scores in wanted:
        result = evaluate(criteria, {name: [score] for name, score in scores.items()}, rules)
        results.append(Pattern(key, label, result.score, result.passed, result.failed_must_pass))
    return Preview(
        patterns=tuple(results), pass_line=pass_line(criteria, rules), meets_everywhere=meets_everywhere(criteria, rules)
    )
