"""A rep asks their manager to observe a real call; the manager accepts, scores it and signs it off in the browser;
the rep then holds level 3."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import EvaluationStatus
from certify.models import Award
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, ManagerFactory, RepFactory, TeamFactory
from tests.factories.observations import holding_level_2, level3_certification

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, url, email):
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()


def test_a_manager_observes_a_reps_call_signs_it_off_and_the_rep_holds_level_3(live_server, browser):
    make_hub()
    manager = ManagerFactory(email="maria@example.com", first_name="Maria", last_name="Santos")
    rep = RepFactory(email="riley@example.com", first_name="Riley", last_name="Chen")
    TeamFactory(managers=[manager], members=[rep])
    certification = level3_certification(title="Executive Selling")
    holding_level_2(rep, certification)

    # The rep asks for a call that began a few minutes ago (a call may be recorded after it has happened).
    asking = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _sign_in(asking, f"{live_server.url}/certifications/{certification.slug}/", rep.email)
    with asking.expect_navigation():
        asking.get_by_role("link", name="Ask for a field observation").click()
    expect(asking.get_by_role("heading", name="Ask for a field observation")).to_be_visible()
    expect(asking.get_by_label("Your manager", exact=True)).to_have_value(str(manager.pk))
    asking.get_by_label("Customer account").fill("Northwind Traders")
    asking.get_by_label("CRM opportunity id (optional)").fill("OPP-2024-118")
    call_at = timezone.localtime(timezone.now() - timedelta(minutes=5))
    asking.get_by_label("Date and time of the call").fill(call_at.strftime("%Y-%m-%dT%H:%M"))
    asking.get_by_label("Kind of call").select_option("executive")
    with asking.expect_navigation():
        asking.get_by_role("button", name="Ask for the observation").click()
    # The call has happened: the wording is of the call Maria observed.
    expect(asking.get_by_text("Your request is with Maria Santos, to score the call with Northwind Traders that Maria Santos observed.")).to_be_visible()
    evaluation = rep.evaluations.get()
    assert evaluation.status == EvaluationStatus.REQUESTED and evaluation.account == "Northwind Traders"

    # The manager accepts it on the evaluation page, then scores the call and signs it off.
    observing = browser.new_context(viewport={"width": 1366, "height": 800}).new_page()
    _sign_in(observing, f"{live_server.url}/evaluations/{evaluation.pk}/", manager.email)
    expect(observing.get_by_role("heading", name="Riley Chen's field observation")).to_be_visible()
    expect(observing.locator(".facts")).to_contain_text("OPP-2024-118")
    with observing.expect_navigation():
        observing.get_by_role("button", name="Accept").click()
    expect(observing.get_by_text("Accepted.")).to_be_visible()
    with observing.expect_navigation():
        observing.get_by_role("link", name="Score the call and sign it off").click()
    expect(observing.get_by_role("heading", name="The call")).to_be_visible()
    observing.get_by_role("group", name="1. Discovery").get_by_label("3 Exceeds").check()
    observing.get_by_role("group", name="2. Value story").get_by_label("3 Exceeds").check()
    observing.get_by_role("group", name="3. Next step").get_by_label("2 Meets").check()
    observing.get_by_label("Overall feedback").fill("You let the CFO name the cost of waiting.")
    observing.get_by_label("Next steps").fill("Send the mutual plan within a day.")
    # Signing off without the attestation is refused, next to the checkbox.
    with observing.expect_navigation():
        observing.get_by_role("button", name="Sign off").click()
    expect(observing.locator("#problem-attest")).to_contain_text("Confirm that you observed this call yourself")
    observing.get_by_label("I observed this call myself").check()
    with observing.expect_navigation():
        observing.get_by_role("button", name="Sign off").click()
    expect(observing.get_by_text("Signed off. The result is released to Riley Chen.")).to_be_visible()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed

    # The rep holds level 3, on the evidence of the observation, and reads the sign-off.
    asking.goto(f"{live_server.url}/certifications/{certification.slug}/")
    level3 = asking.get_by_role("region", name="Level 3 — field execution")
    expect(level3.locator(".badge-ok").first).to_contain_text("Held")
    with asking.expect_navigation():
        level3.get_by_role("link", name="Executive presentation with Northwind Traders").click()
    expect(asking.get_by_role("heading", name="You passed")).to_be_visible()
    expect(asking.locator("#sign-off-heading + p")).to_contain_text("Signed off by Maria Santos")
    expect(asking.get_by_text("You let the CFO name the cost of waiting.")).to_be_visible()
    assert Award.objects.current().filter(user=rep, level__number=3, evaluation=evaluation).exists()
