"""Time to certify and ramp: days from each rep's start date to each tier and to the first closed-won deal, overall
and by hire cohort, counted over the reps who started in the window; reps without a start date left out and said."""

import csv
import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import Deal, DealImport, Tier, TierChange
from tests.factories.certify import RepFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _quarter_start(day: date, back: int) -> date:
    """The first day of the quarter `back` quarters before the one holding `day`."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return date(index // 4, index % 4 * 3 + 1, 1)


def _quarter_label(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


TODAY = timezone.localdate()
LAST_QUARTER = _quarter_start(TODAY, 1)  # 3 to 6 months ago: inside a 12-month window
QUARTER_BEFORE = _quarter_start(TODAY, 2)  # 6 to 9 months ago


def _reach(rep, tier, after_days, *, from_tier=None):
    at = timezone.make_aware(datetime.combine(rep.start_date + timedelta(days=after_days), time(12)))
    TierChange.objects.create(user=rep, from_tier=from_tier, to_tier=tier, to_name=tier.name, reason="Test", at=at)


def _deal(rep, after_days, *, staged=False):
    Deal.objects.create(
        external_id=f"D-{Deal.objects.count() + 1}", rep=rep, account="Acme", amount=Decimal(1000), currency="USD",
        close_date=rep.start_date + timedelta(days=after_days),
        staged_in=DealImport.objects.create(file_name="x.csv") if staged else None,
    )  # fmt: skip


def _join(team, *reps):
    team.members.add(*reps)
    team.save()  # a team's members are kept when the team is saved


@pytest.fixture
def tiers(db):
    return Tier.objects.create(name="Bronze", rank=1), Tier.objects.create(name="Silver", rank=2)


@pytest.fixture
def facts(rep, other_rep, team, other_team, tiers):
    """Team East (manager): rep, second and third started last quarter, plus a rep without a start date.
    Team West (other_manager): other_rep started the quarter before, and a rep who started three years ago.

    rep: bronze after 10 days, silver after 40; deals after 30 and 90 (and a deal still being imported, after 5).
    second: silver straight away after 50 days (which reaches bronze too); a deal after 60.
    third: bronze after 20 days; no deal.
    other_rep: bronze after 100 days; a deal after 15.
    """
    bronze, silver = tiers
    rep.start_date = LAST_QUARTER + timedelta(days=1)
    rep.save()
    second = RepFactory(start_date=LAST_QUARTER + timedelta(days=2))
    third = RepFactory(start_date=LAST_QUARTER + timedelta(days=3))
    undated = RepFactory(start_date=None)
    _join(team, second, third, undated)
    other_rep.start_date = QUARTER_BEFORE + timedelta(days=5)
    other_rep.save()
    veteran = RepFactory(start_date=TODAY - timedelta(days=3 * 365))
    _join(other_team, veteran)

    _reach(rep, bronze, 10)
    _reach(rep, silver, 40, from_tier=bronze)
    _deal(rep, 30)
    _deal(rep, 90)
    _deal(rep, 5, staged=True)
    _reach(second, silver, 50)
    _deal(second, 60)
    _reach(third, bronze, 20)
    _reach(other_rep, bronze, 100)
    _deal(other_rep, 15)
    _reach(veteran, bronze, 30)
    _deal(veteran, 40)
    undated.tier_changes.create(to_tier=bronze, to_name="Bronze", reason="Test")
    return tiers


def _figures(figures):
    return [(figure.milestone.label, figure.counted, figure.reached, figure.median_days) for figure in figures]


def _cohort(ramp, start):
    return next(row for row in ramp.cohorts if row.start == start)


def test_admin_sees_median_days_to_each_tier_and_first_deal_over_reps_started_in_the_window(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_ramp"))
    ramp = page.context["ramp"]
    assert (ramp.reps, ramp.counted, ramp.without_start_date, ramp.outside_window) == (6, 4, 1, 1)
    # Bronze: 10, 50, 20 and 100 days; silver: 40 and 50; first deal: 30, 60 and 15 (the staged deal is not counted).
    assert _figures(ramp.overall) == [
        ("Bronze", 4, 4, 35.0),
        ("Silver", 4, 2, 45.0),
        ("First closed-won deal", 4, 3, 30.0),
    ]
    html = page.content.decode()
    assert (
        "From start date — Bronze: 4 of 4 reached it, median 35 days; Silver: 2 of 4 reached it, median 45 days; "
        "First closed-won deal: 3 of 4 reached it, median 30 days."
    ) in html
    assert "1 rep without a start date is left out." in html
    assert reverse("certify_admin:start_date_import") in html  # where an admin adds the missing ones
    assert "1 rep started before the window" in html


def test_each_quarter_cohort_counts_its_hires_and_their_own_medians(client_for, enablement_admin, facts):
    ramp = client_for(enablement_admin).get(reverse("certify:impact_ramp")).context["ramp"]
    assert ramp.cohort == "quarter"
    last = _cohort(ramp, LAST_QUARTER)
    assert (last.label, last.hired) == (_quarter_label(LAST_QUARTER), 3)
    assert _figures(last.figures) == [("Bronze", 3, 3, 20.0), ("Silver", 3, 2, 45.0), ("First closed-won deal", 3, 2, 45.0)]
    before = _cohort(ramp, QUARTER_BEFORE)
    assert before.hired == 1
    assert _figures(before.figures) == [("Bronze", 1, 1, 100.0), ("Silver", 1, 0, None), ("First closed-won deal", 1, 1, 15.0)]
    # Every quarter of the window has a row, those without hires at zero; the oldest first.
    assert [row.start for row in ramp.cohorts] == sorted(row.start for row in ramp.cohorts)
    assert sum(row.hired for row in ramp.cohorts) == 4
    assert ramp.cohorts[-1].start == _quarter_start(TODAY, 0)
    trend = client_for(enablement_admin).get(reverse("certify:impact_ramp")).context["trend_chart"]
    assert [series.name for series in trend.series] == ["Bronze", "First closed-won deal"]
    assert [_quarter_label(QUARTER_BEFORE), "100", "15"] in trend.rows
    assert [_quarter_label(LAST_QUARTER), "20", "45"] in trend.rows


def test_month_cohorts_group_by_the_month_of_the_start_date(client_for, enablement_admin, facts):
    ramp = client_for(enablement_admin).get(reverse("certify:impact_ramp"), {"cohort": "month"}).context["ramp"]
    assert ramp.cohort == "month"
    last = _cohort(ramp, LAST_QUARTER)
    assert (last.label, last.hired) == (LAST_QUARTER.strftime("%b %Y"), 3)
    assert _figures(last.figures)[0] == ("Bronze", 3, 3, 20.0)
    assert len(ramp.cohorts) == 13  # every month from a year ago to this one


def test_an_unknown_cohort_is_refused_with_a_message_and_quarters_are_shown(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_ramp"), {"cohort": "fortnight"})
    assert page.status_code == 200
    assert "cohort" in page.context["form"].errors
    assert page.context["ramp"].cohort == "quarter"
    assert 'id="error-summary"' in page.content.decode()


def test_manager_counts_only_the_reps_of_their_own_teams(client_for, manager, facts):
    ramp = client_for(manager).get(reverse("certify:impact_ramp")).context["ramp"]
    assert (ramp.reps, ramp.counted, ramp.without_start_date, ramp.outside_window) == (4, 3, 1, 0)
    assert _figures(ramp.overall) == [
        ("Bronze", 3, 3, 20.0),
        ("Silver", 3, 2, 45.0),
        ("First closed-won deal", 3, 2, 45.0),
    ]
    assert _cohort(ramp, QUARTER_BEFORE).hired == 0


def test_a_longer_window_counts_the_rep_who_started_before_it_only_when_it_reaches_them(client_for, enablement_admin, facts):
    ramp = client_for(enablement_admin).get(reverse("certify:impact_ramp"), {"months": "24"}).context["ramp"]
    assert (ramp.counted, ramp.outside_window) == (4, 1)  # three years ago is still outside 24 months


def test_ramp_with_no_reps_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("certify:impact_ramp"))
    ramp = page.context["ramp"]
    assert (ramp.reps, ramp.counted) == (0, 0)
    assert _figures(ramp.overall) == [("First closed-won deal", 0, 0, None)]
    html = page.content.decode()
    assert "No rep who started in the window is counted here yet." in html
    assert "No hire cohort in the window has reps counted yet." in html
    assert "left out" not in html


def test_ramp_csv_has_every_rep_of_the_window_then_each_cohort(client_for, enablement_admin, facts):
    response = client_for(enablement_admin).get(reverse("certify:impact_ramp_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Hire cohort", "Reps hired", "Bronze: reached", "Bronze: median days", "Silver: reached", "Silver: median days",
        "First closed-won deal: reached", "First closed-won deal: median days",
    ]  # fmt: skip
    assert rows[1] == ["Every rep who started in the window", "4", "4", "35", "2", "45", "3", "30"]
    assert [_quarter_label(LAST_QUARTER), "3", "3", "20", "2", "45", "2", "45"] in rows
    assert [_quarter_label(QUARTER_BEFORE), "1", "1", "100", "0", "", "1", "15"] in rows


def test_ramp_csv_of_a_manager_counts_only_their_teams(client_for, manager, facts):
    response = client_for(manager).get(reverse("certify:impact_ramp_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1] == ["Every rep who started in the window", "3", "3", "20", "2", "45", "2", "45"]


def test_rep_finds_no_ramp_page(client_for, rep):
    assert client_for(rep).get(reverse("certify:impact_ramp")).status_code == 404
    assert client_for(rep).get(reverse("certify:impact_ramp_export")).status_code == 404


@pytest.mark.parametrize("name", ["certify:impact_ramp", "certify:impact_ramp_export"])
def test_ramp_query_count_does_not_grow_with_reps_tier_changes_and_deals(client_for, enablement_admin, team, facts, name):
    # 14 queries for the page with two tiers: session, user, roles, MFA check; the tiers; who is counted; reached
    # counts by cohort; per milestone (bronze, silver, first deal) its median overall and by cohort; the teams of
    # the filter. The CSV: the same but the teams. Each query follows the number of tiers, never of reps.
    bronze, silver = facts
    client = client_for(enablement_admin)
    url = reverse(name)
    before = queries_for(client, url)
    for index in range(20):
        extra = RepFactory(start_date=LAST_QUARTER + timedelta(days=index))
        _join(team, extra)
        _reach(extra, bronze, 5 + index)
        _reach(extra, silver, 30 + index, from_tier=bronze)
        _deal(extra, 10 + index)
    assert queries_for(client, url) == before
