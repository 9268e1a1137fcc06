"""Tier rules: which tier a rep is at, what the next one needs, and how a change is explained."""

from datetime import date
from decimal import Decimal

import pytest

from certify.tier_rules import (
    Deal,
    Facts,
    LevelNeed,
    TierRule,
    evaluate,
    explain_change,
    last_complete_quarters,
    quarter_of,
)

# --- The default rules, modelled on the field's practice -------------------------

PULSE = (1, "Pulse Revenue Insights", "pulse-revenue-insights")
BEACON = (2, "Beacon Forecasting", "beacon-forecasting")
HARBOR = (3, "Harbor Pipeline", "harbor-pipeline")
PRESENTING = (4, "Presenting to a senior executive", "presenting-to-a-senior-executive")


def need(cert, number):
    return LevelNeed(cert[0], cert[1], cert[2], number)


BRONZE = TierRule(1, "Bronze", 1, levels=(need(PULSE, 1), need(BEACON, 1), need(HARBOR, 1)))
SILVER = TierRule(2, "Silver", 2, levels=(need(PULSE, 2), need(BEACON, 2)), min_deals=1)
GOLD = TierRule(
    3, "Gold", 3, levels=(need(PRESENTING, 3),), sustained_quarters=2, sustained_amount=Decimal(100_000)
)
DEFAULT = [GOLD, BRONZE, SILVER]  # any order: sorted by rank inside

REVENUE = [TierRule(10, "Bronze", 1, min_revenue=Decimal(100_000), revenue_months=12)]
MONTHLY = [TierRule(11, "Bronze", 1, min_revenue=Decimal("1000.50"), revenue_months=1)]
THREE_DEALS = [TierRule(12, "Bronze", 1, min_deals=3)]
OPEN_BRONZE = [TierRule(13, "Bronze", 1), TierRule(14, "Silver", 2, min_deals=1)]
EUR_SUSTAINED = [TierRule(15, "Bronze", 1, sustained_quarters=1, sustained_amount=Decimal(500), currency="EUR")]

TODAY = date(2026, 10, 15)  # 2026 Q4: the last two complete quarters are 2026 Q2 and Q3


def usd(day, amount):
    return Deal(day, Decimal(amount), "USD")


def facts(held=(), deals=(), today=TODAY):
    return Facts(frozenset(held), tuple(deals), today)


ALL_BRONZE = [(1, 1), (2, 1), (3, 1)]
ALL_SILVER = [(1, 2), (2, 2), (3, 1)]
ALL_GOLD_LEVELS = ALL_SILVER + [(4, 3)]
A_DEAL = usd(date(2026, 10, 1), 5_000)
GOLD_SALES = [usd(date(2026, 4, 1), 100_000), usd(date(2026, 9, 30), 100_000)]

L1_HARBOR = ("level", "Level 1 of Harbor Pipeline")
L2_PULSE = ("level", "Level 2 of Pulse Revenue Insights")
L2_BEACON = ("level", "Level 2 of Beacon Forecasting")
L3_PRESENTING = ("level", "Level 3 of Presenting to a senior executive")
ONE_DEAL = ("deals", "1 more closed deal (0 of 1)")


def sustained(detail):
    return ("sustained", f"At least USD 100,000 in each of the last 2 quarters ({detail})")


