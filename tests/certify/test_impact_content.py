"""Content to readiness: the first-attempt pass rate of reps who opened a page before their attempt against those
who did not, hidden for small groups, and the study material few target reps open — exact figures, page and CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus, ReviewOption
from certify.models import Assignment, Certification
from content.models import PageView
from tests.factories.certify import CertificationFactory, ManagerFactory, RepFactory, TeamFactory
from tests.factories.content import article
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def _attempt(rep, quiz, *, passed, number=1, days_ago=10):
    return Attempt.objects.create(
        quiz=quiz, user=rep, number=number, status=AttemptStatus.SUBMITTED, started_at=timezone.now() - timedelta(days=days_ago),
        submitted_at=timezone.now() - timedelta(days=days_ago), pass_mark=80, review=ReviewOption.FULL, passed=passed,
    )  # fmt: skip


def _view(rep, page, *, days_ago):
    moment = timezone.now() - timedelta(days=days_ago)
    return PageView.objects.create(user=rep, page=page, first_seen=moment, last_seen=moment, count=1)


def _names(level, *pages):
    level.study_material = [("page", page) for page in pages]
    level.save()


@pytest.fixture
def facts(hub, manager, settings):
    """Alpha (assigned: to team East, and to r5 himself) names "Primer" and "Deep dive"; Beta (open to all) names
    "Objections"; "Unnamed" is in no study material.
    East (manager's) holds r1–r6; West holds r7. First attempts at Alpha's quiz 10 days ago:
    r1 passed, r2 failed, r3 passed — each opened Primer 11 days ago (before); r4 failed and r6 failed, never
    opened it; r5 passed but opened Primer 5 days ago (after); r7 (West) passed, opened it before.
    r4 also passed a second attempt (not a first attempt). r1 passed Beta's quiz. r1 opened Deep dive before.
    Objections was opened by r1, r2 and r3."""
    settings.IMPACT_MIN_GROUP = 2
    primer, deep, objections = article(hub, title="Primer"), article(hub, title="Deep dive"), article(hub, title="Objections")
    unnamed = article(hub, title="Unnamed")
    alpha = CertificationFactory(title="Alpha cert", open_to_all=False)
    beta = CertificationFactory(title="Beta cert", open_to_all=True)
    alpha_level, beta_level = alpha.levels.get(number=1), beta.levels.get(number=1)
    _names(alpha_level, primer, deep)
    _names(beta_level, objections)
    r1, r2, r3, r4, r5, r6, r7 = RepFactory.create_batch(7)
    east = TeamFactory(name="East", managers=[manager], members=[r1, r2, r3, r4, r5, r6])
    TeamFactory(name="West", managers=[ManagerFactory()], members=[r7])
    Assignment.objects.create(level=alpha_level, team=east, due_date=timezone.localdate())
    # r6 is on East, so assigned through the team; r5 also has an assignment of his own (counted once).
    Assignment.objects.create(level=alpha_level, user=r5, due_date=timezone.localdate())
    quiz = alpha_level.quiz
    for rep, passed in ((r1, True), (r2, False), (r3, True), (r7, True)):
        _view(rep, primer, days_ago=11)
        _attempt(rep, quiz, passed=passed)
    _attempt(r4, quiz, passed=False)
    _attempt(r4, quiz, passed=True, number=2, days_ago=3)
    _attempt(r6, quiz, passed=False)
    _attempt(r5, quiz, passed=True)
    _view(r5, primer, days_ago=5)
    _attempt(r1, beta_level.quiz, passed=True)
    _view(r1, deep, days_ago=11)
    for rep in (r1, r2, r3):
        _view(rep, objections, days_ago=1)
    return {"primer": primer, "deep": deep, "objections": objections, "unnamed": unnamed, "east": east, "quiz": quiz}


def _rows(page):
    return {row.title: row for row in page.context["comparisons"]}


def _study(page):
    return [(row.title, row.certification, row.targets, row.opened, row.share, row.low) for row in page.context["study"].object_list]


def test_reps_who_opened_the_page_before_their_first_attempt_are_compared_with_those_who_did_not(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_content"))
    primer = _rows(page)["Primer"]
    assert primer.certifications == ["Alpha cert"]
    assert (primer.opened, primer.opened_passed, primer.opened_rate) == (4, 3, 75.0)  # r1, r2, r3, r7
    assert (primer.not_opened, primer.not_opened_passed, primer.not_opened_rate) == (3, 1, 33.3)  # r4, r5, r6
    assert primer.difference == 41.7
    html = page.content.decode()
    assert "75.0 %" in html and "33.3 %" in html and "+41.7 points" in html
    assert "association, not proof of cause" in html


def test_a_page_opened_after_the_attempt_counts_as_not_opened(client_for, manager, facts):
    primer = _rows(client_for(manager).get(reverse("certify:impact_content")))["Primer"]
    # r5 passed, then opened Primer: he is among the "not opened" (with r4 and r6), so one of three passed.
    assert (primer.not_opened, primer.not_opened_passed) == (3, 1)


def test_a_manager_compares_only_the_reps_of_their_own_teams(client_for, manager, facts):
    page = client_for(manager).get(reverse("certify:impact_content"))
    primer = _rows(page)["Primer"]
    assert (primer.opened, primer.opened_passed, primer.opened_rate) == (3, 2, 66.7)  # r7 (West) is not counted
    assert (primer.not_opened, primer.not_opened_rate) == (3, 33.3)
    assert ("Objections", "Beta cert", 6, 3, 50.0, False) in _study(page)


def test_a_page_no_study_material_names_is_compared_on_every_level_one_quiz(client_for, enablement_admin, facts):
    unnamed = _rows(client_for(enablement_admin).get(reverse("certify:impact_content")))["Unnamed"]
    assert unnamed.certifications == []
    # Seven first attempts at Alpha's quiz and one at Beta's; nobody opened the page.
    assert (unnamed.opened, unnamed.not_opened, unnamed.not_opened_passed) == (0, 8, 5)
    assert not unnamed.comparable  # nobody opened it: nothing to compare with


def test_a_comparison_with_a_group_below_the_minimum_is_hidden(client_for, enablement_admin, facts, settings):
    page = client_for(enablement_admin).get(reverse("certify:impact_content"))
    deep = _rows(page)["Deep dive"]
    assert (deep.opened, deep.not_opened) == (1, 6)  # only r1 opened it before: one is below the minimum of 2
    assert not deep.comparable and deep.opened_rate is None and deep.not_opened_rate is None
    assert _rows(page)["Unnamed"].comparable is False  # nobody opened it
    settings.IMPACT_MIN_GROUP = 4
    page = client_for(enablement_admin).get(reverse("certify:impact_content"))
    primer = _rows(page)["Primer"]
    assert not primer.comparable  # 4 opened it, but only 3 did not
    html = page.content.decode()
    assert "too few reps to compare" in html and "75.0 %" not in html
    assert "fewer than 4 first attempts" in html


def test_study_material_few_target_reps_open_is_listed_lowest_share_first_and_flagged_below_half(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_content"))
    assert _study(page) == [
        ("Deep dive", "Alpha cert", 6, 1, 16.7, True),  # assigned to East (six reps, r5 counted once)
        ("Objections", "Beta cert", 7, 3, 42.9, True),  # open to all: every rep counted
        ("Primer", "Alpha cert", 6, 4, 66.7, False),  # r1, r2, r3, r5 (ever opened; West's r7 is not a target)
    ]
    html = page.content.decode()
    assert "below 50 %" in html and "16.7 %" in html
    chart = page.context["study_chart"]
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("Deep dive (Alpha cert)", "16.7 %"), ("Objections (Beta cert)", "42.9 %"), ("Primer (Alpha cert)", "66.7 %"),
    ]  # fmt: skip
    assert chart.summary == "2 of the 3 study pages listed here are opened by fewer than half of their certification's target reps."


def test_the_csv_has_the_same_figures_as_the_page(client_for, enablement_admin, facts):
    client = client_for(enablement_admin)
    response = client.get(reverse("certify:impact_content_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["Primer"] == ["Primer", "Alpha cert", "4", "3", "75", "3", "1", "33.3"]
    assert by_title["Deep dive"][2:] == ["1", "too few reps to compare", "too few reps to compare", "6", "too few reps to compare", "too few reps to compare"]
    study = client.get(reverse("certify:impact_content_export"), {"table": "study"})
    rows = list(csv.reader(io.StringIO(b"".join(study.streaming_content).decode())))
    assert rows[1:] == [
        ["Alpha cert", "Deep dive", "6", "1", "16.7", "yes"],
        ["Beta cert", "Objections", "7", "3", "42.9", "yes"],
        ["Alpha cert", "Primer", "6", "4", "66.7", "no"],
    ]


def test_an_unknown_csv_table_is_not_found(client_for, enablement_admin, facts):
    assert client_for(enablement_admin).get(reverse("certify:impact_content_export"), {"table": "secret"}).status_code == 404


def test_choosing_a_certification_compares_only_its_pages_on_its_quiz(client_for, enablement_admin, facts):
    beta = Certification.objects.get(title="Beta cert")
    page = client_for(enablement_admin).get(reverse("certify:impact_content"), {"certification": beta.pk})
    assert list(_rows(page)) == ["Objections"]
    objections = _rows(page)["Objections"]
    assert (objections.opened, objections.not_opened, objections.not_opened_passed) == (0, 1, 1)  # r1 opened it after
    assert _study(page) == [("Objections", "Beta cert", 7, 3, 42.9, True)]


def test_attempts_outside_the_window_are_not_counted(client_for, enablement_admin, facts):
    _attempt(RepFactory(), facts["quiz"], passed=False, days_ago=120)
    primer = _rows(client_for(enablement_admin).get(reverse("certify:impact_content"), {"months": "3"}))["Primer"]
    assert (primer.opened, primer.not_opened) == (4, 3)
    primer = _rows(client_for(enablement_admin).get(reverse("certify:impact_content"), {"months": "6"}))["Primer"]
    assert (primer.opened, primer.not_opened) == (4, 4)


def test_with_no_pages_and_no_certifications_the_page_says_so(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("certify:impact_content"))
    assert page.status_code == 200
    assert page.context["comparisons"] == [] and _study(page) == []
    html = page.content.decode()
    assert "No content pages to compare yet." in html
    assert "No certification's study material names a live page yet." in html


def test_a_bad_filter_gets_a_message_and_the_default_figures(client_for, enablement_admin, facts):
    page = client_for(enablement_admin).get(reverse("certify:impact_content"), {"months": "999", "page": "x", "study_page": "-4"})
    assert page.status_code == 200 and "months" in page.context["form"].errors
    assert _rows(page)["Primer"].opened == 4


def test_content_query_count_does_not_grow_with_reps_views_and_attempts(client_for, enablement_admin, manager, facts):
    urls = [reverse("certify:impact_content"), reverse("certify:impact_content_export")]
    before = {(who.pk, url): queries_for(client_for(who), url) for who in (enablement_admin, manager) for url in urls}
    east = facts["east"]
    for index in range(20):
        extra = RepFactory()
        east.members.add(extra)
        _view(extra, facts["primer"], days_ago=12)
        _view(extra, facts["objections"], days_ago=2)
        _attempt(extra, facts["quiz"], passed=index % 2 == 0)
    east.save()
    after = {(who.pk, url): queries_for(client_for(who), url) for who in (enablement_admin, manager) for url in urls}
    assert after == before
