"""Outgoing webhooks: what each event carries, signed delivery to a real receiver, retries with backoff, the rule
that failed results go only where they may, and nothing sent for a change that was rolled back."""

import json
from datetime import UTC, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.models import (
    Award,
    Tier,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
    WebhookEvent,
)
from certify.services import (
    ATTEMPTS_MAX,
    award_expired_events_emit,
    award_grant,
    award_grant_by_person,
    award_revoke,
    webhook_deliveries_send_due,
    webhook_delivery_send,
    webhook_endpoint_save,
)
from certify.tasks import tiers_recompute_all
from tests.factories.certify import CertificationFactory
from tests.factories.evaluations import level2_evaluation, submit
from tests.webhook_receiver import start_receiver

pytestmark = pytest.mark.django_db

ALL_EVENTS = ["award.granted", "award.revoked", "award.expired", "tier.changed", "evaluation.released", "attempt.graded"]


@pytest.fixture
def receiver():
    receiver, server = start_receiver()
    yield receiver
    server.shutdown()
    server.server_close()


def _endpoint(url, *, events=ALL_EVENTS, failed=False, active=True, name="CRM"):
    endpoint = WebhookEndpoint.objects.create(
        name=name, url=url, events=list(events), may_receive_failed=failed, is_active=active
    )
    return endpoint


@pytest.fixture
def endpoint(receiver):
    endpoint = _endpoint(receiver.url)
    receiver.secret = endpoint.secret
    return endpoint


def _take_quiz(person, quiz, *, right=True):
    attempt = attempt_start(user=person, quiz=quiz)
    answer = [0] if right else [1]
    attempt_save_answers(actor=person, attempt_id=attempt.pk, answers={q.position: answer for q in attempt.questions.all()})
    return attempt_submit(actor=person, attempt_id=attempt.pk)


def _types(endpoint):
    return list(WebhookDelivery.objects.filter(endpoint=endpoint).order_by("event__created_at", "event__type")
                .values_list("event__type", flat=True))


# --- Delivery, signature and retries -----------------------------------------------------------


def test_a_delivery_is_posted_as_json_signed_with_the_endpoints_secret(
    django_capture_on_commit_callbacks, receiver, endpoint, rep, enablement_admin
):
    level = CertificationFactory(title="Pulse", slug="pulse").levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        award = award_grant_by_person(actor=enablement_admin, user=rep, level=level, note="Passed the pilot.")
    [received] = receiver.received
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert received.signature_valid is True
    assert received.headers["content-type"] == "application/json"
    assert received.headers["x-certifiable-event"] == "award.granted"
    assert received.headers["x-certifiable-delivery"] == str(delivery.pk)
    payload = received.payload
    assert set(payload) == {"id", "type", "created_at", "data"}
    assert (payload["id"], payload["type"]) == (str(delivery.event_id), "award.granted")
    assert payload["created_at"].endswith("Z")
    assert payload["data"]["rep"] == {"id": rep.pk, "email": "rep@test.example", "name": rep.display_name}
    assert payload["data"]["award"]["id"] == award.pk
    assert payload["data"]["award"]["certification"]["url"] == "http://testserver/certifications/pulse/"
    assert payload["data"]["award"]["evidence"] == "granted_by_admin"
    assert (delivery.status, delivery.tries, delivery.last_status_code) == ("succeeded", 1, 200)


def test_a_receiver_with_another_secret_refuses_the_signature(django_capture_on_commit_callbacks, receiver, rep):
    endpoint = _endpoint(receiver.url)
    receiver.secret = "not-the-endpoints-secret"
    level = CertificationFactory().levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(user=rep, level=level)
    assert [r.signature_valid for r in receiver.received] == [False]
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.last_status_code, delivery.tries) == ("pending", 401, 1)


