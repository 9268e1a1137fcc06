"""A manager reads the Impact pages on a phone: each page's charts are drawn, each opens its numbers as a table,
and nothing is wider than the screen (axe-core checks every page as the test goes)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from certify.models import Award, Deal, RepTier, Tier, TierChange
from certify.services import impact_snapshot_take, progress_rollup_refresh
from certify.selectors.impact import last_complete_week
from tests.conftest import make_hub
from tests.factories.certify import CertificationFactory, ManagerFactory, RepFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
# Each page, its heading, and how many of its charts draw something for the facts below.
PAGES = [
    ("/impact/", "Is our enablement working?", 2),
    ("/impact/readiness/", "How ready are our reps?", 1),
    ("/impact/funnel/", None, 1),
    ("/impact/ramp/", None, 2),
    ("/impact/certified/", None, 0),  # six reps: every comparison is too small to show
    ("/impact/tiers/", None, 2),
    ("/impact/content/", None, 0),
    ("/impact/trends/", None, 3),  # readiness, tiers and levels held (no quiz attempts: no pass rate)
    ("/impact/struggling/", None, 0),
    ("/impact/completion/", None, 1),
]


def _team_with_history():
    manager = ManagerFactory(email="maria@example.com", first_name="Maria", last_name="Santos")
    certification = CertificationFactory(title="Pulse Revenue Insights", levels=2)
    reps = [RepFactory(start_date=timezone.localdate() - timedelta(days=200 - 20 * n)) for n in range(6)]
    team = TeamFactory(name="East", managers=[manager], members=reps)
    certification.levels.get(number=1).assignments.create(
        team=team, due_date=date.today() + timedelta(days=10), assigned_at=timezone.now() - timedelta(days=90)
    )
    bronze = Tier.objects.create(name="Bronze", rank=1)
    for n, rep in enumerate(reps[:4]):
        for number in (1, 2) if n < 2 else (1,):
            Award.objects.create(
                user=rep, certification=certification, level=certification.levels.get(number=number),
                awarded_at=timezone.now() - timedelta(days=60 - n),
            )  # fmt: skip
        RepTier.objects.create(user=rep, tier=bronze)
        TierChange.objects.create(user=rep, to_tier=bronze, to_name="Bronze", reason="Level 1 held", at=timezone.now() - timedelta(days=50 - n))
        Deal.objects.create(
            external_id=f"D-{n}", rep=rep, account="Acme", amount=Decimal("12000"), currency="USD",
            close_date=timezone.localdate() - timedelta(days=20 + n),
        )  # fmt: skip
    for back in (2, 1, 0):
        impact_snapshot_take(week=last_complete_week() - timedelta(days=7 * back))
    progress_rollup_refresh()
    return manager


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.closest('.table-scroll'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _fits(page, url):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (url, page.evaluate(WIDER_THAN_THE_SCREEN))


def _signed_in(browser, live_server, person):
    client = Client()
    client.force_login(person)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def test_a_manager_reads_every_impact_page_and_its_chart_data_on_a_phone(live_server, browser):
    make_hub()
    page = _signed_in(browser, live_server, _team_with_history())
    for url, heading, drawn in PAGES:
        page.goto(f"{live_server.url}{url}")
        if heading:
            expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        _fits(page, url)
        charts = page.locator("figure.chart")
        with_marks, empty = 0, []
        for index in range(charts.count()):
            chart = charts.nth(index)
            expect(chart.locator(".chart-summary")).not_to_be_empty()
            if chart.locator(".chart-bar-fill, .chart-series polyline").count():
                with_marks += 1
            else:
                empty.append(chart.get_attribute("id"))
            chart.locator("summary", has_text="Show the data as a table").click()
            expect(chart.get_by_role("table")).to_be_visible()
        assert with_marks >= drawn, (url, empty)
        _fits(page, url)

def test_the_overview_chart_says_what_it_shows_and_its_table_holds_the_same_numbers(live_server, browser):
    make_hub()
    page = _signed_in(browser, live_server, _team_with_history())
    page.goto(f"{live_server.url}/impact/")
    chart = page.locator("#levels-held")
    expect(chart.get_by_text("Reps holding each level now — level 1: 4 of 6; level 2: 2 of 6; level 3: 0 of 6.")).to_be_visible()
    expect(chart.locator(".chart-bar-fill")).to_have_count(2)  # level 3: nobody, so no bar
    chart.get_by_text("Show the data as a table").click()
    expect(chart.get_by_role("row", name="Level 1 — content mastery 4")).to_be_visible()
