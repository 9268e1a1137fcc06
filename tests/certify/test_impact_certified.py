"""Certified versus not: reps holding a certification now against reps who do not, what each group closed in the
window, and the same reps before and after their first award — hidden when a group is too small."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from certify.models import Award, Deal
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db

URL = "certify:impact_certified"


def _ago(days):
    return timezone.localdate() - timedelta(days=days)


def _award(rep, certification, *, days_ago, revoked=False):
    return Award.objects.create(
        user=rep, certification=certification, level=certification.levels.get(number=1),
        awarded_at=timezone.now() - timedelta(days=days_ago), revoked_at=timezone.now() if revoked else None,
    )  # fmt: skip


def _deal(rep, amount, *, days_ago, currency="USD"):
    return Deal.objects.create(
        external_id=f"D-{Deal.objects.count() + 1}", rep=rep, account="Acme", amount=Decimal(amount), currency=currency,
        close_date=_ago(days_ago),
    )  # fmt: skip


def _join(team, *reps):
    team.members.add(*reps)
    team.save()  # a team's members are kept when the team is saved


@pytest.fixture
def facts(rep, other_rep, team, other_team):
    """Pulse holders: rep (A, in team), B (team), E (other_team); not holding it: C (team, revoked award) and
    other_rep (D, other_team, only a EUR deal). A and B first certified 100 and 120 days ago; E 30 days ago."""
    pulse = CertificationFactory(title="Pulse", levels=1)
    b, c, e = RepFactory(), RepFactory(), RepFactory()
    _join(team, b, c)
    _join(other_team, e)
    rep.start_date, b.start_date, c.start_date = _ago(900), _ago(250), _ago(100)
    for person in (rep, b, c):
        person.save(update_fields=["start_date"])
    _award(rep, pulse, days_ago=100)
    _award(b, pulse, days_ago=120)
    _award(e, pulse, days_ago=30)
    _award(c, pulse, days_ago=100, revoked=True)
    _deal(rep, "90000", days_ago=800)  # A's first deal (100 days after starting), before the window
    _deal(rep, "2500", days_ago=150)  # 50 days before A's award
    _deal(rep, "3000", days_ago=60)  # 40 days after
    _deal(rep, "1000", days_ago=30)  # 70 days after
    _deal(b, "1500", days_ago=200)  # B's first deal (50 days after starting), 80 days before B's award
    _deal(b, "600", days_ago=50)  # 70 days after
    _deal(b, "2000", days_ago=10)  # 110 days after: outside 90 days
    _deal(c, "500", days_ago=20)  # C's first deal, 80 days after starting
    _deal(other_rep, "7000", days_ago=40, currency="EUR")  # left out, and counted as left out
    return pulse


def _comparison(page):
    return page.context["result"].comparisons[0]


@override_settings(IMPACT_MIN_GROUP=2)
def test_holders_and_others_closed_exactly_what_their_deals_in_the_window_add_up_to(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    comparison = _comparison(page)
    holders, others = comparison.holders, comparison.others
    assert comparison.shown
    assert (holders.reps, holders.deals, holders.revenue) == (3, 6, Decimal("10600.00"))
    assert (holders.deals_per_rep, holders.revenue_per_rep, holders.average_deal) == (2.0, Decimal("3533.33"), Decimal("1766.67"))
    assert (holders.median_days_to_first_deal, holders.reps_with_days) == (75.0, 2)  # A 100, B 50; E has no start date
    assert (others.reps, others.deals, others.revenue) == (2, 1, Decimal("500.00"))
    assert (others.deals_per_rep, others.revenue_per_rep, others.average_deal) == (0.5, Decimal("250.00"), Decimal("500.00"))
    assert (others.median_days_to_first_deal, others.reps_with_days) == (80.0, 1)  # C; D has no deal in USD
    html = page.content.decode()
    assert (
        "Reps holding Pulse (3) closed USD 3,533 per rep in the window and 2 deals per rep; reps not holding it (2) "
        "closed USD 250 per rep and 0.5 deals per rep."
    ) in html
    assert "association, not proof that certifying caused the difference" in html
    assert "<td>USD 1,767</td><td>75</td><td>2</td>" in html  # average deal, median days, reps in the median


@override_settings(IMPACT_MIN_GROUP=2)
def test_same_reps_before_and_after_count_the_days_either_side_of_a_first_award_whose_after_has_passed(
    client_for, enablement_admin, facts
):
    comparison = _comparison(client_for(enablement_admin).get(reverse(URL)))
    assert comparison.before_after_reps == 2  # A and B; E certified 30 days ago, C's award was revoked
    before, after = comparison.before, comparison.after
    assert (before.deals, before.revenue, before.deals_per_rep, before.revenue_per_rep) == (2, Decimal("4000.00"), 1.0, Decimal("2000.00"))
    assert (after.deals, after.revenue, after.deals_per_rep, after.revenue_per_rep) == (3, Decimal("4600.00"), 1.5, Decimal("2300.00"))


@override_settings(IMPACT_MIN_GROUP=2)
def test_a_longer_before_and_after_period_leaves_out_reps_whose_after_has_not_passed(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL), {"days": "180"})
    comparison = _comparison(page)
    assert not comparison.before_after_shown and comparison.before_after_reps is None  # A and B certified < 180 days ago
    assert "Before and after: Too few reps to compare (fewer than 2 in a group)." in page.content.decode()
    page = client_for(enablement_admin).get(reverse(URL), {"days": "30"})
    comparison = _comparison(page)
    assert comparison.before_after_reps == 3  # E's 30 days after have now passed
    assert (comparison.after.deals, comparison.after.revenue) == (0, Decimal("0.00"))  # A 40 and 70 days after, B 70


@override_settings(IMPACT_MIN_GROUP=3)
def test_a_comparison_with_a_group_smaller_than_the_setting_is_hidden_with_no_figures(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    comparison = _comparison(page)
    assert not comparison.shown and not comparison.before_after_shown
    assert comparison.holders.reps is None and comparison.others.revenue_per_rep is None and comparison.after.revenue is None
    html = section(page.content.decode(), f"certification-{facts.pk}-heading")
    assert "Holding it against not: Too few reps to compare (fewer than 3 in a group)." in html
    assert "USD" not in html


def test_deals_in_other_currencies_are_left_out_and_counted(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL))
    assert page.context["result"].other_currency_deals == 1
    assert "1 deal in other currencies was left out." in page.content.decode()


@override_settings(IMPACT_MIN_GROUP=1)
def test_a_manager_compares_only_the_reps_of_their_own_teams(client_for, manager, facts):
    comparison = _comparison(client_for(manager).get(reverse(URL)))
    assert (comparison.holders.reps, comparison.holders.deals, comparison.holders.revenue) == (2, 6, Decimal("10600.00"))
    assert (comparison.others.reps, comparison.others.deals) == (1, 1)  # C only
    assert client_for(manager).get(reverse(URL)).context["result"].other_currency_deals == 0  # D's deal is not theirs


@override_settings(IMPACT_MIN_GROUP=2)
def test_the_csv_has_every_figure_the_page_shows_and_hides_what_it_hides(client_for, enablement_admin, facts):
    response = client_for(enablement_admin).get(reverse("certify:impact_certified_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1] == ["Pulse", "Holding it now", "3", "6", "2.0", "10600.00", "3533.33", "1766.67", "75.0", "2", ""]
    assert rows[2] == ["Pulse", "Not holding it", "2", "1", "0.5", "500.00", "250.00", "500.00", "80.0", "1", ""]
    assert rows[3] == ["Pulse", "90 days before first award", "2", "2", "1.0", "4000.00", "2000.00", "", "", "", ""]
    assert rows[4] == ["Pulse", "90 days after first award", "2", "3", "1.5", "4600.00", "2300.00", "", "", "", ""]
    assert ["Deals in other currencies left out: 1"] in rows
    with override_settings(IMPACT_MIN_GROUP=3):
        response = client_for(enablement_admin).get(reverse("certify:impact_certified_export"))
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    hidden = ["", "", "", "", "", "", "", "", "Too few reps to compare (fewer than 3 in a group)."]
    assert rows[1] == ["Pulse", "Holding it now", *hidden] and rows[4] == ["Pulse", "90 days after first award", *hidden]


def test_with_no_certifications_the_page_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse(URL))
    assert page.status_code == 200 and page.context["result"].comparisons == []
    assert "No active certifications to compare yet." in page.content.decode()


def test_with_a_certification_and_no_reps_every_comparison_is_hidden(client_for, enablement_admin):
    CertificationFactory(title="Pulse")
    comparison = _comparison(client_for(enablement_admin).get(reverse(URL)))
    assert not comparison.shown and not comparison.before_after_shown


def test_an_unknown_period_is_refused_with_a_message_and_90_days_are_counted(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse(URL), {"days": "100000", "page": "nonsense"})
    assert page.status_code == 200 and "days" in page.context["form"].errors
    assert page.context["result"].days == 90
    assert 'class="form-errors' in page.content.decode()


def test_certifications_are_shown_ten_to_a_page(client_for, enablement_admin):
    for number in range(12):
        CertificationFactory(title=f"Cert {number:02}")
    first = client_for(enablement_admin).get(reverse(URL)).context["result"]
    assert len(first.comparisons) == 10 and first.page.paginator.num_pages == 2
    second = client_for(enablement_admin).get(reverse(URL), {"page": "2"}).context["result"]
    assert [c.certification.title for c in second.comparisons] == ["Cert 10", "Cert 11"]


@override_settings(IMPACT_MIN_GROUP=2)
def test_certified_query_count_does_not_grow_with_reps_awards_deals_or_certifications(client_for, enablement_admin, team, facts):
    client = client_for(enablement_admin)
    url = reverse(URL)
    before = queries_for(client, url)
    export_before = queries_for(client, reverse("certify:impact_certified_export"))
    other = CertificationFactory(title="Other")
    for index in range(20):
        extra = RepFactory(start_date=_ago(300))
        _join(team, extra)
        _award(extra, facts if index % 2 else other, days_ago=120)
        _deal(extra, "1000", days_ago=40)
        _deal(extra, "1000", days_ago=40, currency="GBP")
    assert queries_for(client, url) == before
    assert queries_for(client, reverse("certify:impact_certified_export")) == export_before
