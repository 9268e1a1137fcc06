"""Writes that matter for guides and evaluations: versions, panels, scorecards, moderation."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

import filetype

from ..exceptions import EvaluationNotFound, EvaluationRefused
from ..models.evaluations import later
from ..models import (
    EVALUATION_TRANSITIONS,
    AssessmentGuide,
    CriterionScore,
    Evaluation,
    EvaluationEvent,
    EvaluationKind,
    EvaluationMode,
    EvaluationStatus,
    GuideVersion,
    Scorecard,
    ScorecardStatus,
)
from ..scoring import criteria_of, evaluate, rules_of, scorecard_percentage
from ..signals import evaluation_cancelled, evaluation_countersign_needed, evaluation_flagged, evaluation_released

RECORDING_TYPES = {
    "video/mp4": "MP4",
    "video/x-m4v": "M4V",
    "video/quicktime": "MOV",
    "video/webm": "WebM",
    "audio/mpeg": "MP3",
    "audio/mp4": "M4A",
    "audio/x-wav": "WAV",
}


# --- Guide versions ----------------------------------------------------------------


def _version_used(version: GuideVersion) -> bool:
    """Used to score: some judge has saved a score against it."""
    return CriterionScore.objects.filter(scorecard__evaluation__guide_version=version).exists()


@transaction.atomic
def guide_version_sync(guide: AssessmentGuide, *, now=None) -> GuideVersion:
    """Bring the guide's latest version in line with the guide.

    Nothing changed: the latest version stands. Not yet used to score: it is
    updated in place. Used: a new version is made, and open evaluations nobody
    has scored yet move to it, so reps and judges read the guide as it is now.
    """
    now = now or timezone.now()
    AssessmentGuide.objects.select_for_update().filter(pk=guide.pk).first()
    snapshot = guide.snapshot()
    latest = guide.versions.order_by("-number").first()
    if latest is not None and latest.as_snapshot() == snapshot:
        return latest
    if latest is not None and not _version_used(latest):
        for name, value in snapshot.items():
            setattr(latest, name, value)
        latest.updated_at = now
        latest.save()
        return latest
    version = GuideVersion.objects.create(
        guide=guide, number=(latest.number + 1) if latest else 1, created_at=now, updated_at=now, **snapshot
    )
    unscored = ~Exists(CriterionScore.objects.filter(scorecard__evaluation=OuterRef("pk")))
    Evaluation.objects.open().filter(guide_version__guide=guide).filter(unscored).update(guide_version=version)
    return version


def guide_version_current(guide: AssessmentGuide) -> GuideVersion:
    """The version reps prepare from now."""
    return guide.versions.order_by("-number").first() or guide_version_sync(guide)


# --- Recordings ----------------------------------------------------------------------


def recording_max_bytes() -> int:
    return getattr(settings, "EVALUATION_RECORDING_MAX_MB", 500) * 1024 * 1024


def recording_check(upload) -> str:
    """The recording's type, if it is a video or audio file we take and not too large; refuses otherwise."""
    if upload is None or not upload.size:
        raise EvaluationRefused("Choose the recording to upload: the file is empty.")
    limit = recording_max_bytes()
    if upload.size > limit:
        raise EvaluationRefused(
            f"The recording is {upload.size / 1024 / 1024:.0f} MB; the most we take is {limit // 1024 // 1024} MB. "
            "Export it at a lower resolution and try again."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in RECORDING_TYPES:
        names = ", ".join(sorted(set(RECORDING_TYPES.values())))
        raise EvaluationRefused(f"That file is not a video or audio recording we can play. Upload one of: {names}.")
    return kind.mime


# --- Evaluations ---------------------------------------------------------------------


def evaluation_transition(evaluation: Evaluation, event: str, *, actor, reason: str = "", now) -> None:
    new_status = EVALUATION_TRANSITIONS.get((evaluation.status, event))
    if new_status is None:
        raise EvaluationRefused(
            f"This evaluation is {evaluation.get_status_display().lower()}: it cannot be {_EVENT_WORDS[event]} now."
        )
    EvaluationEvent.objects.create(
        evaluation=evaluation, from_status=evaluation.status, to_status=new_status, actor=actor, reason=reason, at=now
    )
    evaluation.status = new_status


_EVENT_WORDS = {
    "assign": "given a panel",
    "release": "released",
    "flag": "flagged",
    "moderate": "moderated",
    "cancel": "cancelled",
    "accept": "accepted",
    "decline": "declined",
    "sign_off": "signed off",
    "countersign": "countersigned",
}


def evaluation_locked(evaluation_id) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_for_update().filter(pk=evaluation_id).first() if evaluation_id is not None else None
    )
    if evaluation is None:
        raise EvaluationNotFound("No such evaluation.")
    return evaluation


