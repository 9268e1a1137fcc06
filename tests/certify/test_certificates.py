"""The certificate PDF of an award: the holder, the certification and the verification address, as text."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from certify.selectors.credentials import verification_url
from certify.services import award_grant
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is needed: `make test` installs it"
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_certificate_names_the_holder_certification_and_verification_address(client, rep, tmp_path):
    rep.first_name, rep.last_name = "Alex", "Rivera"
    rep.save()
    certification = CertificationFactory(title="Pulse Revenue Insights")
    award = award_grant(user=rep, level=certification.levels.get(number=1))
    client.force_login(rep)
    response = client.get(reverse("certify:credential_certificate", args=[award.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(_pdf_text(response.content, tmp_path).split())
    assert "Alex Rivera" in text and "Pulse Revenue Insights" in text and "Certifiable" in text
    assert verification_url(award) in text.replace(" ", "") or verification_url(award) in text
    assert award.valid_until.strftime("%-d %B %Y") in text


def test_another_persons_certificate_is_not_found(client, rep, other_rep):
    award = award_grant(user=rep, level=CertificationFactory().levels.get(number=1))
    client.force_login(other_rep)
    assert client.get(reverse("certify:credential_certificate", args=[award.pk])).status_code == 404
