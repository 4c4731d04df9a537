"""Request bodies of the API, bounded before they are parsed: a body over the limit answers 413
and a small but deeply nested one 400, so that neither costs more than a few kilobytes of work.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether the JSON text nests arrays or objects deeper than ``limit``, found by scanning
    the characters (a parser would recurse into the depth it is meant to refuse)."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


class BoundedJSONParser(JSONParser):
    """JSON of at most ``max_bytes`` (default ``settings.API_MAX_BODY_BYTES``), nested at most
    ``max_depth`` deep. A view with smaller or larger bodies subclasses it."""

    max_bytes: int | None = None
    max_depth = 8

    def limit(self) -> int:
        return self.max_bytes or settings.API_MAX_BODY_BYTES

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = self.limit()
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(too_large(limit))
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(too_large(limit))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(_("The request body is not UTF-8 text.")) from error
        if json_depth_exceeds(text, self.max_depth):
            raise ParseError(
                _("The JSON is nested more than %(depth)d levels deep.") % {"depth": self.max_depth}
            )
        try:
            return json.loads(text)
        except ValueError as error:
            raise ParseError(_("The request body is not valid JSON.")) from error


def too_large(limit: int) -> str:
    return _("The request body is larger than %(size)d bytes.") % {"size": limit}
