"""Each award as an Open Badges 3.0 credential: valid against 1EdTech's schema, signed as a VC-JWT that a JOSE
library other than ours verifies with the published keys, and revocation shown in the status list at once."""

import base64
import gzip
import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import jwt
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from certify.models import Award
from certify.selectors.credentials import award_credential, award_for_credential
from certify.services import award_grant, award_revoke
from certify.services.credentials import signing_key_rotate, vc_jwt
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openbadges-3.0"
SCHEMA = json.loads((FIXTURES / "ob_v3p0_achievementcredential_schema.json").read_text())
VALIDATOR = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)


def _award(rep, **kwargs):
    certification = CertificationFactory(title="Pulse Revenue Insights", **kwargs)
    award = award_grant(user=rep, level=certification.levels.get(number=1))
    return award_for_credential(award.pk)


def _jwks():
    response = Client().get(reverse("certify:credential_keys"))
    assert response.status_code == 200
    return response.json()


def _verify(token, jwks=None):
    """Verify a VC-JWT with PyJWT (not the library that signed it) and the published key its header names."""
    header = jwt.get_unverified_header(token)
    keys = {key["kid"]: key for key in (jwks or _jwks())["keys"]}
    key = jwt.PyJWK(keys[header["kid"]]).key
    return jwt.decode(token, key, algorithms=["ES256"], options={"verify_aud": False})


def test_the_schema_fixture_tells_a_valid_credential_from_an_invalid_one():
    assert VALIDATOR.is_valid(json.loads((FIXTURES / "simple.json").read_text()))
    assert not VALIDATOR.is_valid(json.loads((FIXTURES / "simple-err-type.json").read_text()))


def test_an_award_is_an_open_badge_credential_the_schema_accepts(rep):
    credential = award_credential(_award(rep))
    errors = sorted(VALIDATOR.iter_errors(credential), key=str)
    assert not errors, [error.message for error in errors]
    assert {"OpenBadgeCredential", "AchievementCredential"} <= set(credential["type"])


def test_the_credential_names_the_issuer_achievement_holder_dates_evidence_and_status(rep):
    rep.first_name, rep.last_name = "Alex", "Rivera"
    rep.save()
    award = _award(rep)
    credential = award_credential(award)
    subject = credential["credentialSubject"]
    assert credential["issuer"]["name"] == "Certifiable" and credential["issuer"]["id"].endswith("/credentials/issuer/")
    assert subject["achievement"]["name"] == "Pulse Revenue Insights — Level 1 — content mastery"
    assert "quiz" in subject["achievement"]["criteria"]["narrative"]
    assert {"identityType": "name", "identityHash": "Alex Rivera"}.items() <= subject["identifier"][0].items()
    assert rep.email not in json.dumps(credential)  # the email only hashed
    assert credential["validFrom"].endswith("Z") and "validUntil" in credential
    assert credential["evidence"][0]["name"] == "Granted by enablement"
    assert credential["credentialStatus"]["statusListIndex"] == str(award.pk)
    assert credential["id"].endswith(f"/verify/{award.verification_token}/")


def test_the_credential_carries_no_score_attempt_or_failure(rep):
    from tests.certify.test_awards import _take_quiz

    level = CertificationFactory().levels.get(number=1)
    failed = _take_quiz(rep, level.quiz, right=False)
    passed = _take_quiz(rep, level.quiz, right=True)
    credential = award_credential(award_for_credential(Award.objects.get(user=rep).pk))
    assert credential["evidence"][0]["name"] == "Quiz"
    # The criteria say what the level asks of anyone (its pass mark); nothing else names a score.
    credential["credentialSubject"]["achievement"].pop("criteria")
    text = json.dumps(credential).lower()
    assert not [word for word in ("score", "fail", "attempt", "points", "%") if word in text]
    assert failed.passed is False and f"/attempts/{passed.pk}" not in text and f"/attempts/{failed.pk}" not in text


def test_the_study_material_is_given_as_alignment(rep, hub):
    from tests.factories.content import article

    page = article(hub, title="Pulse in ten minutes")
    certification = CertificationFactory()
    level = certification.levels.get(number=1)
    level.study_material = [("page", page)]
    level.save()
    credential = award_credential(award_for_credential(award_grant(user=rep, level=level).pk))
    alignment = credential["credentialSubject"]["achievement"]["alignment"]
    assert alignment == [{"type": ["Alignment"], "targetName": "Pulse in ten minutes", "targetUrl": page.full_url}]
    assert VALIDATOR.is_valid(credential)