# (rules, facts) -> (tier, next tier, missing (kind, label), progress)
CASES = {
    "no tiers at all: no tier, no next tier": (
        [], facts(ALL_GOLD_LEVELS), None, None, [], 100),
    "nothing held: no tier, bronze next with all its levels missing": (
        DEFAULT, facts(), None, "Bronze", [
            ("level", "Level 1 of Pulse Revenue Insights"),
            ("level", "Level 1 of Beacon Forecasting"), L1_HARBOR], 0),
    "bronze met: silver next with its levels and a deal missing": (
        DEFAULT, facts(ALL_BRONZE), "Bronze", "Silver", [L2_PULSE, L2_BEACON, ONE_DEAL], 0),
    "silver's own requirements met but not bronze's: no tier": (
        DEFAULT, facts([(1, 2), (2, 2)], [A_DEAL]), None, "Bronze", [L1_HARBOR], 66),
    "a higher level held satisfies a lower one": (
        DEFAULT, facts([(1, 3), (2, 2), (3, 3)], [A_DEAL]), "Silver", "Gold",
        [L3_PRESENTING, sustained("2026 Q2: USD 0; 2026 Q3: USD 0")], 0),
    "a level no longer held (expired) no longer counts; the lower level still does": (
        DEFAULT, facts([(1, 2), (2, 1), (3, 1)], [A_DEAL]), "Bronze", "Silver", [L2_BEACON], 66),
    "a lower level than needed does not count": (
        DEFAULT, facts(ALL_SILVER + [(4, 2)], GOLD_SALES + [A_DEAL]), "Silver", "Gold", [L3_PRESENTING], 50),
    "a deal in another currency does not count": (
        DEFAULT, facts(ALL_SILVER, [Deal(date(2026, 10, 1), Decimal(9_000), "EUR")]),
        "Bronze", "Silver", [ONE_DEAL], 66),
    "a deal of any date in the tier's currency counts": (
        DEFAULT, facts(ALL_SILVER, [usd(date(2019, 1, 2), 10)]), "Silver", "Gold",
        [L3_PRESENTING, sustained("2026 Q2: USD 0; 2026 Q3: USD 0")], 0),
    "deals short of the count say how many more, in plural": (
        THREE_DEALS, facts(deals=[A_DEAL, Deal(TODAY, Decimal(1), "GBP")]), None, "Bronze",
        [("deals", "2 more closed deals (1 of 3)")], 0),
    "revenue: a deal exactly on the window start and one after today are left out": (
        REVENUE, facts(deals=[usd(date(2025, 10, 15), 50_000), usd(date(2025, 10, 16), 60_000),
                              usd(date(2026, 10, 16), 40_000)]), None, "Bronze",
        [("revenue", "USD 40,000 more revenue in the last 12 months (USD 60,000 of USD 100,000)")], 0),
    "revenue: a deal closed today counts": (
        REVENUE, facts(deals=[usd(date(2025, 10, 16), 60_000), usd(TODAY, 40_000)]), "Bronze", None, [], 100),
    "revenue: the window start is clamped to the month's end, and cents are shown": (
        MONTHLY, facts(deals=[usd(date(2026, 2, 28), 500), usd(date(2026, 3, 1), 700)], today=date(2026, 3, 31)),
        None, "Bronze", [("revenue", "USD 300.50 more revenue in the last month (USD 700 of USD 1,000.50)")], 0),
    "sustained: short in one quarter, each quarter's total shown": (
        DEFAULT, facts(ALL_GOLD_LEVELS, [A_DEAL, usd(date(2026, 5, 1), 20_000), usd(date(2026, 8, 1), 75_000)]),
        "Silver", "Gold", [sustained("2026 Q2: USD 20,000; 2026 Q3: USD 75,000")], 50),
    "sustained: deals just outside the quarters (Q1's last day, Q4's first) do not count": (
        DEFAULT, facts(ALL_GOLD_LEVELS, [usd(date(2026, 3, 31), 100_000), usd(date(2026, 10, 1), 100_000)]),
        "Silver", "Gold", [sustained("2026 Q2: USD 0; 2026 Q3: USD 0")], 50),
    "sustained: deals of a quarter add up": (
        DEFAULT, facts(ALL_GOLD_LEVELS, [A_DEAL, usd(date(2026, 4, 1), 60_000), usd(date(2026, 6, 30), 40_000),
                                          usd(date(2026, 9, 30), 100_000)]), "Gold", None, [], 100),
    "sustained across the year boundary: Q3 and Q4 of last year count in January": (
        DEFAULT, facts(ALL_GOLD_LEVELS, [usd(date(2026, 9, 30), 100_000), usd(date(2026, 12, 31), 100_000)],
                       today=date(2027, 1, 5)), "Gold", None, [], 100),
    "sustained across the year boundary: a quarter with no deals fails": (
        DEFAULT, facts(ALL_GOLD_LEVELS, [usd(date(2026, 9, 30), 100_000), usd(date(2027, 1, 1), 100_000)],
                       today=date(2027, 1, 5)), "Silver", "Gold",
        [sustained("2026 Q3: USD 100,000; 2026 Q4: USD 0")], 50),
    "sustained: only deals in the tier's currency count": (
        EUR_SUSTAINED, facts(deals=[usd(date(2026, 8, 1), 900)]), None, "Bronze",
        [("sustained", "At least EUR 500 in the last complete quarter (2026 Q3: EUR 0)")], 0),
    "gold at the top: no next tier, nothing missing, progress 100": (
        DEFAULT, facts(ALL_GOLD_LEVELS, GOLD_SALES), "Gold", None, [], 100),
    "a tier with no requirements is met by everyone": (
        OPEN_BRONZE, facts(), "Bronze", "Silver", [ONE_DEAL], 0),
}


@pytest.mark.parametrize(
    ("rules", "rep", "tier", "next_tier", "missing", "progress"), CASES.values(), ids=CASES.keys()
)
def test_tier_next_tier_missing_and_progress_follow_the_rules(rules, rep, tier, next_tier, missing, progress):
    result = evaluate(rep, rules)
    assert (result.tier.name if result.tier else None) == tier
    assert (result.next_tier.name if result.next_tier else None) == next_tier
    assert [(m.kind, m.label) for m in result.missing] == missing
    assert result.progress == progress


# --- Details of the result ----------------------------------------------------------


def test_unmet_lists_every_tier_with_an_empty_tuple_when_met():
    result = evaluate(facts([(1, 2), (2, 2)], [A_DEAL]), DEFAULT)
    assert set(result.unmet) == {1, 2, 3}
    assert [m.label for m in result.unmet[1]] == [L1_HARBOR[1]]
    assert result.unmet[2] == ()
    assert [m.kind for m in result.unmet[3]] == ["level", "sustained"]


