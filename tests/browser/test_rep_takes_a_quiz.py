import pytest
from playwright.sync_api import expect

from assessments.models import Attempt, AttemptStatus, QuizSection
from certify.models import Award
from tests.conftest import make_hub
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory
from tests.factories.certify import PASSWORD, CertificationFactory, RepFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _quiz_with_four_questions():
    quiz = QuizFactory(title="Pulse: content mastery", questions=0, pass_mark=75)
    quiz.sections.all().delete()
    bank = QuestionBankFactory(name="Pulse")
    QuestionFactory(bank=bank, text="<p>How long until most customers are live on Pulse?</p>",
                    choices=[("Within 30 days", "1"), ("Within a week", "0"), ("Within six months", "0")])
    QuestionFactory(bank=bank, text="<p>Where does Pulse read pipeline data from?</p>",
                    choices=[("The customer's CRM, through Atlas", "1"), ("A weekly spreadsheet", "0")])
    QuestionFactory(bank=bank, true_false=True, text="<p>Pulse replaces the CRM.</p>",
                    choices=[("True", "0"), ("False", "1")])
    QuestionFactory(bank=bank, multiple=True, text="<p>Which are signals a prospect needs Pulse?</p>",
                    choices=[("Pipeline reviews run from spreadsheets", "0.5"), ("A new CRO", "0.5"),
                             ("The CISO asks about data access", "-0.5")])
    QuizSection.objects.create(quiz=quiz, bank=bank, count=4, sort_order=0)
    return quiz


def test_rep_takes_a_quiz_reloads_midway_without_losing_answers_submits_and_sees_the_award(live_server, page):
    make_hub()
    quiz = _quiz_with_four_questions()
    CertificationFactory(title="Pulse Revenue Insights", slug="pulse", levels=1, levels__quiz=quiz)
    rep = RepFactory(email="riley@example.com", first_name="Riley")

    page.goto(f"{live_server.url}/certifications/")
    page.get_by_label("Email").fill("riley@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="My certifications")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Pulse Revenue Insights").first.click()
    expect(page.get_by_text("score 75% or more on a 4-question quiz")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Start the quiz").click()

    expect(page.get_by_text("0 of 4 answered")).to_be_visible()
    for label in ("Within 30 days", "The customer's CRM, through Atlas"):
        with page.expect_response(lambda response: response.url.endswith("/answers/") and response.ok):
            page.get_by_label(label).check()
    expect(page.get_by_text("2 of 4 answered")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Saved at")

    attempt = Attempt.objects.get(user=rep)
    assert attempt.status == AttemptStatus.IN_PROGRESS

    page.reload()
    expect(page.get_by_label("Within 30 days")).to_be_checked()
    expect(page.get_by_label("The customer's CRM, through Atlas")).to_be_checked()
    expect(page.get_by_text("2 of 4 answered")).to_be_visible()

    page.get_by_label("False").check()
    page.get_by_label("Pipeline reviews run from spreadsheets").check()
    page.get_by_label("A new CRO").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", name="You passed")).to_be_visible()
    expect(page.get_by_text("100%", exact=True)).to_be_visible()
    expect(page.get_by_text("You now hold")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})  # the result reads on a phone without sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    award = Award.objects.get(user=rep)
    assert award.attempt_id == attempt.pk

    with page.expect_navigation():
        page.get_by_role("link", name="Back to my certifications").click()
    expect(page.get_by_role("heading", name="You hold")).to_be_visible()
