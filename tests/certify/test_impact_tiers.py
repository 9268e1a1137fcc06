"""Revenue by tier: what the reps of each current tier closed in the window, and the promotions and demotions
between tiers by month and from which tier to which."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import Deal, DealImport, RepTier, Tier, TierChange
from tests.factories.certify import RepFactory
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db

URL = "certify:impact_tiers"


def _deal(rep, amount, *, days_ago, currency="USD", staged_in=None):
    return Deal.objects.create(
        external_id=f"D-{Deal.objects.count() + 1}", rep=rep, account="Acme", amount=Decimal(amount), currency=currency,
        close_date=timezone.localdate() - timedelta(days=days_ago), staged_in=staged_in,
    )  # fmt: skip


def _change(rep, from_tier, to_tier, *, days_ago):
    return TierChange.objects.create(
        user=rep, from_tier=from_tier, to_tier=to_tier, from_name=from_tier.name if from_tier else "",
        to_name=to_tier.name if to_tier else "", reason="Rules met", at=timezone.now() - timedelta(days=days_ago),
    )  # fmt: skip


def _month(days_ago):
    return timezone.localtime(timezone.now() - timedelta(days=days_ago)).date().replace(day=1)


@pytest.fixture
def facts(rep, other_rep, team, other_team):
    """team: rep (Silver), b (Bronze), c (no tier row), d (a tier row without a tier); other_team: other_rep (Bronze)."""
    bronze, silver, gold = (Tier.objects.create(name=name, rank=rank) for rank, name in enumerate(["Bronze", "Silver", "Gold"], 1))
    b, c, d = RepFactory(), RepFactory(), RepFactory()
    team.members.add(b, c, d)
    team.save()  # a team's members are kept when the team is saved
    RepTier.objects.create(user=rep, tier=silver)
    RepTier.objects.create(user=b, tier=bronze)
    RepTier.objects.create(user=other_rep, tier=bronze)
    RepTier.objects.create(user=d, tier=None)
    _deal(rep, "5000", days_ago=20)
    _deal(rep, "3000", days_ago=90)
    _deal(other_rep, "1000", days_ago=5)
    _deal(other_rep, "9999", days_ago=5, currency="EUR")  # left out, and counted as left out
    _deal(b, "2000", days_ago=40)
    _deal(b, "50000", days_ago=800)  # before the window
    _deal(c, "400", days_ago=100)
    _deal(c, "7777", days_ago=3, staged_in=DealImport.objects.create(file_name="crm.csv"))  # still being imported
    _change(rep, None, bronze, days_ago=200)  # promotion
    _change(rep, bronze, silver, days_ago=30)  # promotion
    _change(b, silver, bronze, days_ago=30)  # demotion
    _change(d, bronze, None, days_ago=10)  # demotion: no longer in a tier
    _change(other_rep, None, bronze, days_ago=45)  # promotion (not one of manager's reps)
    _change(other_rep, None, bronze, days_ago=500)  # before the window
    return bronze, silver, gold


def _expected_months():
    """{first day of month: [promotions, demotions]} for the fixture's moves in the window."""
    expected = {}
    for days_ago, promotions, demotions in ((200, 1, 0), (30, 1, 1), (10, 0, 1), (45, 1, 0)):
        moved = expected.setdefault(_month(days_ago), [0, 0])
        moved[0] += promotions
        moved[1] += demotions
    return expected


def _tiers(result):
    return [(row.name, row.reps, row.deals, row.revenue, row.revenue_per_rep, row.average_deal) for row in result.tiers]


