"""HTTP hardening that belongs to no app: no caching of signed-in pages, and the endpoint that
receives the browsers' Content-Security-Policy violation reports."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("config.csp")

# A violation report is well under a kilobyte; browsers send one per blocked resource.
CSP_REPORT_MAX_BYTES = 8 * 1024
CSP_REPORTS_PER_MINUTE = 30
# What is logged of each report, and at most how much of each value.
CSP_REPORT_FIELDS = (
    "document-uri",
    "documentURL",
    "violated-directive",
    "effectiveDirective",
    "effective-directive",
    "blocked-uri",
    "blockedURL",
    "source-file",
    "sourceFile",
    "line-number",
    "lineNumber",
)
CSP_VALUE_MAX_CHARS = 200


class NoStoreWhenSignedIn:
    """Pages answered to a signed-in user are never stored by a browser or a proxy: they show
    an organisation's unpublished records, and a shared computer's back button must not."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def _client_address(request: HttpRequest) -> str:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or "unknown"


def _allowed(address: str) -> bool:
    """At most ``CSP_REPORTS_PER_MINUTE`` reports a minute from one address."""
    key = f"csp-report:{address}"
    if cache.add(key, 1, timeout=60):
        return True
    try:
        return cache.incr(key) <= CSP_REPORTS_PER_MINUTE
    except ValueError:  # the key expired between add and incr: a new minute
        cache.set(key, 1, timeout=60)
        return True


def _violations(payload: Any) -> list[dict[str, Any]]:
    """The violations of a report: ``{"csp-report": {...}}`` (report-uri) or a list of
    ``{"type": "csp-violation", "body": {...}}`` (the Reporting API)."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload[:10]
            if isinstance(item, dict) and isinstance(item.get("body"), dict)
        ]
    return []


def _summary(violation: dict[str, Any]) -> dict[str, str]:
    return {
        name: str(violation[name])[:CSP_VALUE_MAX_CHARS]
        for name in CSP_REPORT_FIELDS
        if name in violation
    }


@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Log the violations a browser reports (204). A body over ``CSP_REPORT_MAX_BYTES`` is
    refused unread (413), an address over its rate is refused (429), and nothing a browser
    sends gives a server error."""
    try:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit() or int(declared) > CSP_REPORT_MAX_BYTES:
            return HttpResponse(status=413)
        if not _allowed(_client_address(request)):
            return HttpResponse(status=429)
        raw = request.read(CSP_REPORT_MAX_BYTES + 1)
        if len(raw) > CSP_REPORT_MAX_BYTES:
            return HttpResponse(status=413)
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return HttpResponse(status=400)
        for violation in _violations(payload):
            logger.warning("CSP violation: %s", json.dumps(_summary(violation)))
    except Exception:  # a report must never become a server error
        logger.exception("CSP report could not be handled")
        return HttpResponse(status=400)
    return HttpResponse(status=204)
