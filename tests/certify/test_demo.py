import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certify.demo import DEMO_PASSWORD
from certify.models import Role, Team, User
from content.models import CaseStudyPage, ContentPage, PlaybookPage, Product

pytestmark = pytest.mark.django_db

LOGINS = {
    "admin@example.com": {Role.ENABLEMENT_ADMIN},
    "manager@example.com": {Role.MANAGER, Role.JUDGE},
    "judge@example.com": {Role.JUDGE},
    "rep@example.com": {Role.REP},
    "rep2@example.com": {Role.REP},
}


def _counts():
    return (User.objects.count(), Team.objects.count(), Product.objects.count(), ContentPage.objects.count())


@pytest.fixture
def demo(hub):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_demo_has_products_content_teams_and_the_documented_logins(demo):
    assert 3 <= Product.objects.count() <= 5
    assert 18 <= ContentPage.objects.live().count() <= 25
    assert CaseStudyPage.objects.count() >= 3 and PlaybookPage.objects.exists()
    for email, roles in LOGINS.items():
        person = User.objects.get(email=email)
        assert person.check_password(DEMO_PASSWORD)
        assert person.roles == roles
    assert Team.objects.get(name="East").managers.filter(email="manager@example.com").exists()
    assert Team.objects.get(name="East").members.filter(email="rep@example.com").exists()
    assert Team.objects.get(name="West").members.filter(email="rep2@example.com").exists()


def test_demo_people_read_times_in_different_zones_and_some_in_the_sites(demo):
    zones = dict(User.objects.values_list("email", "time_zone"))
    assert zones["rep@example.com"] == "America/New_York" and zones["judge@example.com"] == "Europe/London"
    assert zones["rep2@example.com"] == ""  # chose none: the site's zone applies
    assert User.objects.get(email="admin@example.com").wagtail_userprofile.current_time_zone == "Europe/London"


def test_loading_the_demo_twice_changes_nothing_and_keeps_edits(demo):
    before = _counts()
    product = Product.objects.get(code="PULSE")
    product.name = "Pulse (renamed by an admin)"
    product.save()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert _counts() == before
    assert Product.objects.get(code="PULSE").name == "Pulse (renamed by an admin)"