def test_each_tier_counts_its_reps_now_and_what_they_closed_in_the_window(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    result = page.context["result"]
    assert result.reps == 5
    assert _tiers(result) == [
        ("No tier yet", 2, 1, Decimal("400.00"), Decimal("200.00"), Decimal("400.00")),
        ("Bronze", 2, 2, Decimal("3000.00"), Decimal("1500.00"), Decimal("1500.00")),
        ("Silver", 1, 2, Decimal("8000.00"), Decimal("8000.00"), Decimal("4000.00")),
        ("Gold", 0, 0, Decimal("0.00"), None, None),
    ]
    html = page.content.decode()
    assert (
        "USD 11,400 closed in the window — No tier yet: USD 400 from 2 reps; Bronze: USD 3,000 from 2 reps; "
        "Silver: USD 8,000 from 1 rep; Gold: USD 0 from 0 reps."
    ) in html
    assert "Revenue per rep in the window — No tier yet: USD 200; Bronze: USD 1,500; Silver: USD 8,000; Gold: —." in html


def test_deals_in_other_currencies_are_left_out_and_counted_and_staged_deals_are_not_counted(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    assert page.context["result"].other_currency_deals == 1
    assert "1 deal in other currencies was left out." in page.content.decode()


def test_promotions_and_demotions_are_counted_by_month_by_comparing_the_tiers_ranks(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    result = page.context["result"]
    assert (result.promotions, result.demotions) == (3, 2)
    moved = {m.month: [m.promotions, m.demotions] for m in result.months if m.promotions or m.demotions}
    assert moved == _expected_months()
    assert len(result.months) in (12, 13)  # every month of the window, the partial first and current ones included
    assert "3 promotions and 2 demotions in the window." in page.content.decode()


def test_the_moves_table_counts_each_from_and_to_tier_in_the_window(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    assert page.context["result"].moves == [
        ("No tier yet", "Bronze", 2),
        ("Bronze", "No tier yet", 1),
        ("Bronze", "Silver", 1),
        ("Silver", "Bronze", 1),
    ]
    assert "<td>No tier yet</td><td>Bronze</td><td>2</td>" in section(page.content.decode(), "moves-heading")


def test_a_manager_reads_only_the_tiers_and_moves_of_their_own_teams(client_for, manager, facts):
    result = client_for(manager).get(reverse(URL)).context["result"]
    assert [(row.name, row.reps, row.deals) for row in result.tiers] == [
        ("No tier yet", 2, 1), ("Bronze", 1, 1), ("Silver", 1, 2), ("Gold", 0, 0),
    ]  # fmt: skip
    assert (result.promotions, result.demotions, result.other_currency_deals) == (2, 2, 0)


def test_the_csv_has_the_tiers_the_months_and_the_moves(client_for, enablement_admin, facts):
    response = client_for(enablement_admin).get(reverse("certify:impact_tiers_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[:6] == [
        ["Tier now", "Reps", "Closed-won deals", "Revenue (USD)", "Revenue per rep (USD)", "Average deal size (USD)"],
        ["No tier yet", "2", "1", "400.00", "200.00", "400.00"],
        ["Bronze", "2", "2", "3000.00", "1500.00", "1500.00"],
        ["Silver", "1", "2", "8000.00", "8000.00", "4000.00"],
        ["Gold", "0", "0", "0.00", "", ""],
        ["Deals in other currencies left out: 1"],
    ]
    for month, (promotions, demotions) in _expected_months().items():
        assert [month.strftime("%Y-%m"), str(promotions), str(demotions)] in rows
    assert rows[-4:] == [["No tier yet", "Bronze", "2"], ["Bronze", "No tier yet", "1"], ["Bronze", "Silver", "1"], ["Silver", "Bronze", "1"]]


def test_with_no_reps_and_no_tiers_the_page_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse(URL))
    result = page.context["result"]
    assert _tiers(result) == [("No tier yet", 0, 0, Decimal("0.00"), None, None)]
    assert (result.promotions, result.demotions, result.moves) == (0, 0, [])
    html = page.content.decode()
    assert "No reps are counted here yet." in html and "No rep changed tier in the window." in html


def test_tiers_query_count_does_not_grow_with_reps_deals_and_moves(client_for, enablement_admin, team, facts):
    bronze, silver, _gold = facts
    client = client_for(enablement_admin)
    url, export = reverse(URL), reverse("certify:impact_tiers_export")
    before, export_before = queries_for(client, url), queries_for(client, export)
    for index in range(20):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
        RepTier.objects.create(user=extra, tier=silver if index % 2 else bronze)
        _deal(extra, "1000", days_ago=index * 10)
        _deal(extra, "1000", days_ago=index, currency="GBP")
        _change(extra, bronze, silver, days_ago=index * 15)
    assert queries_for(client, url) == before
    assert queries_for(client, export) == export_before
