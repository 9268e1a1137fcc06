"""Trends: each week counted as it stood at its end (so past weeks can be backfilled), drawn over 52 weeks."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.module_loading import import_string
from django_q.models import Schedule

from assessments.models import Attempt, AttemptStatus, Evaluation, EvaluationKind, EvaluationStatus
from assessments.services import guide_version_current
from certify.models import Assignment, Award, Deal, ImpactSnapshot, LevelEvaluation, Tier, TierChange
from certify.schedules import ensure_schedules
from certify.selectors.impact import last_complete_week, week_bounds
from certify.services import impact_snapshot_take
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _evaluation(user, level, *, at, passed, status=EvaluationStatus.RELEASED):
    released = status == EvaluationStatus.RELEASED
    evaluation = Evaluation.objects.create(
        performer=user, subject=str(level), guide_version=guide_version_current(level.guide), kind=EvaluationKind.ROLE_PLAY,
        status=status, requested_at=at - timedelta(days=3), released_at=at if released else None,
        passed=passed if released else None,
    )  # fmt: skip
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)


def _deal(user, amount, *, on, currency="USD"):
    number = Deal.objects.count() + 1
    return Deal.objects.create(
        external_id=f"D-{number}", rep=user, account="Acme", amount=Decimal(amount), currency=currency, close_date=on
    )


def _attempt(user, quiz, *, at, passed):
    number = Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    return Attempt.objects.create(
        quiz=quiz, user=user, number=number, status=AttemptStatus.SUBMITTED, started_at=at - timedelta(minutes=20),
        submitted_at=at, pass_mark=80, review="score", passed=passed, score=90 if passed else 40,
    )  # fmt: skip


@pytest.fixture
def week():
    """Two weeks before the last complete one."""
    return last_complete_week() - timedelta(days=14)


@pytest.fixture
def history(week, rep, other_rep, team, other_team):
    """At the end of `week`: rep (East) held Pulse level 1 and was Bronze; other_rep (West) held level 1 (revoked
    an hour after the week ended) and had dropped out of Bronze; third (East) held nothing (their level 1 ended a
    day before). East was assigned level 1 then (rep 100, third 0: mean 50); level 2 came the day after.
    In the week, rep passed the level 1 quiz and third failed it (50 %); other_rep's attempt was the week before.
    Since then rep gained level 2 and Silver.
    Level 2 role-plays released in the week: rep passed, third failed (50 %); one the week after, one unfinished.
    Deals closed in the week: rep 12,000 USD (Bronze at its end), other_rep 3,000 USD (no tier by then) and
    1,000 EUR (another currency, left out); rep's 5,000 USD deal the day after the week is not counted."""
    start, end = week_bounds(week)
    pulse = CertificationFactory(title="Pulse", levels=2, levels__validity=None)
    quiz = pulse.levels.get(number=1).quiz
    third = RepFactory(email="third@test.example")
    team.members.add(third)
    team.save()
    level1, level2 = pulse.levels.get(number=1), pulse.levels.get(number=2)
    Assignment.objects.create(level=level1, team=team, due_date=end.date() + timedelta(days=30), assigned_at=end - timedelta(days=30))
    Assignment.objects.create(level=level2, team=team, due_date=end.date() - timedelta(days=1), assigned_at=end + timedelta(days=1))
    Award.objects.create(user=rep, certification=pulse, level=level1, awarded_at=end - timedelta(days=10))
    Award.objects.create(user=rep, certification=pulse, level=level2, awarded_at=end + timedelta(days=1))
    Award.objects.create(
        user=other_rep, certification=pulse, level=level1, awarded_at=end - timedelta(days=20), revoked_at=end + timedelta(hours=1)
    )
    Award.objects.create(
        user=third, certification=pulse, level=level1, awarded_at=end - timedelta(days=40), valid_until=end - timedelta(days=1)
    )
    bronze = Tier.objects.create(name="Bronze", rank=1)
    silver = Tier.objects.create(name="Silver", rank=2)
    TierChange.objects.create(user=rep, to_tier=bronze, to_name="Bronze", reason="Level 1", at=end - timedelta(days=5))
    TierChange.objects.create(user=rep, from_tier=bronze, to_tier=silver, to_name="Silver", reason="Level 2", at=end + timedelta(days=1))
    TierChange.objects.create(user=other_rep, to_tier=bronze, to_name="Bronze", reason="Level 1", at=end - timedelta(days=3))
    TierChange.objects.create(user=other_rep, from_tier=bronze, from_name="Bronze", reason="Expired", at=end - timedelta(days=1))
    _attempt(rep, quiz, at=start + timedelta(days=2), passed=True)
    _attempt(third, quiz, at=start + timedelta(days=3), passed=False)
    _attempt(other_rep, quiz, at=start - timedelta(days=1), passed=True)
    _attempt(rep, quiz, at=end + timedelta(days=1), passed=True)
    _evaluation(rep, level2, at=start + timedelta(days=1), passed=True)
    _evaluation(third, level2, at=start + timedelta(days=4), passed=False)
    _evaluation(third, level2, at=end + timedelta(days=2), passed=True)
    _evaluation(other_rep, level2, at=start + timedelta(days=2), passed=None, status=EvaluationStatus.SCHEDULED)
    _deal(rep, "12000", on=week + timedelta(days=2))
    _deal(other_rep, "3000", on=week + timedelta(days=6))
    _deal(other_rep, "1000", on=week + timedelta(days=4), currency="EUR")
    _deal(rep, "5000", on=week + timedelta(days=7))
    return {"pulse": pulse, "third": third}


