"""Rep tiers (bronze, silver, gold...): pure rules, no database.

A rep is at tier k when every requirement of tiers 1..k is met. Requirements are
certification levels (a higher level held counts for a lower one), closed-won deals
(all time), revenue over a trailing window, and "sustained" revenue in each of the
last N complete calendar quarters. Only deals in the tier's currency count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class LevelNeed:
    certification_id: int
    title: str
    slug: str
    number: int


@dataclass(frozen=True)
class TierRule:
    pk: int
    name: str
    rank: int
    levels: tuple = ()
    min_deals: int | None = None
    min_revenue: Decimal | None = None
    revenue_months: int = 12
    sustained_quarters: int | None = None
    sustained_amount: Decimal | None = None
    currency: str = "USD"


@dataclass(frozen=True)
class Deal:
    close_date: date
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Facts:
    held: frozenset
    deals: tuple
    today: date


@dataclass(frozen=True)
class Missing:
    kind: str
    label: str
    slug: str = ""
    number: int = 0
    have: Decimal = Decimal(0)
    need: Decimal = Decimal(0)


@dataclass(frozen=True)
class TierResult:
    tier: TierRule | None
    next_tier: TierRule | None
    missing: tuple
    progress: int
    unmet: dict


# --- Dates and money ------------------------------------------------------------


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter 1..4) of a day."""
    return day.year, (day.month - 1) // 3 + 1