@transaction.atomic
def evaluation_create(
    *,
    performer,
    guide: AssessmentGuide,
    subject: str,
    kind: str = EvaluationKind.ROLE_PLAY,
    mode: str = EvaluationMode.LIVE,
    scenario=None,
    scheduled_at=None,
    duration_minutes: int | None = None,
    location: str = "",
    note: str = "",
    recording=None,
    requested_by=None,
    now=None,
) -> Evaluation:
    """Open an evaluation of one performance. A live session needs a time in the future and a place or
    link; a recording is checked for type and size before it is stored."""
    now = now or timezone.now()
    location = (location or "").strip()
    evaluation = Evaluation(
        performer=performer,
        kind=kind,
        subject=subject[:200],
        guide_version=guide_version_current(guide),
        scenario=scenario,
        mode=mode,
        requested_at=now,
        requested_by=requested_by or performer,
        note=(note or "").strip(),
        duration_minutes=duration_minutes or (scenario.duration_minutes if scenario else 30),
    )
    if mode == EvaluationMode.LIVE:
        if scheduled_at is None:
            raise EvaluationRefused("Say when the session should take place.")
        if scheduled_at <= now:
            raise EvaluationRefused("The session time has passed: choose a time in the future.")
        if not location:
            raise EvaluationRefused("Say where the session takes place: a room, or a video-call link.")
        evaluation.scheduled_at = scheduled_at
        evaluation.location = location[:300]
    elif mode == EvaluationMode.RECORDING:
        evaluation.recording_type = recording_check(recording)
        evaluation.recording_name = (getattr(recording, "name", "") or "recording")[-255:]
        evaluation.recording_size = recording.size
        evaluation.recording.save(evaluation.recording_name.rsplit("/", 1)[-1], recording, save=False)
    else:
        raise EvaluationRefused("Choose a live session or a recording.")
    evaluation.save()
    EvaluationEvent.objects.create(
        evaluation=evaluation, from_status="", to_status=evaluation.status, actor=requested_by or performer, at=now
    )
    return evaluation


@dataclass(frozen=True)
class PanelChange:
    evaluation: Evaluation
    added: list
    removed: list


@transaction.atomic
def evaluation_panel_set(
    *, actor, evaluation_id: int, judges, scheduled_at=None, location: str | None = None, due_at=None, now=None
) -> PanelChange:
    """Put a panel on an evaluation (or change it). `actor` None means a rule chose it.

    The performer never judges their own performance. A judge who has submitted
    their scores stays on the panel. A live session's time and place may be moved.
    """
    now = now or timezone.now()
    if actor is not None and not actor.has_perm("assessments.assign_panel"):
        raise EvaluationRefused("Only enablement admins can choose a panel.")
    evaluation = evaluation_locked(evaluation_id)
    if evaluation.is_field_observation:
        raise EvaluationRefused("A field observation is scored by the rep's manager, not a panel.")
    judges = list({judge.pk: judge for judge in judges}.values())
    if not judges:
        raise EvaluationRefused("Choose at least one judge.")
    if any(judge.pk == evaluation.performer_id for judge in judges):
        raise EvaluationRefused("A rep cannot judge their own performance: choose someone else.")
    current = {card.judge_id: card for card in evaluation.scorecards.select_related("judge")}
    wanted = {judge.pk for judge in judges}
    kept_submitted = [card for judge_id, card in current.items() if judge_id not in wanted and card.is_submitted]
    if kept_submitted:
        raise EvaluationRefused(f"{kept_submitted[0].judge} has already submitted their scores and stays on the panel.")
    if evaluation.mode == EvaluationMode.LIVE:
        if scheduled_at is not None and scheduled_at != evaluation.scheduled_at:
            if scheduled_at <= now:
                raise EvaluationRefused("The session time has passed: choose a time in the future.")
            evaluation.scheduled_at = scheduled_at
        if location is not None:
            if not location.strip():
                raise EvaluationRefused("Say where the session takes place: a room, or a video-call link.")
            evaluation.location = location.strip()[:300]
    removed = [card.judge for judge_id, card in current.items() if judge_id not in wanted]
    Scorecard.objects.filter(evaluation=evaluation, judge_id__in=[judge.pk for judge in removed]).delete()
    added = [judge for judge in judges if judge.pk not in current]
    Scorecard.objects.bulk_create(
        Scorecard(evaluation=evaluation, judge=judge, assigned_at=now, assigned_by=actor) for judge in added
    )
    evaluation.due_at = due_at or evaluation.due_at or _default_due(evaluation, now)
    names = ", ".join(sorted(str(judge) for judge in judges))
    evaluation_transition(evaluation, "assign", actor=actor, reason=f"Panel: {names}" if actor else f"Panel chosen by rule: {names}", now=now)
    evaluation.save(update_fields=["status", "scheduled_at", "location", "due_at"])
    if not added and removed:
        _complete_if_all_scored(evaluation, now=now)
    return PanelChange(evaluation=evaluation, added=added, removed=removed)


