"""How one answer is marked (assessments.grading): the rules as one table."""

from decimal import Decimal

import pytest

from assessments.grading import answer_score, percentage
from assessments.models import QuestionKind, Scoring

SINGLE, MULTIPLE, TRUE_FALSE = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE
ALL, PARTIAL = Scoring.ALL_OR_NOTHING, Scoring.PARTIAL

ONE_RIGHT = ["1", "0", "0", "0"]
HALVES = ["0.5", "0.5", "-0.5", "-0.5"]  # two right choices worth half each, two wrong ones costing half
THIRDS = ["0.3333", "0.3333", "0.3333", "-1"]  # what Moodle's 33.33333% becomes at four places
THIRDS_AND_A_FREE_ONE = ["0.3333", "0.3333", "0.3333", "0"]
OVER_ONE = ["0.5050", "0.5050", "-1"]  # right marks adding up to 101%, as the choice validation tolerates
TWELFTHS = ["0.0833"] * 12 + ["-1"]  # 8.33333% each: 0.9996 in all after rounding
SHORT_OF_ONE = ["0.5", "0.3", "0"]  # an imported question whose right marks add up to 80% only

ANSWER_SCORES = [
    # single answer: the mark of the one choice picked
    pytest.param(SINGLE, ALL, ONE_RIGHT, [0], "1", id="single-right"),
    pytest.param(SINGLE, ALL, ONE_RIGHT, [2], "0", id="single-wrong"),
    pytest.param(SINGLE, ALL, ONE_RIGHT, [], "0", id="single-none-picked"),
    pytest.param(SINGLE, ALL, ONE_RIGHT, [0, 1], "0", id="single-two-picked-even-with-the-right-one"),
    pytest.param(SINGLE, ALL, ONE_RIGHT, [0, 0], "1", id="single-right-picked-twice-counts-once"),
    pytest.param(SINGLE, ALL, ["1", "0.5", "0"], [1], "0.5", id="single-half-marked-choice-earns-half"),
    pytest.param(SINGLE, ALL, ["1", "-0.5", "0"], [1], "0", id="single-negative-choice-never-below-zero"),
    pytest.param(SINGLE, PARTIAL, ONE_RIGHT, [0, 1], "0", id="single-ignores-partial-scoring"),
    # true or false: two choices, one worth the mark
    pytest.param(TRUE_FALSE, ALL, ["1", "0"], [0], "1", id="true-false-true-is-right"),
    pytest.param(TRUE_FALSE, ALL, ["1", "0"], [1], "0", id="true-false-false-is-wrong"),
    pytest.param(TRUE_FALSE, ALL, ["0", "1"], [1], "1", id="true-false-false-is-right"),
    pytest.param(TRUE_FALSE, ALL, ["0", "1"], [0], "0", id="true-false-true-is-wrong"),
    pytest.param(TRUE_FALSE, ALL, ["1", "0"], [], "0", id="true-false-none-picked"),
    pytest.param(TRUE_FALSE, ALL, ["1", "0"], [0, 1], "0", id="true-false-both-picked"),
    # multiple answers, partial credit: marks of the picked choices added up, within 0..1
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0], "0.5", id="partial-one-of-two-right"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 1], "1", id="partial-both-right"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [1, 0], "1", id="partial-out-of-order"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 0], "0.5", id="partial-duplicate-counts-once"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 1, 2], "0.5", id="partial-a-wrong-pick-reduces"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 2], "0", id="partial-wrong-cancels-right"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [2], "0", id="partial-never-below-zero"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 2, 3], "0", id="partial-never-below-zero-with-a-right-pick"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [0, 1, 2, 3], "0", id="partial-everything-picked"),
    pytest.param(MULTIPLE, PARTIAL, HALVES, [], "0", id="partial-none-picked"),
    pytest.param(MULTIPLE, PARTIAL, OVER_ONE, [0, 1], "1", id="partial-never-above-one"),
    pytest.param(MULTIPLE, PARTIAL, THIRDS, [0], "0.3333", id="partial-one-third"),
    pytest.param(MULTIPLE, PARTIAL, THIRDS, [2, 0], "0.6666", id="partial-two-thirds-sum"),
    pytest.param(MULTIPLE, PARTIAL, THIRDS, [0, 1, 2], "1", id="partial-all-three-thirds-earn-the-whole-mark"),
    pytest.param(MULTIPLE, PARTIAL, THIRDS, [0, 1, 2, 3], "0", id="partial-three-thirds-and-a-wrong-one"),
    pytest.param(
        MULTIPLE, PARTIAL, THIRDS_AND_A_FREE_ONE, [0, 1, 2, 3], "1", id="partial-a-choice-worth-nothing-costs-nothing"
    ),
    pytest.param(MULTIPLE, PARTIAL, THIRDS_AND_A_FREE_ONE, [1, 3], "0.3333", id="partial-one-third-and-a-free-one"),
    pytest.param(MULTIPLE, PARTIAL, TWELFTHS, list(range(12)), "1", id="partial-all-twelve-twelfths"),
    pytest.param(MULTIPLE, PARTIAL, TWELFTHS, list(range(11)), "0.9163", id="partial-eleven-twelfths"),
    pytest.param(MULTIPLE, PARTIAL, SHORT_OF_ONE, [0, 1], "0.8", id="partial-marks-short-of-100-are-not-rounded-up"),
    # multiple answers, all or nothing: the whole mark for exactly the set of choices worth something
    pytest.param(MULTIPLE, ALL, HALVES, [0, 1], "1", id="all-or-nothing-exact-set"),
    pytest.param(MULTIPLE, ALL, HALVES, [1, 0], "1", id="all-or-nothing-exact-set-out-of-order"),
    pytest.param(MULTIPLE, ALL, HALVES, [1, 0, 1], "1", id="all-or-nothing-exact-set-with-a-duplicate"),
    pytest.param(MULTIPLE, ALL, HALVES, [0], "0", id="all-or-nothing-half-the-set"),
    pytest.param(MULTIPLE, ALL, HALVES, [0, 1, 2], "0", id="all-or-nothing-set-plus-a-wrong-one"),
    pytest.param(MULTIPLE, ALL, HALVES, [2, 3], "0", id="all-or-nothing-only-wrong-ones"),
    pytest.param(MULTIPLE, ALL, HALVES, [], "0", id="all-or-nothing-none-picked"),
    pytest.param(MULTIPLE, ALL, THIRDS_AND_A_FREE_ONE, [0, 1, 2, 3], "0", id="all-or-nothing-set-plus-a-free-one"),
    pytest.param(MULTIPLE, ALL, THIRDS, [0, 1, 2], "1", id="all-or-nothing-thirds"),
]


