"""Authoring questions and quizzes in the admin without traps: marks in one unit (percent), draws the banks can serve."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from assessments.models import Question, Quiz, QuizSection
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
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
            "text": rich_text("<p>Which of these shorten go-live?</p>"),
            "explanation": rich_text(""),
            "active": "on",
            "choices": inline_formset([{"text": text, "fraction": mark, "feedback": ""} for text, mark in choices]),
        }
    )


# --- Marks: percent for people, a share in storage ------------------------------------------------


def test_author_types_choice_marks_as_percentages_and_they_are_stored_as_shares(client_for, enablement_admin):
    bank = QuestionBankFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_question:add"),
        _question_form(bank, "multiple", [("Templates", "50"), ("Training", "50"), ("Custom code", "-33.33")]),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    stored = [choice.fraction for choice in Question.objects.get(bank=bank).choices.all()]
    assert stored == [Decimal("0.5"), Decimal("0.5"), Decimal("-0.3333")]


def test_question_editor_shows_the_stored_marks_as_percentages(client_for, enablement_admin):
    question = QuestionFactory(multiple=True)  # marks 0.5, 0.5, -0.5, -0.5
    html = client_for(enablement_admin).get(
        reverse("wagtailsnippets_assessments_question:edit", args=[question.pk])
    ).content.decode()
    assert 'name="choices-0-fraction" value="50"' in html
    assert 'name="choices-2-fraction" value="-50"' in html
    assert "Mark (%)" in html
    assert "from -1 to 1" not in html.lower()


def test_a_mark_beyond_100_percent_is_refused_in_percent_and_nothing_is_saved(client_for, enablement_admin):
    bank = QuestionBankFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_question:add"), _question_form(bank, "single", [("A", "150"), ("B", "0")])
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["choices"].forms[0].errors["fraction"]
    assert errors == ["Ensure this value is less than or equal to 100."]
    assert not Question.objects.filter(bank=bank).exists()


def test_a_review_tells_a_partly_right_answer_in_percent(client_for, rep):
    quiz = QuizFactory(questions=0, review="full", review_after_fail="full")
    QuizSection.objects.filter(quiz=quiz).delete()
    bank = QuestionBankFactory()
    QuestionFactory(bank=bank, multiple=True)
    QuizSection.objects.create(quiz=quiz, bank=bank, count=1)
    attempt = attempt_start(user=rep, quiz=quiz)
    served = attempt.questions.get()
    first_right = next(i for i, choice in enumerate(served.choices) if Decimal(choice["fraction"]) > 0)
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers={served.position: [first_right]})
    attempt_submit(actor=rep, attempt_id=attempt.pk)
    html = client_for(rep).get(reverse("certify:attempt_result", args=[attempt.pk])).content.decode()
    assert "Partly right (50 % of the mark)" in html
    assert "of 1 mark)" not in html


# --- The draw: never more than the banks hold --------------------------------------------------


def _quiz_form(sections, **rules):
    data = {
        "title": "Pulse basics",
        "intro": "",
        "sections": inline_formset([{"bank": bank.pk, "count": str(count)} for bank, count in sections]),
        "pass_mark": "80",
        "time_limit_minutes": "",
        "attempts_allowed": "",
        "wait_hours": "0",
        "shuffle_questions": "on",
        "shuffle_choices": "on",
        "review": "full",
        "review_after_fail": "wrong",
    }
    data.update(rules)
    return nested_form_data(data)


def _bank_with(active, inactive=0):
    bank = QuestionBankFactory(name=f"Pulse {active}+{inactive}")
    QuestionFactory.create_batch(active, bank=bank)
    QuestionFactory.create_batch(inactive, bank=bank, active=False)
    return bank


def test_quiz_cannot_draw_more_questions_than_its_bank_has_active(client_for, enablement_admin):
    bank = _bank_with(3, inactive=2)
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_quiz:add"), _quiz_form([(bank, 5)])
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["sections"].forms[0].errors["count"]
    assert errors == ["“Pulse 3+2” has 3 active questions: draw at most 3, or add questions to the bank first."]
    assert not Quiz.objects.filter(title="Pulse basics").exists()


def test_two_sections_on_one_bank_share_its_questions(client_for, enablement_admin):
    bank = _bank_with(4)
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_quiz:add"), _quiz_form([(bank, 3), (bank, 2)])
    )
    assert response.status_code == 200
    forms = response.context["form"].formsets["sections"].forms
    assert "count" not in forms[0].errors
    assert forms[1].errors["count"] == [
        "“Pulse 4+0” has 1 active question left after the sections above: draw at most 1, or add questions to the bank first."
    ]
    assert not Quiz.objects.filter(title="Pulse basics").exists()


def test_quiz_drawing_what_its_bank_holds_is_saved(client_for, enablement_admin):
    bank = _bank_with(3)
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_assessments_quiz:add"), _quiz_form([(bank, 3)])
    )
    assert response.status_code == 302
    assert Quiz.objects.get(title="Pulse basics").sections.get().count == 3


def test_reps_are_told_how_many_questions_they_will_really_get(client_for, rep):
    """A quiz saved before the check (or whose bank lost questions since) draws what the bank has."""
    bank = _bank_with(3, inactive=1)
    certification = CertificationFactory(levels=1)
    quiz = certification.levels.get(number=1).quiz
    QuizSection.objects.filter(quiz=quiz).delete()
    QuizSection.objects.create(quiz=quiz, bank=bank, count=5)
    html = client_for(rep).get(reverse("certify:certification_detail", args=[certification.slug])).content.decode()
    assert "3-question quiz" in html
    assert "5-question quiz" not in html
    assert attempt_start(user=rep, quiz=quiz).questions.count() == 3
