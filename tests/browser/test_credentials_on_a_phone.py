"""A rep's credentials on a phone: "My credentials" lists the award with its downloads, the holder switches public
verification off, and the verification page a customer opens (without signing in) fits the screen."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from certify.services import award_grant
from tests.conftest import make_hub
from tests.factories.certify import CertificationFactory, RepFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def test_a_rep_shares_a_credential_and_a_customer_verifies_it_on_a_phone(live_server, browser):
    make_hub()
    rep = RepFactory(email="riley@example.com", first_name="Riley", last_name="Chen")
    award = award_grant(user=rep, level=CertificationFactory(title="Pulse Revenue Insights").levels.get(number=1))
    client = Client()
    client.force_login(rep)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()

    page.goto(f"{live_server.url}/credentials/")
    expect(page.get_by_role("heading", name="My credentials", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Certificate (PDF)")).to_be_visible()
    expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    customer = browser.new_context(viewport=PHONE).new_page()
    customer.goto(f"{live_server.url}/verify/{award.verification_token}/")
    expect(customer.get_by_role("heading", name="Riley Chen")).to_be_visible()
    expect(customer.get_by_text("Valid: Riley Chen holds this certification.")).to_be_visible()
    assert customer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    with page.expect_navigation():
        page.get_by_role("button", name="Switch public verification off").click()
    expect(page.get_by_text("Public verification is off", exact=False).first).to_be_visible()

    customer.goto(f"{live_server.url}/verify/{award.verification_token}/")
    expect(customer.get_by_role("heading", name="Verification not available")).to_be_visible()
