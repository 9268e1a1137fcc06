"""What a rep sees of certifications: "My certifications", a certification's page, and starting its quiz."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Assignment, Award
from certify.services import (
    RENEWAL_WINDOW_DAYS,
    assignment_create,
    award_grant,
    award_grant_by_person,
    award_revoke,
)
from tests.factories.assessments import QuizFactory
from tests.factories.certify import CertificationFactory
from tests.factories.content import ProductFactory, article
from tests.helpers import queries_for as _queries, section as _section

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + timedelta(days=n)


def _level(certification, number=1):
    return certification.levels.get(number=number)


def _take_quiz(person, quiz, *, right=True):
    attempt = attempt_start(user=person, quiz=quiz)
    answer = [0] if right else [1]
    attempt_save_answers(
        actor=person, attempt_id=attempt.pk, answers={q.position: answer for q in attempt.questions.all()}
    )
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def _mine(client):
    response = client.get(reverse("certify:my_certifications"))
    assert response.status_code == 200
    return response.content.decode()


def _detail(client, certification):
    response = client.get(reverse("certify:certification_detail", args=[certification.slug]))
    assert response.status_code == 200
    return response.content.decode()


# --- My certifications ------------------------------------------------------------------


def test_assigned_levels_are_listed_soonest_due_first_with_how_long_is_left(client_for, rep, team, enablement_admin):
    later = CertificationFactory(title="Alpha Later", open_to_all=False)
    soon = CertificationFactory(title="Bravo Soon", open_to_all=False)
    tomorrow = CertificationFactory(title="Charlie Tomorrow", open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(later), users=[rep], due_date=_days(40))
    assignment_create(actor=enablement_admin, level=_level(soon), teams=[team], due_date=_days(5))
    assignment_create(actor=enablement_admin, level=_level(tomorrow), users=[rep], due_date=_days(1))
    assigned = _section(_mine(client_for(rep)), "assigned-heading")
    positions = [assigned.index(title) for title in ("Charlie Tomorrow", "Bravo Soon", "Alpha Later")]
    assert positions == sorted(positions)
    assert "Due tomorrow" in assigned and "Due in 5 days" in assigned
    due = _days(40)
    assert f"Due {due.day} {due:%b %Y}" in assigned and "Due in 40 days" not in assigned


def test_an_overdue_assignment_says_so(client_for, rep, enablement_admin):
    certification = CertificationFactory(title="Late Certification", open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), users=[rep], due_date=_days(0))
    # Time passes: the due date is now three days ago.
    overdue = _days(-3)
    Assignment.objects.filter(user=rep).update(due_date=overdue)
    assigned = _section(_mine(client_for(rep)), "assigned-heading")
    assert "Late Certification" in assigned
    assert f"Overdue since {overdue.day} {overdue:%b}" in assigned and "cert-overdue" in assigned


def test_a_rep_with_two_due_dates_for_a_level_sees_the_earlier_one(client_for, rep, team, enablement_admin):
    level = _level(CertificationFactory(title="Twice Assigned", open_to_all=False))
    assignment_create(actor=enablement_admin, level=level, teams=[team], due_date=_days(30))
    assignment_create(actor=enablement_admin, level=level, users=[rep], due_date=_days(4))
    assigned = _section(_mine(client_for(rep)), "assigned-heading")
    assert assigned.count("Twice Assigned") == 1 and "Due in 4 days" in assigned


def test_held_awards_show_until_when_they_are_valid(client_for, rep):
    expiring = CertificationFactory(title="Expiring One", levels__validity=12)
    lasting = CertificationFactory(title="Lasting One", levels__validity=None)
    award = award_grant(user=rep, level=_level(expiring))
    award_grant(user=rep, level=_level(lasting))
    held = _section(_mine(client_for(rep)), "held-heading")
    assert "Expiring One" in held and f"Valid until {award.valid_until.day} {award.valid_until:%b %Y}" in held
    assert "Lasting One" in held and "Does not expire" in held


def test_an_expired_award_is_not_held(client_for, rep):
    certification = CertificationFactory(title="Lapsed One", levels__validity=1)
    award_grant(user=rep, level=_level(certification), now=timezone.now() - timedelta(days=70))
    content = _mine(client_for(rep))
    assert "Lapsed One" not in _section(content, "held-heading")
    assert "Lapsed One" in _section(content, "open-heading")


def test_the_next_level_of_a_held_certification_is_a_next_step(client_for, rep):
    certification = CertificationFactory(title="Two Step", levels=2)
    award_grant(user=rep, level=_level(certification, 1))
    content = _mine(client_for(rep))
    next_steps = _section(content, "next-heading")
    assert "Two Step" in next_steps and "Level 2 — application" in next_steps
    assert "Two Step" in _section(content, "held-heading")
    assert "Two Step" not in _section(content, "open-heading")


def test_a_certification_held_to_its_last_level_has_no_next_step(client_for, rep):
    certification = CertificationFactory(title="All Done", levels=2)
    award_grant(user=rep, level=_level(certification, 1))
    award_grant(user=rep, level=_level(certification, 2))
    content = _mine(client_for(rep))
    assert "All Done" not in _section(content, "next-heading")
    assert _section(content, "held-heading").count("All Done") == 2


def test_certifications_open_to_everyone_are_offered(client_for, rep):
    CertificationFactory(title="Open Door", description="Everything about the open door.", open_to_all=True)
    open_ = _section(_mine(client_for(rep)), "open-heading")
    assert "Open Door" in open_ and "Everything about the open door." in open_
    assert "Start with content mastery" in open_ and "Continue the quiz" not in open_


def test_an_attempt_in_progress_offers_to_continue_the_quiz(client_for, rep, enablement_admin):
    open_cert = CertificationFactory(title="Open Door")
    assigned_cert = CertificationFactory(title="Assigned Door", open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(assigned_cert), users=[rep], due_date=_days(9))
    open_attempt = attempt_start(user=rep, quiz=_level(open_cert).quiz)
    assigned_attempt = attempt_start(user=rep, quiz=_level(assigned_cert).quiz)
    content = _mine(client_for(rep))
    open_section = _section(content, "open-heading")
    assigned_section = _section(content, "assigned-heading")
    assert "Continue the quiz" in open_section and reverse("certify:attempt", args=[open_attempt.pk]) in open_section
    assert "Continue the quiz" in assigned_section
    assert reverse("certify:attempt", args=[assigned_attempt.pk]) in assigned_section


def test_a_certification_neither_assigned_nor_open_appears_nowhere(client_for, rep, other_rep, enablement_admin):
    hidden = CertificationFactory(title="Somebody Else's", open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(hidden), users=[other_rep], due_date=_days(9))
    CertificationFactory(title="Retired One", open_to_all=True, active=False)
    CertificationFactory(title="Visible One", open_to_all=True)
    content = _mine(client_for(rep))
    assert "Visible One" in content
    assert "Somebody Else" not in content and "Retired One" not in content
    assert hidden.slug not in content


def test_nothing_to_show_says_so(client_for, rep):
    CertificationFactory(open_to_all=False)
    content = _mine(client_for(rep))
    assert "Nothing is assigned to you yet" in content


def test_my_certifications_query_count_does_not_grow(client_for, rep, team, enablement_admin):
    quiz = QuizFactory(questions=1)

    def one_of_each(n):
        assigned = CertificationFactory(open_to_all=False, product=ProductFactory(), levels__quiz=quiz)
        assignment_create(actor=enablement_admin, level=_level(assigned), users=[rep], due_date=_days(n % 20))
        team_assigned = CertificationFactory(open_to_all=False, levels=2, levels__quiz=QuizFactory(questions=1))
        assignment_create(actor=enablement_admin, level=_level(team_assigned, 2), teams=[team], due_date=_days(30))
        held = CertificationFactory(levels=2, levels__quiz=quiz)
        award_grant(user=rep, level=_level(held))
        opened = CertificationFactory(levels__quiz=QuizFactory(questions=1))
        attempt_start(user=rep, quiz=_level(opened).quiz)
        CertificationFactory(levels__quiz=QuizFactory(questions=1))

    one_of_each(0)
    client = client_for(rep)
    url = reverse("certify:my_certifications")
    client.get(url)
    one = _queries(client, url)
    for n in range(1, 21):
        one_of_each(n)
    content = _mine(client)
    assert content.count("Continue the quiz") == 21 and content.count("Needs level 1 first") == 21
    # Session, user, their roles; then teams, assignments, current awards, open attempts, certifications, levels.
    assert _queries(client, url) == one


# --- A certification's page ----------------------------------------------------------------


def test_a_certification_neither_open_nor_assigned_is_not_found(client_for, rep, other_rep, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), users=[other_rep], due_date=_days(9))
    client = client_for(rep)
    assert client.get(reverse("certify:certification_detail", args=[certification.slug])).status_code == 404
    assert client.get(reverse("certify:certification_detail", args=["no-such-certification"])).status_code == 404
    started = client.post(reverse("certify:level_start", args=[certification.slug, 1]))
    assert started.status_code == 404 and not Attempt.objects.exists()


def test_an_inactive_certification_is_not_found(client_for, rep):
    certification = CertificationFactory(open_to_all=True, active=False)
    assert client_for(rep).get(reverse("certify:certification_detail", args=[certification.slug])).status_code == 404


def test_the_certification_page_says_what_it_takes(client_for, rep, hub):
    quiz = QuizFactory(questions=6, pass_mark=75, time_limit_minutes=20, attempts_allowed=3)
    certification = CertificationFactory(levels__quiz=quiz, levels__validity=24)
    content = _detail(client_for(rep), certification)
    assert "score 75% or more on a 6-question quiz within 20 minutes" in content
    assert "You have 3 attempts" in content and "3 attempts left" in content
    assert "The award is valid for 24 months." in content
    assert "Start the quiz" in content and reverse("certify:level_start", args=[certification.slug, 1]) in content


def test_the_certification_page_counts_attempts_left_and_lists_past_attempts(client_for, rep):
    quiz = QuizFactory(questions=2, attempts_allowed=3)
    certification = CertificationFactory(levels__quiz=quiz)
    failed = _take_quiz(rep, quiz, right=False)
    content = _detail(client_for(rep), certification)
    assert "2 attempts left" in content and "Try again" in content
    attempts = content[content.index("Your attempts") :]
    assert reverse("certify:attempt_result", args=[failed.pk]) in attempts and "Attempt 1" in attempts
    assert "0%" in attempts and "Not yet" in attempts


def test_the_certification_page_links_the_published_study_material(client_for, rep, hub):
    certification = CertificationFactory()
    primer, draft = article(hub, title="Forecasting primer"), article(hub, title="Draft notes")
    draft.unpublish()
    level = _level(certification)
    level.study_material = [("page", primer), ("page", draft)]
    level.save()
    content = _detail(client_for(rep), certification)
    study = content[content.index("Study material") :]
    assert "Forecasting primer" in study and f'href="{primer.url}"' in study
    assert "Draft notes" not in content


def test_the_start_button_is_hidden_while_a_held_level_is_far_from_expiry(client_for, rep):
    certification = CertificationFactory(levels__validity=12)
    _take_quiz(rep, _level(certification).quiz)
    content = _detail(client_for(rep), certification)
    assert "Held until" in content
    assert reverse("certify:level_start", args=[certification.slug, 1]) not in content
    assert "Start the quiz" not in content and "Renew" not in content


def test_the_start_button_is_hidden_for_a_held_level_that_never_expires(client_for, rep):
    certification = CertificationFactory(levels__validity=None)
    _take_quiz(rep, _level(certification).quiz)
    content = _detail(client_for(rep), certification)
    assert reverse("certify:level_start", args=[certification.slug, 1]) not in content


def test_the_start_button_offers_renewal_inside_the_renewal_window(client_for, rep):
    certification = CertificationFactory(levels__validity=12)
    # Awarded long enough ago that fewer than RENEWAL_WINDOW_DAYS are left.
    award = award_grant(
        user=rep, level=_level(certification), now=timezone.now() - timedelta(days=365 - RENEWAL_WINDOW_DAYS + 20)
    )
    assert timedelta(0) < award.valid_until - timezone.now() < timedelta(days=RENEWAL_WINDOW_DAYS)
    content = _detail(client_for(rep), certification)
    assert "Renew: start the quiz" in content and reverse("certify:level_start", args=[certification.slug, 1]) in content


def test_level_2_offers_no_quiz_and_says_it_needs_level_1(client_for, rep):
    certification = CertificationFactory(levels=2)
    client = client_for(rep)
    content = _detail(client, certification)
    assert "Pass level 1 first: level 2 builds on it." in content  # a role-play scored by a panel
    assert reverse("certify:level_start", args=[certification.slug, 2]) not in content
    certification.levels.filter(number=2).update(guide=None)  # no guide: enablement grants it by hand
    content = _detail(client, certification)
    assert "Enablement grants this level when you have shown it" in content and "It needs level 1 first." in content
    assert reverse("certify:level_start", args=[certification.slug, 2]) not in content


def test_starting_the_quiz_sends_the_rep_to_the_attempt(client_for, rep):
    certification = CertificationFactory()
    response = client_for(rep).post(reverse("certify:level_start", args=[certification.slug, 1]))
    attempt = Attempt.objects.get(user=rep)
    assert response.status_code == 302 and response.url == reverse("certify:attempt", args=[attempt.pk])
    assert attempt.quiz == _level(certification).quiz and attempt.is_open


def test_starting_again_returns_the_attempt_in_progress(client_for, rep):
    certification = CertificationFactory()
    client = client_for(rep)
    first = client.post(reverse("certify:level_start", args=[certification.slug, 1]))
    second = client.post(reverse("certify:level_start", args=[certification.slug, 1]))
    assert first.url == second.url and Attempt.objects.filter(user=rep).count() == 1


def test_starting_an_assigned_certifications_quiz_works_for_the_assignee(client_for, rep, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), users=[rep], due_date=_days(9))
    response = client_for(rep).post(reverse("certify:level_start", args=[certification.slug, 1]))
    assert response.status_code == 302 and response.url == reverse("certify:attempt", args=[Attempt.objects.get(user=rep).pk])


def _refused(client, certification, reason):
    attempts_before = Attempt.objects.count()
    url = reverse("certify:level_start", args=[certification.slug, 1])
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("certify:certification_detail", args=[certification.slug])
    assert reason in client.get(response.url).content.decode()
    assert Attempt.objects.count() == attempts_before


def test_starting_a_level_already_held_is_refused_with_the_reason(client_for, rep):
    certification = CertificationFactory(levels__validity=12)
    _take_quiz(rep, _level(certification).quiz)
    award = Award.objects.get(user=rep)
    until = f"{award.valid_until.day} {award.valid_until:%B %Y}"
    _refused(client_for(rep), certification, f"You already hold level 1 — content mastery until {until}.")


def test_starting_is_refused_once_every_attempt_is_used(client_for, rep):
    quiz = QuizFactory(questions=2, attempts_allowed=1)
    certification = CertificationFactory(levels__quiz=quiz)
    _take_quiz(rep, quiz, right=False)
    _refused(client_for(rep), certification, "You have used your one attempt at this quiz. Your enablement team can tell you what comes next.")


def test_starting_is_refused_during_the_wait_after_a_failed_attempt(client_for, rep):
    quiz = QuizFactory(questions=2, wait_hours=24)
    certification = CertificationFactory(levels__quiz=quiz)
    _take_quiz(rep, quiz, right=False)
    _refused(client_for(rep), certification, "Take some time with the study material first.")


def test_an_admin_the_certification_is_not_assigned_to_is_sent_back(client_for, rep, enablement_admin):
    certification = CertificationFactory(open_to_all=False)
    assignment_create(actor=enablement_admin, level=_level(certification), users=[rep], due_date=_days(9))
    _refused(client_for(enablement_admin), certification, "This quiz is not open to you.")


def test_starting_a_level_without_a_quiz_is_refused(client_for, rep):
    certification = CertificationFactory(levels=2)
    award_grant(user=rep, level=_level(certification, 1))
    client = client_for(rep)
    response = client.post(reverse("certify:level_start", args=[certification.slug, 2]))
    assert response.url == reverse("certify:certification_detail", args=[certification.slug])
    assert not Attempt.objects.exists()
    assert client.post(reverse("certify:level_start", args=[certification.slug, 3])).status_code == 404


def test_certification_page_query_count_does_not_grow(client_for, rep, enablement_admin, hub):
    quiz = QuizFactory(questions=1)
    certification = CertificationFactory(levels=2, levels__quiz=quiz, product=ProductFactory())
    level = _level(certification)

    def one_more(pages):
        """A failed attempt, a study page and an award granted by hand, then revoked (award history)."""
        _take_quiz(rep, quiz, right=False)
        pages.append(article(hub))
        level.study_material = [("page", page) for page in pages]
        level.save()
        award = award_grant_by_person(actor=enablement_admin, user=rep, level=level, note="Checked.")
        award_revoke(actor=enablement_admin, award_id=award.pk, reason="Checked again.")

    pages = []
    one_more(pages)
    client = client_for(rep)
    url = reverse("certify:certification_detail", args=[certification.slug])
    client.get(url)
    one = _queries(client, url)
    for _ in range(20):
        one_more(pages)
    content = _detail(client, certification)
    assert "Attempt 21" in content and pages[-1].title in content and content.count("Checked again.") == 20
    # Session, user, their roles; certification, levels, quiz sections, level 2's active scenarios, current
    # awards, teams, assignments, attempts, study pages (one query for all), the site twice (page links),
    # award history; level 2 (a role-play): the rep's evaluations (availability is worked out from what is loaded).
    assert _queries(client, url) == one
