"""Every error of the API has one shape, in the language of the request (``Accept-Language``):

    {"code": "invalid", "message": "Check the fields listed.", "fields": {"name": ["…"]}}

``code`` is stable and meant for programs; ``message`` is for people; ``fields`` (present when
the error concerns fields) maps a field, or a dotted path into lists and objects
(``parts.data_sources.0.name``), to its messages. The body is bounded whatever the input: at
most ``MAX_FIELDS`` fields with ``MAX_MESSAGES_PER_FIELD`` messages each, keys and messages cut
to length, and ``omitted`` says how many fields were left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MAX_FIELDS = 20
MAX_MESSAGES_PER_FIELD = 5
MAX_KEY_CHARS = 64
MAX_MESSAGE_CHARS = 300
# The whole-request errors DRF raises with a list or a plain message, not fields.
NON_FIELD = "non_field_errors"


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flatten(detail: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """(path, messages) pairs of a DRF error detail, nested dicts and lists as dotted paths."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(detail, list) and detail and all(isinstance(d, str) for d in detail):
        yield prefix or NON_FIELD, [str(d) for d in detail]
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if value:  # DRF gives {} for the valid items of a list
                yield from _flatten(value, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield prefix or NON_FIELD, [str(detail)]


def bounded_fields(errors: dict[str, list[str]] | Any) -> tuple[dict[str, list[str]], int]:
    """The field errors as they are sent, and how many fields were left out."""
    items = list(_flatten(errors))
    fields = {
        clip(key, MAX_KEY_CHARS): [
            clip(message, MAX_MESSAGE_CHARS) for message in messages[:MAX_MESSAGES_PER_FIELD]
        ]
        for key, messages in items[:MAX_FIELDS]
    }
    return fields, max(0, len(items) - MAX_FIELDS)


def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The body of an error response (see the module's docstring)."""
    body: dict[str, Any] = {"code": code, "message": clip(str(message), MAX_MESSAGE_CHARS)}
    if fields:
        body["fields"], omitted = bounded_fields(fields)
        if omitted:
            body["omitted"] = omitted
    return body


def error_response(
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    return Response(error_body(code, message, fields), status=status, headers=headers)


def _code(exc: exceptions.APIException) -> str:
    return str(getattr(exc, "default_code", "error"))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (status, ``Retry-After``, ``WWW-Authenticate``) with the body in the
    register's error shape. Anything DRF does not handle stays a server error."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        body = error_body("invalid", _("Check the fields listed."), exc.detail)
    else:
        detail = exc.detail
        message = detail if isinstance(detail, str) else _("The request was refused.")
        body = error_body(_code(exc), str(message))
    response.data = body
    return response


def not_found_handler(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 (``handler404``): for an address under ``/api/`` that no route matches
    (a public id or a code of characters it cannot have), the API's error in JSON; elsewhere
    Django's page."""
    if request.path.startswith("/api/"):
        body = error_body("not_found", str(exceptions.NotFound.default_detail))
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    return page_not_found(request, exception)
