"""Signed-in pages are not stored, cookies stay on this site, the CSP reports violations to a
bounded endpoint, and deployment refuses the example's SECRET_KEY."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from config.checks import check_secret_key_is_not_a_placeholder, example_secret_key
from config.security import CSP_REPORT_MAX_BYTES, CSP_REPORTS_PER_MINUTE

pytestmark = pytest.mark.django_db

REPORT = {
    "csp-report": {
        "document-uri": "https://register.example.gov.kz/en/",
        "violated-directive": "script-src 'self'",
        "blocked-uri": "https://evil.example/" + "x" * 5000,
    }
}


def test_signed_in_pages_are_never_stored(client, editor):
    client.force_login(editor)
    response = client.get("/en/workspace/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_pages_are_not_marked_no_store_for_anonymous_readers(client):
    response = client.get("/en/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_language_cookie_is_secure_samesite_and_hidden_from_scripts(client, settings):
    assert settings.LANGUAGE_COOKIE_SECURE is settings.SESSION_COOKIE_SECURE is True
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True


def test_the_policy_names_the_report_endpoint(client):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "report-uri /csp-report" in policy


def _report(client, body, **extra):
    return client.post("/csp-report", data=body, content_type="application/csp-report", **extra)


def test_a_violation_report_is_logged_in_short(client, caplog):
    with caplog.at_level(logging.WARNING, logger="config.csp"):
        response = _report(client, json.dumps(REPORT))
    assert response.status_code == 204
    (record,) = [r for r in caplog.records if r.name == "config.csp"]
    assert "script-src" in record.getMessage()
    assert len(record.getMessage()) < 1000


def test_reporting_api_reports_are_logged_too(client, caplog):
    body = json.dumps([{"type": "csp-violation", "body": {"effectiveDirective": "img-src"}}])
    with caplog.at_level(logging.WARNING, logger="config.csp"):
        assert _report(client, body).status_code == 204
    assert any("img-src" in r.getMessage() for r in caplog.records)


def test_the_report_endpoint_needs_no_csrf_token(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _report(strict, json.dumps(REPORT)).status_code == 204


@pytest.mark.parametrize(
    "body", ["{not json", "[" * 3000 + "]" * 3000, "\udcff", '"a string"', "null", ""]
)
def test_a_malformed_report_is_never_a_server_error(client, body):
    response = _report(client, body.encode("utf-8", "surrogatepass"))
    assert response.status_code in (204, 400)


def test_a_report_over_the_size_limit_is_refused(client):
    body = json.dumps({"csp-report": {"blocked-uri": "x" * CSP_REPORT_MAX_BYTES}})
    assert _report(client, body).status_code == 413


def test_reports_are_rate_limited_per_address(client, caplog):
    from django.core.cache import cache

    cache.delete("csp-report:10.1.2.3")
    statuses = [
        _report(client, json.dumps(REPORT), REMOTE_ADDR="10.1.2.3").status_code
        for _ in range(CSP_REPORTS_PER_MINUTE + 3)
    ]
    assert statuses[:CSP_REPORTS_PER_MINUTE] == [204] * CSP_REPORTS_PER_MINUTE
    assert statuses[CSP_REPORTS_PER_MINUTE:] == [429] * 3
    # Another address is not limited.
    assert _report(client, json.dumps(REPORT), REMOTE_ADDR="10.9.9.9").status_code == 204
    cache.delete("csp-report:10.1.2.3")


def test_the_report_endpoint_answers_only_post(client):
    assert client.get("/csp-report").status_code == 405


# --- check --deploy ----------------------------------------------------------------------------


def test_check_deploy_fails_on_the_example_secret_key(settings):
    placeholder = example_secret_key()
    assert placeholder and placeholder.startswith("change-me")
    settings.SECRET_KEY = placeholder
    (error,) = check_secret_key_is_not_a_placeholder()
    assert error.id == "config.E001"
    with pytest.raises(SystemCheckError, match=r"config\.E001"):
        call_command("check", "--deploy")


def test_check_deploy_accepts_a_real_secret_key(settings):
    settings.SECRET_KEY = "k" * 20 + "a-real-random-secret-0123456789abcdefghij"
    assert check_secret_key_is_not_a_placeholder() == []


def test_a_placeholder_is_found_even_without_the_example_file(settings, tmp_path):
    settings.SECRET_KEY = "change-me-please"
    assert example_secret_key(tmp_path / "missing") is None
    assert [e.id for e in check_secret_key_is_not_a_placeholder()] == ["config.E001"]
