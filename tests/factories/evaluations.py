"""Level-2 evaluations set up through the real services: a rep holding level 1 asks, an admin picks the panel."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.services import scorecard_save
from certify.services import award_grant, evaluation_panel_assign, level_evaluation_request
from tests.factories.assessments import AssessmentGuideFactory, RolePlayScenarioFactory
from tests.factories.certify import CertificationFactory

# Enough of an MP4 for the type check: a size, then an "ftyp" box.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 256


def recording_upload(name="call.mp4"):
    return SimpleUploadedFile(name, MP4_BYTES, content_type="video/mp4")


def level2_certification(*, guide=None, **kwargs):
    """A certification with levels 1 and 2; level 2 is scored with `guide` (or the factory's three-criterion guide)."""
    scenario = RolePlayScenarioFactory(guide=guide or AssessmentGuideFactory())
    return CertificationFactory(levels=2, levels__scenario=scenario, **kwargs)


def level2_evaluation(*, rep, admin, judges=(), mode="live", started=True, certification=None, guide=None):
    """The rep's level-2 evaluation with `judges` on its panel (none: still waiting for one).

    A live session that has `started` was booked two days ago and began an hour ago;
    otherwise it starts tomorrow. A recording can be scored at once.
    """
    real_now = timezone.now()
    asked_at = real_now - timedelta(days=2) if started else real_now
    certification = certification or level2_certification(guide=guide)
    level1 = certification.levels.get(number=1)
    level2 = certification.levels.get(number=2)
    award_grant(user=rep, level=level1, now=asked_at - timedelta(days=1))
    live = mode == "live"
    evaluation = level_evaluation_request(
        actor=rep,
        level=level2,
        scenario=level2.scenarios.get(),
        mode=mode,
        scheduled_at=(real_now - timedelta(hours=1) if started else real_now + timedelta(days=1)) if live else None,
        location="Room 4, second floor" if live else "",
        recording=None if live else recording_upload(),
        now=asked_at,
    )
    if judges:
        evaluation_panel_assign(actor=admin, evaluation=evaluation, judges=list(judges), now=asked_at)
    evaluation.refresh_from_db()
    return evaluation


def keys_of(evaluation) -> list:
    return [criterion["key"] for criterion in evaluation.guide_version.criteria]


def scores_all(evaluation, score, comment="Clear and well paced.") -> dict:
    """Every criterion of the evaluation's guide at one score."""
    return {key: (score, comment) for key in keys_of(evaluation)}


def submit(judge, evaluation, score=2, *, scores=None, now=None):
    """The judge submits a complete scorecard (every criterion at `score`, or `scores`)."""
    card = evaluation.scorecards.get(judge=judge)
    return scorecard_save(
        actor=judge,
        scorecard_id=card.pk,
        scores=scores or scores_all(evaluation, score),
        overall_feedback="A confident call overall.",
        next_steps="Practise quantifying the value.",
        submit=True,
        now=now,
    )