def _figures(snapshot):
    return (
        snapshot.reps, snapshot.readiness_mean, snapshot.readiness_reps, snapshot.tiers, snapshot.quiz_attempts,
        snapshot.quiz_passed, snapshot.quiz_pass_rate, snapshot.holding, snapshot.formula_version,
    )  # fmt: skip


def test_a_past_week_is_counted_as_it_stood_at_its_end(week, team, other_team, history):
    impact_snapshot_take(week=week + timedelta(days=3))  # any day of the week counts the week from its Monday
    snapshots = {snapshot.team_id: snapshot for snapshot in ImpactSnapshot.objects.filter(week=week)}
    assert set(snapshots) == {None, team.pk, other_team.pk}
    assert _figures(snapshots[None]) == (3, 50.0, 2, {"Bronze": 1, "No tier yet": 2}, 2, 1, 50.0, {"1": 2}, 1)
    assert _figures(snapshots[team.pk]) == (2, 50.0, 2, {"Bronze": 1, "No tier yet": 1}, 2, 1, 50.0, {"1": 1}, 1)
    assert _figures(snapshots[other_team.pk]) == (1, None, 0, {"No tier yet": 1}, 0, 0, None, {"1": 1}, 1)


def test_a_weeks_evaluations_and_revenue_by_tier_are_counted_for_every_rep_and_each_team(week, team, other_team, history):
    impact_snapshot_take(week=week)
    snapshots = {snapshot.team_id: snapshot for snapshot in ImpactSnapshot.objects.filter(week=week)}

    def figures(snapshot):
        return snapshot.evaluations, snapshot.evaluations_passed, snapshot.deals, snapshot.revenue

    assert figures(snapshots[None]) == (2, 1, 2, {"Bronze": "12000.00", "No tier yet": "3000.00"})
    assert figures(snapshots[team.pk]) == (2, 1, 1, {"Bronze": "12000.00"})
    assert figures(snapshots[other_team.pk]) == (0, 0, 1, {"No tier yet": "3000.00"})


def test_counting_a_week_again_replaces_it(week, history):
    impact_snapshot_take(week=week)
    impact_snapshot_take(week=week)
    assert ImpactSnapshot.objects.filter(week=week).count() == 3


def test_a_week_that_has_not_ended_is_refused(history):
    with pytest.raises(ValueError):
        impact_snapshot_take(week=last_complete_week() + timedelta(days=7))
    assert not ImpactSnapshot.objects.exists()


def test_the_command_backfills_the_last_weeks_and_refuses_more_than_two_years(week, history):
    call_command("impact_snapshots", "--weeks", "3")
    assert sorted(set(ImpactSnapshot.objects.values_list("week", flat=True))) == [week, week + timedelta(days=7), last_complete_week()]
    for weeks in ("0", "105", "many"):
        with pytest.raises(CommandError):
            call_command("impact_snapshots", "--weeks", weeks)
    assert ImpactSnapshot.objects.count() == 9


def test_the_weekly_schedule_counts_the_week_just_ended():
    Schedule.objects.all().delete()
    ensure_schedules()
    schedule = Schedule.objects.get(func="certify.tasks.impact_snapshot_take_weekly")
    assert schedule.schedule_type == Schedule.WEEKLY
    assert import_string(schedule.func)() == 1  # every rep (no teams yet)
    assert list(ImpactSnapshot.objects.values_list("week", "team")) == [(last_complete_week(), None)]


def _row(chart, week):
    label = f"{week.day} {week:%b %Y}"
    return next(row for row in chart.rows if row[0] == label)


