"""The webhooks pages of the Wagtail admin: only enablement admins; the endpoint form refuses bad input with a
message and saves nothing; the secret is shown and rotated; deliveries are listed newest first and sent again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from tests.helpers import queries_for
from tests.webhook_receiver import start_receiver

pytestmark = pytest.mark.django_db

LIST = reverse("certify_admin:webhooks:endpoints")
NEW = reverse("certify_admin:webhooks:endpoint_create")


def _endpoint(**kwargs):
    return WebhookEndpoint.objects.create(
        **{"name": "CRM", "url": "https://crm.example.com/hook", "events": ["award.granted"], **kwargs}
    )


def _deliveries(endpoint, count, status="failed"):
    for number in range(count):
        event = WebhookEvent.objects.create(type="award.granted", data={"n": number})
        delivery = WebhookDelivery.objects.create(event=event, endpoint=endpoint, status=status, tries=1)
        WebhookAttempt.objects.create(delivery=delivery, status_code=500, error="HTTP 500 Internal Server Error")


@pytest.mark.parametrize("visitor", ["rep", "manager", "judge"])
def test_people_who_are_not_enablement_admins_are_refused_the_webhooks_pages(client_for, request, visitor):
    endpoint = _endpoint()
    client = client_for(request.getfixturevalue(visitor))
    for url in (LIST, NEW, reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk]),
                reverse("certify_admin:webhooks:endpoint_edit", args=[endpoint.pk])):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("certify_admin:webhooks:endpoint_secret", args=[endpoint.pk])).status_code == 403
    endpoint.refresh_from_db()
    assert endpoint.secret == WebhookEndpoint.objects.get(pk=endpoint.pk).secret


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response.headers["Location"]


def test_an_enablement_admin_registers_an_endpoint_and_reads_its_secret(client_for, enablement_admin):
    client = client_for(enablement_admin)
    response = client.post(NEW, {
        "name": "Sales Slack", "url": "https://hooks.slack.example.com/T000/B000", "events": ["award.granted", "tier.changed"],
        "is_active": "on",
    })
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk])
    assert (endpoint.name, endpoint.events, endpoint.is_active, endpoint.may_receive_failed) == (
        "Sales Slack", ["award.granted", "tier.changed"], True, False
    )
    assert endpoint.created_by == enablement_admin
    page = client.get(response.headers["Location"]).content.decode()
    assert endpoint.secret in page
    assert "Sales Slack" in client.get(LIST).content.decode()


@pytest.mark.parametrize("url, message", [
    ("http://crm.example.com/hook", "The URL must start with https://"),
    ("ftp://crm.example.com/hook", "Enter a valid URL"),
    ("not a url", "Enter a valid URL"),
    ("https://user:pw@crm.example.com/hook", "Leave the user name and password out"),
    ("https://crm.example.com/" + "a" * 500, "at most 500 characters"),
])
def test_a_bad_url_is_refused_with_a_message_and_nothing_is_saved(client_for, enablement_admin, url, message):
    response = client_for(enablement_admin).post(NEW, {"name": "CRM", "url": url, "events": ["award.granted"]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert WebhookEndpoint.objects.count() == 0


def test_plain_http_is_allowed_to_this_machine_only(client_for, enablement_admin):
    client = client_for(enablement_admin)
    for url in ("http://127.0.0.1:8900/hook", "http://localhost/hook"):
        assert client.post(NEW, {"name": "Local", "url": url, "events": ["award.granted"]}).status_code == 302
    assert WebhookEndpoint.objects.count() == 2


def test_an_endpoint_with_no_events_is_refused_with_a_message(client_for, enablement_admin):
    response = client_for(enablement_admin).post(NEW, {"name": "CRM", "url": "https://crm.example.com/hook"})
    assert response.status_code == 200
    assert "Choose at least one event to send to this endpoint." in response.content.decode()
    assert WebhookEndpoint.objects.count() == 0


def test_an_unknown_event_is_refused(client_for, enablement_admin):
    response = client_for(enablement_admin).post(
        NEW, {"name": "CRM", "url": "https://crm.example.com/hook", "events": ["award.deleted"]}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert WebhookEndpoint.objects.count() == 0


def test_changing_an_endpoint_keeps_its_secret(client_for, enablement_admin):
    endpoint = _endpoint()
    secret = endpoint.secret
    response = client_for(enablement_admin).post(
        reverse("certify_admin:webhooks:endpoint_edit", args=[endpoint.pk]),
        {"name": "CRM (EU)", "url": "https://eu.crm.example.com/hook", "events": ["award.revoked"],
         "may_receive_failed": "on"},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.events, endpoint.is_active, endpoint.may_receive_failed, endpoint.secret) == (
        "CRM (EU)", ["award.revoked"], False, True, secret
    )


def test_rotating_the_secret_replaces_it(client_for, enablement_admin):
    endpoint = _endpoint()
    old = endpoint.secret
    client = client_for(enablement_admin)
    assert client.get(reverse("certify_admin:webhooks:endpoint_secret", args=[endpoint.pk])).status_code == 405
    response = client.post(reverse("certify_admin:webhooks:endpoint_secret", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert response.status_code == 302
    assert endpoint.secret != old and len(endpoint.secret) == 64


def test_the_deliveries_are_listed_newest_first_with_their_attempts(client_for, enablement_admin):
    endpoint = _endpoint()
    _deliveries(endpoint, 2)
    older, newer = WebhookDelivery.objects.all()
    WebhookDelivery.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=2))
    WebhookDelivery.objects.filter(pk=newer.pk).update(created_at=timezone.now() - timedelta(hours=1))
    page = client_for(enablement_admin).get(reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk]))
    html = page.content.decode()
    assert html.count("HTTP 500 Internal Server Error") == 2
    assert html.index(f"delivery {newer.pk}") < html.index(f"delivery {older.pk}")


def test_the_deliveries_page_can_show_only_failed_ones(client_for, enablement_admin):
    endpoint = _endpoint()
    _deliveries(endpoint, 2, status="failed")
    _deliveries(endpoint, 3, status="succeeded")
    url = reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk])
    html = client_for(enablement_admin).get(url + "?status=failed").content.decode()
    assert html.count("Send again") == 2


def test_the_deliveries_page_runs_as_many_queries_with_twenty_more_deliveries(client_for, enablement_admin):
    endpoint = _endpoint()
    _deliveries(endpoint, 1)
    client = client_for(enablement_admin)
    url = reverse("certify_admin:webhooks:endpoint", args=[endpoint.pk])
    before = queries_for(client, url)
    _deliveries(endpoint, 20)
    # Session and user, the endpoint, the count for the pager, the page of deliveries with their events, their
    # attempts (one prefetch) and Wagtail's own admin queries: the same however many deliveries there are.
    assert queries_for(client, url) == before


def test_the_endpoints_list_runs_as_many_queries_with_twenty_more_endpoints(client_for, enablement_admin):
    _deliveries(_endpoint(), 1)
    client = client_for(enablement_admin)
    before = queries_for(client, LIST)
    for number in range(20):
        _deliveries(_endpoint(name=f"Endpoint {number}"), 1)
    assert queries_for(client, LIST) == before  # the endpoints with their waiting and failed counts: one query


def test_send_again_posts_a_failed_delivery_once_more(client_for, enablement_admin, django_capture_on_commit_callbacks):
    receiver, server = start_receiver()
    try:
        endpoint = _endpoint(url=receiver.url)
        receiver.secret = endpoint.secret
        _deliveries(endpoint, 1)
        delivery = WebhookDelivery.objects.get()
        url = reverse("certify_admin:webhooks:delivery_resend", args=[endpoint.pk, delivery.pk])
        client = client_for(enablement_admin)
        assert client.get(url).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url)
        assert response.status_code == 302
        delivery.refresh_from_db()
        assert (delivery.status, delivery.tries, delivery.last_status_code) == ("succeeded", 1, 200)
        assert [r.signature_valid for r in receiver.received] == [True]
        assert WebhookAttempt.objects.filter(delivery=delivery).count() == 2  # the failed one stays in the log
    finally:
        server.shutdown()
        server.server_close()


def test_send_again_of_another_endpoints_delivery_is_not_found(client_for, enablement_admin):
    mine, other = _endpoint(), _endpoint(name="Other")
    _deliveries(other, 1)
    delivery = WebhookDelivery.objects.get()
    url = reverse("certify_admin:webhooks:delivery_resend", args=[mine.pk, delivery.pk])
    assert client_for(enablement_admin).post(url).status_code == 404
