"""The public feedback form, the sender's pages and the e-mail confirmation: validated input,
a trap for robots, a per-address limit, hashed secrets, and no e-mail but the confirmation
link to an address that has not been confirmed."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from portal.feedback import services
from portal.models import Report
from register.models import OutgoingEmail
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


def _form_url(system) -> str:  # type: ignore[no-untyped-def]
    return f"/en/systems/{system.public_id}/feedback/"


VALID = {"kind": "question", "message": "How does the chatbot decide which answer to give?"}


def _sender_emails(address: str) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(to_address=address).order_by("pk"))


# --- The form ----------------------------------------------------------------------------------


def test_the_form_preselects_the_kind_of_the_cards_link(client, published_system):
    response = client.get(_form_url(published_system) + "?kind=review")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'value="review"[^>]*checked', html)
    assert "Leave this empty" in html and 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["nonsense", "\x00", "e" * 10_000])
def test_an_unknown_kind_in_the_link_is_ignored(client, published_system, kind):
    response = client.get(_form_url(published_system), {"kind": kind})
    assert response.status_code == 200
    assert "checked" not in response.content.decode()


def test_a_system_without_a_public_version_has_no_form(client, agency, editor):
    draft = complete_system(agency, editor)
    assert client.get(_form_url(draft)).status_code == 404
    assert client.post(_form_url(draft), VALID).status_code == 404
    assert client.get("/en/systems/KZ-AI-999999/feedback/").status_code == 404


def test_a_valid_report_is_stored_and_leads_to_the_sent_page(client, published_system):
    response = client.post(_form_url(published_system), {**VALID, "sender_name": "Aigerim"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.system == published_system
    assert report.organisation_id == published_system.organisation_id
    assert report.version_number == 1
    assert report.status == Report.Status.NEW
    assert report.language == "en"
    assert report.sender_name == "Aigerim"
    assert re.fullmatch(r"R-\d{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{6}", report.reference)
    assert (report.due_on - report.created_at.date()).days in (29, 30, 31)
    # The key is in the sent page's address and nowhere in the database.
    key = response["Location"].rstrip("/").split("/")[-2]
    assert report.status_key_sha256 == services.digest(key)
    assert key not in str(Report.objects.values().get())
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert report.reference in html
    assert f"/en/feedback/{report.reference}/{key}/" in html
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "question", "message": ""}, "message", "Write your message."),
        ({"kind": "question", "message": "   "}, "message", "Write your message."),
        ({"kind": "", "message": "Hello there"}, "kind", "Choose what you would like to do."),
        ({"kind": "bribe", "message": "Hello there"}, "kind", "Select a valid choice"),
        ({"kind": "question", "message": "x" * 4_001}, "message", "at most 4000 characters"),
        ({"kind": "question", "message": "a\x00b"}, "message", "Remove the control characters"),
        ({"kind": "question", "message": "bell\x07"}, "message", "Remove the control characters"),
        (
            {"kind": "question", "message": "Hello there", "sender_name": "A\tB"},
            "sender_name",
            "Remove the control characters",
        ),
        (
            {"kind": "question", "message": "Hello there", "wants_reply": "on"},
            "sender_email",
            "Enter your e-mail address to get a reply",
        ),
        (
            {"kind": "question", "message": "Hello there", "sender_email": "not-an-address"},
            "sender_email",
            "Enter an e-mail address like",
        ),
        (
            {"kind": "question", "message": "Hello there", "sender_name": "n" * 10_000},
            "sender_name",
            "at most 200 characters",
        ),
    ],
)
def test_invalid_input_is_a_form_error_and_nothing_is_stored(
    client, published_system, data, field, message
):
    response = client.post(_form_url(published_system), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f'href="#id_{field}' in html
    assert message in html
    assert not Report.objects.exists()


def test_line_breaks_count_as_one_character_each(client, published_system):
    message = "a" * 100 + ("\r\n" + "a" * 99) * 39  # 4,000 characters once \r\n is one
    assert client.post(_form_url(published_system), {**VALID, "message": message}).status_code == (
        302
    )
    assert len(Report.objects.get().message) == 4_000


def test_a_filled_trap_is_answered_as_sent_and_stores_nothing(client, published_system):
    response = client.post(
        _form_url(published_system),
        {**VALID, "sender_email": "bot@example.com", "website": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "Your message was sent" in response.content.decode()
    assert not Report.objects.exists()
    assert not _sender_emails("bot@example.com")


def test_an_address_is_limited_to_a_few_reports_an_hour(client, published_system, settings):
    settings.FEEDBACK_LIMIT_PER_CLIENT = 2
    for _ in range(2):
        assert client.post(_form_url(published_system), VALID).status_code == 302
    response = client.post(_form_url(published_system), VALID)
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent several reports in a short time" in html
    assert VALID["message"] in html  # kept in the form
    assert Report.objects.count() == 2
    # Another address is not limited.
    other = client.post(_form_url(published_system), VALID, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    cache.clear()
    assert client.post(_form_url(published_system), VALID).status_code == 302


# --- Confirmation and the sender's e-mail ------------------------------------------------------


def _confirmation_link(address: str) -> str:
    (email,) = _sender_emails(address)
    return re.search(r"https?://[^\s]+/feedback/confirm/[^/\s]+/", email.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_a_given_address_gets_one_confirmation_link_in_the_senders_language(
    client, published_system
):
    client.post(
        f"/ru/systems/{published_system.public_id}/feedback/",
        {**VALID, "sender_email": "aigerim@example.kz", "wants_reply": "on"},
    )
    report = Report.objects.get()
    assert report.language == "ru"
    (email,) = _sender_emails("aigerim@example.kz")
    assert email.language == "ru"
    assert report.reference in email.subject
    assert "/ru/feedback/confirm/" in email.body
    token = _confirmation_link("aigerim@example.kz").rstrip("/").split("/")[-1]
    assert report.confirmation_token_sha256 == services.digest(token)
    assert token not in str(Report.objects.values().get())


def test_the_confirmation_link_works_once_and_only_by_post(client, published_system):
    client.post(_form_url(published_system), {**VALID, "sender_email": "a@example.kz"})
    path = _path(_confirmation_link("a@example.kz"))
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my e-mail address" in page.content.decode()
    assert Report.objects.get().email_confirmed_at is None  # a visit confirms nothing
    assert client.post(path).status_code == 200
    report = Report.objects.get()
    assert report.email_confirmed_at is not None and report.confirmation_token_sha256 == ""
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404


def test_an_expired_confirmation_link_is_not_found(client, published_system, settings):
    client.post(_form_url(published_system), {**VALID, "sender_email": "a@example.kz"})
    path = _path(_confirmation_link("a@example.kz"))
    Report.objects.update(confirmation_sent_at=Report.objects.get().created_at.replace(year=2000))
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert Report.objects.get().email_confirmed_at is None


def test_confirmation_emails_to_one_address_are_limited(client, published_system, settings):
    settings.FEEDBACK_CONFIRMATIONS_PER_EMAIL = 2
    for number in range(3):
        client.post(
            _form_url(published_system),
            {**VALID, "sender_email": "A@Example.kz"},
            REMOTE_ADDR=f"192.0.2.{number}",
        )
    assert Report.objects.count() == 3
    assert len(_sender_emails("A@Example.kz")) == 2
    assert Report.objects.filter(confirmation_sent_at__isnull=True).count() == 1


def test_the_reply_is_emailed_only_after_the_address_is_confirmed(
    client, published_system, approver
):
    client.post(
        _form_url(published_system),
        {**VALID, "sender_email": "a@example.kz", "wants_reply": "on"},
    )
    report = Report.objects.get()
    services.report_reply(report=report, actor=approver, reply="It reads the published rules.")
    assert len(_sender_emails("a@example.kz")) == 1  # the confirmation link only
    client.post(_path(_confirmation_link("a@example.kz")))
    emails = _sender_emails("a@example.kz")
    assert len(emails) == 2
    assert "It reads the published rules." in emails[1].body
    # A later correction is e-mailed to the confirmed address too.
    services.report_reply(report=report, actor=approver, reply="Corrected answer.")
    assert "Corrected answer." in _sender_emails("a@example.kz")[-1].body


def test_no_reply_email_without_a_request_for_one(client, published_system, approver):
    client.post(_form_url(published_system), {**VALID, "sender_email": "a@example.kz"})
    client.post(_path(_confirmation_link("a@example.kz")))
    services.report_reply(report=Report.objects.get(), actor=approver, reply="Answer.")
    assert len(_sender_emails("a@example.kz")) == 1


def test_a_new_report_is_emailed_to_the_organisations_approvers(
    client, published_system, approver, editor, other_agency_approver
):
    client.post(_form_url(published_system), {**VALID, "sender_email": "a@example.kz"})
    report = Report.objects.get()
    (email,) = [e for e in _sender_emails(approver.email) if report.reference in e.subject]
    assert f"/workspace/feedback/{report.reference}/" in email.body
    assert VALID["message"] not in email.body and "a@example.kz" not in email.body
    assert not [e for e in _sender_emails(editor.email) if report.reference in e.subject]
    assert not _sender_emails(other_agency_approver.email)


def test_the_routing_email_is_in_each_approvers_language(client, published_system, approver):
    from register.models import Profile

    Profile.objects.create(user=approver, language="kk")
    client.post(_form_url(published_system), VALID)
    report = Report.objects.get()
    (email,) = [e for e in _sender_emails(approver.email) if report.reference in e.subject]
    assert email.language == "kk"


def test_emails_are_delivered_after_the_commit(
    client, published_system, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_form_url(published_system), {**VALID, "sender_email": "a@example.kz"})
    assert any(message.to == ["a@example.kz"] for message in mailoutbox)


# --- The status page ---------------------------------------------------------------------------


def _sent(client, system, **data):  # type: ignore[no-untyped-def]
    response = client.post(_form_url(system), {**VALID, **data})
    reference, key = response["Location"].rstrip("/").split("/")[-3:-1]
    return Report.objects.get(reference=reference), key


def test_the_status_page_shows_the_state_and_the_reply(client, published_system, approver):
    report, key = _sent(client, published_system, sender_email="a@example.kz")
    url = f"/en/feedback/{report.reference}/{key}/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert report.reference in html and "New" in html and "Answer due by" in html
    assert "no-store" in page["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html
    assert VALID["message"] not in html and "a@example.kz" not in html
    services.report_reply(report=report, actor=approver, reply="Here is the answer.")
    html = client.get(url).content.decode()
    assert "Here is the answer." in html and "Answered" in html


@pytest.mark.parametrize(
    "key",
    ["wrong-key-wrong-key-wrong-key-wrong-key-wr", "A" * 43, "a" * 20, "a" * 65, "a\x00" * 20],
)
def test_a_wrong_key_is_not_found(client, published_system, key):
    report, _key = _sent(client, published_system)
    assert client.get(f"/en/feedback/{report.reference}/{key}/").status_code == 404
    assert client.get(f"/en/feedback/{report.reference}/{key}/sent/").status_code == 404


def test_an_unknown_or_malformed_reference_is_not_found(client, published_system):
    _report, key = _sent(client, published_system)
    for reference in ("R-2026-AAAAAA", "R-2026-00000O", "x" * 5_000, "R-2026-\x00AAAAA"):
        assert client.get(f"/en/feedback/{reference}/{key}/").status_code == 404
