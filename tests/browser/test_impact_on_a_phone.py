"""A manager reads the Impact pages on a phone: the charts are drawn, each opens its numbers as a table, and
nothing is wider than the screen (axe-core checks every page as the test goes)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from certify.models import Award
from tests.conftest import make_hub
from tests.factories.certify import CertificationFactory, ManagerFactory, RepFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def _team_with_history():
    manager = ManagerFactory(email="maria@example.com", first_name="Maria", last_name="Santos")
    certification = CertificationFactory(title="Pulse Revenue Insights", levels=2)
    reps = [RepFactory(start_date=date(2026, 1, 5) + timedelta(days=9 * n)) for n in range(6)]
    TeamFactory(name="East", managers=[manager], members=reps)
    for n, rep in enumerate(reps[:4]):
        for number in (1, 2) if n < 2 else (1,):
            Award.objects.create(
                user=rep, certification=certification, level=certification.levels.get(number=number),
                awarded_at=timezone.now() - timedelta(days=30 - n),
            )  # fmt: skip
    return manager


def _signed_in(browser, live_server, person):
    client = Client()
    client.force_login(person)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def test_a_manager_reads_the_impact_overview_and_its_chart_data_on_a_phone(live_server, browser):
    make_hub()
    page = _signed_in(browser, live_server, _team_with_history())
    page.goto(f"{live_server.url}/impact/")
    expect(page.get_by_role("heading", name="Is our enablement working?")).to_be_visible()
    chart = page.locator("#levels-held")
    expect(chart.get_by_text("Reps holding each level now — level 1: 4 of 6; level 2: 2 of 6; level 3: 0 of 6.")).to_be_visible()
    expect(chart.locator(".chart-bar-fill")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    chart.get_by_text("Show the data as a table").click()
    expect(chart.get_by_role("table")).to_be_visible()
    expect(chart.get_by_role("row", name="Level 1 — content mastery 4")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
