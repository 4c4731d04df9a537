"""Password reset: queued in the outbox the same way for every address, rate-limited, and
linked on SITE_URL whatever Host the request came with."""

from __future__ import annotations

import re

import pytest

from register.models import EmailStatus, OutgoingEmail, Profile

pytestmark = pytest.mark.django_db

RESET = "/en/accounts/password_reset/"


@pytest.fixture
def hostile_host(settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    return "attacker.example"


def _ask(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def test_known_and_unknown_addresses_take_the_same_path(
    client, editor, django_capture_on_commit_callbacks, monkeypatch
):
    from register.tasks import deliver_email

    queued: list[int] = []
    monkeypatch.setattr(deliver_email, "delay", queued.append)
    responses = []
    for address in (editor.email, "nobody@example.kz"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            responses.append(_ask(client, address))
        assert len(callbacks) == 1
    known, unknown = responses
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known.content == unknown.content
    rows = list(OutgoingEmail.objects.order_by("pk"))
    # One row each, the same kind and state, nothing composed yet: the request did not look
    # the address up.
    assert [(row.kind, row.status, row.subject, row.body, row.attempts) for row in rows] == [
        ("password_reset", "pending", "", "", 0),
        ("password_reset", "pending", "", "", 0),
    ]
    assert [row.to_address for row in rows] == [editor.email, "nobody@example.kz"]
    assert queued == [row.pk for row in rows]


def test_the_reset_is_sent_to_an_account_only(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "nobody@example.kz")
        _ask(client, editor.email.upper())
    unknown, known = OutgoingEmail.objects.order_by("pk")
    assert unknown.status == EmailStatus.NO_RECIPIENT
    assert known.status == EmailStatus.SENT
    (message,) = mailoutbox
    assert message.to == [editor.email]
    # The link's token is never stored.
    known.refresh_from_db()
    assert known.body == ""


def test_the_link_uses_site_url_not_the_host_header(
    client, editor, mailoutbox, django_capture_on_commit_callbacks, hostile_host
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, editor.email, HTTP_HOST=hostile_host)
    assert response.status_code == 302
    (message,) = mailoutbox
    assert hostile_host not in message.body
    assert re.search(
        r"https://register\.example\.gov\.kz/en/accounts/reset/[^/\s]+/[^/\s]+/", message.body
    )


def test_the_reset_is_in_the_language_it_was_asked_in_or_the_users_own(
    client, editor, other_agency_editor, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.create(user=other_agency_editor, language="kk")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/accounts/password_reset/", {"email": editor.email})
        client.post("/ru/accounts/password_reset/", {"email": other_agency_editor.email})
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert "/ru/accounts/reset/" in by_recipient[editor.email].body
    assert "/kk/accounts/reset/" in by_recipient[other_agency_editor.email].body
    assert by_recipient[editor.email].subject != "Reset your password for the AI Register"


@pytest.mark.parametrize("address", ["editor-a@example.gov.kz", "nobody@example.kz"])
def test_resets_are_limited_per_address(client, editor, settings, address):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    for _ in range(3):
        assert _ask(client, address).status_code == 302
    limited = _ask(client, address.upper())
    assert limited.status_code == 429
    assert "Too many requests to reset a password" in limited.content.decode()
    assert OutgoingEmail.objects.count() == 3
    # Another address from the same client is still served.
    assert _ask(client, "someone-else@example.kz").status_code == 302


def test_resets_are_limited_per_client(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    for number in range(4):
        assert _ask(client, f"person{number}@example.kz").status_code == 302
    assert _ask(client, "person9@example.kz").status_code == 429
    assert _ask(client, "person9@example.kz", REMOTE_ADDR="10.1.2.3").status_code == 302
    assert OutgoingEmail.objects.count() == 5
