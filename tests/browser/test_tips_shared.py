import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from certify.models import TipHelpfulMark
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, RepFactory
from tests.factories.content import BuyingStageFactory, ProductFactory, article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in_as(page, live_server, person):
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.save()
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])


def test_rep_shares_a_tip_from_a_page_and_another_rep_marks_it_helpful(live_server, page):
    hub = make_hub()
    product = ProductFactory(name="Beacon Forecasting", code="BEACON")
    BuyingStageFactory(name="Discovery", slug="discovery")
    primer = article(hub, title="Beacon first-call primer", products=[product])
    author = RepFactory(email="riley@example.com", first_name="Riley", last_name="Chen")
    colleague = RepFactory(email="sam@example.com", first_name="Sam")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("riley@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()

    page.goto(f"{live_server.url}{primer.url}")
    with page.expect_navigation():
        page.get_by_role("link", name="Share a tip about this").click()
    page.get_by_label("Title").fill("Ask for last quarter's miss in dollars")
    page.get_by_label("Your tip").fill("It turns the call into a **business case**.")
    page.get_by_label("Buying stage or situation").select_option(label="Discovery")
    expect(page.get_by_label("Product")).to_have_value(str(product.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Share tip").click()
    expect(page.get_by_text("Your tip is live")).to_be_visible()
    expect(page.locator("strong", has_text="business case")).to_be_visible()
    expect(page.get_by_role("button", name="Helpful")).to_have_count(0)  # not on one's own tip

    _sign_in_as(page, live_server, colleague)
    page.goto(f"{live_server.url}{primer.url}")
    expect(page.get_by_text("Ask for last quarter's miss in dollars")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Helpful").click()
    expect(page.get_by_text("You found this helpful")).to_be_visible()
    expect(page.get_by_text("1 found this helpful")).to_be_visible()
    assert TipHelpfulMark.objects.filter(user=colleague, tip__author=author).count() == 1