SCORING_DAYS = 3


def _default_due(evaluation: Evaluation, now):
    start = evaluation.ends_at if evaluation.mode == EvaluationMode.LIVE and evaluation.scheduled_at else now
    return later(start, timezone.timedelta(days=SCORING_DAYS))


def _clean_scores(version: GuideVersion, scores: dict) -> dict:
    """{key: (score or None, comment)} for the version's criteria; a key or score the guide lacks is refused."""
    cleaned = {}
    for key, (score, comment) in scores.items():
        criterion = version.criterion(key)
        if criterion is None:
            raise EvaluationRefused("A score was sent for a criterion this guide does not have. Reload the page.")
        allowed = {level["score"] for level in criterion["levels"]}
        if score is not None and score not in allowed:
            raise EvaluationRefused(f"“{criterion['name']}”: {score} is not one of its levels.")
        cleaned[key] = (score, (comment or "").strip())
    return cleaned


def scorecard_problems(version: GuideVersion, scores: dict, overall_feedback: str, next_steps: str) -> dict:
    """What stops a scorecard from being submitted, by field: every criterion scored, a comment on any below
    “meets”, overall feedback and next steps written."""
    problems = {}
    for criterion in version.criteria:
        score, comment = scores.get(criterion["key"], (None, ""))
        if score is None:
            problems[criterion["key"]] = f"Score “{criterion['name']}”."
        elif version.comment_required(score) and not comment:
            problems[criterion["key"]] = (
                f"“{criterion['name']}” is below “meets”: say what the rep should do differently."
            )
    if not (overall_feedback or "").strip():
        problems["overall_feedback"] = "Write your overall feedback."
    if not (next_steps or "").strip():
        problems["next_steps"] = "Suggest next steps for the rep."
    return problems


class ScorecardIncomplete(EvaluationRefused):
    def __init__(self, problems: dict):
        self.problems = problems
        super().__init__("Some parts of the scorecard are missing: " + " ".join(problems.values()))


@dataclass(frozen=True)
class EvaluationOutcome:
    scorecard: Scorecard
    evaluation: Evaluation


