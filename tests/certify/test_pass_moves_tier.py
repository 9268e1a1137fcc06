"""A pass that moves the rep's tier is linked to the change it caused, and its result page says so; a pass that
did not move the tier, or a change something else caused, says nothing."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import Award, Tier, TierChange, TierRequiredLevel
from certify.services import award_grant_by_person, tier_recompute
from tests.factories.certify import CertificationFactory
from tests.factories.content import ProductFactory
from tests.factories.evaluations import level2_evaluation, submit
from tests.factories.observations import field_observation, level3_certification, sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(db):
    """Bronze: level 1 of the one core product (Pulse). Silver: level 1 of Beacon as well."""
    pulse = CertificationFactory(title="Pulse Revenue Insights", product=ProductFactory(name="Pulse", is_core=True))
    beacon = CertificationFactory(title="Beacon Forecasting")
    bronze = Tier.objects.create(name="Bronze", rank=1, core_level=1)
    silver = Tier.objects.create(name="Silver", rank=2)
    TierRequiredLevel.objects.create(tier=silver, certification=beacon, number=1)
    return SimpleNamespace(pulse=pulse, beacon=beacon, bronze=bronze, silver=silver)


def take_quiz(person, certification, *, right=True):
    """The person takes the certification's level-1 quiz, every answer right (or every one wrong)."""
    quiz = certification.levels.get(number=1).quiz
    attempt = attempt_start(user=person, quiz=quiz)
    # Unshuffled: the first choice of each factory question is the right one.
    answers = {question.position: [0 if right else 1] for question in attempt.questions.all()}
    attempt_save_answers(actor=person, attempt_id=attempt.pk, answers=answers)
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def result_page(client, attempt):
    return client.get(reverse("certify:attempt_result", args=[attempt.pk])).content.decode()


def test_a_quiz_pass_that_lifts_the_rep_from_bronze_to_silver_says_so_on_its_result_page(client_for, ladder, rep, enablement_admin):
    award_grant_by_person(actor=enablement_admin, user=rep, level=ladder.pulse.levels.get(), note="Checked.")
    assert rep.tier_status.tier == ladder.bronze

    attempt = take_quiz(rep, ladder.beacon)

    # Worked out in the same transaction as the pass: no background task needed for the page to know.
    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_name, change.to_name) == ("Bronze", "Silver")
    assert change.award == Award.objects.get(attempt=attempt)
    assert "This pass moved you from <strong>Bronze</strong> to <strong>Silver</strong>." in result_page(
        client_for(rep), attempt
    )


def test_a_first_tier_reached_by_a_pass_reads_as_the_reps_first_tier(client_for, ladder, rep):
    attempt = take_quiz(rep, ladder.pulse)
    assert "This pass placed you at <strong>Bronze</strong>, your first tier." in result_page(client_for(rep), attempt)


def test_only_the_pass_that_moved_the_tier_says_so(client_for, rep):
    pulse = CertificationFactory(title="Pulse", product=ProductFactory(is_core=True))
    beacon = CertificationFactory(title="Beacon", product=ProductFactory(is_core=True))
    Tier.objects.create(name="Bronze", rank=1, core_level=1)

    first = take_quiz(rep, pulse)  # half of bronze
    second = take_quiz(rep, beacon)  # the rest of it

    client = client_for(rep)
    assert "This pass" not in result_page(client, first)
    assert "This pass placed you at <strong>Bronze</strong>" in result_page(client, second)
    assert TierChange.objects.get(user=rep).award.attempt == second


def test_a_fail_and_a_pass_outside_every_tier_say_nothing_about_tiers(client_for, ladder, rep):
    failed = take_quiz(rep, ladder.pulse, right=False)
    elsewhere = take_quiz(rep, CertificationFactory(title="Sentinel Access Controls"))
    client = client_for(rep)
    assert not failed.passed and elsewhere.passed
    assert "This pass" not in result_page(client, failed) and "This pass" not in result_page(client, elsewhere)
    assert not TierChange.objects.filter(user=rep).exists()


def test_a_change_the_award_did_not_cause_is_not_linked_to_it(client_for, ladder, rep, enablement_admin):
    held = award_grant_by_person(actor=enablement_admin, user=rep, level=ladder.pulse.levels.get(), note="Checked.")
    assert rep.tier_status.tier == ladder.bronze
    # Pulse lapses with nobody recomputing; the next recompute comes with an unrelated pass.
    Award.objects.filter(pk=held.pk).update(valid_until=timezone.now() - timedelta(hours=1))

    attempt = take_quiz(rep, CertificationFactory(title="Sentinel Access Controls"))

    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_name, change.to_name, change.award) == ("Bronze", "", None)
    assert "This pass" not in result_page(client_for(rep), attempt)


def test_a_manager_reading_the_reps_pass_is_told_the_tier_it_moved(client_for, ladder, rep, team, manager):
    attempt = take_quiz(rep, ladder.pulse)
    page = result_page(client_for(manager), attempt)
    assert f"This pass placed {rep.display_name} at <strong>Bronze</strong>, their first tier." in page
    assert reverse("certify:rep_path") not in page.split("This pass")[1].split("</p>")[0]


def test_a_released_role_play_pass_that_moved_the_tier_says_so_on_the_result(client_for, rep, judge, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge])
    Tier.objects.create(name="Bronze", rank=1)
    silver = Tier.objects.create(name="Silver", rank=2)
    TierRequiredLevel.objects.create(tier=silver, certification=evaluation.level_link.level.certification, number=2)
    assert tier_recompute(user=rep).tier.name == "Bronze"

    submit(judge, evaluation, score=3)

    page = client_for(rep).get(reverse("certify:evaluation", args=[evaluation.pk])).content.decode()
    assert "You passed" in page
    assert "This pass moved you from <strong>Bronze</strong> to <strong>Silver</strong>." in page


def test_a_released_observation_pass_that_moved_the_tier_says_so_and_a_pass_that_did_not_is_silent(
    client_for, rep, manager, team
):
    gold_cert = level3_certification(title="Presenting to a senior executive")
    other_cert = level3_certification(title="Atlas field call")
    gold = Tier.objects.create(name="Gold", rank=1)
    TierRequiredLevel.objects.create(tier=gold, certification=gold_cert, number=3)
    elsewhere = field_observation(rep=rep, manager=manager, certification=other_cert, state="scheduled")
    moved = field_observation(rep=rep, manager=manager, certification=gold_cert, state="scheduled")

    sign_off(manager, elsewhere, score=3)
    sign_off(manager, moved, score=3)

    client = client_for(rep)
    assert "This pass" not in client.get(reverse("certify:evaluation", args=[elsewhere.pk])).content.decode()
    page = client.get(reverse("certify:evaluation", args=[moved.pk])).content.decode()
    assert "This pass placed you at <strong>Gold</strong>, your first tier." in page
