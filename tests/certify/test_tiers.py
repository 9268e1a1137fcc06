"""Keeping each rep's tier: recomputed when an award or a deal changes, nightly, and when the rules change.

The rules engine itself (which tier a set of facts reaches) is tested in test_tier_rules.py; these
tests go through the services and tasks that feed it and record what it decides.
"""

import csv
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certify import tasks
from certify.models import Award, RepTier, Tier, TierChange, TierRequiredLevel
from certify.selectors import core_certifications
from certify.services import (
    award_grant_by_person,
    award_revoke,
    deals_import,
    tier_recompute,
)
from tests.factories.certify import CertificationFactory, RepFactory
from tests.factories.content import ProductFactory

pytestmark = pytest.mark.django_db

PULSE_L1 = "Level 1 of Pulse Revenue Insights"
PULSE_L2 = "Level 2 of Pulse Revenue Insights"
BEACON_L1 = "Level 1 of Beacon Forecasting"


# --- Set-up ------------------------------------------------------------------------------------------


@pytest.fixture
def ladder(db):
    """Two core products, each with a two-level certification; bronze needs level 1 of every core product,
    silver level 2 of Pulse and a closed-won deal."""
    pulse = CertificationFactory(
        title="Pulse Revenue Insights", slug="pulse-revenue-insights", product=ProductFactory(name="Pulse"), levels=2
    )
    beacon = CertificationFactory(
        title="Beacon Forecasting", slug="beacon-forecasting", product=ProductFactory(name="Beacon"), levels=2
    )
    bronze = Tier.objects.create(name="Bronze", rank=1, core_level=1)
    silver = Tier.objects.create(name="Silver", rank=2, min_deals=1)
    TierRequiredLevel.objects.create(tier=silver, certification=pulse, number=2)
    return SimpleNamespace(pulse=pulse, beacon=beacon, bronze=bronze, silver=silver)


def grant(admin, person, certification, *numbers):
    """Grant these levels of a certification by hand, in turn; the last award."""
    award = None
    for number in numbers:
        level = certification.levels.get(number=number)
        award = award_grant_by_person(actor=admin, user=person, level=level, note="Checked by enablement.")
    return award