@pytest.mark.parametrize("email", [e for e in LOGINS if e != "admin@example.com"])
def test_each_demo_login_lands_on_its_home_page(client, demo, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("certify:home")
    assert b"Hello," in response.content


def test_demo_admin_signs_in_with_the_documented_authenticator_key(client, demo):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from certify.demo import DEMO_ADMIN_TOTP_SECRET

    response = client.post(reverse("account_login"), {"login": "admin@example.com", "password": DEMO_PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    code = format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certify:home")
    assert b"Enablement" in response.content


def test_every_demo_content_page_renders(client, demo):
    client.force_login(User.objects.get(email="rep@example.com"))
    for page in ContentPage.objects.live():
        response = client.get(page.get_url())
        assert response.status_code == 200, page.title


def test_demo_has_tips_from_several_reps_some_verified_and_one_hidden(demo):
    from certify.models import Tip

    assert 12 <= Tip.objects.count() <= 20
    assert Tip.objects.values("author").distinct().count() >= 4
    assert Tip.objects.filter(verified_at__isnull=False).count() >= 3
    assert Tip.objects.filter(hidden_at__isnull=False).count() == 1
    assert Tip.objects.filter(helpful_marks__isnull=False).distinct().count() >= 8


def test_demo_has_role_plays_in_every_state_the_readme_promises(demo):
    from assessments.models import AssessmentGuide, Evaluation, EvaluationStatus, RolePlayScenario, ScorecardStatus

    assert AssessmentGuide.objects.filter(product__code__in=["PULSE", "BEACON"]).count() == 2
    assert RolePlayScenario.objects.count() == 2
    released = Evaluation.objects.get(performer__email="rep@example.com", status=EvaluationStatus.RELEASED)
    assert released.passed is False and released.scorecards.filter(status=ScorecardStatus.SUBMITTED).count() == 2
    assert Evaluation.objects.filter(status=EvaluationStatus.FLAGGED).count() == 1
    for email in ("judge@example.com", "manager@example.com"):
        assert Evaluation.objects.filter(
            status=EvaluationStatus.SCHEDULED, scheduled_at__lte=timezone.now(),
            scorecards__judge__email=email, scorecards__status=ScorecardStatus.DRAFT,
        ).exists()
    assert Evaluation.objects.filter(status=EvaluationStatus.REQUESTED, performer__email="tom@example.com").exists()
    # Loading again adds nothing.
    before = Evaluation.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Evaluation.objects.count() == before


def test_demo_has_a_waiting_observation_for_the_manager_and_a_level_3_held_in_team_east(demo):
    from assessments.models import Evaluation, EvaluationKind, EvaluationStatus

    from certify.models import Award, CertificationLevel

    assert not CertificationLevel.objects.filter(number=3, guide__isnull=True).exists()
    assert CertificationLevel.objects.get(certification__slug="presenting-to-executives", number=3).countersign_required
    waiting = Evaluation.objects.get(kind=EvaluationKind.FIELD_OBSERVATION, status=EvaluationStatus.REQUESTED)
    assert (waiting.performer.email, waiting.observer.email) == ("rep@example.com", "manager@example.com")
    held = Award.objects.current().filter(level__number=3, evaluation__kind=EvaluationKind.FIELD_OBSERVATION)
    assert held.filter(user__teams__name="East").exists()


def test_the_demo_reps_home_has_something_coming_up_something_just_happened_and_a_next_step(client, demo):
    from tests.helpers import section

    riley = User.objects.get(email="rep@example.com")
    client.force_login(riley)
    html = client.get(reverse("certify:home")).content.decode()

    coming_up = section(html, "coming-up-heading")
    assert "Observed call: Northwind Logistics" in coming_up and "Quiz: Pulse Revenue Insights" in coming_up
    just_happened = section(html, "just-happened-heading")
    assert "role-play, Beacon Forecasting — level 2" in just_happened
    assert "No longer at Bronze" in just_happened and "Level 1 of Pulse Revenue Insights is not held" in just_happened
    assert "The Helix selling approach: content mastery" in just_happened
    assert "Take the Pulse Revenue Insights quiz" in section(html, "next-step-heading")
    assert riley.tier_status.tier is None and riley.tier_status.next_tier.name == "Bronze"


def test_demo_tips_meet_the_minimum_lengths():
    from certify.demo.data.tips import TIPS
    from certify.demo.tips import EDITED
    from certify.models import Tip
    from certify.services.tips import text_length
    from tests.factories.tips import TipFactory

    texts = [(title, body) for _a, _c, _s, _p, title, body, *_rest in TIPS] + [EDITED]
    texts.append((TipFactory.build().title, TipFactory.build().body))
    short = [title for title, body in texts if text_length(title) < Tip.TITLE_MIN or text_length(body) < Tip.BODY_MIN]
    assert not short


def test_demo_has_an_edited_tip_and_a_flagged_one_first_in_the_admins_tip_list(demo, client):
    from certify.models import Tip
    from certify.selectors import tips_for_moderation

    edited = Tip.objects.get(title="Show lineage on a field they already distrust")
    assert edited.edited_at is not None and edited.revisions.count() == 1
    first = tips_for_moderation().first()
    assert first.title == "Price Sentinel against audit findings" and first.open_flag_count == 2
    client.force_login(User.objects.get(email="admin@example.com"))
    listing = client.get("/admin/snippets/certify/tip/").content.decode()
    assert listing.index("Price Sentinel against audit findings") < listing.index(edited.title)


def test_demo_awards_carry_credentials_verifiable_without_signing_in(demo, client):
    from certify.models import Award, IssuerSettings

    assert IssuerSettings.load().name == "Certifiable Sales Enablement"
    rep = User.objects.get(email="rep@example.com")
    award = Award.objects.current().filter(user=rep, verification_public=True).first()
    assert award is not None
    assert client.get(reverse("certify:verification", args=[award.verification_token])).status_code == 200
    assert Award.objects.filter(user__email="rep2@example.com", verification_public=False).count() <= 1
    client.force_login(rep)
    assert award.verification_token in client.get(reverse("certify:my_credentials")).content.decode()
