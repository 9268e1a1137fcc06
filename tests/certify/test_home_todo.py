"""A rep's home is a to-do list: what is coming up, what just happened, and the one next step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, Evaluation, Quiz
from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Assignment, Award, RepTier, Tier, TierChange, TierRequiredLevel
from certify.selectors import JUST_HAPPENED_LIMIT, rep_todo
from certify.services import award_grant, award_grant_by_person, tier_recompute
from tests.factories.certify import CertificationFactory
from tests.factories.evaluations import level2_certification, level2_evaluation, submit
from tests.factories.observations import field_observation, level3_certification
from tests.helpers import count_queries, section

pytestmark = pytest.mark.django_db


def home(client_for, person):
    return client_for(person).get(reverse("certify:home")).content.decode()


def coming_up(html):
    return section(html, "coming-up-heading")


def just_happened(html):
    return section(html, "just-happened-heading")


def next_step(html):
    return section(html, "next-step-heading")


def take_quiz(person, certification, *, right=True, now=None):
    quiz = certification.levels.get(number=1).quiz
    attempt = attempt_start(user=person, quiz=quiz, now=now)
    answers = {question.position: [0 if right else 1] for question in attempt.questions.all()}
    attempt_save_answers(actor=person, attempt_id=attempt.pk, answers=answers, now=now)
    return attempt_submit(actor=person, attempt_id=attempt.pk, now=now)


def assign(person, certification, number=1, *, days):
    """Assign a level due `days` from today (in the past too: an assignment that has gone overdue)."""
    return Assignment.objects.create(
        level=certification.levels.get(number=number), user=person, due_date=timezone.localdate() + timedelta(days=days)
    )


def todo_for(person):
    return rep_todo(user=person, teams=list(person.teams.all()), tier_status=RepTier.objects.filter(user=person).first())


# --- Coming up ----------------------------------------------------------------------------------------------


def test_coming_up_shows_the_reps_booked_role_play_with_its_time_and_place_and_not_another_reps(
    client_for, rep, other_rep, judge, enablement_admin
):
    mine = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False)
    theirs = level2_evaluation(rep=other_rep, admin=enablement_admin, judges=[judge], started=False)

    listed = coming_up(home(client_for, rep))

    assert reverse("certify:evaluation", args=[mine.pk]) in listed
    assert f"Role-play: {mine.subject}" in listed and "Session booked" in listed
    assert timezone.localtime(mine.scheduled_at).strftime("%H:%M") in listed and "Room 4, second floor" in listed
    assert reverse("certify:evaluation", args=[theirs.pk]) not in listed


def test_coming_up_shows_requested_and_accepted_observations(client_for, rep, manager, team):
    asked = field_observation(rep=rep, manager=manager, account="Contoso", call_at=timezone.now() + timedelta(days=3))
    accepted = field_observation(rep=rep, manager=manager, account="Fabrikam", state="scheduled",
                                 call_at=timezone.now() + timedelta(days=5))  # fmt: skip

    listed = coming_up(home(client_for, rep))

    assert "Observed call: Contoso" in listed and "Waiting for the manager's answer" in listed
    assert "Observed call: Fabrikam" in listed and "Accepted: call to observe" in listed
    assert f"observed by {manager.display_name}" in listed
    assert listed.index("Contoso") < listed.index("Fabrikam")  # the sooner call first
    assert reverse("certify:evaluation", args=[asked.pk]) in listed
    assert reverse("certify:evaluation", args=[accepted.pk]) in listed


def test_coming_up_puts_overdue_levels_first_then_everything_soonest_first(client_for, rep, judge, enablement_admin):
    later = CertificationFactory(title="Sentinel Access Controls", open_to_all=False)
    late = CertificationFactory(title="Atlas Data Platform", open_to_all=False)
    assign(rep, later, days=10)
    assign(rep, late, days=-3)
    level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False,
                      certification=level2_certification(title="Beacon Forecasting"))  # fmt: skip

    listed = coming_up(home(client_for, rep))

    assert listed.index("Atlas Data Platform") < listed.index("Beacon Forecasting") < listed.index("Sentinel")
    assert "Overdue since" in listed and "todo-overdue" in listed


def test_coming_up_shows_a_quiz_started_and_not_submitted(client_for, rep):
    certification = CertificationFactory(title="Pulse Revenue Insights")
    attempt = attempt_start(user=rep, quiz=certification.levels.get().quiz)
    listed = coming_up(home(client_for, rep))
    assert reverse("certify:attempt", args=[attempt.pk]) in listed and "In progress" in listed


def test_coming_up_leaves_out_what_is_over(client_for, rep, judge, enablement_admin):
    released = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    submit(judge, released, score=3)
    assert Evaluation.objects.get(pk=released.pk).is_released
    assert reverse("certify:evaluation", args=[released.pk]) not in coming_up(home(client_for, rep))


# --- Just happened ------------------------------------------------------------------------------------------


def test_just_happened_shows_results_awards_and_tier_changes_newest_first(client_for, rep, judge, enablement_admin):
    now = timezone.now()
    quiz_cert = CertificationFactory(title="Pulse Revenue Insights")
    passed = take_quiz(rep, quiz_cert, now=now - timedelta(days=5))
    role_play = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    submit(judge, role_play, score=1)
    Evaluation.objects.filter(pk=role_play.pk).update(released_at=now - timedelta(days=3))
    Tier.objects.create(name="Bronze", rank=1)
    tier_recompute(user=rep)
    TierChange.objects.filter(user=rep).update(at=now - timedelta(days=2))
    atlas = CertificationFactory(title="Atlas Data Platform").levels.get()
    granted = award_grant_by_person(actor=enablement_admin, user=rep, level=atlas, note="Certified last year.")
    Award.objects.filter(pk=granted.pk).update(awarded_at=now - timedelta(days=1))

    listed = just_happened(home(client_for, rep))

    order = ["Awarded: level 1 of Atlas Data Platform", "You reached Bronze",
             f"Not passed yet: role-play, {role_play.subject}", f"Passed: {passed.quiz.title}"]  # fmt: skip
    assert [listed.index(text) for text in order] == sorted(listed.index(text) for text in order)
    # The pass's own award goes with the pass, not on a line of its own.
    assert "level 1 of Pulse Revenue Insights is yours" in listed
    assert "Awarded: level 1 of Pulse Revenue Insights" not in listed
    assert reverse("certify:attempt_result", args=[passed.pk]) in listed
    assert reverse("certify:evaluation", args=[role_play.pk]) in listed


def test_just_happened_leaves_out_other_reps_and_what_is_older_than_30_days(client_for, rep, other_rep):
    certification = CertificationFactory(title="Pulse Revenue Insights")
    theirs = take_quiz(other_rep, certification)
    old = take_quiz(rep, CertificationFactory(title="Beacon Forecasting"), now=timezone.now() - timedelta(days=31))
    Award.objects.filter(attempt=old).update(awarded_at=timezone.now() - timedelta(days=31))

    listed = just_happened(home(client_for, rep))

    assert reverse("certify:attempt_result", args=[theirs.pk]) not in listed
    assert reverse("certify:attempt_result", args=[old.pk]) not in listed
    assert "Nothing in the last 30 days" in listed


def test_just_happened_shows_only_the_newest_ten(client_for, rep):
    certification = CertificationFactory(title="Pulse Revenue Insights")
    start = timezone.now() - timedelta(days=20)
    attempts = [take_quiz(rep, certification, right=False, now=start + timedelta(hours=n)) for n in range(12)]

    listed = just_happened(home(client_for, rep))

    assert listed.count('class="todo-item"') == JUST_HAPPENED_LIMIT == 10
    for attempt in attempts[:2]:
        assert reverse("certify:attempt_result", args=[attempt.pk]) not in listed
    for attempt in attempts[2:]:
        assert reverse("certify:attempt_result", args=[attempt.pk]) in listed


def test_an_empty_home_says_what_to_do_in_each_section(client_for, rep):
    html = home(client_for, rep)
    assert "Nothing is booked or due" in coming_up(html) and reverse("certify:my_certifications") in coming_up(html)
    assert "Nothing in the last 30 days" in just_happened(html) and "take a quiz or book a role-play" in just_happened(html)
    assert "You are up to date" in next_step(html) and reverse("certify:rep_path") in next_step(html)


def test_managers_judges_and_admins_get_no_to_do_list(client_for, manager, judge, enablement_admin, team):
    for person in (manager, judge, enablement_admin):
        html = home(client_for, person)
        assert 'id="next-step-heading"' not in html and 'id="coming-up-heading"' not in html


# --- The next step ------------------------------------------------------------------------------------------


def test_the_next_step_is_to_finish_a_quiz_started(rep):
    attempt = attempt_start(user=rep, quiz=CertificationFactory(title="Pulse").levels.get().quiz)
    step = todo_for(rep).next_step
    assert (step.label, step.url) == ("Continue the quiz", reverse("certify:attempt", args=[attempt.pk]))


def test_an_overdue_quiz_comes_before_preparing_for_a_booked_role_play(rep, judge, enablement_admin):
    level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False)
    late = CertificationFactory(title="Atlas Data Platform", slug="atlas", open_to_all=False)
    assign(rep, late, days=-2)
    step = todo_for(rep).next_step
    assert (step.title, step.label) == ("Take the Atlas Data Platform quiz", "Take the quiz")
    assert step.url == reverse("certify:certification_detail", args=["atlas"]) and "It was due on" in step.detail


def test_a_booked_role_play_comes_before_a_level_due_later(rep, judge, enablement_admin):
    booked = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], started=False)
    assign(rep, CertificationFactory(open_to_all=False), days=20)
    step = todo_for(rep).next_step
    assert (step.label, step.url) == ("Prepare with the guide", reverse("certify:evaluation", args=[booked.pk]))
    assert "Your panel meets you on" in step.detail


def test_the_level_due_soonest_is_the_next_step_when_nothing_is_booked(rep):
    soon = CertificationFactory(title="Pulse", slug="pulse", open_to_all=False)
    assign(rep, CertificationFactory(open_to_all=False), days=20)
    assign(rep, soon, days=4)
    step = todo_for(rep).next_step
    assert (step.title, step.url) == ("Take the Pulse quiz", reverse("certify:certification_detail", args=["pulse"]))


def _silver_needs_level_2_of(evaluation):
    silver = Tier.objects.create(name="Silver", rank=1)
    TierRequiredLevel.objects.create(tier=silver, certification=evaluation.level_link.level.certification, number=2)
    tier_recompute(user=evaluation.performer)


def test_a_level_the_rep_has_asked_for_and_waits_on_a_panel_is_prepared_for(rep, enablement_admin):
    asked = level2_evaluation(rep=rep, admin=enablement_admin, started=False)  # no panel yet
    _silver_needs_level_2_of(asked)
    step = todo_for(rep).next_step
    assert (step.label, step.url) == ("Prepare with the guide", reverse("certify:evaluation", args=[asked.pk]))
    assert "while your panel is chosen" in step.detail


def test_a_role_play_being_scored_says_its_result_is_on_its_way(rep, judge, enablement_admin):
    scoring = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])  # the session was an hour ago
    _silver_needs_level_2_of(scoring)
    step = todo_for(rep).next_step
    assert (step.label, step.url) == ("See where it stands", reverse("certify:evaluation", args=[scoring.pk]))
    assert step.title.startswith("Your role-play result is on its way")


def test_a_level_2_the_next_tier_needs_is_requested_once_level_1_is_held(rep):
    certification = level2_certification(title="Beacon Forecasting", slug="beacon")
    award_grant(user=rep, level=certification.levels.get(number=1))
    silver = Tier.objects.create(name="Silver", rank=1)
    TierRequiredLevel.objects.create(tier=silver, certification=certification, number=2)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert (step.title, step.label) == ("Request the Beacon Forecasting role-play", "Request the role-play")
    assert step.url == reverse("certify:level_assessment", args=["beacon", 2]) and step.detail == "Silver needs it."


def test_a_level_the_next_tier_needs_starts_from_the_lowest_level_not_held(rep):
    certification = level2_certification(title="Beacon Forecasting", slug="beacon")
    silver = Tier.objects.create(name="Silver", rank=1)
    TierRequiredLevel.objects.create(tier=silver, certification=certification, number=2)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert step.title == "Take the Beacon Forecasting quiz" and "Level 2 builds on level 1" in step.detail


def test_a_level_3_the_next_tier_needs_asks_the_manager_for_an_observation(rep):
    certification = level3_certification(title="Presenting to a senior executive", slug="executive")
    for number in (1, 2):
        award_grant(user=rep, level=certification.levels.get(number=number))
    gold = Tier.objects.create(name="Gold", rank=1)
    TierRequiredLevel.objects.create(tier=gold, certification=certification, number=3)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert (step.label, step.url) == ("Ask for an observation", reverse("certify:level_assessment", args=["executive", 3]))


def test_after_a_failed_role_play_the_next_step_is_to_practise_until_the_wait_is_over(rep, judge, enablement_admin):
    failed = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    submit(judge, failed, score=1)
    certification = failed.level_link.level.certification
    silver = Tier.objects.create(name="Silver", rank=1)
    TierRequiredLevel.objects.create(tier=silver, certification=certification, number=2)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert (step.title, step.label) == (f"Practise for {certification.title} level 2", "Prepare with the guide")
    assert "you can ask again from" in step.detail


def test_a_quiz_in_its_wait_after_a_fail_is_studied_for(rep):
    certification = CertificationFactory(title="Pulse", slug="pulse", open_to_all=False)
    Quiz.objects.filter(pk=certification.levels.get().quiz_id).update(wait_hours=24)
    assign(rep, certification, days=4)
    take_quiz(rep, certification, right=False)
    step = todo_for(rep).next_step
    assert (step.title, step.label) == ("Study for the Pulse quiz", "Prepare with the study material")
    assert "You can try again from" in step.detail


def test_a_level_the_rep_may_not_take_yet_is_asked_for(rep):
    certification = CertificationFactory(title="Atlas Data Platform", open_to_all=False)
    bronze = Tier.objects.create(name="Bronze", rank=1)
    TierRequiredLevel.objects.create(tier=bronze, certification=certification, number=1)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert (step.title, step.url) == ("Ask for Atlas Data Platform", reverse("certify:rep_path"))
    assert "not assigned to you yet" in step.detail


def test_a_deal_the_next_tier_needs_points_to_the_path(rep):
    Tier.objects.create(name="Silver", rank=1, min_deals=1)
    tier_recompute(user=rep)
    step = todo_for(rep).next_step
    assert (step.title, step.url) == ("1 more closed deal (0 of 1)", reverse("certify:rep_path"))


def test_the_next_step_button_is_on_the_home_page(client_for, rep):
    attempt = attempt_start(user=rep, quiz=CertificationFactory().levels.get().quiz)
    assert f'class="button next-step-button" href="{reverse("certify:attempt", args=[attempt.pk])}">Continue the quiz' in (
        next_step(home(client_for, rep))
    )


# --- Queries ------------------------------------------------------------------------------------------------


def _a_reps_year(rep, judge, admin, n):
    """n of each: role-plays booked, quiz attempts submitted, certifications awarded, levels due, tier changes."""
    for _ in range(n):
        level2_evaluation(rep=rep, admin=admin, judges=[judge])  # began an hour ago: the panel is scoring it
        certification = CertificationFactory(open_to_all=False)
        assign(rep, certification, days=30)
        take_quiz(rep, CertificationFactory(), right=True)
        take_quiz(rep, CertificationFactory(), right=False)
        TierChange.objects.create(user=rep, from_name="", to_name="Bronze", reason="Placed at Bronze.")
        award_grant_by_person(actor=admin, user=rep, level=CertificationFactory().levels.get(), note="By hand.")


def test_the_reps_home_runs_no_more_queries_with_more_role_plays_attempts_and_certifications(
    client_for, rep, judge, enablement_admin, django_assert_max_num_queries
):
    due = CertificationFactory(title="Atlas Data Platform", open_to_all=False)
    assign(rep, due, days=3)  # the next step in both: take this quiz (its levels, the attempts, may the rep take it)
    _a_reps_year(rep, judge, enablement_admin, 1)
    client = client_for(rep)
    client.get(reverse("certify:home"))
    with count_queries() as few:
        client.get(reverse("certify:home"))

    _a_reps_year(rep, judge, enablement_admin, 12)
    assert Attempt.objects.filter(user=rep).count() > 20 and Award.objects.filter(user=rep).count() > 20

    with django_assert_max_num_queries(few.count):
        html = client.get(reverse("certify:home")).content.decode()
    assert "Take the Atlas Data Platform quiz" in next_step(html)
    assert just_happened(html).count('class="todo-item"') == 10
