"""The classification as an HTTP API: the same pure function as ``manage.py classify``.

The input is bounded before it is parsed (size, nesting) and the errors after it is checked (how
many fields, how many messages, how long each), so neither a small deeply nested body nor a large
one of bad list items costs more than a few kilobytes to answer.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, UnsupportedMediaType
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from compliance.classification import LANGUAGES, ClassificationInputError, classify
from register.i18n import content_language

# The answers are one object of flags, short choices and lists of short choices, plus one text:
# a few kilobytes at most. Nesting deeper than an object of lists is never valid.
MAX_BODY_BYTES = 32 * 1024
MAX_DEPTH = 4
# What a 400 reports at most: fields, messages per field, characters per key and message.
MAX_ERROR_FIELDS = 20
MAX_MESSAGES_PER_FIELD = 5
MAX_KEY_CHARS = 64
MAX_MESSAGE_CHARS = 300


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
    """JSON of at most ``MAX_BODY_BYTES``, nested at most ``MAX_DEPTH`` deep."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise PayloadTooLarge(_too_large())
        raw = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise PayloadTooLarge(_too_large())
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(_("The request body is not UTF-8 text.")) from error
        if json_depth_exceeds(text, MAX_DEPTH):
            raise ParseError(
                _("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
            )
        try:
            return json.loads(text)
        except ValueError as error:
            raise ParseError(_("The request body is not valid JSON.")) from error


def _too_large() -> str:
    return _("The request body is larger than %(size)d bytes.") % {"size": MAX_BODY_BYTES}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bounded_errors(errors: dict[str, list[str]]) -> dict[str, Any]:
    """The body of a 400: at most ``MAX_ERROR_FIELDS`` fields with at most
    ``MAX_MESSAGES_PER_FIELD`` messages each, keys and messages cut to length, and the number
    of fields left out (``omitted``) when there are more."""
    items = list(errors.items())
    body: dict[str, Any] = {
        "errors": {
            _clip(str(key), MAX_KEY_CHARS): [
                _clip(str(message), MAX_MESSAGE_CHARS)
                for message in messages[:MAX_MESSAGES_PER_FIELD]
            ]
            for key, messages in items[:MAX_ERROR_FIELDS]
        }
    }
    if len(items) > MAX_ERROR_FIELDS:
        body["omitted"] = len(items) - MAX_ERROR_FIELDS
    return body


class ClassifyView(APIView):
    """POST the questionnaire's answers as a JSON object; get the outcome.

    The accepted keys are ``compliance.classification.ANSWER_FIELDS`` (the EU AI Act's questions
    and Kazakhstan's Law on AI's: ``kz_risk_degree``, ``kz_failure_consequences``,
    ``kz_risk_assigned_by``, ``decision_role``, ``human_can_correct``,
    ``kz_prohibited_capabilities``, ``critical_ict_object``, ``state_information_resources``,
    ``synthetic_results``), all optional; the outcome carries the EU keys and, under ``kz``, the
    Law on AI's (see ``compliance.classification.classify``).
    ``?language=kk|ru|en`` chooses the language of the rationale and obligation titles
    (default: the request's language). Malformed answers answer 400 with the messages per
    field (bounded: ``bounded_errors``); a body over ``MAX_BODY_BYTES`` answers 413. Nothing is
    stored.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    parser_classes = [BoundedJSONParser]

    def post(self, request: Request) -> Response:
        language = request.query_params.get("language") or content_language()
        if language not in LANGUAGES:
            return Response(
                {"errors": {"language": [f"Use one of: {', '.join(LANGUAGES)}."]}}, status=400
            )
        try:
            answers = request.data
        except (ParseError, PayloadTooLarge, UnsupportedMediaType) as error:
            return Response({"errors": {"__all__": [str(error.detail)]}}, status=error.status_code)
        try:
            outcome = classify(answers, language=language)
        except ClassificationInputError as error:
            return Response(bounded_errors(error.errors), status=400)
        return Response(outcome)
