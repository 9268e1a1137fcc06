"""Who is struggling (failed attempts and evaluations, overdue and stalled levels), assignment completion per team,
and the nudge about an overdue level — each figure from known facts, in the page and in its CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, EvaluationStatus
from certify.exceptions import PermissionRefused
from certify.models import Assignment, Award, Nudge
from certify.services import nudge_send, progress_rollup_refresh
from tests.factories.certify import CertificationFactory, RepFactory
from tests.factories.evaluations import level2_evaluation
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

STRUGGLING = reverse("certify:impact_struggling")
STRUGGLING_CSV = reverse("certify:impact_struggling_export")
COMPLETION = reverse("certify:impact_completion")
COMPLETION_CSV = reverse("certify:impact_completion_export")


def _days_ago(days):
    return timezone.now() - timedelta(days=days)


def _attempt(rep, quiz, number, *, passed, days_ago):
    return Attempt.objects.create(
        quiz=quiz, user=rep, number=number, status=AttemptStatus.SUBMITTED, pass_mark=80, review="full",
        passed=passed, score=90 if passed else 40, started_at=_days_ago(days_ago), submitted_at=_days_ago(days_ago),
    )  # fmt: skip


def _award(rep, level, *, days_ago):
    return Award.objects.create(user=rep, certification=level.certification, level=level, awarded_at=_days_ago(days_ago))


def _assign(level, *, user=None, team=None, due_in_days):
    return Assignment.objects.create(level=level, user=user, team=team, due_date=timezone.localdate() + timedelta(days=due_in_days))


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


class Facts:
    pass


@pytest.fixture
def facts(rep, other_rep, team, other_team, enablement_admin):
    """East (managed by manager): Ann (rep), Bea and Cy. West (other_manager): Dan (other_rep).

    Certification "Pulse" (levels 1–2, its quiz allows 3 attempts); certification "Drift" (level 1).
    - Ann failed Pulse's quiz 400, 10 and 5 days ago (2 in a 12-month window; 3 of 3 attempts used); Drift level 1,
      assigned to East, was due 3 days ago and she does not hold it; Pulse level 1 is assigned to her, due in 10 days.
    - Bea holds Pulse level 1 since 30 days ago, level 2 is assigned to her and not held (stalled at 30 days);
      Drift level 1 is overdue for her too (through East).
    - Cy holds Pulse level 1 since 29 days ago with level 2 assigned (stalled only from 29 days), and holds Drift 1.
    - Dan's level 2 role-play was released as a fail 20 days ago.
    """
    f = Facts()
    f.ann, f.dan = rep, other_rep
    f.ann.first_name, f.ann.last_name = "Ann", "Archer"
    f.ann.save()
    f.dan.first_name, f.dan.last_name = "Dan", "Dale"
    f.dan.save()
    f.bea = RepFactory(first_name="Bea", last_name="Bell", email="bea@test.example")
    f.cy = RepFactory(first_name="Cy", last_name="Cole", email="cy@test.example")
    team.members.add(f.bea, f.cy)
    team.save()  # a team's members are kept when the team is saved
    f.team, f.other_team = team, other_team
    f.pulse = CertificationFactory(title="Pulse", slug="pulse", levels=2)
    f.drift = CertificationFactory(title="Drift", slug="drift", levels=1)
    f.pulse1, f.pulse2 = f.pulse.levels.get(number=1), f.pulse.levels.get(number=2)
    f.drift1 = f.drift.levels.get(number=1)
    f.quiz = f.pulse1.quiz
    f.quiz.title, f.quiz.attempts_allowed = "Pulse basics", 3
    f.quiz.save()
    _attempt(f.ann, f.quiz, 1, passed=False, days_ago=400)
    _attempt(f.ann, f.quiz, 2, passed=False, days_ago=10)
    _attempt(f.ann, f.quiz, 3, passed=False, days_ago=5)
    _assign(f.drift1, team=team, due_in_days=-3)
    _assign(f.pulse1, user=f.ann, due_in_days=10)
    _award(f.bea, f.pulse1, days_ago=30)
    _assign(f.pulse2, user=f.bea, due_in_days=20)
    _award(f.cy, f.pulse1, days_ago=29)
    _assign(f.pulse2, user=f.cy, due_in_days=20)
    _award(f.cy, f.drift1, days_ago=2)
    evaluation = level2_evaluation(rep=f.dan, admin=enablement_admin)
    evaluation.status, evaluation.passed, evaluation.released_at = EvaluationStatus.RELEASED, False, _days_ago(20)
    evaluation.save()
    progress_rollup_refresh()  # the list reads the progress rollup, rebuilt every few minutes
    return f


def _figures(rep):
    return (rep.failed_attempts, rep.attempts_used, rep.attempts_allowed, rep.failed_evaluations, rep.overdue, rep.stalled)


def test_admin_sees_every_struggling_rep_with_exact_counts_most_attention_first(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(STRUGGLING)
    struggling = page.context["struggling"]
    assert struggling.total == 3
    assert [rep.display_name for rep in struggling.rows] == ["Ann Archer", "Bea Bell", "Dan Dale"]
    ann, bea, dan = struggling.rows
    assert _figures(ann) == (2, 3, 3, 0, 1, 0)
    assert ann.attempts_quiz == "Pulse basics"
    assert [item.level for item in ann.overdue_levels] == [facts.drift1]
    assert _figures(bea) == (0, None, None, 0, 1, 1)
    assert _figures(dan) == (0, None, None, 1, 0, 0)
    html = page.content.decode()
    assert "3 reps to help" in html
    assert "3 of 3" in html
    assert struggling.totals == {"failed_attempts": 2, "failed_evaluations": 1, "overdue": 2, "stalled": 1}
    assert (
        "3 reps need help. Between them: 2 failed quiz attempts and 1 failed evaluations in the window; 2 overdue "
        "levels and 1 levels held for 30 days or more with the next one waiting."
    ) in html


def test_manager_sees_only_the_reps_of_their_own_teams_never_another_teams_failures(client_for, manager, facts):
    page = client_for(manager).get(STRUGGLING)
    assert page.context["struggling"].totals == {"failed_attempts": 2, "failed_evaluations": 0, "overdue": 2, "stalled": 1}
    assert [rep.display_name for rep in page.context["struggling"].rows] == ["Ann Archer", "Bea Bell"]
    assert "Dan Dale" not in page.content.decode()
    rows = _csv(client_for(manager).get(STRUGGLING_CSV))
    assert [row[0] for row in rows[1:]] == ["Ann Archer", "Bea Bell"]


def test_a_manager_cannot_choose_another_managers_team_and_falls_back_to_their_own(client_for, manager, facts):
    page = client_for(manager).get(STRUGGLING, {"team": facts.other_team.pk})
    assert page.context["form"].errors["team"]
    assert [rep.display_name for rep in page.context["struggling"].rows] == ["Ann Archer", "Bea Bell"]


def test_failed_attempts_count_only_inside_the_window(client_for, enablement_admin, facts):
    ann = client_for(enablement_admin).get(STRUGGLING, {"months": "24"}).context["struggling"].rows[0]
    assert ann.failed_attempts == 3
    ann = client_for(enablement_admin).get(STRUGGLING, {"months": "3"}).context["struggling"].rows[0]
    assert ann.failed_attempts == 2


def test_a_pass_resets_the_attempts_used_and_an_older_fail_still_counts_in_the_window(client_for, enablement_admin, facts):
    _attempt(facts.ann, facts.quiz, 4, passed=True, days_ago=1)
    progress_rollup_refresh()
    ann = client_for(enablement_admin).get(STRUGGLING).context["struggling"].rows[0]
    assert (ann.failed_attempts, ann.attempts_used) == (2, None)


def test_stalled_counts_a_level_held_exactly_the_threshold_of_days_but_not_one_day_less(client_for, enablement_admin, facts):
    client = client_for(enablement_admin)
    at_30 = {rep.display_name: rep.stalled for rep in client.get(STRUGGLING, {"stalled_days": "30"}).context["struggling"].rows}
    assert at_30 == {"Ann Archer": 0, "Bea Bell": 1, "Dan Dale": 0}  # Cy, 29 days, is not stalled (and not listed)
    at_29 = {rep.display_name: rep.stalled for rep in client.get(STRUGGLING, {"stalled_days": "29"}).context["struggling"].rows}
    assert at_29 == {"Ann Archer": 0, "Bea Bell": 1, "Cy Cole": 1, "Dan Dale": 0}
    at_31 = client.get(STRUGGLING, {"stalled_days": "31"}).context["struggling"]
    assert {rep.display_name: rep.stalled for rep in at_31.rows}["Bea Bell"] == 0


def test_holding_the_next_level_is_not_stalled(client_for, enablement_admin, facts):
    _award(facts.bea, facts.pulse2, days_ago=1)
    progress_rollup_refresh()
    bea = next(r for r in client_for(enablement_admin).get(STRUGGLING).context["struggling"].rows if r.pk == facts.bea.pk)
    assert (bea.stalled, bea.overdue) == (0, 1)


@pytest.mark.parametrize("value", ["6", "366", "thirty", "-1"])
def test_a_stalled_threshold_out_of_bounds_is_refused_with_a_message_and_30_days_is_counted(client_for, enablement_admin, facts, value):
    page = client_for(enablement_admin).get(STRUGGLING, {"stalled_days": value})
    assert page.status_code == 200
    assert "stalled_days" in page.context["form"].errors
    assert page.context["struggling"].stalled_days == 30
    assert 'id="error-summary"' in page.content.decode()


def test_struggling_csv_has_every_figure_the_page_shows(client_for, enablement_admin, facts):
    rows = _csv(client_for(enablement_admin).get(STRUGGLING_CSV))
    assert rows[0][:9] == ["Name", "Email", "Failed quiz attempts", "Attempts used", "Attempt limit", "Quiz", "Failed evaluations", "Overdue levels", "Stalled levels"]
    due = (timezone.localdate() - timedelta(days=3)).strftime("%-d %b %Y")
    assert rows[1] == ["Ann Archer", "rep@test.example", "2", "3", "3", "Pulse basics", "0", "1", "0", f"Drift, level 1 (due {due})", ""]
    assert rows[2][:9] == ["Bea Bell", "bea@test.example", "0", "", "", "", "0", "1", "1"]
    assert rows[3][:9] == ["Dan Dale", "other.rep@test.example", "0", "", "", "", "1", "0", "0"]
    assert len(rows) == 4


def test_struggling_with_nobody_to_help_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(STRUGGLING)
    assert page.context["struggling"].total == 0
    assert page.context["struggling"].totals == {"failed_attempts": 0, "failed_evaluations": 0, "overdue": 0, "stalled": 0}
    assert "Nobody here needs help right now." in page.content.decode()
    assert _csv(client_for(enablement_admin).get(STRUGGLING_CSV))[1:] == []


def test_choosing_a_certification_counts_only_its_levels(client_for, enablement_admin, facts):
    rows = client_for(enablement_admin).get(STRUGGLING, {"certification": facts.drift.pk}).context["struggling"].rows
    assert {rep.display_name: _figures(rep) for rep in rows} == {
        "Ann Archer": (0, None, None, 0, 1, 0),
        "Bea Bell": (0, None, None, 0, 1, 0),
    }


def _add_reps(team, count, facts):
    for _index in range(count):
        extra = RepFactory()
        team.members.add(extra)
        team.save()
        _attempt(extra, facts.quiz, 1, passed=False, days_ago=3)
        _award(extra, facts.pulse1, days_ago=60)
        _assign(facts.pulse2, user=extra, due_in_days=-1)
        Nudge.objects.create(sender=None, rep=extra, level=facts.pulse2, due_date=timezone.localdate())
    progress_rollup_refresh()


@pytest.mark.parametrize("url", [STRUGGLING, STRUGGLING_CSV, COMPLETION, COMPLETION_CSV])
def test_struggling_and_completion_query_counts_do_not_grow_from_10_to_30_reps(client_for, manager, facts, url):
    """For a manager, the struggling page runs 10 queries: session, user, the viewer's roles, how many reps need help,
    the page of them (every figure a subquery), their teams, their overdue levels, the totals over every rep
    listed, and the filter's teams and certifications; its CSV 5, the completion page 8 and its CSV 5 (an
    enablement admin's one more each). Never one query per rep or team."""
    client = client_for(manager)
    _add_reps(facts.team, 10, facts)
    before = queries_for(client, url)
    _add_reps(facts.team, 20, facts)
    assert queries_for(client, url) == before


