"""Judges' scorecards through the services: who may score, what a draft and a submission need, and what the
last judge's submission sets off (a released result and an award, or a flag for moderation)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import CriterionScore, EvaluationStatus, Scorecard, ScorecardStatus
from assessments.services import ScorecardIncomplete, scorecard_save
from certify.models import Award, Role
from certify.services import evaluation_panel_assign
from tests.factories.certify import JudgeFactory, RepFactory
from tests.factories.evaluations import keys_of, level2_evaluation, scores_all, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def judges(db):
    return [JudgeFactory(), JudgeFactory()]


@pytest.fixture
def evaluation(rep, enablement_admin, judges):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)


def _card(evaluation, judge):
    return Scorecard.objects.get(evaluation=evaluation, judge=judge)


def _save(judge, evaluation, scores, *, feedback="Good call.", next_steps="Practise the close.", submit=False, now=None):
    return scorecard_save(
        actor=judge,
        scorecard_id=_card(evaluation, judge).pk,
        scores=scores,
        overall_feedback=feedback,
        next_steps=next_steps,
        submit=submit,
        now=now,
    )


# --- Who may score ---------------------------------------------------------------------------


def test_judge_cannot_be_put_on_the_panel_of_their_own_performance(enablement_admin):
    rep_who_judges = RepFactory(roles=[Role.REP, Role.JUDGE])
    evaluation = level2_evaluation(rep=rep_who_judges, admin=enablement_admin)

    with pytest.raises(EvaluationRefused, match="own performance"):
        evaluation_panel_assign(actor=enablement_admin, evaluation=evaluation, judges=[rep_who_judges, JudgeFactory()])

    assert not Scorecard.objects.filter(evaluation=evaluation).exists()


def test_judge_cannot_score_their_own_performance_even_with_a_scorecard(enablement_admin, judges):
    rep_who_judges = RepFactory(roles=[Role.REP, Role.JUDGE])
    evaluation = level2_evaluation(rep=rep_who_judges, admin=enablement_admin, judges=judges)
    own = Scorecard.objects.create(evaluation=evaluation, judge=rep_who_judges)  # a row no service would make

    with pytest.raises(EvaluationRefused, match="own performance"):
        scorecard_save(actor=rep_who_judges, scorecard_id=own.pk, scores=scores_all(evaluation, 3), submit=False)

    assert not CriterionScore.objects.filter(scorecard=own).exists()


def test_a_judge_cannot_save_another_judges_scorecard(evaluation, judges):
    with pytest.raises(EvaluationNotFound):
        scorecard_save(actor=judges[0], scorecard_id=_card(evaluation, judges[1]).pk, scores=scores_all(evaluation, 3))

    assert not CriterionScore.objects.exists()


# --- Drafts and what a submission needs ------------------------------------------------------


def test_a_draft_saves_partial_scores_without_checking_completeness(evaluation, judges):
    first = keys_of(evaluation)[0]

    _save(judges[0], evaluation, {first: (1, "")}, feedback="", next_steps="")

    card = _card(evaluation, judges[0])
    assert card.status == ScorecardStatus.DRAFT and card.last_saved_at is not None
    assert list(card.scores.values_list("criterion_key", "score", "comment")) == [(first, 1, "")]


def test_a_later_draft_updates_the_saved_scores_and_keeps_the_others(evaluation, judges):
    first, second, _ = keys_of(evaluation)
    _save(judges[0], evaluation, {first: (1, "Rushed."), second: (2, "")})

    _save(judges[0], evaluation, {first: (3, "Much better on a second look.")})

    saved = dict(_card(evaluation, judges[0]).scores.values_list("criterion_key", "score"))
    assert saved == {first: 3, second: 2}


def test_criteria_left_blank_in_a_draft_store_nothing_so_the_guide_can_still_be_edited(evaluation, judges):
    _save(judges[0], evaluation, {key: (None, "") for key in keys_of(evaluation)}, feedback="Notes so far.")
    guide = evaluation.guide_version.guide
    guide.introduction = "How the panel scores this role-play, now clearer."

    guide.save()

    assert not CriterionScore.objects.exists()
    assert _card(evaluation, judges[0]).overall_feedback == "Notes so far."
    evaluation.refresh_from_db()
    assert evaluation.guide_version.number == 1 and evaluation.guide_version.introduction.endswith("now clearer.")


def test_once_a_criterion_is_scored_a_guide_edit_makes_a_new_version_and_the_scores_keep_theirs(evaluation, judges):
    _save(judges[0], evaluation, {keys_of(evaluation)[0]: (2, "")})
    guide = evaluation.guide_version.guide
    guide.introduction = "Changed after scoring began."

    guide.save()

    evaluation.refresh_from_db()
    assert evaluation.guide_version.number == 1 and guide.versions.count() == 2


@pytest.mark.parametrize("score", [0, 4, 99, -1])
def test_a_score_not_among_the_guides_levels_is_refused(evaluation, judges, score):
    first = keys_of(evaluation)[0]

    with pytest.raises(EvaluationRefused, match="not one of its levels"):
        _save(judges[0], evaluation, {first: (score, "A comment.")})

    assert not CriterionScore.objects.exists()


def test_a_score_for_a_criterion_the_guide_lacks_is_refused(evaluation, judges):
    with pytest.raises(EvaluationRefused, match="does not have"):
        _save(judges[0], evaluation, {"not-a-criterion": (2, "")})

    assert not CriterionScore.objects.exists()


# Which problem key a submission gets for what it lacks. Criteria: 0 Discovery, 1 Value story, 2 Next step.
@pytest.mark.parametrize(
    "change, problem_keys",
    [
        ("no score on the first criterion", ["criterion:0"]),
        ("no scores at all", ["criterion:0", "criterion:1", "criterion:2"]),
        ("below meets without a comment", ["criterion:1"]),
        ("no overall feedback", ["overall_feedback"]),
        ("no next steps", ["next_steps"]),
        ("feedback of blanks only", ["overall_feedback"]),
        ("nothing but a low score with a comment", ["criterion:0", "criterion:2", "overall_feedback", "next_steps"]),
    ],
)
def test_submit_needs_every_criterion_a_comment_below_meets_feedback_and_next_steps(evaluation, judges, change, problem_keys):
    keys = keys_of(evaluation)
    scores = scores_all(evaluation, 2, comment="")
    feedback, next_steps = "Well done.", "Keep practising."
    if change == "no score on the first criterion":
        scores[keys[0]] = (None, "")
    elif change == "no scores at all":
        scores = {}
    elif change == "below meets without a comment":
        scores[keys[1]] = (1, "   ")
    elif change == "no overall feedback":
        feedback = ""
    elif change == "no next steps":
        next_steps = ""
    elif change == "feedback of blanks only":
        feedback = "  \n "
    elif change == "nothing but a low score with a comment":
        scores, feedback, next_steps = {keys[1]: (1, "Skipped the value.")}, "", ""
    expected = [keys[int(key.split(":")[1])] if key.startswith("criterion:") else key for key in problem_keys]

    with pytest.raises(ScorecardIncomplete) as refused:
        _save(judges[0], evaluation, scores, feedback=feedback, next_steps=next_steps, submit=True)

    assert sorted(refused.value.problems) == sorted(expected)
    card = _card(evaluation, judges[0])
    assert card.status == ScorecardStatus.DRAFT and card.submitted_at is None
    assert not card.scores.exists()  # nothing of the refused submission was kept


def test_a_comment_is_not_needed_at_meets_or_above(evaluation, judges):
    _save(judges[0], evaluation, {key: (score, "") for key, score in zip(keys_of(evaluation), (2, 3, 2))}, submit=True)

    assert _card(evaluation, judges[0]).status == ScorecardStatus.SUBMITTED


def test_a_comment_is_required_below_meets_and_nowhere_else(evaluation):
    version = evaluation.guide_version  # 1 below, 2 meets, 3 exceeds

    assert version.comment_required(version.meets_score - 1) is True
    assert version.comment_required(version.meets_score) is False
    assert version.comment_required(version.meets_score + 1) is False
    assert version.comment_required(None) is False  # not scored yet: nothing to comment on


def test_submit_counts_scores_saved_in_an_earlier_draft(evaluation, judges):
    keys = keys_of(evaluation)
    _save(judges[0], evaluation, {keys[0]: (1, "Few questions asked.")})

    _save(judges[0], evaluation, {keys[1]: (2, ""), keys[2]: (3, "")}, submit=True)

    card = _card(evaluation, judges[0])
    assert card.status == ScorecardStatus.SUBMITTED
    # From each criterion's lowest level: Discovery 1 (weight 2) is 0, Value 2 is ½, Next 3 is 1: 1.5 / 4 = 37.5 %.
    assert card.score == Decimal("37.50")


def test_submit_stores_the_judges_own_weighted_percentage(evaluation, judges):
    keys = keys_of(evaluation)

    _save(judges[0], evaluation, {keys[0]: (3, ""), keys[1]: (2, ""), keys[2]: (1, "Vague close.")}, submit=True)

    # Discovery 3 (weight 2) is 1, Value 2 is ½, Next 1 is 0: 2.5 / 4 = 62.5 %.
    card = _card(evaluation, judges[0])
    assert card.score == Decimal("62.50") and card.submitted_at is not None


def test_a_submitted_scorecard_cannot_change(evaluation, judges):
    submit(judges[0], evaluation, 3)

    with pytest.raises(EvaluationRefused, match="can no longer change"):
        _save(judges[0], evaluation, scores_all(evaluation, 1, comment="Changed my mind."))

    assert set(_card(evaluation, judges[0]).scores.values_list("score", flat=True)) == {3}


def test_submit_before_a_live_session_starts_is_refused_but_a_draft_is_kept(rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, started=False)

    _save(judges[0], evaluation, {keys_of(evaluation)[0]: (2, "")})
    with pytest.raises(EvaluationRefused, match="once it has begun"):
        _save(judges[0], evaluation, scores_all(evaluation, 2), submit=True)

    card = _card(evaluation, judges[0])
    assert card.status == ScorecardStatus.DRAFT and card.scores.count() == 1
    later = evaluation.scheduled_at + timedelta(minutes=5)
    _save(judges[0], evaluation, scores_all(evaluation, 2), submit=True, now=later)
    assert _card(evaluation, judges[0]).status == ScorecardStatus.SUBMITTED


def test_a_recording_can_be_scored_at_once(rep, enablement_admin, judges):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=judges, mode="recording")

    submit(judges[0], evaluation, 2)

    assert _card(evaluation, judges[0]).status == ScorecardStatus.SUBMITTED


def test_a_cancelled_evaluation_takes_no_more_scores(evaluation, judges, enablement_admin):
    from assessments.services import evaluation_cancel

    evaluation_cancel(actor=enablement_admin, evaluation_id=evaluation.pk, reason="The rep left the company.")

    with pytest.raises(EvaluationRefused, match="cancelled"):
        _save(judges[0], evaluation, scores_all(evaluation, 2))


# --- The last judge's submission -------------------------------------------------------------


def test_nothing_is_released_while_a_judge_is_still_scoring(evaluation, judges, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(judges[0], evaluation, 3)

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SCHEDULED
    assert evaluation.score is None and evaluation.panel_score is None and evaluation.passed is None
    assert mailoutbox == []


def test_the_last_judges_submission_releases_a_pass_awards_level_2_and_tells_the_rep(
    rep, evaluation, judges, mailoutbox, django_capture_on_commit_callbacks
):
    submit(judges[0], evaluation, 3)
    with django_capture_on_commit_callbacks(execute=True):
        submit(judges[1], evaluation, 2)

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.released_at is not None
    # Every criterion combines to 2.5: three quarters of the way from 1 to 3.
    assert evaluation.score == evaluation.panel_score == Decimal("75.00")
    assert evaluation.passed is True
    award = Award.objects.get(user=rep, evaluation=evaluation)
    assert award.level.number == 2
    assert [message.to for message in mailoutbox] == [[rep.email]]
    assert "result is ready" in mailoutbox[0].subject


def test_a_released_fail_awards_nothing_and_still_tells_the_rep(
    rep, evaluation, judges, mailoutbox, django_capture_on_commit_callbacks
):
    submit(judges[0], evaluation, 2)
    with django_capture_on_commit_callbacks(execute=True):
        submit(judges[1], evaluation, 1, scores=scores_all(evaluation, 1, comment="Missed the brief."))

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED
    # Every criterion combines to 1.5, a quarter of the way from 1 to 3, under "meets everywhere" (50 %).
    assert evaluation.passed is False and evaluation.score == Decimal("25.00")
    assert not Award.objects.filter(evaluation=evaluation).exists()
    assert [message.to for message in mailoutbox] == [[rep.email]]


def test_scores_spread_beyond_tolerance_flag_the_evaluation_for_enablement_admins(
    rep, evaluation, judges, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    discovery = keys_of(evaluation)[0]
    submit(judges[0], evaluation, 3)
    low = scores_all(evaluation, 3)
    low[discovery] = (1, "No discovery questions at all.")
    with django_capture_on_commit_callbacks(execute=True):
        submit(judges[1], evaluation, scores=low)

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FLAGGED
    assert evaluation.flagged_criteria == [discovery]
    assert evaluation.panel_score is not None
    assert evaluation.score is None and evaluation.passed is None and evaluation.released_at is None
    assert not Award.objects.filter(evaluation=evaluation).exists()
    assert [message.to for message in mailoutbox] == [[enablement_admin.email]]
    assert rep.email not in {address for message in mailoutbox for address in message.to}
    assert evaluation.events.filter(to_status=EvaluationStatus.FLAGGED).count() == 1


def test_scores_within_tolerance_are_released_without_moderation(evaluation, judges):
    submit(judges[0], evaluation, 3)
    submit(judges[1], evaluation, 2)

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.RELEASED and evaluation.flagged_criteria == []


def test_a_live_session_released_later_records_the_time_of_the_last_submission(evaluation, judges):
    later = timezone.now() + timedelta(hours=2)
    submit(judges[0], evaluation, 3)

    submit(judges[1], evaluation, 3, now=later)

    evaluation.refresh_from_db()
    assert evaluation.released_at == later
