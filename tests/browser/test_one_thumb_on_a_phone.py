"""On a 390 px phone the quiz, the scorecard and the readiness grid work with one thumb: nothing is wider than
the screen, every answer and score is a target at least 44 px tall, and the quiz's and the scorecard's actions
stay at the foot of the screen while the person scrolls."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from certify.models import CertificationLevel
from certify.services import level_attempt_start
from tests.conftest import make_hub
from tests.factories.certify import (
    CertificationFactory,
    EnablementAdminFactory,
    JudgeFactory,
    ManagerFactory,
    RepFactory,
    TeamFactory,
)
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44


def _phone(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _heights(locator):
    return [box["height"] for box in (locator.nth(i).bounding_box() for i in range(locator.count()))]


def _on_screen(page, locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_on_a_phone_each_answer_is_a_thumb_sized_row_and_submit_stays_within_reach(live_server, browser):
    make_hub()
    rep = RepFactory()
    CertificationFactory(title="Pulse", slug="pulse", levels=1, open_to_all=True)
    attempt = level_attempt_start(actor=rep, level=CertificationLevel.objects.get(certification__slug="pulse", number=1))
    page = _phone(browser, live_server, rep)
    page.goto(f"{live_server.url}/attempts/{attempt.pk}/")

    _no_sideways_scroll(page)
    choices = page.locator(".quiz-choice")
    assert choices.count() >= 4
    assert min(_heights(choices)) >= MIN_TARGET
    submit = page.get_by_role("button", name="Submit answers")
    assert _on_screen(page, submit), "Submit answers is at the foot of the screen from the start"
    assert submit.bounding_box()["height"] >= MIN_TARGET
    choices.first.tap()
    expect(page.locator(".quiz-choice input").first).to_be_checked()
    page.mouse.wheel(0, 2000)
    expect(submit).to_be_in_viewport()


def test_on_a_phone_the_scores_are_thumb_sized_and_submit_scores_stays_within_reach(live_server, browser):
    make_hub()
    judge = JudgeFactory()
    level2_evaluation(rep=RepFactory(first_name="Riley"), admin=EnablementAdminFactory(), judges=[judge, JudgeFactory()])
    page = _phone(browser, live_server, judge)
    page.goto(f"{live_server.url}/judging/")
    page.get_by_role("link", name="Score Riley").first.click()

    expect(page.get_by_text("0 of 3 criteria scored")).to_be_attached()
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Go to your scores").tap()
    expect(page.get_by_role("heading", name="Your scores")).to_be_in_viewport()
    levels = page.locator(".level-choice")
    assert levels.count() >= 6
    assert min(_heights(levels)) >= MIN_TARGET
    page.mouse.wheel(0, 1500)
    submit = page.get_by_role("button", name="Submit scores")
    expect(submit).to_be_in_viewport()
    assert submit.bounding_box()["height"] >= MIN_TARGET


def test_on_a_phone_the_readiness_grid_scrolls_inside_its_frame_not_the_page(live_server, browser):
    make_hub()
    for number in range(5):
        CertificationFactory(title=f"Certification with a long name {number}", open_to_all=True)
    manager = ManagerFactory()
    team = TeamFactory(name="East", members=[RepFactory() for _ in range(3)], managers=[manager])
    page = _phone(browser, live_server, manager)
    page.goto(f"{live_server.url}/teams/{team.pk}/readiness/")

    frame = page.locator(".table-scroll[aria-labelledby=grid-heading]")
    expect(frame).to_be_visible()
    assert page.evaluate("document.querySelector('.readiness-grid').scrollWidth") > PHONE["width"]
    _no_sideways_scroll(page)
