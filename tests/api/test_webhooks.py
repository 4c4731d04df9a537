"""Webhooks (api/webhooks/): signed deliveries of publications, changes and withdrawals to a
real receiver on 127.0.0.1, retries, bounds, idempotence and the admin."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from api.webhooks import services
from api.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery
from register.services import publication
from register.services.records import system_update
from tests.factories import UserFactory, complete_system

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server that records each POST and answers with the next scripted status."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    settings.WEBHOOK_TIMEOUT = 2
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    settings.WEBHOOK_RETRY_SECONDS = 1


def _hook(url: str, events=("published", "changed", "withdrawn"), **fields) -> Webhook:
    return Webhook.objects.create(url=url, events=list(events), **fields)


def _verify(hook: Webhook, request: dict) -> dict:
    headers = request["headers"]
    timestamp = headers["X-Register-Timestamp"]
    expected = hmac.new(
        hook.secret.encode(), timestamp.encode() + b"." + request["body"], hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(headers["X-Register-Signature"], f"sha256={expected}")
    return json.loads(request["body"])


@pytest.fixture
def publish_committed(publish, django_capture_on_commit_callbacks):
    """``publish``, with the hooks run on commit (the deliveries are sent, in-process)."""

    def _publish(system):
        with django_capture_on_commit_callbacks(execute=True):
            return publish(system)

    return _publish


def test_publish_change_and_withdraw_send_signed_deliveries(
    receiver, agency, editor, approver, publish_committed, django_capture_on_commit_callbacks
):
    hook = _hook(receiver.url)
    system = publish_committed(complete_system(agency, editor))
    system_update(
        system=system, actor=editor, data={"name_en": "Renamed"}, expected_revision=system.revision
    )
    system = publish_committed(system)
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_withdraw(system=system, actor=approver)
    assert len(receiver.requests) == 3
    bodies = [_verify(hook, request) for request in receiver.requests]
    assert [(b["event"], b["version"]) for b in bodies] == [
        ("published", 1),
        ("changed", 2),
        ("withdrawn", 2),
    ]
    first = bodies[0]
    assert set(first) == {
        "event", "public_id", "version", "url", "api_url", "occurred_at", "delivery_id"
    }  # fmt: skip
    assert first["public_id"] == system.public_id
    assert first["url"].endswith(f"/systems/{system.public_id}/")
    assert receiver.requests[0]["headers"]["X-Register-Event"] == "published"
    assert receiver.requests[0]["headers"]["X-Register-Delivery"] == str(first["delivery_id"])
    deliveries = WebhookDelivery.objects.filter(webhook=hook)
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert all(d.attempts == 1 and d.last_status_code == 200 for d in deliveries)


def test_a_tampered_body_does_not_verify(receiver, agency, editor, publish_committed):
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    request = dict(receiver.requests[0], body=receiver.requests[0]["body"].replace(b"1", b"2"))
    with pytest.raises(AssertionError):
        _verify(hook, request)


def _retry(delivery: WebhookDelivery) -> services.Attempt:
    """The next attempt, as the task's retry makes it (in-process, without waiting)."""
    return services.delivery_attempt(delivery_id=delivery.pk)


def test_a_server_error_is_retried_with_backoff_until_it_is_sent(
    receiver, agency, editor, publish_committed
):
    receiver.statuses = [500, 503]
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code == 500
    second = _retry(delivery)
    assert second == services.Attempt(status=DeliveryStatus.PENDING, retry_in=2)
    assert _retry(delivery) == services.Attempt(status=DeliveryStatus.SENT)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 3
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 3
    ids = {request["headers"]["X-Register-Delivery"] for request in receiver.requests}
    assert ids == {str(delivery.pk)}


def test_a_client_error_is_not_retried(receiver, agency, editor, publish_committed):
    receiver.statuses = [400]
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 1 and delivery.last_status_code == 400
    assert delivery.last_error == "HTTP 400"
    assert _retry(delivery).status is None
    assert len(receiver.requests) == 1


def test_attempts_are_bounded(receiver, agency, editor, publish_committed):
    receiver.statuses = [500] * 10
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    outcomes = [_retry(delivery) for _ in range(4)]
    assert [o.status for o in outcomes] == [
        DeliveryStatus.PENDING, DeliveryStatus.FAILED, None, None
    ]  # fmt: skip
    delivery.refresh_from_db()
    assert len(receiver.requests) == 3
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3


def test_an_unreachable_address_is_retried_then_fails(agency, editor, publish_committed):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = _hook(f"http://127.0.0.1:{port}/hook")
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.status == DeliveryStatus.PENDING
    assert _retry(delivery).status == DeliveryStatus.PENDING
    assert _retry(delivery).status == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == 3
    assert delivery.last_status_code is None and "Error" in delivery.last_error


def test_running_a_sent_delivery_again_sends_nothing(receiver, agency, editor, publish_committed):
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert services.delivery_attempt(delivery_id=delivery.pk).status is None
    delivery.refresh_from_db()
    assert len(receiver.requests) == 1
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1