@transaction.atomic
def scorecard_save(
    *,
    actor,
    scorecard_id: int,
    scores: dict,
    overall_feedback: str = "",
    next_steps: str = "",
    submit: bool = False,
    attest: bool = False,
    now=None,
) -> EvaluationOutcome:
    """Save a judge's scores as a draft, or submit them. Once every judge has submitted, the panel's
    scores are combined: the result is released, or flagged if the judges disagree beyond tolerance."""
    now = now or timezone.now()
    card = Scorecard.objects.filter(pk=scorecard_id, judge=actor).values("evaluation_id").first()
    if card is None:
        raise EvaluationNotFound("No such scorecard.")
    evaluation = evaluation_locked(card["evaluation_id"])
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard_id)
    if evaluation.performer_id == actor.pk:
        raise EvaluationRefused("A rep cannot judge their own performance.")
    if scorecard.is_submitted:
        raise EvaluationRefused("You have submitted these scores; they can no longer change.")
    if evaluation.status != EvaluationStatus.SCHEDULED:
        raise EvaluationRefused(f"This evaluation is {evaluation.get_status_display().lower()}: scores can no longer change.")
    version = evaluation.guide_version
    cleaned = _clean_scores(version, scores)
    existing = {row.criterion_key: row for row in scorecard.scores.all()}
    merged = {key: (row.score, row.comment) for key, row in existing.items()}
    merged.update(cleaned)
    if submit:
        if evaluation.mode == EvaluationMode.LIVE and evaluation.scheduled_at and now < evaluation.scheduled_at:
            raise EvaluationRefused(
                f"The session starts at {timezone.localtime(evaluation.scheduled_at):%-d %B, %H:%M %Z}: "
                "scores can be submitted once it has begun. Save a draft until then."
            )
        problems = scorecard_problems(version, merged, overall_feedback, next_steps)
        if evaluation.is_field_observation and not attest:
            problems["attest"] = "Confirm that you observed this call yourself: your sign-off says so."
        if problems:
            raise ScorecardIncomplete(problems)
    to_create, to_update = [], []
    for key, (score, comment) in cleaned.items():
        row = existing.get(key)
        if row is None and score is None and not comment:
            continue  # a criterion left blank stays without a row: a blank row would freeze the guide's version
        if row is None:
            to_create.append(CriterionScore(scorecard=scorecard, criterion_key=key, score=score, comment=comment))
        elif (row.score, row.comment) != (score, comment):
            row.score, row.comment = score, comment
            to_update.append(row)
    CriterionScore.objects.bulk_create(to_create)
    CriterionScore.objects.bulk_update(to_update, ["score", "comment"])
    scorecard.overall_feedback = (overall_feedback or "").strip()
    scorecard.next_steps = (next_steps or "").strip()
    scorecard.last_saved_at = now
    fields = ["overall_feedback", "next_steps", "last_saved_at"]
    if submit:
        scorecard.status = ScorecardStatus.SUBMITTED
        scorecard.submitted_at = now
        scorecard.score = scorecard_percentage(criteria_of(version), {k: v[0] for k, v in merged.items()}, version.scale)
        fields += ["status", "submitted_at", "score"]
        if evaluation.is_field_observation:
            scorecard.attestation = attestation_statement(actor, evaluation, at=now)
            scorecard.attested_at = now
            fields += ["attestation", "attested_at"]
    scorecard.save(update_fields=fields)
    if submit:
        _complete_if_all_scored(evaluation, now=now)
    return EvaluationOutcome(scorecard=scorecard, evaluation=evaluation)


def panel_scores(evaluation: Evaluation) -> dict:
    """{criterion key: [each submitted judge's score]}"""
    panel = {}
    rows = CriterionScore.objects.filter(
        scorecard__evaluation=evaluation, scorecard__status=ScorecardStatus.SUBMITTED
    ).values_list("criterion_key", "score")
    for key, score in rows:
        panel.setdefault(key, []).append(score)
    return panel


def attestation_text(person, evaluation: Evaluation) -> str:
    """What an observer attests, before the signature: that they saw this call themselves."""
    call = evaluation.get_call_kind_display().lower() if evaluation.call_kind else "customer call"
    with_account = f" with {evaluation.account}" if evaluation.account else ""
    when = timezone.localtime(evaluation.scheduled_at) if evaluation.scheduled_at else None
    on = f" on {when:%d %B %Y}" if when else ""
    return (
        f"I, {person.get_full_name() or person.email}, observed {evaluation.performer.get_full_name() or evaluation.performer}'s "
        f"{call}{with_account}{on} myself, and scored it against “{evaluation.guide_version.title}”."
    )


def attestation_statement(person, evaluation: Evaluation, *, at) -> str:
    """What an observer signs: the attestation, with their name and the time."""
    return f"{attestation_text(person, evaluation)} Signed {timezone.localtime(at):%d %B %Y at %H:%M %Z}."


