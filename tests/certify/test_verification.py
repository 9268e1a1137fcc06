"""The public verification page of an award, the holder's choice to switch it off, and "My credentials"."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import DomainError
from certify.models import Award
from certify.services import award_grant, award_revoke
from certify.services.credentials import award_verification_set
from tests.factories.certify import CertificationFactory, RepFactory

pytestmark = pytest.mark.django_db

# Words that would tell a verifier more than the award: scores, attempts, failures, the revocation's reason.
PRIVATE_WORDS = ["score", "attempt", "fail", "not yet", "%", "Copied answers"]


def _award(rep, **certification):
    certification = CertificationFactory(**certification)
    return award_grant(user=rep, level=certification.levels.get(number=1))


def _verify(award_or_token):
    token = getattr(award_or_token, "verification_token", award_or_token)
    return Client().get(reverse("certify:verification", args=[token]))


def _public_text(response):
    return response.content.decode()


def test_a_valid_award_is_verified_by_anyone_without_signing_in(rep):
    award = _award(rep, title="Pulse Revenue Insights")
    rep.first_name, rep.last_name = "Alex", "Rivera"
    rep.save()
    response = _verify(award)
    text = _public_text(response)
    assert response.status_code == 200
    assert "Alex Rivera" in text and "Pulse Revenue Insights" in text and "Level 1 — content mastery" in text
    assert "Valid" in text and award.awarded_at.strftime("%-d %B %Y") in text
    assert award.valid_until.strftime("%-d %B %Y") in text


def test_the_verification_address_is_a_random_token_not_the_award_id(rep):
    award = _award(rep)
    other = _award(RepFactory())
    assert len(award.verification_token) >= 32 and award.verification_token != other.verification_token
    assert str(award.pk) not in reverse("certify:verification", args=[award.verification_token]).split("/")[2:3]
    assert _verify(str(award.pk)).status_code == 404


def test_an_expired_award_is_shown_as_expired_with_its_date(rep):
    award = _award(rep)
    Award.objects.filter(pk=award.pk).update(
        awarded_at=timezone.now() - timedelta(days=400), valid_until=timezone.now() - timedelta(days=35)
    )
    award.refresh_from_db()
    text = _public_text(_verify(award))
    assert "Expired on " + award.valid_until.strftime("%-d %B %Y") in text
    assert "badge-ok" not in text


def test_a_revoked_award_shows_the_date_never_the_reason(rep, enablement_admin):
    award = _award(rep)
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Copied answers from a colleague.")
    award.refresh_from_db()
    response = _verify(award)
    text = _public_text(response)
    assert response.status_code == 200
    assert "Revoked on " + award.revoked_at.strftime("%-d %B %Y") in text
    assert "Copied answers" not in text and "colleague" not in text


def test_revoking_changes_the_verification_page_at_once(rep, enablement_admin):
    award = _award(rep)
    assert "Valid:" in _public_text(_verify(award))
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted in error.")
    assert "Revoked on" in _public_text(_verify(award))


def test_an_opted_out_award_and_a_missing_one_get_the_same_not_available_page(rep):
    award = _award(rep)
    award_verification_set(actor=rep, award_id=award.pk, public=False)
    opted_out, missing = _verify(award), _verify("no-such-award-token-at-all-000000")
    assert opted_out.status_code == missing.status_code == 404
    assert opted_out.content == missing.content
    assert "Verification not available" in opted_out.content.decode()
    assert rep.display_name not in opted_out.content.decode()


def test_no_score_attempt_or_failure_appears_on_the_verification_page(rep):
    certification = CertificationFactory(title="Pulse Revenue Insights")
    level = certification.levels.get(number=1)
    from tests.certify.test_awards import _take_quiz

    _take_quiz(rep, level.quiz, right=False)
    _take_quiz(rep, level.quiz, right=True)
    award = Award.objects.get(user=rep)
    text = _public_text(_verify(award)).lower()
    main = text.split('<main', 1)[1].split("</main>", 1)[0]
    assert not [word for word in PRIVATE_WORDS if word.lower() in main]


@override_settings(VERIFICATION_RATE_LIMIT=3)
def test_the_verification_page_is_rate_limited_per_address(rep):
    award = _award(rep)
    client = Client(REMOTE_ADDR="203.0.113.9")
    url = reverse("certify:verification", args=[award.verification_token])
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR="203.0.113.10").get(url).status_code == 200


def test_only_the_holder_switches_public_verification(rep, other_rep):
    award = _award(rep)
    with pytest.raises(DomainError):
        award_verification_set(actor=other_rep, award_id=award.pk, public=False)
    award.refresh_from_db()
    assert award.verification_public is True


def test_the_holder_switches_verification_off_and_on_from_my_credentials(client, rep):
    award = _award(rep)
    client.force_login(rep)
    url = reverse("certify:credential_visibility", args=[award.pk])
    assert client.post(url, {"public": "off"}).status_code == 302
    assert _verify(award).status_code == 404
    assert client.post(url, {"public": "on"}).status_code == 302
    assert _verify(award).status_code == 200


def test_a_bad_choice_changes_nothing_and_says_why(client, rep):
    award = _award(rep)
    client.force_login(rep)
    response = client.post(reverse("certify:credential_visibility", args=[award.pk]), {"public": "maybe"}, follow=True)
    award.refresh_from_db()
    assert award.verification_public is True
    assert "Choose whether anyone" in response.content.decode()


def test_another_persons_award_cannot_be_switched_off(client, rep, other_rep):
    award = _award(rep)
    client.force_login(other_rep)
    response = client.post(reverse("certify:credential_visibility", args=[award.pk]), {"public": "off"})
    award.refresh_from_db()
    assert response.status_code == 404 and award.verification_public is True


def test_my_credentials_lists_each_award_with_its_status_and_links(client, rep, enablement_admin):
    award = _award(rep)
    revoked = _award(rep, slug="beacon", title="Beacon")
    award_revoke(actor=enablement_admin, award_id=revoked.pk, reason="Granted in error.")
    client.force_login(rep)
    text = client.get(reverse("certify:my_credentials")).content.decode()
    assert award.verification_token in text and "Revoked" in text
    assert reverse("certify:credential_certificate", args=[award.pk]) in text
    assert "https://www.linkedin.com/profile/add?" in text


def test_my_credentials_queries_do_not_grow_with_awards(client, rep, django_assert_max_num_queries):
    client.force_login(rep)
    _award(rep)
    url = reverse("certify:my_credentials")
    client.get(url)
    # session, user, teams-free nav; the awards with their levels and certifications; the issuer settings.
    with django_assert_max_num_queries(8) as first:
        client.get(url)
    for n in range(20):
        _award(rep, slug=f"more-{n}", title=f"More {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_verification_page_needs_the_same_queries_whatever_the_data(rep, django_assert_max_num_queries):
    award = _award(rep)
    _verify(award)
    # the rate-limit counter (add), the award with holder, level and certification, the issuer settings.
    with django_assert_max_num_queries(4) as first:
        _verify(award)
    for n in range(20):
        _award(RepFactory(), slug=f"other-{n}", title=f"Other {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert _verify(award).status_code == 200


def test_the_linkedin_link_fills_in_the_certifications_fields(client, rep):
    from urllib.parse import parse_qs, urlparse

    award = _award(rep, title="Pulse Revenue Insights")
    client.force_login(rep)
    response = client.get(reverse("certify:my_credentials"))
    row = response.context["rows"][0]
    fields = {key: values[0] for key, values in parse_qs(urlparse(row.linkedin_url).query).items()}
    assert fields["name"] == "Pulse Revenue Insights — Level 1 — content mastery"
    assert fields["organizationName"] == "Certifiable" and fields["certId"] == award.verification_token
    assert fields["certUrl"] == row.verification_url and fields["issueYear"] == str(award.awarded_at.year)
    assert fields["expirationYear"] == str(award.valid_until.year)
