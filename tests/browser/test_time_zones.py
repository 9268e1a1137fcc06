"""A rep whose browser is in New York signs in for the first time on a phone: the site takes their browser's zone,
shows their booked role-play in it with the zone named, and shows it in London time once they choose London."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certify.models import User
from content.time_zones import moment_text
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def _when(evaluation, zone):
    with timezone.override(zone):
        return moment_text(evaluation.scheduled_at, "l j F Y, H:i")


def test_a_rep_reads_their_role_play_in_their_browsers_zone_then_in_the_zone_they_choose(live_server, browser):
    make_hub()
    rep = RepFactory(email="riley@example.com", first_name="Riley", last_name="Chen")
    evaluation = level2_evaluation(rep=rep, admin=EnablementAdminFactory(), judges=[JudgeFactory()], started=False)
    page = browser.new_context(viewport=PHONE, timezone_id="America/New_York").new_page()

    page.goto(f"{live_server.url}/accounts/login/?next=/evaluations/{evaluation.pk}/")
    page.get_by_label("Email").fill(rep.email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    assert User.objects.get(pk=rep.pk).time_zone == "America/New_York"  # from the browser, at the first sign-in

    when = page.locator(".facts time").first
    expect(when).to_have_text(_when(evaluation, "America/New_York"))
    expect(when).to_have_attribute("title", "America/New_York")
    assert _when(evaluation, "America/New_York").endswith(("EST", "EDT"))

    page.locator(".account-menu summary").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Time zone").click()
    expect(page.get_by_role("heading", name="Time zone")).to_be_visible()
    page.get_by_label("Your time zone").select_option("Europe/London")
    with page.expect_navigation():
        page.get_by_role("button", name="Save time zone").click()
    expect(page.get_by_text("Your time zone is Europe/London")).to_be_visible()
    expect(page.locator("#time-zone-now time")).to_have_text(re.compile(r"^\d\d:\d\d (GMT|BST)$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.goto(f"{live_server.url}/evaluations/{evaluation.pk}/")
    expect(page.locator(".facts time").first).to_have_text(_when(evaluation, "Europe/London"))
