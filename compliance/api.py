"""The classification as an HTTP API: the same pure function as ``manage.py classify``."""

from __future__ import annotations

from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from compliance.classification import LANGUAGES, ClassificationInputError, classify
from register.i18n import content_language


class ClassifyView(APIView):
    """POST the questionnaire's answers as a JSON object; get the outcome.

    ``?language=kk|ru|en`` chooses the language of the rationale and obligation titles
    (default: the request's language). Malformed answers answer 400 with the messages per
    field. Nothing is stored.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    def post(self, request: Request) -> Response:
        language = request.query_params.get("language") or content_language()
        if language not in LANGUAGES:
            return Response(
                {"errors": {"language": [f"Use one of: {', '.join(LANGUAGES)}."]}}, status=400
            )
        try:
            outcome = classify(request.data, language=language)
        except ClassificationInputError as error:
            return Response({"errors": error.errors}, status=400)
        return Response(outcome)
