"""The move to scores from each criterion's lowest level (assessments/migrations/0005): recorded results stay as
they were released; everything not yet released moves to the new rule."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps

from assessments.models import AssessmentGuide, Evaluation, EvaluationStatus, GuideVersion, Scorecard
from tests.factories.assessments import AssessmentGuideFactory
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import level2_certification, level2_evaluation, submit

pytestmark = pytest.mark.django_db

migration = import_module("assessments.migrations.0007_scoring_from_lowest_level")


def _as_before(guide, threshold):
    """The guide and its versions as they stood before the migration: the old scale, a threshold of their own."""
    AssessmentGuide.objects.filter(pk=guide.pk).update(pass_threshold=threshold)
    GuideVersion.objects.filter(guide=guide).update(scale="top", pass_threshold=threshold)


def test_released_results_keep_their_score_and_verdict_and_open_ones_move_to_the_new_rule(enablement_admin):
    guide = AssessmentGuideFactory()
    certification = level2_certification(guide=guide)
    judges = [JudgeFactory(), JudgeFactory()]
    released = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=judges, certification=certification)
    waiting = level2_evaluation(rep=RepFactory(), admin=enablement_admin, judges=judges, certification=certification)
    _as_before(guide, 70)
    for judge in judges:
        submit(judge, released, 2)  # "Meets" everywhere: 66.67 % of the top score, under 70 %
    submit(judges[0], waiting, 2)
    before = Evaluation.objects.get(pk=released.pk)
    cards_before = sorted(Scorecard.objects.filter(evaluation=released).values_list("pk", "score"))
    assert (before.status, before.score, before.passed) == (EvaluationStatus.RELEASED, Decimal("66.67"), False)

    migration.forwards(apps, None)

    after = Evaluation.objects.select_related("guide_version").get(pk=released.pk)
    assert (after.score, after.panel_score, after.passed) == (before.score, before.panel_score, before.passed)
    assert sorted(Scorecard.objects.filter(evaluation=released).values_list("pk", "score")) == cards_before
    assert (after.guide_version.number, after.guide_version.scale, after.guide_version.pass_threshold) == (1, "top", 70)
    moved = Evaluation.objects.select_related("guide_version").get(pk=waiting.pk)
    assert (moved.guide_version.number, moved.guide_version.scale) == (2, "range")
    assert moved.guide_version.pass_threshold is None  # the old default becomes "meets on every criterion"
    assert moved.guide_version.criteria == after.guide_version.criteria
    assert moved.scorecards.get(judge=judges[0]).score == Decimal("50.00")  # worked out again on the new scale
    guide.refresh_from_db()
    assert guide.pass_threshold is None
    assert guide.versions.order_by("-number").first().number == 2  # what reps prepare from now


def test_a_threshold_the_author_chose_becomes_its_equivalent_and_unused_versions_move_in_place():
    guide = AssessmentGuideFactory()
    level2_certification(guide=guide)
    assert GuideVersion.objects.filter(guide=guide).count() == 1  # made with the level, nobody scored with it
    _as_before(guide, 75)

    migration.forwards(apps, None)

    version = GuideVersion.objects.get(guide=guide)
    # 75 % of the top score on 1–3 is 2.25, five eighths of the way from 1 to 3.
    assert (version.number, version.scale, version.pass_threshold) == (1, "range", Decimal("62.50"))
    guide.refresh_from_db()
    assert guide.pass_threshold == Decimal("62.50")
