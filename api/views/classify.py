"""``POST /api/v1/classify``: the classification as an HTTP API, the same pure function as
``manage.py classify``. Nothing is stored.

The body is bounded before it is parsed (``ClassifyParser``: size and nesting) and the errors
after it is checked (``api.errors``: how many fields, how many messages, how long each), so
neither a small deeply nested body nor a large one of bad list items costs more than a few
kilobytes to answer. Errors have the API's shape, in the language of ``Accept-Language``.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api.parsers import BoundedJSONParser
from api.serializers import ErrorSerializer
from api.views.base import PublicView
from compliance.classification import LANGUAGES, ClassificationInputError, classify
from register.i18n import content_language


class ClassifyParser(BoundedJSONParser):
    # The answers are one object of flags, short choices and lists of short choices, plus one
    # text: a few kilobytes at most. Nesting deeper than an object of lists is never valid.
    max_bytes = 32 * 1024
    max_depth = 4


class LanguageForm(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)


class ClassifyView(PublicView):
    """POST the questionnaire's answers as a JSON object; get the outcome.

    The accepted keys are ``compliance.classification.ANSWER_FIELDS`` (the EU AI Act's questions
    and Kazakhstan's Law on AI's), all optional; the outcome carries the EU keys and, under
    ``kz``, the Law on AI's (see ``compliance.classification.classify``). ``?language=kk|ru|en``
    chooses the language of the rationale and obligation titles (default: the request's
    language).
    """

    parser_classes = [ClassifyParser]

    @extend_schema(
        operation_id="classify",
        parameters=[OpenApiParameter("language", str, enum=list(LANGUAGES))],
        request={"application/json": {"type": "object"}},
        responses={
            200: OpenApiResponse(description="The outcome of the classification."),
            400: OpenApiResponse(ErrorSerializer, description="The answers are invalid."),
            413: OpenApiResponse(ErrorSerializer, description="The body is too large."),
            415: OpenApiResponse(ErrorSerializer, description="The body is not JSON."),
            429: OpenApiResponse(ErrorSerializer, description="Too many requests."),
        },
    )
    def post(self, request: Request) -> Response:
        choice = LanguageForm(data=request.query_params)
        choice.is_valid(raise_exception=True)
        language = choice.validated_data.get("language") or content_language()
        try:
            outcome = classify(request.data, language=language)
        except ClassificationInputError as error:
            raise ValidationError(error.errors) from error
        return Response(outcome)
