"""Authoring certifications, quizzes and questions in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from assessments.models import Question
from certify.models import Certification
from tests.factories.assessments import (
    AssessmentGuideFactory,
    QuestionBankFactory,
    QuestionFactory,
    QuizFactory,
    RolePlayScenarioFactory,
)
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
    data = _question_form(bank, "single", [("30 days", "100"), ("A week", "0"), ("Six months", "0")])
    response = client.post(reverse("wagtailsnippets_assessments_question:add"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    question = Question.objects.get(bank=bank)
    assert [(c.text, c.fraction) for c in question.choices.all()] == [("30 days", 1), ("A week", 0), ("Six months", 0)]


@pytest.mark.parametrize(
    "kind, choices, message",
    [
        ("single", [("30 days", "0"), ("A week", "0")], "needs one choice marked 100"),
        ("multiple", [("A", "-50"), ("B", "0")], "at least one choice with a positive mark"),
        ("multiple", [("A", "50"), ("B", "25")], "must add up to 100 %"),
        ("true_false", [("True", "100"), ("False", "100")], "one marked 100 %, the other 0 %"),
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


def _level_form(
    number, *, quiz=None, guide=None, scenarios=(), panel_size=0, retry_wait_days=14, countersign=False, level_id=None
):
    form = {
        "number": number,
        "quiz": quiz.pk if quiz else "",
        "guide": guide.pk if guide else "",
        "scenarios": [scenario.pk for scenario in scenarios],
        "panel_size": str(panel_size),
        "retry_wait_days": str(retry_wait_days),
        "validity_months": "12",
        "study_material": streamfield([]),
    }
    if countersign:
        form["countersign_required"] = "on"
    if level_id:
        form["id"] = level_id
    return form


def _certification_form(quiz, levels, *, scenario=None, level_forms=None, initial=0):
    """Levels numbered as given: level 1 with `quiz`, level 2 with `scenario` and its guide (if given), level 3
    with a field guide of its own."""

    def guide(number):
        if number == 2 and scenario:
            return scenario.guide
        return AssessmentGuideFactory() if number == 3 else None

    level_forms = level_forms or [
        _level_form(
            number,
            quiz=quiz if number == 1 else None,
            guide=guide(number),
            scenarios=[scenario] if scenario and number == 2 else (),
        )
        for number in levels
    ]
    data = nested_form_data(
        {
            "title": "Pulse Revenue Insights",
            "slug": "pulse-revenue-insights",
            "topic": "Pipeline analytics",
            "description": "Pipeline coverage and velocity for revenue leaders.",
            "open_to_all": "on",
            "active": "on",
            "levels": inline_formset(level_forms, initial=initial),
        }
    )
    # A multiple choice is sent as the same name repeated, not as numbered keys.
    for index, form in enumerate(level_forms):
        for key in [key for key in data if key.startswith(f"levels-{index}-scenarios-")]:
            del data[key]
        data[f"levels-{index}-scenarios"] = form["scenarios"]
    return data


def test_admin_adds_a_certification_with_levels(client_for, enablement_admin):
    quiz = QuizFactory()
    scenario = RolePlayScenarioFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [1, 2], scenario=scenario)
    )
    assert response.status_code == 302
    certification = Certification.objects.get(slug="pulse-revenue-insights")
    assert [
        (level.number, level.quiz_id, level.guide_id, list(level.scenarios.all()))
        for level in certification.levels.order_by("number")
    ] == [(1, quiz.pk, None, []), (2, None, scenario.guide_id, [scenario])]


@pytest.mark.parametrize(
    "levels, message",
    [([2], "Levels go 1, 2, 3 in turn"), ([1, 3], "Levels go 1, 2, 3 in turn"), ([1, 1], "duplicate")],
)
def test_certification_levels_run_from_1_without_gaps_or_repeats(client_for, enablement_admin, levels, message):
    quiz = QuizFactory()
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"),
        _certification_form(quiz, levels, scenario=RolePlayScenarioFactory()),
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


def _level_errors(response, index):
    return response.context["form"].formsets["levels"].forms[index].errors


def test_level_2_needs_its_guide(client_for, enablement_admin):
    quiz = QuizFactory()
    level_forms = [_level_form(1, quiz=quiz), _level_form(2, scenarios=[RolePlayScenarioFactory()])]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [], level_forms=level_forms)
    )
    assert response.status_code == 200
    assert _level_errors(response, 1)["guide"] == ["Level 2 is scored against a guide: choose which one."]
    assert not Certification.objects.exists()


def test_level_2_needs_a_role_play(client_for, enablement_admin):
    quiz = QuizFactory()
    level_forms = [_level_form(1, quiz=quiz), _level_form(2, guide=AssessmentGuideFactory())]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [], level_forms=level_forms)
    )
    assert response.status_code == 200
    assert _level_errors(response, 1)["scenarios"] == ["Level 2 is a role-play: choose at least one scenario."]
    assert not Certification.objects.exists()


def test_level_2s_role_plays_are_scored_with_the_levels_guide(client_for, enablement_admin):
    quiz = QuizFactory()
    ours = RolePlayScenarioFactory()
    theirs = RolePlayScenarioFactory()  # another guide
    level_forms = [_level_form(1, quiz=quiz), _level_form(2, guide=ours.guide, scenarios=[ours, theirs])]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [], level_forms=level_forms)
    )
    assert response.status_code == 200
    assert _level_errors(response, 1)["scenarios"] == ["Each scenario must be scored with the level's guide."]
    assert not Certification.objects.exists()


def test_admin_changes_level_2s_role_plays_and_panel_rules(client_for, enablement_admin):
    certification = CertificationFactory(levels=2, title="Pulse Revenue Insights", slug="pulse-revenue-insights")
    level1, level2 = certification.levels.order_by("number")
    first = level2.scenarios.get()
    second = RolePlayScenarioFactory(guide=level2.guide)
    level_forms = [
        _level_form(1, quiz=level1.quiz, level_id=level1.pk),
        _level_form(2, guide=level2.guide, scenarios=[second], panel_size=2, retry_wait_days=7, level_id=level2.pk),
    ]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:edit", args=[certification.pk]),
        _certification_form(None, [], level_forms=level_forms, initial=2),
    )
    assert response.status_code == 302
    level2.refresh_from_db()
    assert list(level2.scenarios.all()) == [second] and first not in level2.scenarios.all()
    assert (level2.panel_size, level2.retry_wait_days) == (2, 7)


def test_level_3_needs_its_field_guide(client_for, enablement_admin):
    quiz = QuizFactory()
    scenario = RolePlayScenarioFactory()
    level_forms = [
        _level_form(1, quiz=quiz),
        _level_form(2, guide=scenario.guide, scenarios=[scenario]),
        _level_form(3, countersign=True),
    ]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:add"), _certification_form(quiz, [], level_forms=level_forms)
    )
    assert response.status_code == 200
    assert _level_errors(response, 2)["guide"] == [
        "Level 3 is a field observation scored with a guide: choose which one."
    ]
    assert not Certification.objects.exists()


def test_admin_adds_level_3_with_its_field_guide_and_a_second_observer(client_for, enablement_admin):
    certification = CertificationFactory(levels=2, title="Pulse Revenue Insights", slug="pulse-revenue-insights")
    level1, level2 = certification.levels.order_by("number")
    field_guide = AssessmentGuideFactory(title="Field call guide")
    level_forms = [
        _level_form(1, quiz=level1.quiz, level_id=level1.pk),
        _level_form(2, guide=level2.guide, scenarios=list(level2.scenarios.all()), level_id=level2.pk),
        _level_form(3, guide=field_guide, retry_wait_days=30, countersign=True),
    ]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:edit", args=[certification.pk]),
        _certification_form(None, [], level_forms=level_forms, initial=2),
    )
    assert response.status_code == 302
    level3 = certification.levels.get(number=3)
    assert (level3.guide, level3.countersign_required, level3.retry_wait_days) == (field_guide, True, 30)


def test_admin_turns_the_countersign_off_again(client_for, enablement_admin):
    certification = CertificationFactory(
        levels=3, levels__countersign=True, title="Pulse Revenue Insights", slug="pulse-revenue-insights"
    )
    level1, level2, level3 = certification.levels.order_by("number")
    assert level3.countersign_required
    level_forms = [
        _level_form(1, quiz=level1.quiz, level_id=level1.pk),
        _level_form(2, guide=level2.guide, scenarios=list(level2.scenarios.all()), level_id=level2.pk),
        _level_form(3, guide=level3.guide, level_id=level3.pk),
    ]
    response = client_for(enablement_admin).post(
        reverse("wagtailsnippets_certify_certification:edit", args=[certification.pk]),
        _certification_form(None, [], level_forms=level_forms, initial=3),
    )
    assert response.status_code == 302
    level3.refresh_from_db()
    assert level3.countersign_required is False


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
