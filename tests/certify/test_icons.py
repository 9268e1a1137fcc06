import pytest
from django.test import Client

from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_sends_anyone_to_our_icon():
    # The static file itself answering 200 is checked in a real browser (tests/browser/test_navigation_on_a_phone.py).
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/certify/favicon.svg"


def test_every_page_links_our_icon(client, hub):
    client.force_login(RepFactory())
    for url in ("/", "/accounts/login/"):
        if url == "/accounts/login/":
            client.logout()
        response = client.get(url)
        assert response.status_code == 200
        assert b'<link rel="icon" href="/static/certify/favicon.svg" type="image/svg+xml">' in response.content
