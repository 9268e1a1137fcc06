"""How one answer is marked. Pure functions: the rules as code, tested as a table."""

from decimal import ROUND_HALF_UP, Decimal

from .models import QuestionKind, Scoring

ZERO, ONE = Decimal(0), Decimal(1)
FOUR_PLACES = Decimal("0.0001")


def answer_score(*, kind: str, scoring: str, fractions: list, selected: list) -> Decimal:
    """The share of the question's mark earned, from 0 to 1.

    Single answer and true/false: the mark of the choice picked. Multiple answers
    with partial credit: the marks of the choices picked added up; with all or
    nothing: the whole mark for exactly the set of choices worth something, else
    nothing. Negative marks lower a question's score but never below zero.
    """
    fractions = [Decimal(str(fraction)) for fraction in fractions]
    picked = sorted(set(selected))
    if not picked:
        return ZERO
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        if len(picked) != 1:
            return ZERO
        earned = fractions[picked[0]]
    elif scoring == Scoring.PARTIAL:
        earned = sum((fractions[index] for index in picked), ZERO)
        best = sum((fraction for fraction in fractions if fraction > 0), ZERO)
        if earned >= best and abs(best - ONE) <= Decimal("0.01"):
            # Every right choice and none that costs: the whole mark, though marks such as
            # 3 × 0.3333 (Moodle's 33.33333%) only add up to 100% within validate_choices' tolerance.
            earned = ONE
    else:
        right = sorted(index for index, fraction in enumerate(fractions) if fraction > 0)
        earned = ONE if picked == right else ZERO
    return min(max(earned, ZERO), ONE).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def percentage(points: Decimal, max_points: int) -> Decimal:
    if not max_points:
        return ZERO
    return (Decimal(points) * 100 / max_points).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
