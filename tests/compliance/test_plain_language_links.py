"""The link check: against a real HTTP server on loopback (200, 404, a timeout), the guard
against the register's own network, the per-host rate limit, the TTL, and the minor finding a
broken link opens."""

from __future__ import annotations

import datetime as dt
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from compliance.models import Finding, FindingStatus, LinkCheck, LinkStatus
from compliance.plain_language import links
from compliance.plain_language import tasks as plain_tasks
from compliance.plain_language.hints import stored_hints
from compliance.plain_language.services import (
    check_due_links,
    link_check,
    links_due,
    review_refresh,
)
from register.services import records
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


class _Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.server.seen.append((self.command, self.path))  # type: ignore[attr-defined]
        if self.path.startswith("/slow"):
            time.sleep(2.5)
        if self.path.startswith("/no-head") and self.command == "HEAD":
            self.send_response(405)
        elif self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif self.path.startswith(("/ok", "/slow", "/no-head")):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = _answer
    do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server, settings):
    """The local server's address, with loopback allowed as the tests' setting does."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    settings.LINK_CHECK_TIMEOUT = 1
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_a_page_that_answers_is_ok(base):
    assert links.fetch_status(f"{base}/ok") == links.Answer("ok", status_code=200)


def test_a_missing_page_fails_with_its_status(base):
    assert links.fetch_status(f"{base}/missing") == links.Answer("failed", status_code=404)


def test_a_server_that_does_not_answer_in_time_fails(base):
    started = time.monotonic()
    assert links.fetch_status(f"{base}/slow") == links.Answer("failed", error="timeout")
    assert time.monotonic() - started < 2.5


def test_redirects_are_followed_and_head_falls_back_to_get(base, server):
    assert links.fetch_status(f"{base}/moved").status == "ok"
    assert links.fetch_status(f"{base}/no-head").status == "ok"
    assert ("GET", "/no-head") in server.seen


def test_an_unknown_host_is_a_broken_link(settings):
    answer = links.fetch_status("http://no-such-host.invalid/")
    assert answer == links.Answer("failed", error="unknown_host")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/admin/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_private_and_loopback_addresses_are_refused(url, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    assert links.fetch_status(url) == links.Answer("refused", error="private_address")


@pytest.mark.parametrize(
    "url",
    [
        "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
        "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
        "http://[fec0::1]/",  # site-local
    ],
)
def test_ipv6_addresses_that_carry_a_private_one_are_refused(url, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    assert links.fetch_status(url) == links.Answer("refused", error="private_address")


@pytest.mark.parametrize(
    "url", ["http://example.kz:22/", "http://example.kz:99999/", "http://[x/", "http://[::1/"]
)
def test_other_ports_and_unreadable_addresses_are_refused_without_an_error(url, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    assert links.fetch_status(url) == links.Answer("refused", error="not_http")
    assert links.host_of("http://[x") == ""


def test_a_path_in_cyrillic_is_sent_percent_encoded(base, server):
    assert links.fetch_status(f"{base}/ok/услуги?тема=жәрдемақы").status == "ok"
    assert any(path.startswith("/ok/%D1%83") for _method, path in server.seen)


def test_the_guard_refuses_before_any_request_is_made(server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    url = f"http://127.0.0.1:{server.server_address[1]}/ok"
    assert links.fetch_status(url).status == "refused"
    assert server.seen == []


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("ftp://example.kz/file", "not_http"),
        ("file:///etc/passwd", "not_http"),
        ("http://user:secret@example.kz/", "credentials_in_url"),
    ],
)
def test_other_schemes_and_credentials_are_refused(url, error):
    assert links.fetch_status(url) == links.Answer("refused", error=error)


def test_addresses_in_a_text_lose_the_punctuation_that_ends_the_sentence():
    text = "См. https://egov.kz/cms/ru/services, или (https://example.kz/a?b=1)."
    assert links.urls_in(text) == ["https://egov.kz/cms/ru/services", "https://example.kz/a?b=1"]


# --- The service: claims, rate limit, TTL ---------------------------------------------------


def _link(url: str) -> LinkCheck:
    return LinkCheck.objects.create(url=url, host=links.host_of(url))


def test_a_check_stores_its_answer_with_the_time(base):
    link = _link(f"{base}/missing")
    assert link_check(link_id=link.pk) == "changed"
    link.refresh_from_db()
    assert (link.status, link.status_code, link.claimed_at) == (LinkStatus.FAILED, 404, None)
    assert link.checked_at is not None


def test_a_fresh_result_is_not_checked_again_until_the_ttl_has_passed(base, server, settings):
    settings.LINK_CHECK_TTL_HOURS = 24
    link = _link(f"{base}/ok")
    link_check(link_id=link.pk)
    assert link_check(link_id=link.pk) == "skipped"
    assert links_due() == []
    assert len(server.seen) == 1
    LinkCheck.objects.filter(pk=link.pk).update(checked_at=timezone.now() - dt.timedelta(hours=25))
    assert links_due() == [link.pk]
    assert link_check(link_id=link.pk) == "checked"  # the same answer as before
    assert len(server.seen) == 2


def test_a_link_another_worker_holds_is_skipped(base, server):
    link = _link(f"{base}/ok")
    LinkCheck.objects.filter(pk=link.pk).update(claimed_at=timezone.now())
    assert link_check(link_id=link.pk) == "skipped"
    assert server.seen == []


def test_each_host_gets_a_limited_number_of_requests_a_minute(base, server, settings):
    settings.LINK_CHECK_PER_HOST_PER_MINUTE = 2
    first, second, third = (_link(f"{base}/ok?{n}") for n in range(3))
    assert link_check(link_id=first.pk) == "changed"
    assert link_check(link_id=second.pk) == "changed"
    assert link_check(link_id=third.pk) == "rate_limited"
    third.refresh_from_db()
    # Left as it was, for the next run to take.
    assert (third.status, third.checked_at, third.claimed_at) == (LinkStatus.PENDING, None, None)
    assert len(server.seen) == 2
    assert links_due() == [third.pk]


def test_the_periodic_task_checks_every_due_link_and_forgets_the_unnamed_ones(
    base, server, agency, editor
):
    system = complete_system(agency, editor, appeal_url=f"{base}/ok", contact_url=f"{base}/gone")
    review_refresh(system_id=system.pk)
    _link(f"{base}/named-by-no-record")
    # Without a broker the queued checks run in-process, one after the other.
    assert plain_tasks.check_due_links() == 2
    assert dict(LinkCheck.objects.values_list("url", "status")) == {
        f"{base}/ok": LinkStatus.OK,
        f"{base}/gone": LinkStatus.FAILED,
    }
    assert sorted(path for _method, path in server.seen) == ["/gone", "/ok"]


# --- From the record to the finding ---------------------------------------------------------


def test_a_broken_appeal_link_becomes_a_hint_and_a_minor_finding(
    base, server, agency, editor, django_capture_on_commit_callbacks
):
    system = complete_system(agency, editor, appeal_url=f"{base}/missing")
    review_refresh(system_id=system.pk)
    assert server.seen == []  # reviewing names the link; it does not fetch it
    link = LinkCheck.objects.get(url=f"{base}/missing")
    assert link.status == LinkStatus.PENDING
    assert not [h for h in stored_hints(_reload(system)) if h.kind == "link"]

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = check_due_links()
    assert outcomes == {"changed": 1}
    hints = [h for h in stored_hints(_reload(system)) if h.kind == "link"]
    assert [(h.field, h.code, h.detail["status_code"]) for h in hints] == [
        ("appeal_url", "link_broken", 404)
    ]
    finding = Finding.objects.get(system=system, rule_id="KZ-PLN-03")
    assert (finding.status, finding.severity) == (FindingStatus.OPEN, "minor")
    assert finding.detail == {"hints": 1, "fields": ["appeal_url"], "codes": ["link_broken"]}

    # The editor fixes the link: the next review and check resolve the finding.
    with django_capture_on_commit_callbacks(execute=True):
        records.system_update(
            system=_reload(system),
            actor=editor,
            data={"appeal_url": f"{base}/ok"},
            expected_revision=_reload(system).revision,
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert check_due_links() == {"changed": 1}
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED
    assert not LinkCheck.objects.filter(url=f"{base}/missing").exists()


def test_saving_a_record_never_fetches_its_links(
    base, server, agency, editor, django_capture_on_commit_callbacks
):
    system = complete_system(agency, editor)
    with django_capture_on_commit_callbacks(execute=True):
        records.system_update(
            system=system,
            actor=editor,
            data={"appeal_url": f"{base}/ok", "contact_url": f"{base}/missing"},
            expected_revision=system.revision,
        )
    assert server.seen == []
    assert set(LinkCheck.objects.values_list("url", flat=True)) == {
        f"{base}/ok",
        f"{base}/missing",
    }


def _reload(system):
    from register.selectors import systems_with_parts

    return systems_with_parts().get(pk=system.pk)