def last_complete_quarters(today: date, n: int) -> list[tuple[int, int]]:
    """The n calendar quarters before today's quarter, oldest first."""
    year, quarter = quarter_of(today)
    index = year * 4 + quarter - 1
    return [(i // 4, i % 4 + 1) for i in range(index - max(n, 0), index)]


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    next_first = date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1)
    return date(year, month0 + 1, min(day.day, (next_first - timedelta(days=1)).day))


def money(currency: str, amount: Decimal) -> str:
    """'USD 40,000', or 'USD 40,000.50' when there are cents."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"{currency} {amount:,.0f}"
    return f"{currency} {amount.quantize(Decimal('0.01')):,.2f}"


def _quarter_label(quarter: tuple[int, int]) -> str:
    return f"{quarter[0]} Q{quarter[1]}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


# --- Requirements ---------------------------------------------------------------


def _level_needs(rule: TierRule) -> list[LevelNeed]:
    """The rule's levels, keeping only the highest per certification (it implies the lower)."""
    best: dict[int, LevelNeed] = {}
    for need in rule.levels:
        if need.certification_id not in best or need.number > best[need.certification_id].number:
            best[need.certification_id] = need
    return list(best.values())


def _window_words(months: int) -> str:
    return "the last month" if months == 1 else f"the last {months} months"


def _quarters_words(n: int) -> str:
    return "the last complete quarter" if n == 1 else f"each of the last {n} quarters"


def _check(rule: TierRule, facts: Facts) -> tuple[int, list[Missing]]:
    """(number of requirements, unmet ones) of one tier's own requirements."""
    total, missing = 0, []
    held: dict[int, int] = {}
    for cid, number in facts.held:
        held[cid] = max(number, held.get(cid, 0))
    for need in _level_needs(rule):
        total += 1
        have = held.get(need.certification_id, 0)
        if have < need.number:
            missing.append(Missing("level", f"Level {need.number} of {need.title}", need.slug, need.number,
                                   Decimal(have), Decimal(need.number)))
    currency = rule.currency.upper()
    deals = [d for d in facts.deals if d.currency.upper() == currency]
    if rule.min_deals:
        total += 1
        if len(deals) < rule.min_deals:
            short = rule.min_deals - len(deals)
            label = f"{short} more {_plural(short, 'closed deal')} ({len(deals)} of {rule.min_deals})"
            missing.append(Missing("deals", label, have=Decimal(len(deals)), need=Decimal(rule.min_deals)))
    if rule.min_revenue:
        total += 1
        start = months_before(facts.today, rule.revenue_months)
        have = sum((d.amount for d in deals if start < d.close_date <= facts.today), Decimal(0))
        if have < rule.min_revenue:
            label = (f"{money(currency, rule.min_revenue - have)} more revenue in {_window_words(rule.revenue_months)}"
                     f" ({money(currency, have)} of {money(currency, rule.min_revenue)})")
            missing.append(Missing("revenue", label, have=have, need=Decimal(rule.min_revenue)))
    if rule.sustained_quarters and rule.sustained_amount is not None:
        total += 1
        quarters = last_complete_quarters(facts.today, rule.sustained_quarters)
        sums = {q: Decimal(0) for q in quarters}
        for deal in deals:
            if quarter_of(deal.close_date) in sums:
                sums[quarter_of(deal.close_date)] += deal.amount
        if any(amount < rule.sustained_amount for amount in sums.values()):
            detail = "; ".join(f"{_quarter_label(q)}: {money(currency, a)}" for q, a in sums.items())
            label = (f"At least {money(currency, rule.sustained_amount)}"
                     f" in {_quarters_words(rule.sustained_quarters)} ({detail})")
            missing.append(Missing("sustained", label, have=min(sums.values()), need=Decimal(rule.sustained_amount)))
    return total, missing


def describe(rule: TierRule) -> list[str]:
    """The tier's own requirements in plain words, as met."""
    currency = rule.currency.upper()
    words = [f"Level {n.number} of {n.title}" for n in _level_needs(rule)]
    if rule.min_deals:
        words.append(f"{rule.min_deals} {_plural(rule.min_deals, 'closed deal')}")
    if rule.min_revenue:
        words.append(f"{money(currency, rule.min_revenue)} in {_window_words(rule.revenue_months)}")
    if rule.sustained_quarters and rule.sustained_amount is not None:
        words.append(f"at least {money(currency, rule.sustained_amount)} in {_quarters_words(rule.sustained_quarters)}")
    return words


# --- Evaluation -----------------------------------------------------------------


def evaluate(facts: Facts, rules: list[TierRule]) -> TierResult:
    """The rep's tier, the next one, what it still needs, and every tier's unmet requirements."""
    ordered = sorted(rules, key=lambda r: r.rank)
    if len({r.rank for r in ordered}) != len(ordered):
        raise ValueError("Tier ranks must be distinct.")
    checks = {r.rank: _check(r, facts) for r in ordered}
    unmet = {rank: tuple(missing) for rank, (_, missing) in checks.items()}
    reached = 0
    while reached < len(ordered) and not unmet[ordered[reached].rank]:
        reached += 1
    tier = ordered[reached - 1] if reached else None
    if reached == len(ordered):
        return TierResult(tier, None, (), 100, unmet)
    next_tier = ordered[reached]
    total, missing = checks[next_tier.rank]
    return TierResult(tier, next_tier, unmet[next_tier.rank], (total - len(missing)) * 100 // total, unmet)


def _lost(missing: list[Missing]) -> str:
    """'Level 2 of X is not held, and 1 more closed deal (0 of 1) is now needed'."""
    levels = [m.label for m in missing if m.kind == "level"]
    others = [m.label[0].lower() + m.label[1:] if m.label.startswith("At ") else m.label
              for m in missing if m.kind != "level"]
    parts = []
    if levels:
        parts.append(f"{_join(levels)} {'is' if len(levels) == 1 else 'are'} not held")
    if others:
        parts.append(f"{'; '.join(others)} {'is' if len(others) == 1 else 'are'} now needed")
    return ", and ".join(parts)


def explain_change(old: TierRule | None, new: TierRule | None, result: TierResult) -> str:
    """One or two plain sentences on a change of tier, recorded with it."""
    if old == new:
        return f"Still at {new.name}." if new else "No tier yet."
    if new is not None and (old is None or new.rank > old.rank):
        met = describe(new)
        head = f"Placed at {new.name}" if old is None else f"Reached {new.name}"
        return f"{head}: every requirement met — {_join(met)}." if met else f"{head}: it has no requirements."
    floor = new.rank if new else None
    lost = [m for rank, items in sorted(result.unmet.items())
            if (floor is None or rank > floor) and rank <= old.rank for m in items]
    lost = list({m.label: m for m in lost}.values())
    head = f"Dropped from {old.name} to {new.name}" if new else f"No longer at {old.name} (no tier now)"
    return f"{head}: {_lost(lost)}." if lost else f"{head}."
