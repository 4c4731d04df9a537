"""The OpenAPI schema of the API and its documentation page.

The schema is generated once per process and language (it depends on nothing else) and served
as YAML, or JSON with ``?format=json``. The documentation page is in the portal's languages
(``data:api_docs``, under the language prefix): a getting-started text that works without
JavaScript and, with it, Swagger UI from the locally served drf-spectacular-sidecar files.
``api:docs`` sends a reader there in the language of their request.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from api.conditional import of_parts, precondition
from api.filters import ORDERINGS
from api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from portal.search import FACETS

_SCHEMAS: dict[str, tuple[dict[str, Any], str]] = {}


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3.1 schema of ``/api/v1/``: YAML, or JSON with ``?format=json``."""

    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        operation_id="schema",
        responses={
            200: OpenApiResponse(description="The OpenAPI schema."),
            304: OpenApiResponse(description="Your copy is current."),
            429: OpenApiResponse(description="Too many requests."),
        },
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        language = get_language() or ""
        if language not in _SCHEMAS:
            data = self._get_schema_response(request).data
            digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
            _SCHEMAS[language] = (data, digest)
        data, digest = _SCHEMAS[language]
        validators = of_parts(request, "schema", digest)
        if (early := precondition(request, validators)) is not None:
            return early  # type: ignore[return-value]
        response = Response(data)
        validators.stamp(response)
        return response


def docs(request: HttpRequest) -> HttpResponseRedirect:
    """``/api/v1/docs``: the documentation page in the request's language."""
    return HttpResponseRedirect(reverse("data:api_docs"))


def docs_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/docs.html",
        {
            "facets": [facet.name for facet in FACETS],
            "orderings": list(ORDERINGS),
            "default_page_size": DEFAULT_PAGE_SIZE,
            "max_page_size": MAX_PAGE_SIZE,
        },
    )
