"""The predicates the evaluation page and the scorecard ask (certify.permissions): who sees the panel's scores
(blind scoring), who may withdraw, cancel, answer and countersign. Each has an allow and a deny case."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from assessments.models import Evaluation
from certify.permissions import (
    can_answer_observation,
    can_cancel_evaluation,
    can_countersign,
    can_see_panel_scores,
    can_withdraw_evaluation,
)
from tests.factories.certify import JudgeFactory, ManagerFactory
from tests.factories.evaluations import level2_evaluation, submit
from tests.factories.observations import accepted_observation, observation_request, sign_off
from tests.helpers import section

pytestmark = pytest.mark.django_db


@pytest.fixture
def judges(db):
    return [JudgeFactory(), JudgeFactory()]


@pytest.fixture
def evaluation(rep, enablement_admin, judges):
    return level2_evaluation(rep=rep, admin=enablement_admin, judges=judges)


def _fresh(evaluation):
    return Evaluation.objects.get(pk=evaluation.pk)


# --- Blind scoring ------------------------------------------------------------------------------


def test_the_panels_scores_stay_hidden_from_everyone_until_every_judge_has_submitted(
    rep, team, manager, enablement_admin, judges, evaluation
):
    submit(judges[0], evaluation, 2)
    evaluation = _fresh(evaluation)

    for person in (judges[0], judges[1], enablement_admin, rep, manager, AnonymousUser()):
        assert can_see_panel_scores(person, evaluation) is False


def test_once_all_have_submitted_the_judges_and_admins_see_the_panels_scores_but_not_the_rep_or_their_manager(
    rep, team, manager, enablement_admin, judges, evaluation
):
    submit(judges[0], evaluation, 2)
    submit(judges[1], evaluation, 3)
    evaluation = _fresh(evaluation)

    for person in (judges[0], judges[1], enablement_admin):
        assert can_see_panel_scores(person, evaluation) is True
    for person in (rep, manager, JudgeFactory()):
        assert can_see_panel_scores(person, evaluation) is False


def test_the_second_observer_sees_the_observers_scores_while_asked_to_countersign(rep, team, manager):
    second = ManagerFactory()
    observation = accepted_observation(rep=rep, manager=manager, countersigner=second)
    assert can_see_panel_scores(second, observation) is False  # not scored yet

    sign_off(manager, observation, 3)

    assert can_see_panel_scores(second, observation) is True and can_see_panel_scores(manager, observation) is True
    assert can_see_panel_scores(rep, observation) is False


def test_the_scorecard_and_the_evaluation_page_show_the_panels_scores_at_the_same_moment(
    client_for, judges, evaluation
):
    client = client_for(judges[0])
    submit(judges[0], evaluation, 2)
    pages = [reverse("certify:scorecard", args=[evaluation.pk]), reverse("certify:evaluation", args=[evaluation.pk])]
    assert all(section(client.get(url).content.decode(), "panel-heading") == "" for url in pages)

    submit(judges[1], evaluation, 3)

    assert all("The panel's scores" in section(client.get(url).content.decode(), "panel-heading") for url in pages)


# --- Withdrawing and cancelling -------------------------------------------------------------------


def test_the_rep_may_withdraw_their_request_until_a_judge_has_submitted(rep, enablement_admin, judges, evaluation):
    assert can_withdraw_evaluation(rep, evaluation) is True
    assert can_withdraw_evaluation(enablement_admin, evaluation) is False  # not theirs: they cancel instead
    assert can_withdraw_evaluation(judges[0], evaluation) is False

    submit(judges[0], evaluation, 2)

    assert can_withdraw_evaluation(rep, _fresh(evaluation)) is False


def test_an_enablement_admin_may_cancel_an_open_evaluation_and_nobody_else(rep, enablement_admin, judges, evaluation):
    assert can_cancel_evaluation(enablement_admin, evaluation) is True
    assert can_cancel_evaluation(rep, evaluation) is False
    assert can_cancel_evaluation(judges[0], evaluation) is False

    submit(judges[0], evaluation, 2)
    submit(judges[1], evaluation, 2)

    assert can_cancel_evaluation(enablement_admin, _fresh(evaluation)) is False  # released: history, not cancelled


# --- A field observation's turns ------------------------------------------------------------------


def test_only_the_manager_asked_may_answer_while_the_request_waits(rep, team, manager, other_manager):
    observation = observation_request(rep=rep, manager=manager)

    assert can_answer_observation(manager, observation) is True
    assert can_answer_observation(other_manager, observation) is False
    assert can_answer_observation(rep, observation) is False

    accepted = accepted_observation(rep=rep, manager=manager)
    assert can_answer_observation(manager, accepted) is False  # answered already


def test_only_the_second_observer_may_countersign_and_only_once_signed_off(rep, team, manager):
    second = ManagerFactory()
    observation = accepted_observation(rep=rep, manager=manager, countersigner=second)
    assert can_countersign(second, observation) is False  # not signed off yet

    sign_off(manager, observation, 3)

    assert can_countersign(second, observation) is True
    assert can_countersign(manager, observation) is False and can_countersign(rep, observation) is False
