"""Every page sends a Content-Security-Policy, a Permissions-Policy and X-Frame-Options."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _policy(response) -> dict:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: set(values) for name, *values in directives}


def test_the_sites_pages_allow_scripts_from_our_own_files_only(client_for, rep, hub):
    policy = _policy(client_for(rep).get(reverse("certify:home")))
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}


def test_the_sign_in_page_has_the_sites_policy_too(client):
    response = client.get(reverse("account_login"))
    assert _policy(response)["script-src"] == {"'self'"}
    assert "camera=()" in response["Permissions-Policy"]


def test_the_wagtail_admin_gets_its_own_allowances_and_may_frame_its_preview(client_for, enablement_admin, hub):
    policy = _policy(client_for(enablement_admin).get("/admin/"))
    assert policy["script-src"] == {"'self'", "'unsafe-inline'"}
    assert policy["frame-ancestors"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_every_page_sends_a_permissions_policy_that_turns_off_camera_microphone_and_location(
    client_for, enablement_admin, hub, path
):
    response = client_for(enablement_admin).get(path)
    assert response.status_code == 200
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_no_page_may_be_framed(client_for, enablement_admin, hub, path):
    assert client_for(enablement_admin).get(path)["X-Frame-Options"] == "DENY"


def test_wagtails_page_preview_may_still_be_framed_by_the_admin(client_for, enablement_admin, hub):
    response = client_for(enablement_admin).get(f"/admin/pages/{hub.pk}/edit/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert _policy(response)["frame-ancestors"] == {"'self'"}


def test_the_framing_check_is_not_silenced():
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert "security.W019" not in settings.SILENCED_SYSTEM_CHECKS