def _complete_if_all_scored(evaluation: Evaluation, *, now) -> None:
    """Every judge has submitted: combine the panel's scores, then release or flag. A field observation
    that needs a countersign waits for it first."""
    statuses = list(evaluation.scorecards.values_list("status", flat=True))
    if not statuses or any(status != ScorecardStatus.SUBMITTED for status in statuses):
        return
    version = evaluation.guide_version
    result = evaluate(criteria_of(version), panel_scores(evaluation), rules_of(version))
    evaluation.panel_score = result.score
    evaluation.flagged_criteria = result.flagged_keys
    if evaluation.is_field_observation and evaluation.countersign_required:
        evaluation_transition(evaluation, "sign_off", actor=None, reason="Signed off by the observer", now=now)
        evaluation.save(update_fields=["status", "panel_score", "flagged_criteria"])
        evaluation_countersign_needed.send(sender=Evaluation, evaluation=evaluation)
        return
    if result.flagged:
        names = ", ".join(c.name for c in result.criteria if c.flagged)
        evaluation_transition(evaluation, "flag", actor=None, reason=f"Judges' scores spread beyond {version.tolerance} on: {names}", now=now)
        evaluation.save(update_fields=["status", "panel_score", "flagged_criteria"])
        evaluation_flagged.send(sender=Evaluation, evaluation=evaluation)
        return
    evaluation_result_release(evaluation, result, actor=None, event="release", reason="", now=now)


def evaluation_result_release(evaluation: Evaluation, result, *, actor, event: str, reason: str, now) -> None:
    evaluation_transition(evaluation, event, actor=actor, reason=reason, now=now)
    evaluation.score = result.score
    evaluation.passed = result.passed
    evaluation.released_at = now
    evaluation.save(
        update_fields=[
            "status", "panel_score", "flagged_criteria", "score", "passed", "released_at",
            "final_scores", "moderated_by", "moderated_at", "moderation_reason",
        ]
    )
    evaluation_released.send(sender=Evaluation, evaluation=evaluation)


@transaction.atomic
def evaluation_moderate(*, actor, evaluation_id: int, final_scores: dict, reason: str, now=None) -> Evaluation:
    """An enablement admin settles a flagged evaluation: a final score for each criterion the judges
    disagreed on (and any other they choose to change), with a written reason. The result is released."""
    now = now or timezone.now()
    if not actor.has_perm("assessments.moderate_evaluation"):
        raise EvaluationRefused("Only enablement admins can moderate evaluations.")
    evaluation = evaluation_locked(evaluation_id)
    if evaluation.status != EvaluationStatus.FLAGGED:
        raise EvaluationRefused("Only a flagged evaluation is moderated.")
    reason = (reason or "").strip()
    if not reason:
        raise EvaluationRefused("Write the reason for the final scores: the panel and the rep's manager will read it.")
    version = evaluation.guide_version
    cleaned = {}
    for key, score in final_scores.items():
        if score is None:
            continue
        criterion = version.criterion(key)
        if criterion is None or score not in {level["score"] for level in criterion["levels"]}:
            raise EvaluationRefused("Choose one of the guide's levels for each final score.")
        cleaned[key] = score
    missing = [version.criterion(key)["name"] for key in evaluation.flagged_criteria if key not in cleaned]
    if missing:
        raise EvaluationRefused(f"Set a final score for {', '.join(missing)}: the judges disagreed there.")
    result = evaluate(criteria_of(version), panel_scores(evaluation), rules_of(version), final_scores=cleaned)
    evaluation.final_scores = cleaned
    evaluation.moderated_by = actor
    evaluation.moderated_at = now
    evaluation.moderation_reason = reason
    evaluation_result_release(evaluation, result, actor=actor, event="moderate", reason=reason, now=now)
    return evaluation


@transaction.atomic
def evaluation_cancel(*, actor, evaluation_id: int, reason: str = "", now=None) -> Evaluation:
    """The performer withdraws a request no judge has scored yet, or an enablement admin cancels it with a reason."""
    now = now or timezone.now()
    evaluation = evaluation_locked(evaluation_id)
    reason = (reason or "").strip()
    is_admin = actor.has_perm("assessments.assign_panel")
    if evaluation.performer_id != actor.pk and not is_admin:
        raise EvaluationNotFound("No such evaluation.")
    if evaluation.scorecards.filter(status=ScorecardStatus.SUBMITTED).exists() and not is_admin:
        raise EvaluationRefused("A judge has already scored this performance: ask an enablement admin to cancel it.")
    if evaluation.performer_id != actor.pk and not reason:
        raise EvaluationRefused("Give a reason: the rep will read it.")
    evaluation_transition(evaluation, "cancel", actor=actor, reason=reason or "Withdrawn by the rep.", now=now)
    evaluation.save(update_fields=["status"])
    evaluation_cancelled.send(sender=Evaluation, evaluation=evaluation, actor=actor)
    return evaluation
