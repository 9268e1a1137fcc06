"""Moderation shows the outcome — score, verdict, the award it grants — before the release, which cannot be
undone, and releases only what the admin confirmed."""

import pytest
from django.urls import reverse

from assessments.models import EvaluationStatus
from certify.models import Award
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import keys_of, level2_evaluation, scores_all, submit

pytestmark = pytest.mark.django_db

REASON = "The recording shows both budget questions."


def _flagged(admin):
    judges = [JudgeFactory(), JudgeFactory()]
    evaluation = level2_evaluation(rep=RepFactory(first_name="Priya"), admin=admin, judges=judges)
    submit(judges[0], evaluation, 3)
    submit(judges[1], evaluation, scores=scores_all(evaluation, 1, "Missed the budget."))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    return evaluation


def _url(evaluation):
    return reverse("assessments_admin:evaluation_moderate", args=[evaluation.pk])


def _finals(evaluation, score):
    return {f"final_{key}": score for key in keys_of(evaluation)}


def test_moderation_previews_the_score_the_verdict_and_the_award_before_releasing(client_for, enablement_admin):
    evaluation = _flagged(enablement_admin)

    response = client_for(enablement_admin).post(_url(evaluation), {**_finals(evaluation, 2), "reason": REASON})

    content = response.content.decode()
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert str(outcome.get("result").score) == "50.00" and outcome["result"].passed is True  # "meets" everywhere
    assert "<strong>50 %</strong>" in content and "<strong>passes</strong>" in content
    level = evaluation.level_link.level
    assert f"A pass awards {level.label} of {level.certification.title} to" in content
    assert "Release the result" in content and "Releasing cannot be undone" in content
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED and evaluation.final_scores == {}


def test_a_fail_is_previewed_as_awarding_nothing(client_for, enablement_admin):
    evaluation = _flagged(enablement_admin)

    content = client_for(enablement_admin).post(
        _url(evaluation), {**_finals(evaluation, 1), "reason": REASON}
    ).content.decode()

    assert "does not pass" in content and "a must-pass criterion is below “meets”" in content
    assert "A fail awards nothing" in content


def test_without_the_confirmation_nothing_is_released(client_for, enablement_admin):
    evaluation = _flagged(enablement_admin)

    client_for(enablement_admin).post(_url(evaluation), {**_finals(evaluation, 3), "reason": REASON})

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED and evaluation.released_at is None
    assert not Award.objects.filter(evaluation=evaluation).exists()


def test_scores_changed_after_the_preview_are_previewed_again_not_released(client_for, enablement_admin):
    evaluation = _flagged(enablement_admin)
    previewed = ";".join(f"{key}=1" for key in sorted(keys_of(evaluation)))

    response = client_for(enablement_admin).post(
        _url(evaluation), {**_finals(evaluation, 3), "reason": REASON, "confirm": previewed}
    )

    assert "changed since the last preview" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED


def test_confirming_the_previewed_scores_releases_them(client_for, enablement_admin):
    evaluation = _flagged(enablement_admin)
    client = client_for(enablement_admin)
    preview = client.post(_url(evaluation), {**_finals(evaluation, 2), "reason": REASON})

    response = client.post(
        _url(evaluation), {**_finals(evaluation, 2), "reason": REASON, "confirm": preview.context["outcome"]["confirm"]}
    )

    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.passed is True
    assert Award.objects.filter(evaluation=evaluation).exists()