def test_a_500_is_retried_with_backoff_until_it_succeeds_and_then_never_again(
    django_capture_on_commit_callbacks, receiver, endpoint, rep
):
    receiver.answers = [500, 503]
    level = CertificationFactory().levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(user=rep, level=level)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    first_try = delivery.last_attempt_at
    assert (delivery.status, delivery.tries, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.next_attempt_at == first_try + timedelta(minutes=1)
    # Not yet due: nothing is sent.
    assert webhook_deliveries_send_due(now=first_try + timedelta(seconds=30)) == 0
    assert webhook_deliveries_send_due(now=first_try + timedelta(minutes=1)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries, delivery.last_status_code) == ("pending", 2, 503)
    assert delivery.next_attempt_at == first_try + timedelta(minutes=1 + 5)
    assert webhook_deliveries_send_due(now=first_try + timedelta(minutes=6)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries, delivery.last_status_code, delivery.next_attempt_at) == (
        "succeeded", 3, 200, None
    )
    codes = list(WebhookAttempt.objects.filter(delivery=delivery).order_by("at").values_list("status_code", flat=True))
    assert codes == [500, 503, 200]
    # Succeeded: later runs, and a second send of the same delivery, send nothing.
    assert webhook_deliveries_send_due(now=first_try + timedelta(days=2)) == 0
    assert webhook_delivery_send(delivery_id=delivery.pk, now=first_try + timedelta(days=2)) is None
    assert len(receiver.received) == 3
    assert all(r.headers["x-certifiable-delivery"] == str(delivery.pk) for r in receiver.received)
    assert len({r.body for r in receiver.received}) == 1


def test_a_delivery_that_never_gets_an_answer_fails_after_the_last_attempt(django_capture_on_commit_callbacks, rep):
    endpoint = _endpoint("http://127.0.0.1:9/nobody-listens")
    level = CertificationFactory().levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(user=rep, level=level)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    later = delivery.last_attempt_at
    for _ in range(ATTEMPTS_MAX + 2):
        later += timedelta(days=1)
        webhook_deliveries_send_due(now=later)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries, delivery.last_status_code) == ("failed", ATTEMPTS_MAX, None)
    assert delivery.last_error.startswith("No answer:")
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == ATTEMPTS_MAX == 6


def test_two_runs_at_once_send_a_due_delivery_once(django_capture_on_commit_callbacks, receiver, endpoint, rep):
    receiver.answers = [500]
    level = CertificationFactory().levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(user=rep, level=level)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    due = delivery.next_attempt_at
    # The first run claims it; a second run at the same moment finds it taken.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=due + timedelta(seconds=120))
    assert webhook_delivery_send(delivery_id=delivery.pk, now=due) is None
    assert len(receiver.received) == 1


# --- Events of each type ----------------------------------------------------------------------


def test_each_event_type_is_emitted_where_it_happens(django_capture_on_commit_callbacks, receiver, endpoint, rep,
                                                     enablement_admin):
    Tier.objects.create(name="Bronze", rank=1)  # no requirements: the rep's first recompute places them in it
    certification = CertificationFactory(title="Pulse", slug="pulse")
    with django_capture_on_commit_callbacks(execute=True):
        attempt = _take_quiz(rep, certification.levels.get(number=1).quiz)
    assert sorted(r.headers["x-certifiable-event"] for r in receiver.received) == [
        "attempt.graded", "award.granted", "tier.changed"
    ]
    by_type = {r.payload["type"]: r.payload["data"] for r in receiver.received}
    assert by_type["attempt.graded"]["attempt"]["passed"] is True
    assert by_type["attempt.graded"]["attempt"]["id"] == attempt.pk
    assert by_type["attempt.graded"]["attempt"]["url"] == f"http://testserver/attempts/{attempt.pk}/result/"
    assert by_type["award.granted"]["award"]["evidence"] == "attempt"
    assert by_type["award.granted"]["award"]["level"] == {"number": 1, "label": "Level 1 — content mastery"}
    assert by_type["tier.changed"]["tier"]["from"] is None
    assert by_type["tier.changed"]["tier"]["to"] == "Bronze"
    assert by_type["tier.changed"]["tier"]["promotion"] is True

    award = Award.objects.get(user=rep)
    with django_capture_on_commit_callbacks(execute=True):
        award_revoke(actor=enablement_admin, award_id=award.pk, reason="Granted in error.")
    revoked = receiver.received[-1].payload
    assert revoked["type"] == "award.revoked"
    award.refresh_from_db()
    assert revoked["data"]["award"]["id"] == award.pk
    assert revoked["data"]["award"]["revoked_at"] == award.revoked_at.astimezone(UTC).isoformat(timespec="seconds").replace(
        "+00:00", "Z"
    )
    assert "Granted in error." not in json.dumps(revoked)  # the reason is for the rep and their managers only


