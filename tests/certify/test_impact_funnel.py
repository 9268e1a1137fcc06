"""The certification funnel counts assigned reps, the levels they reached and how long each step took, and each
level's pass rates in the window — exact figures on the page and in the CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, Evaluation, EvaluationKind, EvaluationStatus
from assessments.services import guide_version_current
from certify.models import Assignment, Award, LevelEvaluation
from certify.services import progress_rollup_refresh
from tests.factories.certify import CertificationFactory, RepFactory
from tests.helpers import queries_for, section

pytestmark = pytest.mark.django_db

NOW = timezone.now()
T0 = NOW - timedelta(days=100)  # when Alpha was assigned to team East


def _award(rep, certification, number, at, *, revoked=False):
    return Award.objects.create(
        user=rep, certification=certification, level=certification.levels.get(number=number), awarded_at=at,
        revoked_at=NOW if revoked else None,
    )  # fmt: skip


def _attempt(rep, certification, number, passed, *, days_ago=10, status=AttemptStatus.SUBMITTED):
    quiz = certification.levels.get(number=1).quiz
    return Attempt.objects.create(
        quiz=quiz, user=rep, number=number, status=status, pass_mark=80, review="full",
        started_at=NOW - timedelta(days=days_ago, hours=1),
        submitted_at=NOW - timedelta(days=days_ago) if status == AttemptStatus.SUBMITTED else None,
        passed=passed if status == AttemptStatus.SUBMITTED else None,
    )  # fmt: skip


def _evaluation(rep, certification, number, passed, *, days_ago, status=EvaluationStatus.RELEASED):
    level = certification.levels.get(number=number)
    released = status == EvaluationStatus.RELEASED
    evaluation = Evaluation.objects.create(
        performer=rep, subject=f"{certification} level {number}", guide_version=guide_version_current(level.guide),
        kind=EvaluationKind.ROLE_PLAY if number == 2 else EvaluationKind.FIELD_OBSERVATION, status=status,
        requested_at=NOW - timedelta(days=days_ago + 5), released_at=NOW - timedelta(days=days_ago) if released else None,
        passed=passed if released else None,
    )  # fmt: skip
    LevelEvaluation.objects.create(evaluation=evaluation, level=level)
    return evaluation


@pytest.fixture
def facts(rep, other_rep, team, other_team):
    """Alpha (levels 1–3, not open to all) is assigned to team East (rep, r2, r3, r4) at T0 and to other_rep (team
    West) 60 days ago; r5 (no team) is not assigned but holds its level 1. Beacon (level 1) is open to all and
    assigned to nobody; r5 holds it. Compass (level 1) is open to nobody and assigned to nobody.

    Level-1 awards of Alpha: rep T0+10d, r2 T0+20d, r3 T0+30d (revoked), other_rep 40 days after its assignment.
    Level 2: rep 6 days after level 1, r2 10 days after. Level 3: rep 5 days after level 2.
    """
    r2, r3, r4, r5 = (RepFactory(email=f"r{n}@test.example") for n in (2, 3, 4, 5))
    team.members.add(r2, r3, r4)
    team.save()  # a team's members are kept when the team is saved
    alpha = CertificationFactory(title="Alpha", levels=3, open_to_all=False)
    beacon = CertificationFactory(title="Beacon", levels=1, open_to_all=True)
    compass = CertificationFactory(title="Compass", levels=1, open_to_all=False)
    Assignment.objects.create(level=alpha.levels.get(number=1), team=team, due_date=NOW.date(), assigned_at=T0)
    # A later assignment of another level to rep: the funnel counts from a rep's first one.
    Assignment.objects.create(level=alpha.levels.get(number=2), user=rep, due_date=NOW.date(), assigned_at=T0 + timedelta(days=5))
    other_assigned = NOW - timedelta(days=60)
    Assignment.objects.create(level=alpha.levels.get(number=1), user=other_rep, due_date=NOW.date(), assigned_at=other_assigned)

    _award(rep, alpha, 1, T0 + timedelta(days=10))
    _award(r2, alpha, 1, T0 + timedelta(days=20))
    _award(r3, alpha, 1, T0 + timedelta(days=30), revoked=True)
    _award(other_rep, alpha, 1, other_assigned + timedelta(days=40))
    _award(r5, alpha, 1, T0)
    _award(rep, alpha, 2, T0 + timedelta(days=16))
    _award(r2, alpha, 2, T0 + timedelta(days=30))
    _award(rep, alpha, 3, T0 + timedelta(days=21))
    _award(r5, beacon, 1, T0)

    # Alpha's quiz: rep fails then passes; r2 passes first time; other_rep passes on the third; r4 fails once.
    _attempt(rep, alpha, 1, False, days_ago=30)
    _attempt(rep, alpha, 2, True, days_ago=20)
    _attempt(r2, alpha, 1, True)
    _attempt(other_rep, alpha, 1, False, days_ago=50)
    _attempt(other_rep, alpha, 2, False, days_ago=45)
    _attempt(other_rep, alpha, 3, True, days_ago=40)
    _attempt(r4, alpha, 1, False)
    _attempt(r3, alpha, 1, True, days_ago=400)  # outside the 12-month window
    _attempt(r4, alpha, 2, None, status=AttemptStatus.IN_PROGRESS)  # not submitted: not counted

    # Level 2: rep fails then passes, r2 passes first time; level 3: rep passes. Unfinished ones are not counted.
    _evaluation(rep, alpha, 2, False, days_ago=50)
    _evaluation(rep, alpha, 2, True, days_ago=40)
    _evaluation(r2, alpha, 2, True, days_ago=30)
    _evaluation(r4, alpha, 2, None, days_ago=10, status=EvaluationStatus.SCHEDULED)
    _evaluation(r4, alpha, 2, None, days_ago=12, status=EvaluationStatus.CANCELLED)
    _evaluation(rep, alpha, 3, True, days_ago=20)
    progress_rollup_refresh()  # the funnel reads the progress rollup, rebuilt every few minutes
    return {"alpha": alpha, "beacon": beacon, "compass": compass, "reps": (r2, r3, r4, r5)}


def _funnels(page):
    return {item.certification.title: item for item in page.context["funnel"].funnels}


def _steps(item):
    return [(step.label, step.reps, step.share, step.median_days) for step in item.steps]


def _rates(item):
    return [
        (rate.number, rate.first_passed, rate.first_attempts, rate.first_rate, rate.passed, rate.attempts,
         rate.overall_rate, rate.attempts_to_pass)
        for rate in item.pass_rates
    ]  # fmt: skip


def _csv(client, params=None):
    response = client.get(reverse("certify:impact_funnel_export"), params or {})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_funnel_counts_assigned_reps_levels_earned_and_median_days_between_steps(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"))
    alpha = _funnels(page)["Alpha"]
    assert _steps(alpha) == [
        ("Assigned", 5, 100.0, None),
        ("Level 1 — content mastery", 3, 60.0, 20.0),  # rep 10, r2 20, other_rep 40 days; r3's was revoked
        ("Level 2 — application", 2, 40.0, 8.0),  # 6 and 10 days after level 1
        ("Level 3 — field execution", 1, 20.0, 5.0),
    ]
    html = section(page.content.decode(), f"funnel-{facts['alpha'].pk}-heading")
    assert "Of 5 reps assigned, 3 (60 %) have earned level 1, 2 (40 %) level 2 and 1 (20 %) level 3." in html
    assert "<td>60 %</td><td>20</td>" in html  # the data table: share and median days of level 1


def test_level_one_pass_rates_count_submitted_quiz_attempts_in_the_window(client_for, enablement_admin, facts):
    alpha = _funnels(client_for(enablement_admin).get(reverse("certify:impact_funnel")))["Alpha"]
    # First attempts: rep ✗, r2 ✓, other_rep ✗, r4 ✗ (r3's pass 400 days ago is outside); all: 3 passed of 7.
    # Attempts to pass: rep 2, r2 1, other_rep 3 → median 2.
    assert _rates(alpha)[0] == (1, 1, 4, 25.0, 3, 7, 42.9, 2)


def test_level_two_and_three_pass_rates_count_only_evaluations_with_a_final_result(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"))
    alpha = _funnels(page)["Alpha"]
    assert _rates(alpha)[1] == (2, 1, 2, 50.0, 2, 3, 66.7, 1.5)  # rep ✗ then ✓, r2 ✓
    assert _rates(alpha)[2] == (3, 1, 1, 100.0, 1, 1, 100.0, 1)
    html = section(page.content.decode(), f"funnel-{facts['alpha'].pk}-heading")
    assert "<td>25 % (1 of 4)</td><td>42.9 % (3 of 7)</td><td>2</td>" in html
    assert "<td>50 % (1 of 2)</td><td>66.7 % (2 of 3)</td><td>1.5</td>" in html


def test_a_certification_open_to_all_and_assigned_to_nobody_counts_every_rep_as_eligible(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"))
    beacon = _funnels(page)["Beacon"]
    assert _steps(beacon) == [("Eligible (open to all)", 6, 100.0, None), ("Level 1 — content mastery", 1, 16.7, None)]
    assert _rates(beacon) == [(1, 0, 0, None, 0, 0, None, None)]
    html = section(page.content.decode(), f"funnel-{facts['beacon'].pk}-heading")
    assert "Of 6 reps eligible (open to all), 1 (16.7 %) has earned level 1." in html
    assert "<td>None in the window</td><td>None in the window</td><td>—</td>" in html


def test_a_certification_assigned_to_nobody_says_so(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"))
    compass = _funnels(page)["Compass"]
    assert _steps(compass) == [("Assigned", 0, None, None), ("Level 1 — content mastery", 0, None, None)]
    html = section(page.content.decode(), f"funnel-{facts['compass'].pk}-heading")
    assert "None of the reps counted here are assigned Compass yet." in html
    assert 'class="chart-bars"' not in html


def test_a_revoked_award_is_not_counted_and_a_restored_one_counts_from_the_next_refresh(client_for, enablement_admin, facts):
    r3 = facts["reps"][1]
    client = client_for(enablement_admin)
    assert _funnels(client.get(reverse("certify:impact_funnel")))["Alpha"].steps[1].reps == 3
    Award.objects.filter(user=r3).update(revoked_at=None)
    assert _funnels(client.get(reverse("certify:impact_funnel")))["Alpha"].steps[1].reps == 3  # as last counted
    progress_rollup_refresh()
    assert _funnels(client.get(reverse("certify:impact_funnel")))["Alpha"].steps[1].reps == 4


def test_a_manager_sees_only_the_reps_of_their_own_teams(client_for, manager, facts):
    alpha = _funnels(client_for(manager).get(reverse("certify:impact_funnel")))["Alpha"]
    assert _steps(alpha) == [
        ("Assigned", 4, 100.0, None),  # rep, r2, r3, r4 — not other_rep
        ("Level 1 — content mastery", 2, 50.0, 15.0),
        ("Level 2 — application", 2, 50.0, 8.0),
        ("Level 3 — field execution", 1, 25.0, 5.0),
    ]
    # rep ✗✓, r2 ✓, r4 ✗: first 1 of 3, overall 2 of 4, attempts to pass 2 and 1.
    assert _rates(alpha)[0] == (1, 1, 3, 33.3, 2, 4, 50.0, 1.5)


def test_the_team_filter_counts_only_that_teams_reps(client_for, enablement_admin, other_team, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"), {"team": other_team.pk})
    alpha = _funnels(page)["Alpha"]
    assert _steps(alpha) == [
        ("Assigned", 1, 100.0, None),
        ("Level 1 — content mastery", 1, 100.0, 40.0),
        ("Level 2 — application", 0, 0.0, None),
        ("Level 3 — field execution", 0, 0.0, None),
    ]
    assert _rates(alpha)[0] == (1, 0, 1, 0.0, 1, 3, 33.3, 3)


def test_a_manager_cannot_choose_another_managers_team(client_for, manager, other_team, facts):
    page = client_for(manager).get(reverse("certify:impact_funnel"), {"team": other_team.pk})
    assert page.status_code == 200 and page.context["form"].errors["team"]
    assert _funnels(page)["Alpha"].steps[0].reps == 4  # the manager's own teams, never West's


def test_the_certification_filter_shows_that_certification_only(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"), {"certification": facts["beacon"].pk})
    assert list(_funnels(page)) == ["Beacon"]


def test_the_csv_has_a_row_per_step_and_a_row_per_levels_pass_rates(client_for, enablement_admin, facts):
    rows = _csv(client_for(enablement_admin))
    assert rows[0][:6] == ["Certification", "Row", "Step or level", "Reps", "Share of first step (%)", "Median days from previous step"]
    alpha = [row for row in rows if row[0] == "Alpha"]
    assert [row[:6] for row in alpha[:4]] == [
        ["Alpha", "Funnel step", "Assigned", "5", "100", ""],
        ["Alpha", "Funnel step", "Level 1 — content mastery", "3", "60", "20"],
        ["Alpha", "Funnel step", "Level 2 — application", "2", "40", "8"],
        ["Alpha", "Funnel step", "Level 3 — field execution", "1", "20", "5"],
    ]
    assert [row[2:3] + row[6:] for row in alpha[4:]] == [
        ["Level 1 — content mastery", "quiz attempts", "4", "1", "25", "7", "3", "42.9", "2"],
        ["Level 2 — application", "evaluations", "2", "1", "50", "3", "2", "66.7", "1.5"],
        ["Level 3 — field execution", "evaluations", "1", "1", "100", "1", "1", "100", "1"],
    ]
    beacon = next(row[:6] for row in rows if row[0] == "Beacon")
    assert beacon == ["Beacon", "Funnel step", "Eligible (open to all)", "6", "100", ""]
    assert len(rows) == 1 + 7 + 4 + 2  # the heading, Alpha, Beacon, Compass


def test_the_csv_of_a_manager_counts_only_their_teams(client_for, manager, facts):
    rows = _csv(client_for(manager))
    assert [row[3] for row in rows if row[0] == "Alpha" and row[1] == "Funnel step"] == ["4", "2", "2", "1"]


def test_with_no_certifications_the_page_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"))
    assert page.status_code == 200
    assert "There are no active certifications to show yet." in page.content.decode()
    assert len(_csv(client_for(enablement_admin))) == 1  # the heading only


def test_certifications_are_shown_ten_to_a_page(client_for, enablement_admin, facts):
    for number in range(9):
        CertificationFactory(title=f"Zeta {number}", levels=1)
    client = client_for(enablement_admin)
    first = client.get(reverse("certify:impact_funnel"))
    assert len(first.context["funnel"].funnels) == 10
    second = client.get(reverse("certify:impact_funnel"), {"page": "2"})
    assert list(_funnels(second)) == ["Zeta 7", "Zeta 8"]
    assert client.get(reverse("certify:impact_funnel"), {"page": "nonsense"}).status_code == 200


def test_an_absurd_window_is_refused_with_a_message_and_a_year_is_counted(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_funnel"), {"months": "-5"})
    assert page.status_code == 200 and "months" in page.context["form"].errors
    assert _rates(_funnels(page)["Alpha"])[0][5] == 7


def test_funnel_query_count_does_not_grow_with_reps_awards_and_attempts(client_for, enablement_admin, team, facts):
    client = client_for(enablement_admin)
    url = reverse("certify:impact_funnel")
    alpha = facts["alpha"]

    def add(count):
        for _ in range(count):
            extra = RepFactory()
            team.members.add(extra)
            team.save()
            _award(extra, alpha, 1, T0 + timedelta(days=3))
            _award(extra, alpha, 2, T0 + timedelta(days=9))
            _attempt(extra, alpha, 1, True)
            _evaluation(extra, alpha, 2, True, days_ago=5)
        progress_rollup_refresh()

    add(10)
    with_ten = queries_for(client, url)
    csv_with_ten = queries_for(client, reverse("certify:impact_funnel_export"))
    add(20)
    # 16: session, user, groups, the admin's second factor; the page count and the page's certifications, their
    # levels; reps assigned; every rep (Beacon is open to all); levels earned; median days of every step; pass
    # rates with attempts to pass; when the rollup was counted; the filter's teams and certifications; the bell's
    # unread count. The CSV: the same without the page count, the count's time, the filter's choices and the bell
    # (11).
    assert with_ten == 16 and csv_with_ten == 11
    assert queries_for(client, url) == with_ten
    assert queries_for(client, reverse("certify:impact_funnel_export")) == csv_with_ten


def test_a_managers_funnel_query_count_does_not_grow_with_their_reps(client_for, manager, team, facts):
    client = client_for(manager)
    url = reverse("certify:impact_funnel")
    before = queries_for(client, url)
    for _ in range(20):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
        _award(extra, facts["alpha"], 1, T0 + timedelta(days=3))
        _attempt(extra, facts["alpha"], 1, False)
    progress_rollup_refresh()
    assert before == 15  # the admin's 16 without a second factor to check
    assert queries_for(client, url) == before
