"""An evaluation's status moves only as its transition table allows, and every move is recorded.

The table below is written out by hand from the rules (role-plays: a panel scores, the result is released or
flagged for moderation; field observations: the observer accepts or declines, signs off, a second observer
countersigns or disagrees), not read from EVALUATION_TRANSITIONS: change a cell there and these tests fail.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.exceptions import EvaluationNotFound, EvaluationRefused
from assessments.models import EVALUATION_TRANSITIONS, Evaluation, EvaluationStatus, Scorecard
from assessments.services import (
    evaluation_cancel,
    evaluation_moderate,
    evaluation_panel_set,
    observation_accept,
    observation_countersign,
    observation_decline,
)
from assessments.services.evaluations import evaluation_transition
from certify.services import award_grant, level_evaluation_request
from tests.factories.certify import CertificationFactory, EnablementAdminFactory, JudgeFactory, RepFactory
from tests.factories.evaluations import keys_of, level2_evaluation, scores_all, submit
from tests.factories.observations import field_observation, sign_off

pytestmark = pytest.mark.django_db

REQUESTED, SCHEDULED, COUNTERSIGN = EvaluationStatus.REQUESTED, EvaluationStatus.SCHEDULED, EvaluationStatus.COUNTERSIGN
FLAGGED, RELEASED = EvaluationStatus.FLAGGED, EvaluationStatus.RELEASED
DECLINED, CANCELLED = EvaluationStatus.DECLINED, EvaluationStatus.CANCELLED
NO = "refused"

EVENTS = ("assign", "accept", "decline", "release", "flag", "sign_off", "countersign", "moderate", "cancel")
# From each status (rows), what each event (columns) leads to; NO: refused, nothing changes.
#               assign     accept     decline   release   flag     sign_off     countersign  moderate  cancel
TABLE = {
    REQUESTED:   (SCHEDULED, SCHEDULED, DECLINED, NO,       NO,      NO,          NO,          NO,       CANCELLED),
    SCHEDULED:   (SCHEDULED, NO,        NO,       RELEASED, FLAGGED, COUNTERSIGN, NO,          NO,       CANCELLED),
    COUNTERSIGN: (NO,        NO,        NO,       NO,       FLAGGED, NO,          RELEASED,    NO,       NO),
    FLAGGED:     (NO,        NO,        NO,       NO,       NO,      NO,          NO,          RELEASED, NO),
    RELEASED:    (NO,        NO,        NO,       NO,       NO,      NO,          NO,          NO,       NO),
    DECLINED:    (NO,        NO,        NO,       NO,       NO,      NO,          NO,          NO,       NO),
    CANCELLED:   (NO,        NO,        NO,       NO,       NO,      NO,          NO,          NO,       NO),
}  # fmt: skip
EXPECTED = {(status, event): outcome for status, row in TABLE.items() for event, outcome in zip(EVENTS, row, strict=True)}


def test_the_written_table_has_every_status_and_every_event_the_model_knows():
    assert set(TABLE) == set(EvaluationStatus.values)
    assert {event for _, event in EVALUATION_TRANSITIONS} <= set(EVENTS)


# ---------------------------------------------------------------- through the services


ROLE_PLAY, FIELD = "role-play", "field-observation"

# (kind, from status, event) for every pair a service carries to the transition table. The release, flag,
# sign-off, countersign and moderate services check the status themselves first (scores change only while
# scheduled, a countersign only while one is awaited, moderation only when flagged), so their refusals never
# reach the table: those pairs are covered by the next test, on the transition function itself.
SERVICE_CASES = [
    *[(ROLE_PLAY, status, event) for event in ("assign", "cancel") for status in (REQUESTED, SCHEDULED, FLAGGED, RELEASED, CANCELLED)],
    (ROLE_PLAY, SCHEDULED, "release"),
    (ROLE_PLAY, SCHEDULED, "flag"),
    (ROLE_PLAY, FLAGGED, "moderate"),
    *[(FIELD, status, event) for event in ("accept", "decline", "cancel") for status in EvaluationStatus.values],
    (FIELD, SCHEDULED, "release"),
    (FIELD, SCHEDULED, "sign_off"),
    (FIELD, COUNTERSIGN, "countersign"),
    (FIELD, COUNTERSIGN, "flag"),
    (FIELD, FLAGGED, "moderate"),
]  # fmt: skip


@pytest.fixture
def people(rep, manager, team):
    """The rep, their manager (the observer), a second observer, two judges and an enablement admin."""
    return {
        "rep": rep, "manager": manager, "second": JudgeFactory(), "judges": JudgeFactory.create_batch(2),
        "admin": EnablementAdminFactory(),
    }  # fmt: skip


def _role_play_in(status, people):
    """A role-play brought to `status` the way people would: ask, get a panel, judges submit, or withdraw."""
    rep, admin, (first, second) = people["rep"], people["admin"], people["judges"]
    judges = {REQUESTED: (), CANCELLED: (), SCHEDULED: (first,), RELEASED: (first,), FLAGGED: (first, second)}[status]
    evaluation = level2_evaluation(rep=rep, admin=admin, judges=judges)
    if status == RELEASED:
        submit(first, evaluation, 2)
    elif status == FLAGGED:
        _disagree(evaluation, first, second)
    elif status == CANCELLED:
        evaluation_cancel(actor=rep, evaluation_id=evaluation.pk)
    return evaluation


def _disagree(evaluation, first, second):
    """Two judges whose scores on the first criterion are further apart than the guide allows."""
    submit(first, evaluation, 3)
    low = scores_all(evaluation, 3)
    low[keys_of(evaluation)[0]] = (1, "No discovery questions at all.")
    submit(second, evaluation, scores=low)


def _observation_in(status, people, *, countersign):
    """A field observation brought to `status`: asked, accepted, signed off, countersigned or disputed."""
    rep, manager, second = people["rep"], people["manager"], people["second"]
    countersigner = second if countersign or status in (COUNTERSIGN, FLAGGED) else None
    state = status if status in (REQUESTED, SCHEDULED, COUNTERSIGN, FLAGGED) else REQUESTED
    if status == RELEASED:
        state = SCHEDULED
    evaluation = field_observation(rep=rep, manager=manager, countersigner=countersigner, state=state)
    if status == RELEASED:
        sign_off(manager, evaluation, 3)
    elif status == DECLINED:
        observation_decline(actor=manager, evaluation_id=evaluation.pk, reason="I am not on that call.")
    elif status == CANCELLED:
        evaluation_cancel(actor=rep, evaluation_id=evaluation.pk)
    return evaluation


def _cause(kind, event, evaluation, people):
    """Cause `event` through the service a person's request would call."""
    admin, manager, (first, second) = people["admin"], people["manager"], people["judges"]
    if event == "assign":  # the same panel again where there is one: a judge who has scored stays on it
        judges = [card.judge for card in evaluation.scorecards.all()] or [first]
        evaluation_panel_set(actor=admin, evaluation_id=evaluation.pk, judges=judges)
    elif event == "cancel":
        evaluation_cancel(actor=admin, evaluation_id=evaluation.pk, reason="The rep moved to another team.")
    elif event == "accept":
        countersigner = people["second"] if evaluation.countersign_required else None
        observation_accept(actor=manager, evaluation_id=evaluation.pk, countersigner=countersigner)
    elif event == "decline":
        observation_decline(actor=manager, evaluation_id=evaluation.pk, reason="I am not on that call.")
    elif event == "release" and kind == ROLE_PLAY:
        submit(first, evaluation, 2)
    elif event == "flag" and kind == ROLE_PLAY:
        evaluation_panel_set(actor=admin, evaluation_id=evaluation.pk, judges=[first, second])
        _disagree(evaluation, first, second)
    elif event in ("release", "sign_off"):  # the observer signs off; with a countersign required it waits
        sign_off(manager, evaluation, 3)
    elif event in ("countersign", "flag"):
        agree = event == "countersign"
        observation_countersign(
            actor=people["second"], evaluation_id=evaluation.pk, attest=True, agree=agree,
            reason="" if agree else "The rep never asked about the budget.",
        )
    elif event == "moderate":
        evaluation.refresh_from_db()
        evaluation_moderate(
            actor=admin, evaluation_id=evaluation.pk, final_scores=dict.fromkeys(evaluation.flagged_criteria, 2),
            reason="The recording shows solid discovery.",
        )
    else:
        raise AssertionError(f"no service causes {event!r} on a {kind}")


