"""The certification progress rollup: one row per rep and level assigned or awarded, one per final result, rebuilt
in bulk on a schedule; the funnel and the struggling list read it and say when it was counted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, Evaluation, EvaluationKind, EvaluationStatus
from assessments.services import guide_version_current
from certify import tasks
from certify.models import Assignment, Award, LevelEvaluation, LevelProgress, LevelResult, ProgressRefresh
from certify.schedules import PROGRESS_REFRESH_MINUTES, SCHEDULES
from certify.services import progress_rollup_refresh
from tests.factories.certify import CertificationFactory, RepFactory, TeamFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _ago(days):
    return NOW - timedelta(days=days)


def _assign(level, *, user=None, team=None, days_ago, due_in):
    return Assignment.objects.create(
        level=level, user=user, team=team, assigned_at=_ago(days_ago), due_date=timezone.localdate() + timedelta(days=due_in)
    )


def _award(rep, level, *, days_ago, revoked=False, valid_days=None):
    return Award.objects.create(
        user=rep, certification=level.certification, level=level, awarded_at=_ago(days_ago),
        revoked_at=NOW if revoked else None, valid_until=NOW + timedelta(days=valid_days) if valid_days else None,
    )  # fmt: skip


def _attempt(rep, quiz, number, passed, *, days_ago, status=AttemptStatus.SUBMITTED):
    submitted = status == AttemptStatus.SUBMITTED
    return Attempt.objects.create(
        quiz=quiz, user=rep, number=number, status=status, pass_mark=80, review="full", started_at=_ago(days_ago),
        submitted_at=_ago(days_ago) if submitted else None, passed=passed if submitted else None,
    )  # fmt: skip


def _evaluation(rep, level, passed, *, days_ago, status=EvaluationStatus.RELEASED):
    released = status == EvaluationStatus.RELEASED
    evaluation = Evaluation.objects.create(
        performer=rep, subject=str(level), guide_version=guide_version_current(level.guide), kind=EvaluationKind.ROLE_PLAY,
        status=status, requested_at=_ago(days_ago + 5), released_at=_ago(days_ago) if released else None,
        passed=passed if released else None,
    )  # fmt: skip
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)
    return evaluation


def _row(rep, level):
    return LevelProgress.objects.get(user=rep, level=level)


@pytest.fixture
def pulse():
    certification = CertificationFactory(title="Pulse", levels=3)
    return certification, *(certification.levels.get(number=n) for n in (1, 2, 3))


def test_a_level_assigned_to_the_rep_and_to_their_team_keeps_the_first_assignment_and_earliest_due_date(pulse):
    _pulse, one, two, _three = pulse
    rep = RepFactory()
    team = TeamFactory(members=[rep])
    _assign(one, user=rep, days_ago=10, due_in=30)
    _assign(one, team=team, days_ago=40, due_in=5)
    _assign(two, team=team, days_ago=20, due_in=60)
    progress_rollup_refresh()
    first = _row(rep, one)
    assert (first.number, first.assigned_at, first.due_date) == (1, _ago(40), timezone.localdate() + timedelta(days=5))
    assert first.certification_assigned_at == _ago(40) and first.next_assigned is True
    second = _row(rep, two)
    assert (second.assigned_at, second.certification_assigned_at, second.next_assigned) == (_ago(20), _ago(40), False)
    assert LevelProgress.objects.filter(user=rep).count() == 2  # level 3 neither assigned nor awarded: no row


def test_a_team_assignment_counts_for_the_teams_members_at_the_refresh(pulse):
    _pulse, one, _two, _three = pulse
    ann, bob = RepFactory(), RepFactory()
    team = TeamFactory(members=[ann])
    _assign(one, team=team, days_ago=3, due_in=10)
    progress_rollup_refresh()
    assert list(LevelProgress.objects.values_list("user", flat=True)) == [ann.pk]
    team.members.add(bob)
    team.save()  # a team's members are kept when the team is saved
    progress_rollup_refresh()
    assert sorted(LevelProgress.objects.values_list("user", flat=True)) == sorted([ann.pk, bob.pk])


def test_the_first_award_ignores_revoked_ones_and_the_level_below_is_carried_to_the_row_above(pulse):
    _pulse, one, two, _three = pulse
    rep = RepFactory()
    _award(rep, one, days_ago=50, revoked=True)
    _award(rep, one, days_ago=30)
    _award(rep, two, days_ago=12)
    progress_rollup_refresh()
    first, second = _row(rep, one), _row(rep, two)
    assert (first.first_awarded_at, first.assigned_at, first.certification_assigned_at) == (_ago(30), None, None)
    assert (second.first_awarded_at, second.below_first_awarded_at) == (_ago(12), _ago(30))


def test_held_now_reads_the_awards_end_so_an_award_that_expires_after_the_refresh_is_no_longer_held(pulse):
    _pulse, one, two, three = pulse
    rep = RepFactory()
    _award(rep, one, days_ago=30, valid_days=2)
    _award(rep, two, days_ago=20)  # no end
    _award(rep, three, days_ago=10, revoked=True)
    progress_rollup_refresh()
    assert (_row(rep, one).held_since, _row(rep, one).held_until) == (_ago(30), NOW + timedelta(days=2))
    assert (_row(rep, two).held_since, _row(rep, two).held_until) == (_ago(20), None)
    assert not LevelProgress.objects.filter(user=rep, level=three).exists()  # only a revoked award: no row
    held_now = set(LevelProgress.objects.held(NOW).values_list("number", flat=True))
    held_in_three_days = set(LevelProgress.objects.held(NOW + timedelta(days=3)).values_list("number", flat=True))
    assert (held_now, held_in_three_days) == ({1, 2}, {2})


def test_quiz_attempts_are_numbered_with_the_first_pass_marked_once_and_unsubmitted_ones_left_out(pulse):
    _pulse, one, _two, _three = pulse
    rep = RepFactory()
    _attempt(rep, one.quiz, 1, False, days_ago=9)
    _attempt(rep, one.quiz, 2, True, days_ago=8)
    _attempt(rep, one.quiz, 3, True, days_ago=7)
    _attempt(rep, one.quiz, 4, None, days_ago=1, status=AttemptStatus.IN_PROGRESS)
    progress_rollup_refresh()
    rows = LevelResult.objects.filter(user=rep).order_by("try_number")
    assert [(r.number, r.try_number, r.passed, r.first_pass, r.at) for r in rows] == [
        (1, 1, False, False, _ago(9)), (1, 2, True, True, _ago(8)), (1, 3, True, False, _ago(7)),
    ]  # fmt: skip


def test_a_quiz_that_serves_two_certifications_gives_a_result_for_each(pulse):
    _pulse, one, _two, _three = pulse
    other = CertificationFactory(title="Drift", levels=1, levels__quiz=one.quiz)
    rep = RepFactory()
    attempt = _attempt(rep, one.quiz, 1, True, days_ago=2)
    progress_rollup_refresh()
    assert sorted(LevelResult.objects.filter(attempt=attempt).values_list("certification__title", flat=True)) == [
        "Drift", "Pulse",
    ]  # fmt: skip
    assert other.levels.get().quiz == one.quiz


def test_evaluations_are_numbered_per_rep_and_level_in_the_order_they_were_released(pulse):
    _pulse, _one, two, _three = pulse
    rep, other = RepFactory(), RepFactory()
    _evaluation(rep, two, True, days_ago=5)
    _evaluation(rep, two, False, days_ago=30)
    _evaluation(other, two, True, days_ago=20)
    _evaluation(rep, two, None, days_ago=1, status=EvaluationStatus.SCHEDULED)  # no final result: left out
    progress_rollup_refresh()
    mine = LevelResult.objects.filter(user=rep).order_by("at")
    assert [(r.try_number, r.passed, r.first_pass) for r in mine] == [(1, False, False), (2, True, True)]
    assert list(LevelResult.objects.filter(user=other).values_list("try_number", "first_pass")) == [(1, True)]


def test_a_refresh_replaces_the_rows_and_stamps_when_and_how_many(pulse):
    _pulse, one, _two, _three = pulse
    rep = RepFactory()
    _assign(one, user=rep, days_ago=3, due_in=3)
    _attempt(rep, one.quiz, 1, False, days_ago=1)
    first = progress_rollup_refresh(now=NOW)
    assert (first.refreshed_at, first.levels, first.results) == (NOW, 1, 1)
    Assignment.objects.all().delete()
    second = progress_rollup_refresh(now=NOW + timedelta(minutes=5))
    assert (second.levels, second.results) == (0, 1) and LevelProgress.objects.count() == 0
    assert ProgressRefresh.objects.count() == 1 and second.refreshed_at == NOW + timedelta(minutes=5)


def test_the_rollup_is_rebuilt_on_a_schedule_by_a_task_that_returns_the_rows_counted(pulse):
    _pulse, one, _two, _three = pulse
    _assign(one, user=RepFactory(), days_ago=1, due_in=9)
    entry = ("certify.tasks.progress_rollup_refresh", PROGRESS_REFRESH_MINUTES)
    assert entry in [(func, every) for _name, func, every in SCHEDULES]
    assert tasks.progress_rollup_refresh() == 1


@pytest.mark.parametrize("url", ["certify:impact_funnel", "certify:impact_struggling"])
def test_the_pages_that_read_it_say_when_it_was_counted_or_that_it_is_not_yet(client_for, enablement_admin, url):
    client = client_for(enablement_admin)
    assert f"Not counted yet: the first count runs within {PROGRESS_REFRESH_MINUTES} minutes." in client.get(reverse(url)).content.decode()
    progress_rollup_refresh(now=timezone.make_aware(timezone.datetime(2026, 3, 4, 9, 30)))
    html = client.get(reverse(url)).content.decode()
    assert f"Counted at 4 Mar 2026, 09:30, and again every {PROGRESS_REFRESH_MINUTES} minutes" in html


def test_rows_are_marked_as_an_active_reps_at_the_refresh_and_every_rep_pages_count_only_those(pulse, enablement_admin):
    _pulse, one, _two, _three = pulse
    rep, leaver = RepFactory(), RepFactory()
    for person in (rep, leaver):
        _assign(one, user=person, days_ago=3, due_in=10)
        _attempt(person, one.quiz, 1, True, days_ago=1)
    leaver.is_active = False
    leaver.save()
    _assign(one, user=enablement_admin, days_ago=3, due_in=10)  # not a rep
    progress_rollup_refresh()
    assert set(LevelProgress.objects.filter(active_rep=True).values_list("user", flat=True)) == {rep.pk}
    assert set(LevelResult.objects.filter(active_rep=True).values_list("user", flat=True)) == {rep.pk}
    from certify.selectors.impact import impact_scope

    scope = impact_scope(viewer=enablement_admin)
    assert list(scope.rollup_rows(LevelProgress.objects.all()).values_list("user", flat=True)) == [rep.pk]