def crm_export(*rows):
    """A small Salesforce-style export: rows of (CRM id, owner email, account, stage, amount, close date)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Opportunity ID", "Owner Email", "Account Name", "Stage", "Amount Currency", "Amount", "Close Date"])
    for external_id, email, account, stage, amount, closed in rows:
        writer.writerow([external_id, email, account, stage, "USD", amount, f"{closed.month}/{closed.day}/{closed.year}"])
    return out.getvalue().encode()


def status_of(person):
    status = RepTier.objects.get(user=person)
    return status.tier, status.next_tier, status.progress, [item["label"] for item in status.missing]


def changes_of(person):
    return [(change.from_name, change.to_name) for change in TierChange.objects.filter(user=person).order_by("pk")]


# --- Recomputed when an award is granted ---------------------------------------------------------------


def test_granting_the_last_missing_level_places_the_rep_at_bronze_with_the_reason_recorded(
    ladder, rep, enablement_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.pulse, 1)
    # Halfway to bronze: a status, but no change of tier to record.
    assert status_of(rep) == (None, ladder.bronze, 50, [BEACON_L1])
    assert not TierChange.objects.filter(user=rep).exists()

    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.beacon, 1)

    change = TierChange.objects.get(user=rep)
    assert (change.from_tier, change.to_tier, change.from_name, change.to_name) == (None, ladder.bronze, "", "Bronze")
    assert change.reason == f"Placed at Bronze: every requirement met — {BEACON_L1} and {PULSE_L1}."
    assert status_of(rep) == (ladder.bronze, ladder.silver, 0, [PULSE_L2, "1 more closed deal (0 of 1)"])


def test_a_promotion_emails_the_rep_and_the_managers_of_their_team_only(
    ladder, rep, team, manager, other_team, other_manager, enablement_admin, mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.pulse, 1)
        grant(enablement_admin, rep, ladder.beacon, 1)

    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, manager.email])
    to_rep = next(message for message in mailoutbox if message.to == [rep.email])
    to_manager = next(message for message in mailoutbox if message.to == [manager.email])
    assert to_rep.subject == "You reached Bronze"
    assert to_manager.subject == f"{rep.display_name} reached Bronze"
    reason = TierChange.objects.get(user=rep).reason
    assert reason in to_rep.body and reason in to_manager.body
    assert "http://testserver" + reverse("certify:rep_path") in to_rep.body


def test_a_drop_in_tier_sends_no_email(ladder, rep, team, enablement_admin, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.pulse, 1)
        beacon = grant(enablement_admin, rep, ladder.beacon, 1)
    promotion_emails = len(mailoutbox)
    assert promotion_emails == 2  # the rep and their manager

    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(actor=enablement_admin, award_id=beacon.pk, reason="Granted in error.")

    assert changes_of(rep) == [("", "Bronze"), ("Bronze", "")]
    assert len(mailoutbox) == promotion_emails


# --- Recomputed when deals come in ----------------------------------------------------------------------


def test_importing_a_closed_won_deal_lifts_a_rep_who_has_the_levels_to_silver(
    ladder, rep, other_rep, team, manager, enablement_admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for person in (rep, other_rep):
            grant(enablement_admin, person, ladder.pulse, 1, 2)
            grant(enablement_admin, person, ladder.beacon, 1)
    assert status_of(rep)[:2] == (ladder.bronze, ladder.silver)
    mailoutbox.clear()

    closed = timezone.localdate() - timedelta(days=3)
    data = crm_export(
        ("006A", rep.email, "Acme Freight", "Closed Won", "$12,000.00", closed),
        # Lost: it is not a deal, so it lifts nobody.
        ("006B", other_rep.email, "Globex", "Closed Lost", "$50,000.00", closed),
    )
    with django_capture_on_commit_callbacks(execute=True):
        deals_import(actor=enablement_admin, file_name="crm.csv", data=data)

    assert changes_of(rep) == [("", "Bronze"), ("Bronze", "Silver")]
    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_tier, change.to_tier) == (ladder.bronze, ladder.silver)
    assert change.reason == f"Reached Silver: every requirement met — {PULSE_L2} and 1 closed deal."
    assert status_of(rep) == (ladder.silver, None, 100, [])
    assert sorted(message.to[0] for message in mailoutbox) == sorted([rep.email, manager.email])
    assert "(from Bronze)" in next(message for message in mailoutbox if message.to == [manager.email]).body
    assert changes_of(other_rep) == [("", "Bronze")]
    assert status_of(other_rep)[0] == ladder.bronze


# --- Recomputed when an award is revoked -----------------------------------------------------------------


def test_revoking_a_needed_award_drops_the_tier_and_names_the_level_no_longer_held(
    ladder, rep, enablement_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.pulse, 1)
        pulse_2 = grant(enablement_admin, rep, ladder.pulse, 2)
        beacon_1 = grant(enablement_admin, rep, ladder.beacon, 1)
        deals_import(
            actor=enablement_admin,
            file_name="crm.csv",
            data=crm_export(("006A", rep.email, "Acme", "Closed Won", "$9,000.00", timezone.localdate())),
        )
    assert status_of(rep) == (ladder.silver, None, 100, [])

    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(actor=enablement_admin, award_id=pulse_2.pk, reason="Role-play was scored by one judge only.")

    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_tier, change.to_tier, change.from_name, change.to_name) == (
        ladder.silver, ladder.bronze, "Silver", "Bronze"
    )
    assert change.reason == f"Dropped from Silver to Bronze: {PULSE_L2} is not held."
    # Silver asks two things; the deal is still there.
    assert status_of(rep) == (ladder.bronze, ladder.silver, 50, [PULSE_L2])
    missing = RepTier.objects.get(user=rep).missing
    assert missing == [{"kind": "level", "label": PULSE_L2, "slug": "pulse-revenue-insights", "number": 2}]

    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(actor=enablement_admin, award_id=beacon_1.pk, reason="Granted in error.")

    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_tier, change.to_tier, change.to_name) == (ladder.bronze, None, "")
    assert change.reason == f"No longer at Bronze (no tier now): {BEACON_L1} is not held."
    assert status_of(rep) == (None, ladder.bronze, 50, [BEACON_L1])


# --- Expiry ------------------------------------------------------------------------------------------------


def test_the_nightly_recompute_drops_a_rep_whose_award_has_expired(
    ladder, rep, other_rep, manager, judge, enablement_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grant(enablement_admin, rep, ladder.pulse, 1)
        beacon = grant(enablement_admin, rep, ladder.beacon, 1)
    assert status_of(rep)[0] == ladder.bronze

    # Awards expire with the passing of time and nothing in the platform touches them then: move this
    # one's end into the past, as a year going by would, without any service noticing.
    Award.objects.filter(pk=beacon.pk).update(valid_until=timezone.now() - timedelta(hours=1))
    assert status_of(rep)[0] == ladder.bronze  # nobody has recomputed yet

    with django_capture_on_commit_callbacks(execute=True):
        recomputed = tasks.tiers_recompute_all()

    assert recomputed == 2  # rep and other_rep: the manager, the judge and the admin have no tier
    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_name, change.to_name) == ("Bronze", "")
    assert change.reason == f"No longer at Bronze (no tier now): {BEACON_L1} is not held."
    assert status_of(rep) == (None, ladder.bronze, 50, [BEACON_L1])
    assert status_of(other_rep) == (None, ladder.bronze, 0, [BEACON_L1, PULSE_L1])


# --- Nothing to record ----------------------------------------------------------------------------------


def test_recomputing_when_nothing_changed_records_no_new_change(ladder, rep, enablement_admin):
    grant(enablement_admin, rep, ladder.pulse, 1)
    grant(enablement_admin, rep, ladder.beacon, 1)
    first = tier_recompute(user=rep)
    assert first.tier == ladder.bronze and changes_of(rep) == [("", "Bronze")]

    later = timezone.now() + timedelta(minutes=5)
    again = tier_recompute(user=rep, now=later)

    assert changes_of(rep) == [("", "Bronze")]
    assert (again.pk, again.tier, again.computed_at) == (first.pk, ladder.bronze, later)
    assert RepTier.objects.filter(user=rep).count() == 1


def test_only_active_reps_have_a_tier(ladder, rep, manager, judge, enablement_admin, django_capture_on_commit_callbacks):
    gone = RepFactory(is_active=False)
    for person in (manager, judge, enablement_admin, gone):
        assert tier_recompute(user=person) is None

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.tiers_recompute([manager.pk, judge.pk, enablement_admin.pk, gone.pk, rep.pk]) == 1
        tasks.tiers_recompute_all()

    assert list(RepTier.objects.values_list("user", flat=True)) == [rep.pk]
    assert not TierChange.objects.exclude(user=rep).exists()


# --- Core products ---------------------------------------------------------------------------------------


def test_each_active_core_product_counts_once_through_its_active_certification(ladder):
    # A core product's retired certification, sorting before the live one.
    CertificationFactory(title="Beacon Classic", product=ladder.beacon.product, active=False)
    CertificationFactory(title="Atlas Onboarding", product=ProductFactory(name="Atlas", is_core=False))
    CertificationFactory(title="Legacy CRM", product=ProductFactory(name="Legacy", is_core=True, active=False))
    CertificationFactory(title="Discovery calls")  # a topic, no product

    assert core_certifications() == [ladder.beacon, ladder.pulse]  # by product name


def test_bronze_needs_a_level_on_core_products_only(ladder, rep, enablement_admin):
    CertificationFactory(title="Beacon Classic", product=ladder.beacon.product, active=False)
    CertificationFactory(title="Atlas Onboarding", product=ProductFactory(name="Atlas", is_core=False))
    CertificationFactory(title="Legacy CRM", product=ProductFactory(name="Legacy", is_core=True, active=False))

    grant(enablement_admin, rep, ladder.pulse, 1)
    assert tier_recompute(user=rep).tier is None
    assert status_of(rep)[3] == [BEACON_L1]

    grant(enablement_admin, rep, ladder.beacon, 1)
    assert tier_recompute(user=rep).tier == ladder.bronze


def test_a_product_made_core_joins_bronze_and_drops_reps_without_it(ladder, rep, enablement_admin):
    atlas = CertificationFactory(title="Atlas Onboarding", product=ProductFactory(name="Atlas", is_core=False))
    grant(enablement_admin, rep, ladder.pulse, 1)
    grant(enablement_admin, rep, ladder.beacon, 1)
    assert tier_recompute(user=rep).tier == ladder.bronze

    atlas.product.is_core = True
    atlas.product.save()

    assert tier_recompute(user=rep).tier is None
    assert status_of(rep)[3] == ["Level 1 of Atlas Onboarding"]


# --- Rules changed in the admin -------------------------------------------------------------------------------


def _tier_form(tier, required_levels):
    return nested_form_data(
        {
            "name": tier.name,
            "rank": tier.rank,
            "description": tier.description,
            "core_level": tier.core_level or "",
            "required_levels": inline_formset(required_levels),
            "min_deals": tier.min_deals or "",
            "currency": tier.currency,
            "min_revenue": tier.min_revenue or "",
            "revenue_months": tier.revenue_months,
            "sustained_amount": tier.sustained_amount or "",
            "sustained_quarters": tier.sustained_quarters or "",
        }
    )


def test_raising_bronze_in_the_admin_recomputes_every_rep(
    ladder, rep, other_rep, client_for, enablement_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for person in (rep, other_rep):
            grant(enablement_admin, person, ladder.pulse, 1)
            grant(enablement_admin, person, ladder.beacon, 1)
        grant(enablement_admin, other_rep, ladder.pulse, 2)
    assert status_of(rep)[0] == status_of(other_rep)[0] == ladder.bronze

    data = _tier_form(ladder.bronze, [{"certification": ladder.pulse.pk, "number": 2}])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(enablement_admin).post(
            reverse("wagtailsnippets_certify_tier:edit", args=[ladder.bronze.pk]), data
        )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert list(ladder.bronze.required_levels.values_list("certification", "number")) == [(ladder.pulse.pk, 2)]
    change = TierChange.objects.filter(user=rep).first()
    assert (change.from_name, change.to_name) == ("Bronze", "")
    assert change.reason.startswith("No longer at Bronze (no tier now): ") and PULSE_L2 in change.reason
    # Bronze now asks level 2 of Pulse (which covers level 1) and level 1 of Beacon: one of two.
    assert status_of(rep) == (None, ladder.bronze, 50, [PULSE_L2])
    # Holding level 2 already, the other rep stays.
    assert changes_of(other_rep) == [("", "Bronze")]
    assert status_of(other_rep)[0] == ladder.bronze


def test_a_tier_that_reps_sit_in_cannot_be_deleted_in_the_admin(client_for, enablement_admin, rep):
    from django.urls import reverse

    from certify.models import RepTier, Tier

    bronze = Tier.objects.create(name="Bronze", rank=1)  # no requirements: every rep reaches it
    tier_recompute(user=rep)
    assert RepTier.objects.get(user=rep).tier == bronze

    client = client_for(enablement_admin)
    response = client.post(reverse("wagtailsnippets_certify_tier:delete", args=[bronze.pk]))

    assert response.status_code == 302
    assert Tier.objects.filter(pk=bronze.pk).exists()
    listing = client.get(response.headers["Location"]).content.decode()
    assert "Bronze cannot be deleted while reps sit in it" in listing


def test_a_tier_nobody_sits_in_can_be_deleted_in_the_admin(client_for, enablement_admin):
    from django.urls import reverse

    from certify.models import Tier

    platinum = Tier.objects.create(name="Platinum", rank=9, min_deals=1000)

    response = client_for(enablement_admin).post(reverse("wagtailsnippets_certify_tier:delete", args=[platinum.pk]))

    assert response.status_code == 302
    assert not Tier.objects.filter(pk=platinum.pk).exists()