@pytest.mark.parametrize(("kind", "scoring", "fractions", "selected", "expected"), ANSWER_SCORES)
def test_answer_score_follows_the_marking_rules_of_each_kind(kind, scoring, fractions, selected, expected):
    score = answer_score(kind=kind, scoring=scoring, fractions=fractions, selected=selected)

    assert isinstance(score, Decimal) and score == Decimal(expected)


def test_answer_score_reads_fractions_given_as_decimals_or_floats_the_same_as_strings():
    as_strings = answer_score(kind=MULTIPLE, scoring=PARTIAL, fractions=HALVES, selected=[0, 2, 1])
    as_decimals = answer_score(
        kind=MULTIPLE, scoring=PARTIAL, fractions=[Decimal(f) for f in HALVES], selected=[0, 2, 1]
    )
    as_floats = answer_score(kind=MULTIPLE, scoring=PARTIAL, fractions=[0.1, 0.2, 0.7], selected=[0, 1])

    assert as_strings == as_decimals == Decimal("0.5")
    assert as_floats == Decimal("0.3")  # 0.1 + 0.2 as decimals, not 0.30000000000000004


def test_answer_score_does_not_change_the_selection_it_was_given():
    selected = [3, 1, 1]

    answer_score(kind=MULTIPLE, scoring=PARTIAL, fractions=HALVES, selected=selected)

    assert selected == [3, 1, 1]


@pytest.mark.parametrize(
    ("points", "max_points", "expected"),
    [
        pytest.param("3.5", 4, "87.50", id="plain"),
        pytest.param("5", 5, "100.00", id="all-right"),
        pytest.param("0", 5, "0.00", id="all-wrong"),
        pytest.param("1", 3, "33.33", id="a-third-rounds-down"),
        pytest.param("2", 3, "66.67", id="two-thirds-round-up"),
        pytest.param("0.1233", 2, "6.17", id="a-half-rounds-up-not-to-even"),
        pytest.param("2.5", 3, "83.33", id="partial-points"),
        pytest.param("0", 0, "0", id="no-questions-is-zero-not-a-division-error"),
    ],
)
def test_percentage_is_points_over_max_points_to_two_places_rounding_half_up(points, max_points, expected):
    result = percentage(Decimal(points), max_points)

    assert result == Decimal(expected)
    if max_points:
        assert result.as_tuple().exponent == -2  # fits score DecimalField(decimal_places=2)