# How the transition function words a move the table does not allow.
TABLE_REFUSAL = r"^This evaluation is [a-z ]+: it cannot be [a-z ]+ now\.$"


def _history(evaluation):
    return list(evaluation.events.order_by("at", "pk").values_list("from_status", "to_status"))


@pytest.mark.parametrize(("kind", "status", "event"), SERVICE_CASES, ids=["-".join(case) for case in SERVICE_CASES])
def test_each_status_and_event_moves_the_evaluation_through_its_service_as_the_table_says(kind, status, event, people):
    if kind == ROLE_PLAY:
        evaluation = _role_play_in(status, people)
    else:
        evaluation = _observation_in(status, people, countersign=event in ("sign_off", "countersign"))
    assert Evaluation.objects.get(pk=evaluation.pk).status == status
    before = _history(evaluation)
    outcome = EXPECTED[(status, event)]

    if outcome == NO:
        with pytest.raises(EvaluationRefused, match=TABLE_REFUSAL):  # the table refused, not an earlier check
            _cause(kind, event, evaluation, people)
        assert Evaluation.objects.get(pk=evaluation.pk).status == status
        assert _history(evaluation) == before
        return

    _cause(kind, event, evaluation, people)

    assert Evaluation.objects.get(pk=evaluation.pk).status == outcome
    after = _history(evaluation)
    assert after[: len(before)] == before
    # Setting up a flag submits a second judge's scores first: the move is the last event either way.
    assert after[-1] == (status, outcome)


def test_every_move_the_table_allows_is_made_by_some_service():
    allowed = {pair for pair, outcome in EXPECTED.items() if outcome != NO}

    assert allowed <= {(status, event) for _, status, event in SERVICE_CASES}


