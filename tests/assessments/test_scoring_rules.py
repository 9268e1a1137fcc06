"""The pure rules that turn a panel's scores into a result (assessments/scoring.py), as tables."""

from decimal import Decimal

import pytest

from assessments.scoring import Criterion, Rules, Scale, combine, evaluate, pass_line, patterns, percentage, spread

D = Decimal
TOP = Scale.TOP  # the rule versions scored before the change keep

# Discovery is must-pass and light; the total can be high while it fails. Each is scored 1–3.
CRITERIA = [
    Criterion(key="d", name="Discovery", weight=1, max_score=3, must_pass=True, min_score=1),
    Criterion(key="v", name="Value story", weight=2, max_score=3, min_score=1),
    Criterion(key="n", name="Next step", weight=2, max_score=3, min_score=1),
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
def test_versions_scored_before_keep_the_weighted_share_of_the_highest_possible(criteria, combined, expected):
    assert percentage(criteria, combined, TOP) == D(expected)


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
    result = evaluate(CRITERIA, panel, Rules(meets=2, threshold=threshold, combine=method, tolerance=1, scale=TOP))

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

    result = evaluate(CRITERIA, panel, Rules(meets=2, threshold=70, scale=TOP), final_scores=final_scores)

    assert {row.key: row.combined for row in result.criteria} == {key: D(value) for key, value in combined.items()}
    assert [row.key for row in result.criteria if row.moderated] == moderated
    assert result.score == D(score) and result.passed is passed
    assert result.flagged_keys == ["d"]  # the record of the disagreement stays


def test_a_criterion_nobody_scored_cannot_be_evaluated():
    with pytest.raises(ValueError, match="Next step"):
        evaluate(CRITERIA, {"d": [2], "v": [2]}, Rules(meets=2, threshold=70))


# --- Today's scale: each criterion from its lowest level (0 %) to its top one (100 %) ------------------------


@pytest.mark.parametrize(
    "criteria, combined, expected",
    [
        (CRITERIA, {"d": 3, "v": 3, "n": 3}, "100.00"),
        (CRITERIA, {"d": 1, "v": 1, "n": 1}, "0.00"),
        (CRITERIA, {"d": 2, "v": 2, "n": 2}, "50.00"),
        # Weights count: Discovery (weight 1) at the bottom, the heavy ones at the top: 4 / 5.
        (CRITERIA, {"d": 1, "v": 3, "n": 3}, "80.00"),
        (CRITERIA, {"d": D("2.5"), "v": 2, "n": 3}, "75.00"),
        # Each criterion on its own scale: 2 on 0–4 is half way, 2 on 1–2 is the top.
        ([Criterion("a", "A", 1, 4, min_score=0), Criterion("b", "B", 1, 2, min_score=1)], {"a": 2, "b": 2}, "75.00"),
    ],
)
def test_the_score_runs_from_each_criterions_lowest_level_to_its_top_one(criteria, combined, expected):
    assert percentage(criteria, combined) == D(expected)


def test_a_rep_who_meets_every_criterion_passes_when_the_author_set_no_pass_mark():
    """Priya's Pulse role-play: judge and manager scored every criterion "Meets"."""
    panel = {"d": [2, 2], "v": [2, 2], "n": [2, 2]}

    today = evaluate(CRITERIA, panel, Rules(meets=2))
    before = evaluate(CRITERIA, panel, Rules(meets=2, threshold=70, scale=TOP))

    assert (today.score, today.passed) == (D("50.00"), True)
    assert (before.score, before.passed) == (D("66.67"), False)  # the old rule, kept by versions scored with it


def test_just_below_meets_everywhere_fails_by_default():
    result = evaluate(CRITERIA, {"d": [2, 2], "v": [2, 2], "n": [2, 1]}, Rules(meets=2))

    assert result.score == D("40.00") and result.passed is False


def test_moderating_the_must_pass_criterion_to_meets_releases_a_pass():
    """Priya's Beacon role-play: Diagnosis (must pass, weight 3) 3 and 1, the plan 2 and 2, presence 3 and 2;
    the median. Moderation settles Diagnosis at "Meets"."""
    criteria = [
        Criterion("dx", "Diagnosis", 3, 3, must_pass=True, min_score=1),
        Criterion("plan", "Credible plan", 2, 3, min_score=1),
        Criterion("pres", "Executive presence", 1, 3, min_score=1),
    ]
    panel = {"dx": [3, 1], "plan": [2, 2], "pres": [3, 2]}

    today = evaluate(criteria, panel, Rules(meets=2, combine="median"), final_scores={"dx": 2})
    before = evaluate(criteria, panel, Rules(meets=2, threshold=70, combine="median", scale=TOP), final_scores={"dx": 2})

    assert (today.score, today.passed) == (D("54.17"), True)
    assert (before.score, before.passed) == (D("69.44"), False)


@pytest.mark.parametrize(
    "threshold, passed",
    [(None, True), (50, True), (D("50.01"), False), (60, False), (40, True)],
)
def test_an_author_may_ask_deliberately_for_more_or_less_than_meets_everywhere(threshold, passed):
    result = evaluate(CRITERIA, {"d": [2], "v": [2], "n": [2]}, Rules(meets=2, threshold=threshold))

    assert result.score == D("50.00") and result.passed is passed


def test_the_default_pass_line_is_the_score_of_meeting_every_criterion_on_mixed_scales():
    criteria = [Criterion("a", "A", 2, 4, min_score=0), Criterion("b", "B", 1, 3, min_score=1)]

    # "Meets" is 2: half way on 0–4 (weight 2), half way on 1–3 (weight 1).
    assert pass_line(criteria, Rules(meets=2)) == D("50.00")
    assert pass_line(criteria, Rules(meets=2, threshold=D("62.5"))) == D("62.50")


def test_the_patterns_the_guide_editor_shows():
    levels = {"d": [1, 2, 3], "v": [1, 2, 3], "n": [1, 2, 3]}

    preview = patterns(CRITERIA, Rules(meets=2), levels)

    rows = {pattern.key: (pattern.score, pattern.passed) for pattern in preview.patterns}
    assert rows == {
        "below": (D("0.00"), False),
        "meets": (D("50.00"), True),
        "top": (D("100.00"), True),
        "must_pass": (D("80.00"), False),  # Discovery below "meets" fails a high total
    }
    assert preview.pass_line == D("50.00") and preview.meets_everywhere_fails is False


def test_the_patterns_warn_when_meeting_every_criterion_fails():
    levels = {"d": [1, 2, 3], "v": [1, 2, 3], "n": [1, 2, 3]}

    preview = patterns(CRITERIA, Rules(meets=2, threshold=70), levels)

    assert preview.meets_everywhere_fails is True
    assert [pattern.key for pattern in preview.patterns if pattern.passed] == ["top"]


def test_without_a_must_pass_criterion_there_is_no_must_pass_pattern():
    criteria = [Criterion("a", "A", 1, 3, min_score=1), Criterion("b", "B", 1, 3, min_score=1)]

    preview = patterns(criteria, Rules(meets=2), {"a": [1, 2, 3], "b": [1, 2, 3]})

    assert [pattern.key for pattern in preview.patterns] == ["below", "meets", "top"]
