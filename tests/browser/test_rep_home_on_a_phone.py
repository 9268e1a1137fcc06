"""A rep's home on a phone works with one thumb: the next step first with a full-width button, every row of the
to-do list a full-width target, and nothing wider than the screen."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Assignment
from tests.conftest import make_hub
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44


def _signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def _a_rep_with_something_in_each_section():
    rep = RepFactory(email="riley@example.com", first_name="Riley")
    # Coming up: a role-play booked for tomorrow in a room with a long name, and a quiz due in three days.
    level2_evaluation(rep=rep, admin=EnablementAdminFactory(), judges=[JudgeFactory()], started=False)
    due = CertificationFactory(title="Pulse Revenue Insights", open_to_all=False)
    Assignment.objects.create(level=due.levels.get(), user=rep, due_date=timezone.localdate() + timedelta(days=3))
    # Just happened: a quiz passed yesterday.
    passed = CertificationFactory(title="Atlas Data Platform")
    when = timezone.now() - timedelta(days=1)
    attempt = attempt_start(user=rep, quiz=passed.levels.get().quiz, now=when)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={q.position: [0] for q in attempt.questions.all()}, now=when)
    attempt_submit(actor=rep, attempt_id=attempt.pk, now=when)
    return rep


def test_on_a_phone_the_reps_home_has_no_sideways_scroll_and_the_next_step_button_is_thumb_sized(live_server, browser):
    make_hub()
    page = _signed_in_page(browser, live_server, _a_rep_with_something_in_each_section())
    page.goto(f"{live_server.url}/")

    for name in ("Your next step", "Coming up", "Just happened"):
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    button = page.locator(".next-step").get_by_role("link", name="Prepare with the guide")
    expect(button).to_be_visible()
    box = button.bounding_box()
    panel = page.locator(".next-step").bounding_box()
    assert box["height"] >= MIN_TARGET
    assert box["width"] >= panel["width"] - 60  # the width of its panel, less the panel's padding
    # Near the top: the next step is the first thing under the greeting, within the first screen.
    assert box["y"] + box["height"] <= PHONE["height"]

    rows = page.locator(".todo-item")
    assert rows.count() >= 3
    for index in range(rows.count()):
        row = rows.nth(index)
        box, across = row.bounding_box(), row.locator("xpath=..").bounding_box()
        assert box["height"] >= MIN_TARGET, index
        assert box["width"] >= across["width"] - 1 >= PHONE["width"] - 80, index  # the full width of its list


def test_on_a_phone_a_tap_anywhere_on_a_row_opens_it(live_server, browser):
    make_hub()
    page = _signed_in_page(browser, live_server, _a_rep_with_something_in_each_section())
    page.goto(f"{live_server.url}/")
    row = page.locator(".todo-item", has_text="Pulse Revenue Insights")
    box = row.bounding_box()
    # The row's right-hand edge, away from its title: the whole row is the link.
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] - 12, box["y"] + box["height"] / 2)
    expect(page.get_by_role("heading", name="Pulse Revenue Insights", level=1)).to_be_visible()
