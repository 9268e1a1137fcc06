import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

pytestmark = pytest.mark.django_db

IDP_SSO_URL = "https://idp.example.com/sso/saml"


def _certificate():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.com")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    return "".join(line for line in pem.splitlines() if "CERTIFICATE" not in line)


@pytest.fixture
def saml_configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "saml": {
            "APPS": [
                {
                    "name": "Acme SSO",
                    "provider_id": "https://idp.example.com/metadata",
                    "client_id": "acme",
                    "settings": {
                        "attribute_mapping": {"uid": "uid", "email": "email"},
                        "idp": {
                            "entity_id": "https://idp.example.com/metadata",
                            "sso_url": IDP_SSO_URL,
                            "x509cert": _certificate(),
                        },
                    },
                }
            ]
        }
    }


def test_saml_login_redirects_to_the_identity_provider_with_a_request(client, saml_configured):
    client.get("/accounts/saml/acme/login/?next=/", HTTP_HOST="localhost")  # the "continue" page
    response = client.post("/accounts/saml/acme/login/?next=/", HTTP_HOST="localhost")
    assert response.status_code == 302
    target = urlparse(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == IDP_SSO_URL
    assert "SAMLRequest" in parse_qs(target.query)


def test_saml_metadata_names_this_service_provider(client, saml_configured):
    response = client.get("/accounts/saml/acme/metadata/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert b"AssertionConsumerService" in response.content


def test_unknown_saml_organisation_is_not_found(client, saml_configured):
    response = client.get("/accounts/saml/nobody/login/", HTTP_HOST="localhost")
    assert response.status_code == 404


def test_sso_sign_up_is_closed_unless_auto_provisioning_is_on(settings, rf):
    from certify.adapters import SocialAccountAdapter

    settings.SSO_AUTO_PROVISION = False
    assert SocialAccountAdapter().is_open_for_signup(rf.get("/"), None) is False
    settings.SSO_AUTO_PROVISION = True
    assert SocialAccountAdapter().is_open_for_signup(rf.get("/"), None) is True
