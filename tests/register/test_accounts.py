from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client, editor):
    page = client.get("/en/accounts/login/")
    assert page.status_code == 200
    response = client.post(
        "/en/accounts/login/", {"username": "editor-a", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/workspace/"
    assert client.get("/en/workspace/").status_code == 200
    assert client.get("/en/accounts/logout/").status_code == 405  # signing out is a POST
    client.post("/en/accounts/logout/")
    assert client.get("/en/workspace/").status_code == 302


def test_wrong_password_shows_an_error_that_does_not_reveal_the_account(client, editor):
    known = client.post("/en/accounts/login/", {"username": "editor-a", "password": "wrong"})
    unknown = client.post("/en/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert known.status_code == unknown.status_code == 200
    errors = [
        re.findall(r'govuk-error-summary__list">(.*?)</ul>', r.content.decode(), re.S)
        for r in (known, unknown)
    ]
    assert errors[0] == errors[1] != []


@pytest.mark.parametrize("username", ["editor-a", "no-such-user"])
def test_repeated_failures_lock_the_username_at_that_address(client, editor, settings, username):
    for _ in range(settings.SIGN_IN_FAILURES_PER_ACCOUNT):
        client.post("/en/accounts/login/", {"username": username, "password": "wrong"})
    locked = client.post("/en/accounts/login/", {"username": username, "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "too many unsuccessful attempts" in locked.content.decode()
    # Another account from the same address is not locked.
    other = client.post("/en/accounts/login/", {"username": "someone-else", "password": "x"})
    assert other.status_code == 200


def test_one_address_spraying_many_usernames_is_locked_out(client, editor, settings):
    per_address = settings.SIGN_IN_FAILURES_PER_ADDRESS
    assert per_address > settings.SIGN_IN_FAILURES_PER_ACCOUNT
    statuses = [
        client.post(
            "/en/accounts/login/", {"username": f"guess-{number}", "password": "wrong"}
        ).status_code
        for number in range(per_address)
    ]
    # No single username reached its own limit: the address did.
    assert statuses[: settings.SIGN_IN_FAILURES_PER_ACCOUNT] == [200] * 5
    # Even the right password of a real account is refused from that address now.
    locked = client.post("/en/accounts/login/", {"username": "editor-a", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    # Another address is not affected.
    other = client.post(
        "/en/accounts/login/",
        {"username": "editor-a", "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.77",
    )
    assert other.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(client, settings):
    # No proxy is configured: the header is the client's own word, and is ignored.
    assert settings.PROXY_COUNT == 0
    for number in range(settings.SIGN_IN_FAILURES_PER_ADDRESS):
        client.post(
            "/en/accounts/login/",
            {"username": f"guess-{number}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    locked = client.post(
        "/en/accounts/login/",
        {"username": "guess-x", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert locked.status_code == 429


def test_password_reset_by_email(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password_reset/", {"email": editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "a-new-long-password-2026", "new_password2": "a-new-long-password-2026"},
    )
    editor.refresh_from_db()
    assert editor.check_password("a-new-long-password-2026")


def test_reset_for_an_unknown_address_looks_the_same(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password_reset/", {"email": "nobody@example.kz"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(client, editor):
    client.force_login(editor)
    client.post(
        "/en/accounts/password_change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "another-long-password-1",
            "new_password2": "another-long-password-1",
        },
    )
    editor.refresh_from_db()
    assert editor.check_password("another-long-password-1")


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
