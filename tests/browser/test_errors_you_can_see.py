"""Errors a person can see: after a refused submit they land on the error summary at the top of the page, and a
field they put right loses its message and its line; the summary goes with its last line, leaving no gap."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Scorecard, ScorecardStatus
from certify.services import award_grant
from tests.conftest import make_hub
from tests.factories.certify import PASSWORD, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import level2_certification, level2_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, url, email):
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()


def test_a_refused_level_2_request_on_a_phone_lands_on_the_summary_and_a_fixed_field_loses_its_message(live_server, page):
    make_hub()
    rep = RepFactory(email="riley@example.com", first_name="Riley")
    certification = level2_certification()
    award_grant(user=rep, level=certification.levels.get(number=1))
    page.set_viewport_size({"width": 390, "height": 800})
    _sign_in(page, f"{live_server.url}/certifications/{certification.slug}/levels/2/assessment/", rep.email)
    summary = page.locator("#error-summary")
    expect(page.get_by_role("heading", name="Prepare for your assessment")).to_be_visible()
    expect(summary).to_have_count(0)
    assert page.evaluate("document.activeElement === document.body")  # nothing to say: focus stays put

    # The form is far down the page, below the briefs and the guide; the summary is at the top.
    page.get_by_role("button", name="Ask for my assessment").scroll_into_view_if_needed()
    with page.expect_navigation():
        page.get_by_role("button", name="Ask for my assessment").click()

    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("link")).to_have_text(
        ["Choose the date and time of the session.", "Say where the session takes place: a room, or a video-call link."]
    )
    summary.get_by_role("link", name="Say where the session takes place").click()
    place = page.get_by_label("Place or video-call link")
    expect(place).to_be_focused()
    expect(place).to_have_attribute("aria-invalid", "true")

    # A field the server marked wrong is not put right by a change that leaves it empty.
    place.fill("   ")
    place.blur()
    expect(page.locator("#id_location_error")).to_be_visible()
    expect(summary.get_by_role("link")).to_have_count(2)

    place.fill("Room 4")
    place.blur()
    expect(page.locator("#id_location_error")).to_have_count(0)
    expect(place).not_to_have_attribute("aria-invalid", "true")
    expect(place).to_have_attribute("aria-describedby", "id_location_helptext")
    expect(summary.get_by_role("link")).to_have_text(["Choose the date and time of the session."])

    when = page.get_by_label("Date and time")
    when.fill("2031-05-14T10:30")
    when.blur()
    expect(summary).to_have_count(0)
    expect(page.locator("#main [aria-invalid=true], #main .error")).to_have_count(0)


def test_a_fixed_scorecard_shows_no_stale_errors_and_no_gap(live_server, page):
    make_hub()
    judge = JudgeFactory(email="jo@example.com", first_name="Jo")
    rep = RepFactory(first_name="Riley", last_name="Rep")
    evaluation = level2_evaluation(rep=rep, admin=EnablementAdminFactory(), judges=[judge, JudgeFactory()])
    page.set_viewport_size({"width": 1366, "height": 800})
    _sign_in(page, f"{live_server.url}/evaluations/{evaluation.pk}/scorecard/", judge.email)
    facts, layout = page.locator(".scorecard-facts"), page.locator(".scorecard-layout")

    def space_above_the_scores():
        return layout.bounding_box()["y"] - (facts.bounding_box()["y"] + facts.bounding_box()["height"])

    space_before = space_above_the_scores()
    discovery = page.get_by_role("group", name="1. Discovery")
    discovery.get_by_label("1 Below").check()
    page.get_by_role("group", name="2. Value story").get_by_label("3 Exceeds").check()
    # The server has the last word: sent without the browser's checks, Discovery's comment is asked for there.
    page.locator("#scorecard-form").evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit scores").click()

    summary = page.locator("#scorecard-problems")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("listitem")).to_have_count(4)  # Discovery's comment, Next step, feedback, next steps
    assert space_above_the_scores() > space_before + 50

    # Raising the score to "meets" puts Discovery right: the page no longer asks for its comment.
    with page.expect_response(lambda response: response.url.endswith("/autosave/") and response.ok):
        discovery.get_by_label("2 Meets").check()
    expect(page.locator("#problem-" + _key(evaluation, 0))).to_have_count(0)
    expect(discovery).not_to_have_class(re.compile(r"criterion-problem"))
    page.get_by_role("group", name="3. Next step").get_by_label("2 Meets").check()
    page.get_by_label("Overall feedback").fill("A strong value story.")
    page.get_by_label("Next steps").fill("Practise discovery questions.")
    with page.expect_response(lambda response: response.url.endswith("/autosave/") and response.ok):
        page.get_by_label("Next steps").blur()
    expect(page.locator("#save-status")).to_contain_text("Saved ")

    expect(summary).to_have_count(0)
    expect(page.locator("#main .error, #main [aria-invalid=true], #main .criterion-problem")).to_have_count(0)
    assert space_above_the_scores() == pytest.approx(space_before, abs=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit scores").click()
    expect(page.get_by_text("Your scores are submitted.")).to_be_visible()
    assert Scorecard.objects.get(judge=judge).status == ScorecardStatus.SUBMITTED


def _key(evaluation, index):
    return evaluation.guide_version.criteria[index]["key"]