# ---------------------------------------------------------------- the transition function every service calls


@pytest.fixture
def requested():
    certification = CertificationFactory(levels=2)
    rep = RepFactory()
    award_grant(user=rep, level=certification.levels.get(number=1))
    level = certification.levels.get(number=2)
    return level_evaluation_request(
        actor=rep, level=level, scenario=level.scenarios.first(), mode="live",
        scheduled_at=timezone.now() + timedelta(days=2), location="Room 1",
    )


# Every cell, including those the services refuse before reaching the table (see SERVICE_CASES).
@pytest.mark.parametrize(("status", "event"), sorted(EXPECTED))
def test_every_status_and_event_moves_as_the_table_says(requested, status, event):
    evaluation = Evaluation.objects.get(pk=requested.pk)
    evaluation.status = status
    expected = EXPECTED[(status, event)]
    before = evaluation.events.count()
    if expected == NO:
        with pytest.raises(EvaluationRefused):
            evaluation_transition(evaluation, event, actor=None, now=timezone.now())
        assert evaluation.status == status
        assert evaluation.events.count() == before
    else:
        evaluation_transition(evaluation, event, actor=None, reason="why", now=timezone.now())
        assert evaluation.status == expected
        last = evaluation.events.last()
        assert (last.from_status, last.to_status, last.reason) == (status, expected, "why")


def test_a_requested_evaluation_is_recorded_from_its_first_status(requested):
    assert list(requested.events.values_list("from_status", "to_status")) == [("", EvaluationStatus.REQUESTED)]


def test_choosing_a_panel_moves_a_request_to_scoring_and_records_who(requested):
    admin, judges = EnablementAdminFactory(), JudgeFactory.create_batch(2)
    change = evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=judges)
    requested.refresh_from_db()
    assert requested.status == EvaluationStatus.SCHEDULED
    assert set(requested.scorecards.values_list("judge_id", flat=True)) == {judge.pk for judge in judges}
    assert {judge.pk for judge in change.added} == {judge.pk for judge in judges}
    assert requested.events.last().actor == admin
    assert requested.due_at == requested.ends_at + timedelta(days=3)


def test_the_performer_is_never_put_on_their_own_panel(requested):
    admin = EnablementAdminFactory()
    with pytest.raises(EvaluationRefused, match="own performance"):
        evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[JudgeFactory(), requested.performer])
    assert not Scorecard.objects.filter(evaluation=requested).exists()
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_only_holders_of_the_permission_choose_a_panel(requested):
    with pytest.raises(EvaluationRefused):
        evaluation_panel_set(actor=JudgeFactory(), evaluation_id=requested.pk, judges=[JudgeFactory()])
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_changing_the_panel_drops_a_judge_who_has_not_scored_and_keeps_one_who_has(requested):
    admin = EnablementAdminFactory()
    first, second, third = JudgeFactory.create_batch(3)
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[first, second])
    Scorecard.objects.filter(evaluation=requested, judge=first).update(status="submitted")
    with pytest.raises(EvaluationRefused, match="stays on the panel"):
        evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[second, third])
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[first, third])
    assert set(requested.scorecards.values_list("judge_id", flat=True)) == {first.pk, third.pk}


def test_moving_a_live_session_into_the_past_is_refused(requested):
    admin = EnablementAdminFactory()
    with pytest.raises(EvaluationRefused, match="passed"):
        evaluation_panel_set(
            actor=admin, evaluation_id=requested.pk, judges=[JudgeFactory()],
            scheduled_at=timezone.now() - timedelta(hours=1),
        )
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_the_performer_may_withdraw_a_request_nobody_has_scored(requested):
    evaluation_cancel(actor=requested.performer, evaluation_id=requested.pk)
    requested.refresh_from_db()
    assert requested.status == EvaluationStatus.CANCELLED
    assert requested.events.last().reason == "Withdrawn by the rep."


def test_someone_else_cannot_cancel_a_reps_request_and_learns_nothing(requested):
    with pytest.raises(EvaluationNotFound):
        evaluation_cancel(actor=RepFactory(), evaluation_id=requested.pk, reason="No.")
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.REQUESTED


def test_once_a_judge_has_submitted_only_an_admin_may_cancel_with_a_reason(requested):
    admin, judge = EnablementAdminFactory(), JudgeFactory()
    evaluation_panel_set(actor=admin, evaluation_id=requested.pk, judges=[judge])
    Scorecard.objects.filter(evaluation=requested).update(status="submitted")
    with pytest.raises(EvaluationRefused, match="already scored"):
        evaluation_cancel(actor=requested.performer, evaluation_id=requested.pk)
    with pytest.raises(EvaluationRefused, match="reason"):
        evaluation_cancel(actor=admin, evaluation_id=requested.pk, reason="  ")
    evaluation_cancel(actor=admin, evaluation_id=requested.pk, reason="The rep left the company.")
    assert Evaluation.objects.get(pk=requested.pk).status == EvaluationStatus.CANCELLED
