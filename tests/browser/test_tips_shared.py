import pytest
from playwright.sync_api import expect

from certify.models import TipFlag, TipHelpfulMark
from certify.services import tip_create
from tests.browser.sessions import sign_in_as
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, RepFactory
from tests.factories.content import BuyingStageFactory, ProductFactory, article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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

    sign_in_as(page, live_server, colleague)
    page.goto(f"{live_server.url}{primer.url}")
    expect(page.get_by_text("Ask for last quarter's miss in dollars")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Helpful").click()
    expect(page.get_by_text("You found this helpful")).to_be_visible()
    expect(page.get_by_text("1 found this helpful")).to_be_visible()
    assert TipHelpfulMark.objects.filter(user=colleague, tip__author=author).count() == 1


def _tip_for(author, **fields):
    return tip_create(
        author=author,
        product=fields.pop("product", None) or ProductFactory(),
        stage=fields.pop("stage", None) or BuyingStageFactory(),
        **fields,
    )


def test_author_edits_a_tip_sees_it_marked_edited_and_then_deletes_it(live_server, page):
    make_hub()
    author = RepFactory(email="riley@example.com", first_name="Riley")
    tip = _tip_for(author, title="Ask for the forecast review", body="Ask for the forecast review before any demo of the product.")
    sign_in_as(page, live_server, author)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/tips/{tip.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit tip").click()
    page.get_by_label("Your tip").fill("Too short.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".form-errors")).to_contain_text("a tip needs at least 40 characters (it has 10)")
    expect(page.locator(".form-errors")).to_contain_text("Nothing was saved.")
    page.get_by_label("Your tip").fill("Before the demo:\n- ask for the forecast review\n- load their export into the sandbox")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your tip is updated.")).to_be_visible()
    expect(page.locator(".tip-card .edited time")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(f"{live_server.url}/tips/")
    card = page.locator(".tip-card", has_text="Ask for the forecast review")
    expect(card.locator(".card-summary ul li")).to_have_count(2)  # the list stays a list in the card
    expect(card.get_by_text("edited")).to_be_visible()

    page.goto(f"{live_server.url}/tips/{tip.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Delete tip").click()
    expect(page.get_by_role("heading", name="Delete your tip “Ask for the forecast review”?")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Delete the tip").click()
    expect(page.get_by_text("Your tip is deleted.")).to_be_visible()
    expect(page.get_by_text("Ask for the forecast review")).to_have_count(0)
    assert page.goto(f"{live_server.url}/tips/{tip.pk}/").status == 404
    tip.refresh_from_db()
    assert tip.is_deleted and tip.revisions.count() == 1


def test_rep_flags_a_colleagues_tip_with_a_reason_and_is_told_it_was_sent(live_server, page, mailoutbox):
    make_hub()
    author = RepFactory(email="tom@example.com", first_name="Tom")
    colleague = RepFactory(email="sam@example.com", first_name="Sam")
    admin = EnablementAdminFactory(email="enablement@example.com")
    tip = _tip_for(author, title="The discount Carrow Freight got", body="I gave Carrow Freight 30% off list; here are the figures.")
    sign_in_as(page, live_server, colleague)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/tips/{tip.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Flag for moderation").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Send to enablement").click()
    expect(page.locator(".form-errors")).to_contain_text("This field is required.")
    assert not TipFlag.objects.exists()
    page.get_by_label("Confidential customer information").check()
    page.get_by_label("Anything enablement should know (optional)").fill("Names the customer's terms.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    with page.expect_navigation():
        page.get_by_role("button", name="Send to enablement").click()
    expect(page.get_by_text("Your flag was sent to enablement")).to_be_visible()
    expect(page.get_by_text("You flagged this tip.")).to_be_visible()
    expect(page.get_by_role("link", name="Flag for moderation")).to_have_count(0)
    flag = TipFlag.objects.get()
    assert (flag.flagged_by, flag.reason, flag.note) == (colleague, "confidential", "Names the customer's terms.")
    assert [message.to for message in mailoutbox] == [[admin.email]]
