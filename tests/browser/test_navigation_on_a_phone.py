"""The main navigation folds behind a "Menu" button on a phone and stays as it was on a desktop; no page asks for an icon it cannot have."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import make_hub
from tests.factories.certify import EnablementAdminFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _signed_in_page(browser, live_server, user, viewport):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


def _nav_links(page):
    return page.locator("#main-nav-list a")


def test_on_a_phone_the_links_fold_behind_the_menu_button_and_escape_folds_them_again(live_server, browser):
    make_hub()
    page = _signed_in_page(browser, live_server, EnablementAdminFactory(), PHONE)
    page.goto(f"{live_server.url}/")
    menu = page.get_by_role("button", name="Menu")

    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "main-nav-list")
    assert _nav_links(page).count() >= 4
    expect(_nav_links(page).first).to_be_hidden()
    expect(page.locator(".account-menu summary")).to_be_visible()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    for index in range(_nav_links(page).count()):
        expect(_nav_links(page).nth(index)).to_be_visible()

    _nav_links(page).first.focus()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(_nav_links(page).first).to_be_hidden()
    expect(menu).to_be_focused()


def test_on_a_phone_without_javascript_the_links_stay_visible(live_server, browser):
    make_hub()
    client = Client()
    client.force_login(EnablementAdminFactory())
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/")

    expect(page.locator(".nav-toggle")).to_be_hidden()
    for index in range(_nav_links(page).count()):
        expect(_nav_links(page).nth(index)).to_be_visible()


def test_on_a_desktop_the_links_are_visible_without_a_menu_button(live_server, browser):
    make_hub()
    page = _signed_in_page(browser, live_server, EnablementAdminFactory(), DESKTOP)
    page.goto(f"{live_server.url}/")

    expect(page.locator(".nav-toggle")).to_be_hidden()
    assert _nav_links(page).count() >= 4
    for index in range(_nav_links(page).count()):
        expect(_nav_links(page).nth(index)).to_be_visible()
    # One row: every link sits at the height of the first.
    tops = {round(_nav_links(page).nth(i).bounding_box()["y"]) for i in range(_nav_links(page).count())}
    assert len(tops) == 1, tops


def test_the_home_page_asks_for_nothing_that_fails_not_even_an_icon(live_server, browser):
    make_hub()
    page = _signed_in_page(browser, live_server, EnablementAdminFactory(), DESKTOP)
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.endswith("/certify/favicon.svg")

    answer = page.request.get(f"{live_server.url}/favicon.ico")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert page.request.get(f"{live_server.url}{icon}").status == 200
    assert failed == []
