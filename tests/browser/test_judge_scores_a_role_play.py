"""A judge scores a live role-play on a laptop: the draft saves itself, a low score asks for a comment."""

import pytest
from playwright.sync_api import expect

from assessments.models import Scorecard, ScorecardStatus
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_judge_scores_a_live_role_play_with_autosave_and_a_comment_on_a_low_score(live_server, page):
    make_hub()
    judge = JudgeFactory(email="jo@example.com", first_name="Jo")
    rep = RepFactory(first_name="Riley", last_name="Rep")
    level2_evaluation(rep=rep, admin=EnablementAdminFactory(), judges=[judge, JudgeFactory()])
    page.set_viewport_size({"width": 1366, "height": 800})

    page.goto(f"{live_server.url}/judging/")
    page.get_by_label("Email").fill("jo@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Judging 1 to score")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Score Riley Rep").click()
    expect(page.get_by_text("0 of 3 criteria scored")).to_be_visible()

    discovery = page.get_by_role("group", name="1. Discovery")
    with page.expect_response(lambda response: response.url.endswith("/autosave/") and response.ok):
        discovery.get_by_label("1 Below").check()
    expect(page.get_by_text("1 of 3 criteria scored")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("Saved ")
    expect(discovery.get_by_label("Comment on Discovery")).to_have_attribute("required", "")
    assert list(Scorecard.objects.get(judge=judge).scores.exclude(score=None).values_list("score", flat=True)) == [1]

    page.get_by_role("group", name="2. Value story").get_by_label("3 Exceeds").check()
    page.get_by_role("group", name="3. Next step").get_by_label("2 Meets").check()
    page.get_by_label("Overall feedback").fill("Strong value story.")
    page.get_by_label("Next steps").fill("Practise discovery questions.")
    page.get_by_role("button", name="Submit scores").click()
    # The browser asks for the missing comment before anything is sent.
    assert discovery.get_by_label("Comment on Discovery").evaluate("element => element.validity.valueMissing")
    expect(page.get_by_role("button", name="Submit scores")).to_be_visible()
    assert Scorecard.objects.get(judge=judge).status == ScorecardStatus.DRAFT
    discovery.get_by_label("Comment on Discovery").fill("Ask about their forecast process first.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit scores").click()

    expect(page.get_by_text("Your scores are submitted.")).to_be_visible()
    expect(page.get_by_text("You will see the panel's scores when every judge has submitted.")).to_be_visible()
    assert Scorecard.objects.get(judge=judge).status == ScorecardStatus.SUBMITTED