def test_a_missing_level_carries_the_slug_number_and_level_held():
    result = evaluate(facts([(1, 1), (2, 2), (3, 1)], [A_DEAL]), DEFAULT)
    (item,) = result.missing
    assert (item.slug, item.number, item.have, item.need) == ("pulse-revenue-insights", 2, 1, 2)


def test_missing_amounts_are_carried_as_have_and_need():
    result = evaluate(facts(ALL_GOLD_LEVELS, [A_DEAL, usd(date(2026, 5, 1), 20_000), usd(date(2026, 8, 1), 75_000)]),
                      DEFAULT)
    (item,) = result.missing
    assert (item.have, item.need) == (Decimal(20_000), Decimal(100_000))


def test_a_certification_named_twice_counts_once_at_its_highest_level():
    rule = TierRule(1, "Bronze", 1, levels=(need(PULSE, 1), need(PULSE, 2), need(BEACON, 1)))
    result = evaluate(facts([(1, 1), (2, 1)]), [rule])
    assert [m.label for m in result.missing] == [L2_PULSE[1]]
    assert result.progress == 50


def test_tier_ranks_must_be_distinct():
    with pytest.raises(ValueError):
        evaluate(facts(), [BRONZE, TierRule(9, "Also bronze", 1)])


# --- Quarters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [(date(2026, 1, 1), (2026, 1)), (date(2026, 3, 31), (2026, 1)), (date(2026, 4, 1), (2026, 2)),
     (date(2026, 9, 30), (2026, 3)), (date(2026, 10, 1), (2026, 4)), (date(2026, 12, 31), (2026, 4))],
)
def test_quarter_of_a_day(day, quarter):
    assert quarter_of(day) == quarter


@pytest.mark.parametrize(
    ("today", "n", "quarters"),
    [(date(2026, 10, 15), 2, [(2026, 2), (2026, 3)]),
     (date(2027, 1, 1), 3, [(2026, 2), (2026, 3), (2026, 4)]),
     (date(2027, 5, 20), 2, [(2026, 4), (2027, 1)]),
     (date(2027, 5, 20), 0, [])],
)
def test_last_complete_quarters_come_before_todays_quarter_oldest_first(today, n, quarters):
    assert last_complete_quarters(today, n) == quarters


# --- Explaining a change ------------------------------------------------------------


def test_a_promotion_says_what_was_met():
    result = evaluate(facts(ALL_SILVER, [A_DEAL]), DEFAULT)
    assert explain_change(BRONZE, SILVER, result) == (
        "Reached Silver: every requirement met — Level 2 of Pulse Revenue Insights, "
        "Level 2 of Beacon Forecasting and 1 closed deal."
    )


def test_a_first_placement_says_placed_and_what_was_met():
    result = evaluate(facts(ALL_BRONZE), DEFAULT)
    assert explain_change(None, BRONZE, result) == (
        "Placed at Bronze: every requirement met — Level 1 of Pulse Revenue Insights, "
        "Level 1 of Beacon Forecasting and Level 1 of Harbor Pipeline."
    )


def test_reaching_gold_names_the_sustained_revenue():
    result = evaluate(facts(ALL_GOLD_LEVELS, GOLD_SALES), DEFAULT)
    assert explain_change(SILVER, GOLD, result) == (
        "Reached Gold: every requirement met — Level 3 of Presenting to a senior executive "
        "and at least USD 100,000 in each of the last 2 quarters."
    )


def test_a_drop_names_the_lost_tiers_requirements_now_unmet():
    result = evaluate(facts([(1, 2), (2, 1), (3, 1)], [A_DEAL]), DEFAULT)
    assert explain_change(SILVER, BRONZE, result) == (
        "Dropped from Silver to Bronze: Level 2 of Beacon Forecasting is not held."
    )


def test_a_drop_over_two_tiers_names_levels_and_revenue_of_both():
    result = evaluate(facts([(1, 2), (2, 1), (3, 1), (4, 3)], [A_DEAL]), DEFAULT)
    assert explain_change(GOLD, BRONZE, result) == (
        "Dropped from Gold to Bronze: Level 2 of Beacon Forecasting is not held, and at least "
        "USD 100,000 in each of the last 2 quarters (2026 Q2: USD 0; 2026 Q3: USD 0) is now needed."
    )


def test_leaving_every_tier_says_no_tier_now():
    result = evaluate(facts([(1, 1), (2, 1)]), DEFAULT)
    assert explain_change(BRONZE, None, result) == (
        "No longer at Bronze (no tier now): Level 1 of Harbor Pipeline is not held."
    )


def test_no_change_reads_naturally():
    assert explain_change(SILVER, SILVER, evaluate(facts(ALL_SILVER, [A_DEAL]), DEFAULT)) == "Still at Silver."
    assert explain_change(None, None, evaluate(facts(), DEFAULT)) == "No tier yet."
