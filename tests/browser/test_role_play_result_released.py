"""A judge scores a live role-play in the browser; the rep then reads the released result and holds level 2."""

import pytest
from playwright.sync_api import expect

from assessments.models import EvaluationStatus
from certify.models import Award
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, url, email):
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()


def test_judge_scores_a_live_role_play_and_the_rep_sees_the_released_result(live_server, browser):
    make_hub()
    judge = JudgeFactory(email="jordan@example.com", first_name="Jordan")
    rep = RepFactory(email="riley@example.com", first_name="Riley", last_name="Chen")
    evaluation = level2_evaluation(rep=rep, admin=EnablementAdminFactory(), judges=[judge])
    certification = evaluation.level_link.level.certification

    judging = browser.new_context(viewport={"width": 1366, "height": 800}).new_page()
    _sign_in(judging, f"{live_server.url}/judging/", judge.email)
    with judging.expect_navigation():
        judging.get_by_role("link", name="Score Riley Chen").click()
    # Judges read the buyer's script beside the form.
    expect(judging.get_by_role("heading", name="Buyer's script")).to_be_visible()
    judging.get_by_role("group", name="1. Discovery").get_by_label("3 Exceeds").check()
    judging.get_by_role("group", name="2. Value story").get_by_label("2 Meets").check()
    next_step = judging.get_by_role("group", name="3. Next step")
    next_step.get_by_label("1 Below").check()
    next_step.get_by_label("Comment on Next step").fill("Agree a date with the buyer before you hang up.")
    judging.get_by_label("Overall feedback").fill("Excellent discovery: the buyer named the cost themselves.")
    judging.get_by_label("Next steps").fill("Close every call with a dated next step.")
    with judging.expect_navigation():
        judging.get_by_role("button", name="Submit scores").click()
    expect(judging.get_by_text("Your scores are submitted.")).to_be_visible()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed

    reading = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _sign_in(reading, f"{live_server.url}/certifications/{certification.slug}/", rep.email)
    expect(reading.get_by_role("row", name=evaluation.scenario.title)).to_contain_text("63%")
    with reading.expect_navigation():
        reading.get_by_role("link", name=evaluation.scenario.title).click()
    expect(reading.get_by_role("heading", name="You passed")).to_be_visible()
    # From each criterion's lowest level: Discovery 3 of 1–3 (weight 2) is 1, value story 2 is ½, next step 1 is 0:
    # 2.5 / 4 = 62.5 %, shown as 63 %.
    expect(reading.locator(".result-score")).to_contain_text("63%")
    expect(reading.get_by_text("Agree a date with the buyer before you hang up.")).to_be_visible()
    expect(reading.get_by_text("Close every call with a dated next step.")).to_be_visible()
    assert "BUYER-SCRIPT-SECRET" not in reading.content()
    assert "Jordan" not in reading.locator(".result-panel").inner_text()  # comments reach the rep unattributed
    assert Award.objects.current().filter(user=rep, level__number=2, evaluation=evaluation).exists()
