"""Credentials an award is carried in outside the platform: the holder's choice of public verification, the issuer's
signing keys, and the Open Badges 3.0 credential and revocation status list signed as VC-JWTs (compact JWS, ES256).

Keys: CREDENTIAL_SIGNING_KEY (a private P-256 key, PEM or JWK JSON) when set; otherwise keys kept in the private
storage (STORAGES["private"], under credential-keys/), the first generated on first use. Rotating adds a key and
signs with it from then on; every key ever used stays in the published key set, so older credentials still verify.
"""

import base64
import gzip
import json
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import ECKey

from ..exceptions import DomainError
from ..models import Award, User
from ..selectors.credentials import (
    STATUS_LIST_CONTEXT,
    STATUS_LIST_MIN_BITS,
    STATUS_PURPOSE,
    award_credential,
    issuer_id,
    jwks_url,
    revoked_indexes,
    status_list_url,
    timestamp,
)

ALGORITHM = "ES256"
KEY_FOLDER = "credential-keys"


@transaction.atomic
def award_verification_set(*, actor: User, award_id: int, public: bool) -> Award:
    """The holder switches public verification of one of their awards on or off."""
    award = Award.objects.select_for_update().filter(pk=award_id).first()
    if award is None or award.user_id != actor.pk:
        raise DomainError("No such award of yours.")
    if award.verification_public != public:
        award.verification_public = public
        award.save(update_fields=["verification_public"])
    return award


# --- Keys ------------------------------------------------------------------------------------------


def _import(text: str) -> ECKey:
    text = text.strip()
    key = ECKey.import_key(json.loads(text) if text.startswith("{") else text)
    if not key.is_private or key.as_dict(private=False).get("crv") != "P-256":
        raise DomainError("The credential signing key must be a private P-256 (ES256) key.")
    return key


def _stored_keys() -> list:
    """The keys kept in the private storage, newest first (their file names start with the time they were made)."""
    storage = storages["private"]
    try:
        _folders, names = storage.listdir(KEY_FOLDER)
    except FileNotFoundError:
        return []
    keys = []
    for name in sorted((n for n in names if n.endswith(".jwk.json")), reverse=True):
        with storage.open(f"{KEY_FOLDER}/{name}") as handle:
            keys.append(_import(handle.read().decode()))
    return keys


def signing_key_rotate() -> ECKey:
    """Make a new signing key in the private storage; it signs from now on, and the older ones stay published."""
    key = ECKey.generate_key("P-256", private=True)
    name = f"{KEY_FOLDER}/{timezone.now():%Y%m%d%H%M%S%f}-{key.thumbprint()}.jwk.json"
    storages["private"].save(name, ContentFile(json.dumps(key.as_dict(private=True)).encode()))
    return key


def signing_keys() -> list:
    """Every key that has signed or signs: the one given by the environment first, then the stored ones."""
    keys = [_import(settings.CREDENTIAL_SIGNING_KEY)] if settings.CREDENTIAL_SIGNING_KEY else []
    return keys + _stored_keys()


def signing_key() -> ECKey:
    """The key that signs now, made on first use when the environment gives none."""
    keys = signing_keys()
    return keys[0] if keys else signing_key_rotate()


def public_key_set() -> dict:
    """The public keys as a JWK Set, each with its id (its RFC 7638 thumbprint), for anyone to verify with."""
    keys = signing_keys() or [signing_key()]
    seen, published = set(), []
    for key in keys:
        kid = key.thumbprint()
        if kid in seen:
            continue
        seen.add(kid)
        published.append({**key.as_dict(private=False), "kid": kid, "use": "sig", "alg": ALGORITHM})
    return {"keys": published}


# --- Signing -----------------------------------------------------------------------------------------


def vc_jwt(credential: dict) -> str:
    """A credential signed as a VC-JWT: the credential is the payload, with the JWT claims that mirror it."""
    key = signing_key()
    claims = {"iss": credential["issuer"]["id"] if isinstance(credential["issuer"], dict) else credential["issuer"]}
    claims["jti"] = credential["id"]
    claims["nbf"] = int(_parse(credential["validFrom"]).timestamp())
    if "validUntil" in credential:
        claims["exp"] = int(_parse(credential["validUntil"]).timestamp())
    subject = credential.get("credentialSubject", {})
    if isinstance(subject, dict) and subject.get("id"):
        claims["sub"] = subject["id"]
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key.thumbprint(), "jku": jwks_url()}
    payload = json.dumps({**credential, **claims}, separators=(",", ":"), ensure_ascii=False).encode()
    return jws.serialize_compact(header, payload, key, algorithms=[ALGORITHM])


def _parse(text: str):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def award_credential_signed(award: Award) -> str:
    return vc_jwt(award_credential(award))


def status_list_credential(now=None) -> dict:
    """The revocation list: a BitstringStatusListCredential whose bit at an award's index is 1 once it is revoked.

    Worked out on every request, so a revocation shows at once."""
    now = now or timezone.now()
    revoked = revoked_indexes()
    size = max(STATUS_LIST_MIN_BITS, (max(revoked, default=0) // 8 + 1) * 8)
    bits = bytearray(size // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")
    url = status_list_url()
    return {
        "@context": list(STATUS_LIST_CONTEXT),
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encoded,
        },
    }
