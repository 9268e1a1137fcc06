"""Authoring certifications, quizzes and questions in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from assessments.models import Question
from certify.models import Certification
from tests.factories.assessments import QuestionBankFactory, QuestionFactory, QuizFactory
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db


def _question_form(bank, kind, choices):
    return nested_form_data(
        {
            "bank": bank.pk,
            "name": "Go-live time",
            "kind": kind,
            "scoring": "partial" if kind == "multiple" else "all_or_nothing",
            "text": rich_text("<p>How long until most customers are live?</p>"),
            "explanation": rich_text("<p>About 30 days.</p>"),
            "active": "on",
            "choices": inline_formset([{"text": text, "fraction": fraction, "feedback": ""} for text, fraction in choices]),
        }
    )


def test_admin_adds_a_question_with_its_choices(client_for, enablement_admin):
    bank = QuestionBankFactory()
    client = client_for(enablement_admin)
    data = _question_form(bank, "single", [("30 days", "1"), ("A week", "0"), ("Six months", "0")])
    response = client.post(reverse("wagtailsnippets_assessments_question:add"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    question = Question.objects.get(bank=bank)
    assert [(c.text, c.fraction) for c in question.choices.all()] == [("30 days", 1), ("A week", 0), ("Six months", 0)]


@pytest.mark.parametrize(
    "kind, choices, message",
    [
        ("single", [("30 days", "0"), ("A week", "0")], "needs one choice marked 100"),
        ("multiple", [("A", "-0.5"), ("B", "0")], "at least one choice with a positive mark"),
        ("multiple", [("A", "0.5"), ("B", "0.25")], "must add up to 100"),
        ("true_false", [("True", "1"), ("False", "1")], "one marked 100, the other 0"),
    ],
)
def test_admin_cannot_save_a_question_that_could_not_be_graded(client_for, enablement_admin, kind, choices, message):
    bank = QuestionBankFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_question:add"), _question_form(bank, kind, choices)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.filter(bank=bank).exists()


def _certification_form(quiz, levels):
    return nested_form_data(
        {
            "title": "Pulse Revenue Insights",
            "slug": "pulse-revenue-insights",
            "topic": "Pipeline analytics",
            "description": "Pipeline coverage and velocity for revenue leaders.",
            "open_to_all": "on",
            "active": "on",
            "levels": inline_formset(
                [
                    {
                        "number": number,
                        "quiz": quiz.pk if number == 1 else "",
                        "validity_months": "12",
                        "study_material": streamfield([]),
                    }
                    for number in levels
                ]
            ),
        }
    )


def test_admin_adds_a_certification_with_levels(client_for, enablement_admin):
    quiz = QuizFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [1, 2])
    )
    assert response.status_code == 302
    certification = Certification.objects.get(slug="pulse-revenue-insights")
    assert [(level.number, level.quiz_id) for level in certification.levels.order_by("number")] == [(1, quiz.pk), (2, None)]


@pytest.mark.parametrize(
    "levels, message",
    [([2], "Levels go 1, 2, 3 in turn"), ([1, 3], "Levels go 1, 2, 3 in turn"), ([1, 1], "duplicate")],
)
def test_certification_levels_run_from_1_without_gaps_or_repeats(client_for, enablement_admin, levels, message):
    quiz = QuizFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, levels)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Certification.objects.exists()


def test_level_1_needs_its_quiz(client_for, enablement_admin):
    data = _certification_form(QuizFactory(), [1])
    data["levels-0-quiz"] = ""
    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_certification:add"), data)
    assert response.status_code == 200
    assert "Level 1 is a quiz: choose which one." in response.content.decode()
    assert not Certification.objects.exists()


def test_admin_edit_pages_open_for_existing_records(client_for, enablement_admin):
    certification = CertificationFactory(levels=2)
    quiz = certification.levels.get(number=1).quiz
    question = QuestionFactory(multiple=True)
    client = client_for(enablement_admin)
    for url in (
        reverse("wagtailsnippets_certify_certification:edit", args=[certification.pk]),
        reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk]),
        reverse("wagtailsnippets_assessments_question:edit", args=[question.pk]),
        reverse("wagtailsnippets_assessments_questionbank:edit", args=[question.bank_id]),
    ):
        assert client.get(url).status_code == 200, url