def test_completion_per_team_counts_assigned_pairs_held_and_overdue(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(COMPLETION)
    rows = {row.team.name: (row.reps, row.assigned, row.held, row.overdue, row.completion) for row in page.context["completion"].rows}
    # East: Drift 1 × 3 reps, Pulse 1 × Ann, Pulse 2 × Bea and Cy = 6 pairs; Cy holds Drift 1; Ann's and Bea's are overdue.
    assert rows == {"East": (3, 6, 1, 2, 16.7), "West": (1, 0, 0, 0, None)}
    html = page.content.decode()
    assert "Assigned levels held now — East: 1 of 6 held (16.7 %), 2 overdue; West: nothing assigned." in html
    rows = _csv(client_for(enablement_admin).get(COMPLETION_CSV))
    assert rows == [
        ["Team", "Reps", "Assigned (rep × level)", "Held now", "Overdue", "Completion %"],
        ["East", "3", "6", "1", "2", "16.7"],
        ["West", "1", "0", "0", "0", ""],
    ]


def test_a_manager_reads_completion_of_their_own_teams_only(client_for, manager, facts):
    rows = client_for(manager).get(COMPLETION).context["completion"].rows
    assert [row.team.name for row in rows] == ["East"]


def test_completion_with_no_teams_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(COMPLETION)
    assert page.context["completion"].rows == []
    assert "There are no teams to count here yet." in page.content.decode()


def _nudge(client, rep, level, **extra):
    return client.post(reverse("certify:impact_nudge", args=[rep.pk]), {"level": getattr(level, "pk", level), **extra})


def test_nudge_emails_the_rep_about_the_overdue_level_with_a_link_and_records_it(
    client_for, manager, facts, django_capture_on_commit_callbacks
):
    facts.ann.time_zone = "Asia/Tokyo"
    facts.ann.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _nudge(client_for(manager), facts.ann, facts.drift1, query="months=6")
    assert response.status_code == 302 and response["Location"] == STRUGGLING + "?months=6"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rep@test.example"]
    assert message.subject == "A reminder about Drift, level 1"
    assert "http://testserver/certifications/drift/#level-1" in message.body
    due = (timezone.localdate() - timedelta(days=3)).strftime("%A %-d %B %Y")
    assert f"It was due on {due}, and it is still open." in message.body and manager.display_name in message.body
    assert "JST" in message.body  # the moment it was sent, in the rep's own zone
    nudge = Nudge.objects.get()
    assert (nudge.sender, nudge.rep, nudge.level) == (manager, facts.ann, facts.drift1)
    page = client_for(manager).get(STRUGGLING)
    ann = page.context["struggling"].rows[0]
    assert ann.last_nudged == nudge.sent_at
    assert "Nudge sent to Ann Archer about Drift, level 1." in page.content.decode()


def test_a_second_nudge_within_the_days_is_refused_and_nothing_is_sent(
    client_for, manager, facts, django_capture_on_commit_callbacks, settings
):
    settings.IMPACT_NUDGE_DAYS = 7
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        _nudge(client, facts.ann, facts.drift1)
        response = _nudge(client, facts.ann, facts.drift1)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and Nudge.objects.count() == 1
    assert "was already nudged about Drift, level 1" in client.get(STRUGGLING).content.decode()
    Nudge.objects.update(sent_at=timezone.now() - timedelta(days=7, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        _nudge(client, facts.ann, facts.drift1)
    assert len(mail.outbox) == 2 and Nudge.objects.count() == 2


def test_another_manager_cannot_nudge_a_rep_who_is_not_theirs(client_for, other_manager, facts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _nudge(client_for(other_manager), facts.ann, facts.drift1)
    assert response.status_code == 404
    assert mail.outbox == [] and not Nudge.objects.exists()


def test_the_service_refuses_a_nudge_from_someone_who_is_not_the_reps_manager(other_manager, facts):
    with pytest.raises(PermissionRefused):
        nudge_send(actor=other_manager, rep=facts.ann, level=facts.drift1)
    assert not Nudge.objects.exists()


def test_a_nudge_about_a_level_that_is_not_overdue_is_refused(client_for, enablement_admin, facts, django_capture_on_commit_callbacks):
    client = client_for(enablement_admin)
    with django_capture_on_commit_callbacks(execute=True):
        _nudge(client, facts.ann, facts.pulse1)  # assigned, due in 10 days
        _nudge(client, facts.ann, "not-a-number")
    assert mail.outbox == [] and not Nudge.objects.exists()
    assert "Choose one of the rep&#x27;s overdue levels. Nothing was sent." in client.get(STRUGGLING).content.decode()


def test_nudge_is_post_only(client_for, manager, facts):
    assert client_for(manager).get(reverse("certify:impact_nudge", args=[facts.ann.pk])).status_code == 405