def test_admin_trends_draw_every_reps_week(client_for, enablement_admin, week, history):
    call_command("impact_snapshots", "--weeks", "3")
    page = client_for(enablement_admin).get(reverse("certify:impact_trends"))
    readiness, tiers, pass_rate, levels, evaluation_rate, revenue = page.context["charts"]
    assert len(readiness.rows) == 52 and readiness.rows[0][1] == "—"  # no figures a year ago
    assert _row(readiness, week) == [f"{week.day} {week:%b %Y}", "50.0"]
    assert tiers.columns == ["", "No tier yet", "Bronze", "Silver"]
    assert _row(tiers, week)[1:] == ["2", "1", "0"]
    assert _row(pass_rate, week)[1:] == ["50 %"]
    assert _row(levels, week)[1:] == ["2", "0", "0"]
    assert _row(levels, last_complete_week())[1:] == ["1", "1", "0"]  # other_rep's level 1 revoked since, rep's level 2 gained
    assert _row(evaluation_rate, week)[1:] == ["50 %"]
    assert revenue.columns == ["", "No tier yet", "Bronze", "Silver"]
    assert _row(revenue, week)[1:] == ["USD 3,000", "USD 12,000", "USD 0"]
    assert page.context["weeks_with_figures"] == 3
    html = page.content.decode()
    assert "Show the data as a table" in html and "<svg" in html


def test_manager_trends_draw_their_own_teams_and_the_team_filter_one_team(client_for, manager, enablement_admin, other_team, week, history):
    call_command("impact_snapshots", "--weeks", "3")
    page = client_for(manager).get(reverse("certify:impact_trends"))
    readiness, tiers, _pass_rate, levels, _evaluation_rate, revenue = page.context["charts"]
    assert _row(revenue, week)[1:] == ["USD 0", "USD 12,000", "USD 0"]  # East: rep's deal only
    assert _row(readiness, week)[1:] == ["50.0"] and _row(tiers, week)[1:] == ["1", "1", "0"]
    assert _row(levels, week)[1:] == ["1", "0", "0"]
    west = client_for(enablement_admin).get(reverse("certify:impact_trends"), {"team": other_team.pk}).context["charts"]
    assert _row(west[0], week)[1:] == ["—"] and _row(west[2], week)[1:] == ["—"] and _row(west[3], week)[1:] == ["1", "0", "0"]
    refused = client_for(manager).get(reverse("certify:impact_trends"), {"team": other_team.pk})
    assert refused.context["form"].errors["team"] and _row(refused.context["charts"][3], week)[1:] == ["1", "0", "0"]


def _csv(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_trends_csv_has_every_week_and_every_figure_the_charts_draw(client_for, enablement_admin, week, history):
    call_command("impact_snapshots", "--weeks", "3")
    rows = _csv(client_for(enablement_admin).get(reverse("certify:impact_trends_export")))
    assert rows[0] == [
        "Week (Monday)", "Reps", "Readiness index", "Reps with an index", "Reps: No tier yet", "Reps: Bronze",
        "Reps: Silver", "Level 1 quiz attempts", "Level 1 quiz attempts passed", "Level 1 pass rate (%)",
        "Level 2 and 3 evaluations", "Level 2 and 3 evaluations passed", "Level 2 and 3 pass rate (%)",
        "Reps holding level 1", "Reps holding level 2", "Reps holding level 3", "Deals closed",
        "Revenue (USD): No tier yet", "Revenue (USD): Bronze", "Revenue (USD): Silver", "Revenue (USD)",
    ]  # fmt: skip
    assert len(rows) == 1 + 52 and rows[1] == [(last_complete_week() - timedelta(days=7 * 51)).isoformat()]
    assert next(row for row in rows if row[0] == week.isoformat()) == [
        week.isoformat(), "3", "50.0", "2", "2", "1", "0", "2", "1", "50.0", "2", "1", "50.0", "2", "0", "0", "2",
        "3000.00", "12000.00", "0.00", "15000.00",
    ]  # fmt: skip


def test_a_manager_cannot_download_another_managers_team_trends(client_for, manager, other_team, week, history):
    call_command("impact_snapshots", "--weeks", "3")
    rows = _csv(client_for(manager).get(reverse("certify:impact_trends_export"), {"team": other_team.pk}))
    east = next(row for row in rows if row[0] == week.isoformat())
    assert east[1] == "2" and east[-1] == "12000.00"  # their own team East, never West


def test_trends_with_no_snapshots_say_so(client_for, enablement_admin):
    html = client_for(enablement_admin).get(reverse("certify:impact_trends")).content.decode()
    assert "No weekly figures for the readiness index yet." in html and "Nothing to draw yet." in html


def test_trends_query_count_does_not_grow_with_reps_or_weeks(client_for, manager, team, week, history):
    client = client_for(manager)
    url = reverse("certify:impact_trends")
    before = queries_for(client, url)
    for _ in range(20):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
    for back in range(20):
        impact_snapshot_take(week=week - timedelta(days=7 * back))
    assert queries_for(client, url) == before
