"""An id in a query string that names nothing, however long, is ignored or not found — never a server error."""

import pytest

pytestmark = pytest.mark.django_db

ABSURD_ID = "9" * 20


def test_sharing_a_tip_about_a_page_with_an_absurd_id_offers_the_form_without_a_page(hub, rep, client_for):
    client = client_for(rep)
    client.raise_request_exception = False
    response = client.get("/tips/new/", {"page": ABSURD_ID})
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_starting_an_observation_for_an_absurd_rep_id_is_not_found(hub, team, manager, client_for):
    client = client_for(manager)
    client.raise_request_exception = False
    assert client.get("/observations/new/", {"rep": ABSURD_ID}).status_code == 404
    assert client.get("/observations/new/", {"rep": "１"}).status_code == 404
