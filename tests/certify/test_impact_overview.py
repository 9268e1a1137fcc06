"""The impact overview counts the scope's reps, the levels they hold now, their tiers and what they closed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.charts import bar_chart, line_chart
from certify.models import Award, Deal, RepTier, Tier
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _award(rep, certification, number, *, days_ago=10, revoked=False):
    level = certification.levels.get(number=number)
    return Award.objects.create(
        user=rep, certification=certification, level=level, awarded_at=timezone.now() - timedelta(days=days_ago),
        revoked_at=timezone.now() if revoked else None,
    )  # fmt: skip


def _deal(rep, amount, *, days_ago=30, currency="USD"):
    return Deal.objects.create(
        external_id=f"D-{Deal.objects.count() + 1}", rep=rep, account="Acme", amount=Decimal(amount), currency=currency,
        close_date=timezone.localdate() - timedelta(days=days_ago),
    )  # fmt: skip


@pytest.fixture
def facts(rep, other_rep, team, other_team):
    """rep (team, managed by manager) holds level 1 and 2; other_rep (other_team) holds level 1; a third rep of
    team holds a revoked level 1. rep closed USD 12,000 in two deals this year and one two years ago."""
    certification = CertificationFactory(levels=2)
    third = RepFactory(start_date=date(2026, 1, 5))
    team.members.add(third)
    team.save()  # a team's members are kept when the team is saved
    _award(rep, certification, 1)
    _award(rep, certification, 2)
    _award(other_rep, certification, 1)
    _award(third, certification, 1, revoked=True)
    bronze = Tier.objects.create(name="Bronze", rank=1)
    Tier.objects.create(name="Silver", rank=2)
    RepTier.objects.create(user=rep, tier=bronze)
    _deal(rep, "5000")
    _deal(rep, "7000", days_ago=100)
    _deal(rep, "90000", days_ago=800)
    return certification


def test_admin_overview_counts_every_rep_and_only_levels_held_now(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact"))
    overview = page.context["overview"]
    assert overview.reps == 3
    assert overview.with_start_date == 1
    assert [count for _n, _label, count in overview.holding] == [2, 1, 0]
    assert overview.tiers == [("No tier yet", 2), ("Bronze", 1), ("Silver", 0)]
    assert overview.deals == 2
    assert overview.revenue == [("USD", Decimal("12000.00"))]
    html = page.content.decode()
    assert "12,000</span> USD closed-won in the window" in html
    assert "Reps holding each level now — level 1: 2 of 3; level 2: 1 of 3; level 3: 0 of 3." in html


def test_manager_overview_counts_only_the_reps_of_their_own_teams(client_for, manager, facts):
    overview = client_for(manager).get(reverse("certify:impact")).context["overview"]
    assert overview.reps == 2  # rep and the third rep of team, not other_rep
    assert [count for _n, _label, count in overview.holding] == [1, 1, 0]


def test_a_manager_cannot_choose_a_team_they_do_not_manage(client_for, manager, other_team, facts):
    page = client_for(manager).get(reverse("certify:impact"), {"team": other_team.pk})
    assert page.status_code == 200
    assert page.context["form"].errors["team"]
    assert page.context["overview"].reps == 2  # falls back to the manager's own teams, never other_team's


def test_window_of_24_months_counts_older_deals_but_not_the_one_800_days_ago(client_for, enablement_admin, facts):
    overview = client_for(enablement_admin).get(reverse("certify:impact"), {"months": "24"}).context["overview"]
    assert overview.deals == 2
    assert client_for(enablement_admin).get(reverse("certify:impact"), {"months": "3"}).context["overview"].deals == 1


def test_an_absurd_window_is_refused_with_a_message_and_a_year_is_counted(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact"), {"months": "100000"})
    assert page.status_code == 200 and "months" in page.context["form"].errors
    assert page.context["scope"].months == 12


def test_overview_with_no_reps_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("certify:impact"))
    assert page.context["overview"].reps == 0
    assert "No reps are counted here yet." in page.content.decode()


def test_overview_query_count_does_not_grow_with_reps_awards_and_deals(client_for, enablement_admin, team, facts):
    client = client_for(enablement_admin)
    url = reverse("certify:impact")
    before = queries_for(client, url)
    for index in range(20):
        extra = RepFactory(start_date=date(2025, 6, 1))
        team.members.add(extra)
        team.save()
        _award(extra, facts, 1)
        _deal(extra, "1000")
    assert queries_for(client, url) == before


def test_bar_chart_widths_are_shares_of_the_longest_bar_and_missing_values_read_as_a_dash():
    chart = bar_chart(id="c", title="T", summary="S", rows=[("a", 4), ("b", 1), ("c", None)], value_label="Reps")
    assert [bar.width for bar in chart.bars] == [100.0, 25.0, 0.0]
    assert chart.rows == [["a", "4"], ["b", "1"], ["c", "—"]]


def test_line_chart_leaves_a_gap_where_a_week_has_no_figure():
    chart = line_chart(id="l", title="T", summary="S", x_labels=["w1", "w2", "w3"], series=[("Pass rate", [50, None, 100])], value_label="%")
    assert len(chart.series[0].segments) == 2
    assert [y for _x, y, _t in chart.series[0].dots] == [101.0, 12.0]  # 50 % half way down, 100 % at the top
    assert chart.rows == [["w1", "50"], ["w2", "—"], ["w3", "100"]]


def test_links_between_impact_pages_carry_the_shared_filters_but_not_a_page_number(client_for, enablement_admin, team, facts):
    page = client_for(enablement_admin).get(
        reverse("certify:impact"), {"team": team.pk, "months": "24", "page": "3", "stalled_days": "40"}
    )
    html = page.content.decode()
    assert f'href="/impact/funnel/?team={team.pk}&amp;months=24"' in html
    assert "page=3" not in html and "stalled_days" not in html