def test_a_released_evaluation_is_emitted_with_its_level(django_capture_on_commit_callbacks, receiver, endpoint, rep,
                                                         judge, enablement_admin):
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")
    with django_capture_on_commit_callbacks(execute=True):
        submit(judge, evaluation, score=3)
    evaluation.refresh_from_db()
    assert evaluation.passed is True
    released = [r.payload for r in receiver.received if r.payload["type"] == "evaluation.released"]
    assert len(released) == 1
    data = released[0]["data"]
    assert data["evaluation"]["id"] == evaluation.pk and data["evaluation"]["passed"] is True
    assert data["evaluation"]["url"] == f"http://testserver/evaluations/{evaluation.pk}/"
    assert data["level"]["number"] == 2
    assert "award.granted" in [r.payload["type"] for r in receiver.received]


def test_an_expired_award_is_announced_once(receiver, endpoint, rep, django_capture_on_commit_callbacks):
    level = CertificationFactory(levels__validity=12).levels.get(number=1)
    award = award_grant(user=rep, level=level, now=timezone.now() - timedelta(days=366))
    assert award.valid_until < timezone.now()
    WebhookDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert award_expired_events_emit() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert award_expired_events_emit() == 0
        tiers_recompute_all()  # the nightly task announces expiries too: nothing new
    expired = [r.payload for r in receiver.received if r.payload["type"] == "award.expired"]
    assert len(expired) == 1
    assert expired[0]["data"]["award"]["id"] == award.pk
    assert expired[0]["data"]["award"]["still_holds_level"] is False
    assert WebhookEvent.objects.filter(type="award.expired").count() == 1


def test_an_award_that_ran_out_long_before_is_not_announced(endpoint, rep):
    level = CertificationFactory(levels__validity=12).levels.get(number=1)
    award_grant(user=rep, level=level, now=timezone.now() - timedelta(days=400))
    assert award_expired_events_emit() == 0


def test_an_endpoint_is_sent_only_the_events_it_asked_for_and_nothing_when_switched_off(rep):
    awards_only = _endpoint("https://crm.example.com/hook", events=["award.granted"])
    tiers_only = _endpoint("https://crm.example.com/hook", events=["tier.changed"], name="Tiers")
    off = _endpoint("https://crm.example.com/hook", active=False, name="Off")
    award_grant(user=rep, level=CertificationFactory().levels.get(number=1))
    assert _types(awards_only) == ["award.granted"]
    assert _types(tiers_only) == []
    assert _types(off) == []


