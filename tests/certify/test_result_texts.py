"""The result reads as the data says: "work on this" only where a criterion is below "meets", and weights shown the
same way on the preparation page, the scorecard and the result."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.assessments import AssessmentGuideFactory
from tests.factories.certify import JudgeFactory
from tests.factories.evaluations import level2_evaluation, scores_all, submit

pytestmark = pytest.mark.django_db


def _released(rep, admin, scores, **guide):
    judges = [JudgeFactory(), JudgeFactory()]
    evaluation = level2_evaluation(rep=rep, admin=admin, judges=judges, guide=AssessmentGuideFactory(**guide))
    for judge, score in zip(judges, scores):
        submit(judge, evaluation, scores=scores_all(evaluation, score, "Say more."))
    evaluation.refresh_from_db()
    return evaluation, judges


def _page(client, evaluation):
    return client.get(reverse("certify:evaluation", args=[evaluation.pk])).content.decode()


def test_a_fail_with_no_criterion_below_meets_says_why_without_work_on_this(client_for, rep, enablement_admin):
    # The author asked for more than "meets" everywhere (60 %); the panel scored "Meets" on every criterion.
    evaluation, _judges = _released(rep, enablement_admin, [2, 2], pass_threshold=Decimal(60))
    assert evaluation.passed is False

    content = _page(client_for(rep), evaluation)

    assert "work on this" not in content.lower()
    assert "No criterion was below “meets”, but this guide asks for more than “meets” everywhere" in content


def test_a_fail_names_the_criteria_marked_work_on_this(client_for, rep, enablement_admin):
    evaluation, _judges = _released(rep, enablement_admin, [1, 1])

    content = _page(client_for(rep), evaluation)

    assert "The criteria marked “work on this” are where the panel wants to see more" in content
    assert content.count('<span class="badge badge-warn">Work on this</span>') == 3


def test_meeting_every_criterion_passes_and_the_pass_mark_says_so(client_for, rep, enablement_admin):
    evaluation, _judges = _released(rep, enablement_admin, [2, 2])

    content = _page(client_for(rep), evaluation)

    assert evaluation.passed is True and evaluation.score == Decimal("50.00")
    assert "You passed" in content and "pass at 50%: “meets” on every criterion" in content


def test_weights_show_the_same_on_the_preparation_page_the_scorecard_and_the_result(client_for, rep, enablement_admin):
    judges = [JudgeFactory()]
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)
    level = evaluation.level_link.level
    preparation = client_for(rep).get(
        reverse("certify:level_assessment", args=[level.certification.slug, level.number])
    ).content.decode()
    scorecard = client_for(judges[0]).get(reverse("certify:scorecard", args=[evaluation.pk])).content.decode()
    submit(judges[0], evaluation, 2)
    result = _page(client_for(rep), evaluation)

    # The factory's guide: Discovery weight 2, Value story and Next step weight 1 each.
    for page in (preparation, scorecard, result):
        assert '<span class="muted small criterion-weight">weight 2 of 4</span>' in page
        assert page.count('<span class="muted small criterion-weight">weight 1 of 4</span>') >= 2
