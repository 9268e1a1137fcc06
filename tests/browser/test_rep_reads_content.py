import pytest
from playwright.sync_api import expect

from certify.services import reach_rollup_refresh
from content.models import PageView
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, RepFactory, TeamFactory
from tests.factories.content import ProductFactory, article, case_study

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_rep_signs_in_searches_opens_a_case_study_and_the_visit_shows_in_reach(live_server, page):
    hub = make_hub()
    pulse = ProductFactory(name="Pulse Revenue Insights", code="PULSE")
    case_study(
        hub,
        title="Harbor Logistics cuts forecast error",
        summary="A logistics group fixed its forecast with Pulse.",
        products=[pulse],
        how_won="<p>We brought finance into the second meeting.</p>",
    )
    article(hub, title="Unrelated pricing article", summary="Discounts and approvals.")
    rep = RepFactory(email="riley@example.com", first_name="Riley")
    TeamFactory(name="East", members=[rep])
    admin = EnablementAdminFactory(email="boss@example.com")

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Email").fill("riley@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Hello, Riley")).to_be_visible()

    page.get_by_role("link", name="Search", exact=True).click()
    page.get_by_label("Search").fill("forecast")
    page.get_by_label("Product").select_option(label="Pulse Revenue Insights")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 result for “forecast”")).to_be_visible()
    expect(page.get_by_text("Unrelated pricing article")).to_have_count(0)

    with page.expect_navigation():
        page.get_by_role("link", name="Harbor Logistics cuts forecast error").click()
    expect(page.get_by_role("heading", name="How the deal was won")).to_be_visible()
    expect(page.get_by_text("We brought finance into the second meeting.")).to_be_visible()

    view = PageView.objects.get(user=rep)
    assert view.page.title == "Harbor Logistics cuts forecast error"
    assert view.count == 1

    # Once the reach rollup is counted again (every few minutes), the enablement admin sees the visit in the
    # reach report: 1 of 1 reps, 100 %.
    reach_rollup_refresh()
    context = page.context
    context.clear_cookies()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.save()
    context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/reach/")
    row = page.get_by_role("row", name="Harbor Logistics cuts forecast error")
    expect(row).to_contain_text("100.0 %")