def test_nothing_is_recorded_when_no_endpoint_wants_the_event(rep):
    award_grant(user=rep, level=CertificationFactory().levels.get(number=1))
    assert WebhookEvent.objects.count() == 0


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks, receiver, endpoint, rep):
    level = CertificationFactory().levels.get(number=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                award_grant(user=rep, level=level)
                raise RuntimeError("the change fails after the award")
    assert callbacks == []
    assert (WebhookEvent.objects.count(), WebhookDelivery.objects.count(), Award.objects.count()) == (0, 0, 0)
    assert receiver.received == []


# --- Failed results ----------------------------------------------------------------------------


def test_a_failed_quiz_attempt_goes_only_to_endpoints_that_may_receive_failed_results(
    django_capture_on_commit_callbacks, rep
):
    guarded, _ = start_receiver()
    trusted, trusted_server = start_receiver()
    try:
        private = _endpoint(guarded.url, name="Slack #wins")
        warehouse = _endpoint(trusted.url, failed=True, name="Warehouse")
        guarded.secret, trusted.secret = private.secret, warehouse.secret
        quiz = CertificationFactory().levels.get(number=1).quiz
        with django_capture_on_commit_callbacks(execute=True):
            failed = _take_quiz(rep, quiz, right=False)
        assert failed.passed is False
        assert guarded.received == []
        [received] = trusted.received
        assert received.payload["type"] == "attempt.graded"
        assert received.payload["data"]["attempt"]["passed"] is False
        assert _types(private) == []
    finally:
        trusted_server.shutdown()
        trusted_server.server_close()


def test_a_failed_evaluation_goes_only_to_endpoints_that_may_receive_failed_results(
    django_capture_on_commit_callbacks, rep, judge, enablement_admin
):
    private = _endpoint("https://slack.example.com/hook", name="Slack")
    warehouse = _endpoint("https://warehouse.example.com/hook", failed=True, name="Warehouse")
    evaluation = level2_evaluation(rep=rep, admin=enablement_admin, judges=[judge], mode="recording")
    submit(judge, evaluation, score=1, scores={key: (1, "Missed the brief.") for key in _keys(evaluation)})
    evaluation.refresh_from_db()
    assert evaluation.passed is False
    assert "evaluation.released" not in _types(private)
    assert "evaluation.released" in _types(warehouse)
    event = WebhookEvent.objects.get(type="evaluation.released")
    assert event.failed_result is True and event.data["evaluation"]["passed"] is False


def _keys(evaluation):
    return [criterion["key"] for criterion in evaluation.guide_version.criteria]


def test_a_failed_result_waiting_to_be_sent_is_not_sent_once_the_endpoint_may_no_longer_receive_it(
    django_capture_on_commit_callbacks, receiver, rep
):
    endpoint = _endpoint(receiver.url, failed=True)
    receiver.secret = endpoint.secret
    quiz = CertificationFactory().levels.get(number=1).quiz
    _take_quiz(rep, quiz, right=False)  # recorded; not sent (the test's transaction never commits)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(may_receive_failed=False)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    webhook_delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDeliveryStatus.FAILED
    assert delivery.last_error == "Not sent: this endpoint may not receive failed results."
    assert receiver.received == []


def test_a_passed_result_goes_to_every_endpoint_that_asked(rep):
    private = _endpoint("https://slack.example.com/hook", events=["attempt.graded"], name="Slack")
    warehouse = _endpoint("https://warehouse.example.com/hook", events=["attempt.graded"], failed=True, name="W")
    _take_quiz(rep, CertificationFactory().levels.get(number=1).quiz)
    assert (_types(private), _types(warehouse)) == (["attempt.graded"], ["attempt.graded"])


# --- Endpoints ---------------------------------------------------------------------------------


def test_an_endpoint_gets_a_secret_of_its_own_when_registered(enablement_admin):
    first = webhook_endpoint_save(actor=enablement_admin, name="A", url="https://a.example.com/h", events=["tier.changed"])
    second = webhook_endpoint_save(actor=enablement_admin, name="B", url="https://b.example.com/h", events=["tier.changed"])
    assert len(first.secret) == 64 and first.secret != second.secret
    assert (first.may_receive_failed, first.is_active) == (False, True)


def test_the_payload_is_the_events_json_exactly(rep):
    endpoint = _endpoint("https://crm.example.com/hook", events=["award.granted"])
    award_grant(user=rep, level=CertificationFactory().levels.get(number=1))
    event = WebhookDelivery.objects.get(endpoint=endpoint).event
    payload = json.loads(json.dumps(event.payload()))
    assert payload["id"] == str(event.id) and payload["type"] == "award.granted"
    assert set(payload["data"]) == {"rep", "award"}