def test_a_signed_credential_verifies_with_another_jose_library_and_the_published_keys(rep):
    award = _award(rep)
    token = vc_jwt(award_credential(award))
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "ES256" and header["jku"].endswith(reverse("certify:credential_keys"))
    payload = _verify(token)
    assert payload["id"] == payload["jti"] and payload["iss"] == payload["issuer"]["id"]
    assert VALIDATOR.is_valid({key: value for key, value in payload.items() if key not in {"iss", "jti", "nbf", "exp"}})


def test_a_changed_byte_in_the_payload_fails_verification(rep):
    token = vc_jwt(award_credential(_award(rep)))
    head, body, signature = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["credentialSubject"]["achievement"]["name"] = "Pulse Revenue Insights — Level 3 — field execution"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    with pytest.raises(jwt.InvalidSignatureError):
        _verify(f"{head}.{forged}.{signature}")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(jwt.exceptions.InvalidTokenError):
        _verify(f"{head}.{flipped}.{signature}")


def test_rotating_the_key_keeps_older_credentials_verifiable(rep):
    award = _award(rep)
    before = vc_jwt(award_credential(award))
    signing_key_rotate()
    after = vc_jwt(award_credential(award))
    assert jwt.get_unverified_header(before)["kid"] != jwt.get_unverified_header(after)["kid"]
    jwks = _jwks()
    assert _verify(before, jwks)["id"] == _verify(after, jwks)["id"]


def test_a_key_given_by_the_environment_signs_and_is_published(rep):
    from joserfc.jwk import ECKey

    key = ECKey.generate_key("P-256", private=True)
    with override_settings(CREDENTIAL_SIGNING_KEY=key.as_pem(private=True).decode()):
        token = vc_jwt(award_credential(_award(rep)))
        assert jwt.get_unverified_header(token)["kid"] == key.thumbprint()
        assert _verify(token)["type"]


def _revoked_bit(award):
    token = Client().get(reverse("certify:credential_status")).content.decode()
    status = _verify(token)
    encoded = status["credentialSubject"]["encodedList"]
    assert encoded.startswith("u") and status["credentialSubject"]["statusPurpose"] == "revocation"
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131_072
    return bool(bits[award.pk // 8] & (0x80 >> (award.pk % 8)))


def test_revoking_an_award_sets_its_bit_in_the_status_list_at_once(rep, enablement_admin):
    award = _award(rep)
    other = award_grant(user=rep, level=CertificationFactory().levels.get(number=1))
    assert _revoked_bit(award) is False
    award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted in error.")
    assert _revoked_bit(award) is True and _revoked_bit(other) is False


def test_an_expired_award_says_so_in_its_credential_dates(rep):
    award = _award(rep)
    Award.objects.filter(pk=award.pk).update(valid_until=timezone.now() - timedelta(days=1))
    credential = award_credential(award_for_credential(award.pk))
    assert credential["validUntil"] < timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(jwt.ExpiredSignatureError):
        _verify(vc_jwt(credential))


def test_the_holder_downloads_the_credential_as_json_and_as_a_signed_token(client, rep):
    award = _award(rep)
    client.force_login(rep)
    as_json = client.get(reverse("certify:credential_json", args=[award.pk]))
    assert as_json["Content-Disposition"].startswith("attachment;") and VALIDATOR.is_valid(json.loads(as_json.content))
    token = client.get(reverse("certify:credential_jwt", args=[award.pk])).content.decode()
    assert _verify(token)["id"] == json.loads(as_json.content)["id"]


def test_the_issuer_profile_is_served_at_its_id(rep):
    credential = award_credential(_award(rep))
    response = Client().get(urlparse(credential["issuer"]["id"]).path)
    assert response.status_code == 200 and response.json()["name"] == credential["issuer"]["name"]


def test_the_rotate_command_adds_a_key_and_keeps_the_old_one_published(rep):
    from io import StringIO

    from django.core.management import call_command

    before = {key["kid"] for key in _jwks()["keys"]}
    call_command("credential_key_rotate", stdout=StringIO())
    after = {key["kid"] for key in _jwks()["keys"]}
    assert before < after and len(after) == len(before) + 1
