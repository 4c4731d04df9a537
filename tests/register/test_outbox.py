"""The outbox: e-mails committed with the change, sent once, and never a broken request or
check run when the mail server is down."""

from __future__ import annotations

import datetime as dt
import io
import socket
import threading
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone

from compliance.checks import check_systems
from register.models import EmailStatus, OutgoingEmail, Profile
from register.services.outbox import (
    Draft,
    clean_address,
    email_deliver,
    email_enqueue,
    outbox_sweep,
    single_line,
)
from tests.compliance.factories import TODAY, compliant_high_risk_system
from tests.factories import MembershipFactory, OrganisationFactory, complete_system

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collector:
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_down(settings):
    """The SMTP backend pointed at a loopback port that refuses connections."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def smtp_server(settings):
    """Starts a real SMTP server on loopback on demand and points the backend at it."""
    started: list[Controller] = []

    def start() -> _Collector:
        collector = _Collector()
        controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
        controller.start()
        started.append(controller)
        settings.EMAIL_PORT = controller.port
        return collector

    yield start
    for controller in started:
        controller.stop()


def _subject(envelope) -> str:
    return str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))


def _later() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=2)


# --- Headers ------------------------------------------------------------------------------------


def test_header_values_become_one_line():
    assert single_line("Ministry\r\nBcc: someone@example.kz") == "Ministry Bcc: someone@example.kz"
    assert single_line("a\u2028b\u2029c\x00d\te\x85f") == "a b c d e f"
    assert single_line("  spaced   out  ") == "spaced out"
    long = single_line("x" * 500)
    assert len(long) == 200 and long.endswith("…")


def test_addresses_with_line_breaks_or_junk_are_refused():
    assert clean_address(" approver@example.gov.kz ") == "approver@example.gov.kz"
    assert clean_address("a@example.kz\nBcc: b@example.kz") is None
    assert clean_address("a@example.kz\r") is None
    assert clean_address("not an address") is None
    assert clean_address("") is None


def test_enqueued_subjects_are_sanitised_and_bad_addresses_left_out(mailoutbox):
    rows = email_enqueue(
        kind="workflow",
        drafts=[
            Draft("ok@example.kz", "en", "Line one\nBcc: evil@example.kz", "body"),
            Draft("x@example.kz\nBcc: evil@example.kz", "en", "s", "body"),
        ],
    )
    assert [(row.to_address, row.subject) for row in rows] == [
        ("ok@example.kz", "Line one Bcc: evil@example.kz")
    ]
    assert email_deliver(email_id=rows[0].pk).outcome == "sent"
    (message,) = mailoutbox
    assert message.to == ["ok@example.kz"] and message.bcc == []
    assert "\n" not in message.subject


# --- SMTP down, then up ------------------------------------------------------------------------


def test_smtp_down_loses_no_mail_and_fails_no_request_or_check_run(
    client,
    smtp_down,
    smtp_server,
    agency,
    editor,
    approver,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.LANGUAGE_CODE = "en"
    system = complete_system(agency, editor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/workspace/systems/{system.public_id}/submit/")
    assert response.status_code == 302
    system.refresh_from_db()
    assert system.status == "in_review"
    (submitted,) = OutgoingEmail.objects.filter(kind="workflow")
    assert submitted.to_address == approver.email
    assert submitted.status == EmailStatus.PENDING
    assert submitted.attempts == 1
    assert "ConnectionRefusedError" in submitted.last_error
    assert submitted.next_attempt_at > timezone.now()

    # A check run that finds new major findings queues the digest and finishes.
    risky = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=True):
        result = check_systems([risky.pk], trigger="sweep", today=TODAY)
    assert result.digest_organisations == 1
    digest = OutgoingEmail.objects.get(kind="compliance_digest")
    assert digest.status == EmailStatus.PENDING and digest.attempts == 1
    # Still down: the sweep fails too, and raises nothing.
    assert outbox_sweep(now=_later()) == {"retry": 2}

    # The mail server is back: the sweep sends everything that waited, once.
    collector = smtp_server()
    output = io.StringIO()
    call_command("send_outbox", stdout=output)
    assert output.getvalue() == "Outbox: nothing due.\n"
    assert OutgoingEmail.objects.filter(status=EmailStatus.PENDING).count() == 2  # not yet due
    assert outbox_sweep(now=_later()) == {"sent": 2}
    assert sorted(tuple(envelope.rcpt_tos) for envelope in collector.envelopes) == [
        (approver.email,),
        (approver.email,),
    ]
    subjects = sorted(_subject(envelope) for envelope in collector.envelopes)
    assert subjects == [
        f"AI Register: {system.public_id} is waiting for your review",
        "AI register: 1 new compliance finding for Agency A",
    ]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert outbox_sweep(now=_later()) == {}
    assert len(collector.envelopes) == 2


def test_an_outbox_row_is_sent_once(mailoutbox):
    (row,) = email_enqueue(kind="workflow", drafts=[Draft("a@example.kz", "en", "s", "b")])
    assert email_deliver(email_id=row.pk).outcome == "sent"
    assert email_deliver(email_id=row.pk).outcome == "skipped"
    assert outbox_sweep(now=_later()) == {}
    assert len(mailoutbox) == 1
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.sent_at is not None and row.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_row_another_worker_is_sending_is_skipped(mailoutbox, monkeypatch):
    from register.services import outbox

    monkeypatch.setattr(outbox, "_deliver_after_commit", lambda ids: None)
    with transaction.atomic():
        (row,) = email_enqueue(kind="workflow", drafts=[Draft("a@example.kz", "en", "s", "b")])
    claimed, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                OutgoingEmail.objects.select_for_update().get(pk=row.pk)
                claimed.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert claimed.wait(timeout=30)
        assert email_deliver(email_id=row.pk).outcome == "skipped"
        assert mailoutbox == []
    finally:
        release.set()
        thread.join(timeout=30)
    assert email_deliver(email_id=row.pk).outcome == "sent"
    assert len(mailoutbox) == 1


def test_a_row_is_given_up_after_many_failures(smtp_down, monkeypatch):
    from register.services import outbox

    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 2)
    (row,) = email_enqueue(kind="workflow", drafts=[Draft("a@example.kz", "en", "s", "b")])
    assert email_deliver(email_id=row.pk).outcome == "retry"
    assert email_deliver(email_id=row.pk).outcome == "failed"
    row.refresh_from_db()
    assert row.status == EmailStatus.FAILED
    assert outbox_sweep(now=_later()) == {}


# --- The digest ------------------------------------------------------------------------------


def test_a_newline_in_an_organisation_name_stops_no_digest(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    first = OrganisationFactory(name_en="Agency\nBcc: someone@example.kz")
    second = OrganisationFactory(name_en="Agency Z")
    for organisation, username in ((first, "first-approver"), (second, "second-approver")):
        MembershipFactory(organisation=organisation, role="approver", user__username=username)
    systems = [
        compliant_high_risk_system(organisation=first, performance_en=""),
        compliant_high_risk_system(organisation=second, performance_en=""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        result = check_systems([s.pk for s in systems], trigger="sweep", today=TODAY)
    assert result.digest_organisations == 2
    by_recipient = {tuple(m.to): m for m in mailoutbox}
    assert sorted(by_recipient) == [
        ("first-approver@example.gov.kz",),
        ("second-approver@example.gov.kz",),
    ]
    first_mail = by_recipient[("first-approver@example.gov.kz",)]
    assert first_mail.subject == (
        "AI register: 1 new compliance finding for Agency Bcc: someone@example.kz"
    )
    assert first_mail.bcc == []
    assert systems[0].public_id in first_mail.body
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


# --- The recipient's language ---------------------------------------------------------------


def test_signing_in_remembers_the_language_of_the_page(client, editor):
    from tests.factories import TEST_PASSWORD

    client.post("/ru/accounts/login/", {"username": editor.username, "password": TEST_PASSWORD})
    assert Profile.objects.get(user=editor).language == "ru"
    client.post("/en/accounts/logout/")
    client.post("/kk/accounts/login/", {"username": editor.username, "password": TEST_PASSWORD})
    assert Profile.objects.get(user=editor).language == "kk"


def test_each_recipient_reads_in_their_own_language(
    mailoutbox, django_capture_on_commit_callbacks, agency, settings
):
    settings.LANGUAGE_CODE = "en"
    kazakh = MembershipFactory(organisation=agency, role="approver", user__username="kk-approver")
    MembershipFactory(organisation=agency, role="approver", user__username="default-approver")
    Profile.objects.create(user=kazakh.user, language="kk")
    system = compliant_high_risk_system(organisation=agency, performance_en="")
    with django_capture_on_commit_callbacks(execute=True):
        check_systems([system.pk], trigger="sweep", today=TODAY)
    rows = {row.to_address: row for row in OutgoingEmail.objects.all()}
    assert rows["kk-approver@example.gov.kz"].language == "kk"
    assert rows["default-approver@example.gov.kz"].language == "en"
    by_recipient = {m.to[0]: m for m in mailoutbox}
    english = by_recipient["default-approver@example.gov.kz"]
    kazakh_mail = by_recipient["kk-approver@example.gov.kz"]
    assert english.subject.startswith("AI register: 1 new compliance finding")
    assert kazakh_mail.subject != english.subject
    assert "compliance finding" not in kazakh_mail.subject
    assert "The compliance check found" not in kazakh_mail.body


def test_workflow_mail_is_in_the_recipients_language(
    agency, editor, approver, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from register.services import publication

    settings.LANGUAGE_CODE = "en"
    Profile.objects.create(user=approver, language="kk")
    system = complete_system(agency, editor)
    with django_capture_on_commit_callbacks(execute=True):
        publication.system_submit(system=system, actor=editor)
    (message,) = [m for m in mailoutbox if m.to == [approver.email]]
    assert message.subject != f"AI Register: {system.public_id} is waiting for your review"
    assert system.public_id in message.subject
    assert f"/kk/workspace/systems/{system.public_id}/" in message.body