def test_only_matching_events_and_active_hooks_get_deliveries(
    receiver, agency, editor, publish_committed
):
    wanted = _hook(receiver.url, events=["published"])
    _hook(receiver.url, events=["withdrawn"])
    _hook(receiver.url, active=False)
    publish_committed(complete_system(agency, editor))
    assert list(WebhookDelivery.objects.values_list("webhook", flat=True)) == [wanted.pk]
    assert len(receiver.requests) == 1


def test_no_delivery_before_the_publication_commits(receiver, agency, editor, publish):
    hook = _hook(receiver.url)
    publish(complete_system(agency, editor))  # the test's transaction never commits
    assert WebhookDelivery.objects.get(webhook=hook).status == DeliveryStatus.PENDING
    assert receiver.requests == []


def test_the_sweep_sends_a_pending_delivery_once_its_wait_is_over(
    receiver, agency, editor, publish_committed
):
    """Without a broker a retry cannot wait in the task: the periodic sweep (or
    ``manage.py send_webhooks``) sends what is due, and nothing before its time."""
    receiver.statuses = [503]
    hook = _hook(receiver.url)
    publish_committed(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at > delivery.updated_at
    assert services.deliveries_sweep(now=delivery.updated_at) == {}
    assert len(receiver.requests) == 1
    assert services.deliveries_sweep(now=delivery.next_attempt_at) == {DeliveryStatus.SENT: 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.next_attempt_at is None
    assert len(receiver.requests) == 2
    assert services.deliveries_sweep(now=timezone.now() + dt.timedelta(days=1)) == {}


def test_the_sweep_takes_back_a_delivery_whose_worker_vanished(
    receiver, agency, editor, publish, settings
):
    hook = _hook(receiver.url)
    publish(complete_system(agency, editor))  # the hooks never ran: nothing was sent
    delivery = WebhookDelivery.objects.get(webhook=hook)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, updated_at=long_ago, next_attempt_at=long_ago
    )
    out = io.StringIO()
    call_command("send_webhooks", stdout=out)
    assert out.getvalue().strip() == "Webhooks: sent 1."
    assert len(receiver.requests) == 1
    with pytest.raises(CommandError):
        call_command("send_webhooks", "--limit", "0")


def test_the_sweep_is_a_periodic_task():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULE["api-webhook-sweep"]["task"] == "api.sweep_webhooks"


# --- The admin ------------------------------------------------------------------------------


def _admin_url(name: str, *args) -> str:
    return reverse(f"admin:api_{name}", args=args)


def test_only_site_administrators_see_webhooks_in_the_admin(client, site_admin, regulator):
    hook = _hook("https://example.org/hook")
    staff = UserFactory(username="staff", is_staff=True)
    for user, allowed in ((site_admin, True), (staff, False), (regulator, False)):
        client.force_login(user)
        for url in (_admin_url("webhook_changelist"), _admin_url("webhook_change", hook.pk)):
            response = client.get(url)
            assert (response.status_code == 200) is allowed, (user, url)
        if allowed:
            assert hook.secret in client.get(_admin_url("webhook_change", hook.pk)).content.decode()
    client.logout()
    assert client.get(_admin_url("webhook_changelist")).status_code == 302


def test_the_admin_requires_https_unless_debug(client, site_admin, settings):
    client.force_login(site_admin)
    data = {"url": "http://example.org/hook", "description": "", "events": ["published"]}
    settings.DEBUG = False
    response = client.post(_admin_url("webhook_add"), {**data, "active": "on"})
    assert response.status_code == 200 and not Webhook.objects.exists()
    response = client.post(
        _admin_url("webhook_add"), {**data, "url": "https://example.org/hook", "active": "on"}
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.events == ["published"] and len(hook.secret) == 64


def test_webhook_changes_in_the_admin_are_in_the_audit_trail_without_the_secret(client, site_admin):
    client.force_login(site_admin)
    data = {"url": "https://example.org/hook", "description": "Open data portal"}
    client.post(_admin_url("webhook_add"), {**data, "events": ["published"], "active": "on"})
    hook = Webhook.objects.get()
    client.post(
        _admin_url("webhook_change", hook.pk), {**data, "events": ["published", "withdrawn"]}
    )
    client.post(_admin_url("webhook_delete", hook.pk), {"post": "yes"})
    assert not Webhook.objects.exists()
    events = list(apps.get_model("api", "WebhookEvent").objects.order_by("pgh_id"))
    assert [e.pgh_label for e in events] == ["insert", "update", "delete"]
    assert events[1].events == ["published", "withdrawn"] and events[1].active is False
    assert all(e.pgh_context.metadata["user"] == site_admin.pk for e in events)
    assert not hasattr(events[0], "secret")


def test_deliveries_are_read_only_in_the_admin(
    client, site_admin, receiver, agency, editor, publish
):
    hook = _hook(receiver.url)
    publish(complete_system(agency, editor))
    delivery = WebhookDelivery.objects.get(webhook=hook)
    client.force_login(site_admin)
    assert client.get(_admin_url("webhookdelivery_changelist")).status_code == 200
    assert client.get(_admin_url("webhookdelivery_add")).status_code == 403
    response = client.post(_admin_url("webhookdelivery_change", delivery.pk), {"status": "sent"})
    delivery.refresh_from_db()
    assert response.status_code == 403 and delivery.status == DeliveryStatus.PENDING
