"""The pure rules that turn a panel's scores into a result (assessments/scoring.py), as tables."""

from decimal import Decimal

import pytest

from assessments.scoring import Criterion, Rules, combine, evaluate, percentage, spread

D = Decimal

# Discovery is must-pass and light; the total can be high while it fails.
CRITERIA = [
    Criterion(key="d", name="Discovery", weight=1, max_score=3, must_pass=True),
    Criterion(key="v", name="Value story", weight=2, max_score=3),
    Criterion(key="n", name="Next step", weight=2, max_score=3),
]


@pytest.mark.parametrize(
    "scores, method, expected",
    [
        ([2, 2, 3], "mean", "2.33"),
        ([2, 2, 3], "median", "2.00"),
        ([1, 1, 3], "mean", "1.67"),
        ([1, 1, 3], "median", "1.00"),
        ([1, 2, 3, 3], "mean", "2.25"),
        ([1, 2, 3, 3], "median", "2.50"),
        ([1, 3], "mean", "2.00"),
        ([3], "mean", "3.00"),
        ([3], "median", "3.00"),
    ],
)
def test_the_panels_scores_on_a_criterion_combine_by_mean_or_median(scores, method, expected):
    assert combine(scores, method) == D(expected)


@pytest.mark.parametrize("scores, method", [([], "mean"), ([2, 3], "mode")])
def test_combining_nothing_or_by_an_unknown_method_is_refused(scores, method):
    with pytest.raises(ValueError):
        combine(scores, method)


@pytest.mark.parametrize(
    "criteria, combined, expected",
    [
        (CRITERIA, {"d": 3, "v": 3, "n": 3}, "100.00"),
        (CRITERIA, {"d": 2, "v": 2, "n": 2}, "66.67"),
        # Weights count: the heavy criteria at the top, the light one at the bottom, and the other way round.
        (CRITERIA, {"d": 1, "v": 3, "n": 3}, "86.67"),
        (CRITERIA, {"d": 3, "v": 1, "n": 1}, "46.67"),
        (CRITERIA, {"d": D("2.5"), "v": 2, "n": 3}, "83.33"),
        # Each criterion counts against its own highest score.
        (
            [Criterion("a", "A", 1, 4), Criterion("b", "B", 1, 2)],
            {"a": 2, "b": 2},
            "75.00",
        ),
        ([], {}, "0"),
    ],
)
def test_the_score_is_the_weighted_share_of_the_highest_possible(criteria, combined, expected):
    assert percentage(criteria, combined) == D(expected)


@pytest.mark.parametrize(
    "case, panel, method, threshold, score, passed, failed_must_pass",
    [
        ("all exceed", {"d": [3], "v": [3], "n": [3]}, "mean", 70, "100.00", True, ()),
        ("exactly at the threshold passes", {"d": [2], "v": [2], "n": [3]}, "mean", 80, "80.00", True, ()),
        ("one point short of the threshold fails", {"d": [2], "v": [2], "n": [3]}, "mean", 81, "80.00", False, ()),
        ("must-pass below meets fails a high total", {"d": [1], "v": [3], "n": [3]}, "mean", 70, "86.67", False, ("d",)),
        ("below meets elsewhere can still pass", {"d": [3], "v": [1], "n": [3]}, "mean", 70, "73.33", True, ()),
        # The must-pass criterion: [1, 2, 2] is 1.67 by the mean (below meets) and 2 by the median.
        ("mean: must-pass below meets", {"d": [1, 2, 2], "v": [3, 3, 3], "n": [3, 3, 3]}, "mean", 70, "91.13", False, ("d",)),
        ("median: must-pass at meets", {"d": [1, 2, 2], "v": [3, 3, 3], "n": [3, 3, 3]}, "median", 70, "93.33", True, ()),
        # The total itself differs: the mean of [2, 2, 3] is 2.33, the median 2.
        ("mean: total over the threshold", {"d": [3], "v": [2, 2, 3], "n": [2, 2, 3]}, "mean", 80, "82.13", True, ()),
        ("median: total under it", {"d": [3], "v": [2, 2, 3], "n": [2, 2, 3]}, "median", 80, "73.33", False, ()),
    ],
)
def test_a_rep_passes_at_the_threshold_with_no_must_pass_criterion_below_meets(
    case, panel, method, threshold, score, passed, failed_must_pass
):
    result = evaluate(CRITERIA, panel, Rules(meets=2, threshold=threshold, combine=method, tolerance=1))

    assert result.score == D(score)
    assert result.passed is passed
    assert result.failed_must_pass == failed_must_pass


@pytest.mark.parametrize(
    "panel, tolerance, flagged",
    [
        ({"d": [2, 3], "v": [2, 2], "n": [3, 3]}, 1, []),
        ({"d": [1, 3], "v": [2, 2], "n": [3, 3]}, 1, ["d"]),
        ({"d": [1, 3], "v": [2, 2], "n": [3, 3]}, 2, []),
        ({"d": [1, 2, 3], "v": [1, 3], "n": [3, 3]}, 1, ["d", "v"]),
        ({"d": [1, 3], "v": [1, 3], "n": [1, 3]}, 0, ["d", "v", "n"]),
        ({"d": [2, 2], "v": [3, 3], "n": [1, 1]}, 0, []),
        ({"d": [1], "v": [3], "n": [2]}, 0, []),
    ],
)
def test_a_spread_beyond_the_tolerance_flags_the_criterion(panel, tolerance, flagged):
    result = evaluate(CRITERIA, panel, Rules(meets=2, threshold=70, tolerance=tolerance))

    assert result.flagged_keys == flagged
    assert result.flagged is bool(flagged)
    assert [row.spread for row in result.criteria] == [spread(panel[key]) for key in ("d", "v", "n")]


@pytest.mark.parametrize("scores, width", [([], 0), ([2], 0), ([1, 3], 2), ([3, 1, 2], 2), ([2, 2], 0)])
def test_spread_is_the_distance_between_the_lowest_and_highest_score(scores, width):
    assert spread(scores) == width


@pytest.mark.parametrize(
    "final_scores, combined, moderated, score, passed",
    [
        # Nothing moderated: the judges' [1, 3] on Discovery combine to 2.
        ({}, {"d": "2.00", "v": "3.00", "n": "3.00"}, [], "93.33", True),
        ({"d": 3}, {"d": "3.00", "v": "3.00", "n": "3.00"}, ["d"], "100.00", True),
        ({"d": 1}, {"d": "1.00", "v": "3.00", "n": "3.00"}, ["d"], "86.67", False),
        # A criterion the judges agreed on can be changed too; the others keep the panel's score.
        ({"d": 2, "n": 1}, {"d": "2.00", "v": "3.00", "n": "1.00"}, ["d", "n"], "66.67", False),
    ],
)
def test_moderated_final_scores_replace_the_combined_score_of_the_criteria_they_name(
    final_scores, combined, moderated, score, passed
):
    panel = {"d": [1, 3], "v": [3, 3], "n": [3, 3]}

    result = evaluate(CRITERIA, panel, Rules(meets=2, threshold=70), final_scores=final_scores)

    assert {row.key: row.combined for row in result.criteria} == {key: D(value) for key, value in combined.items()}
    assert [row.key for row in result.criteria if row.moderated] == moderated
    assert result.score == D(score) and result.passed is passed
    assert result.flagged_keys == ["d"]  # the record of the disagreement stays


def test_a_criterion_nobody_scored_cannot_be_evaluated():
    with pytest.raises(ValueError, match="Next step"):
        evaluate(CRITERIA, {"d": [2], "v": [2]}, Rules(meets=2, threshold=70))
