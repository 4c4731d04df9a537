"""The base of the API's public endpoints: no authentication, the anonymous rate, and the
validators of conditional requests (``api.conditional``) on every successful GET."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle

from api.conditional import Validators, precondition


class PublicView(GenericAPIView):
    """A public endpoint. A GET handler calls ``not_modified(validators)`` before it builds
    its answer and returns what it gives when that is not ``None`` (304 or 412); the
    validators are then put on the full answer."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    conditional: Validators | None = None

    def not_modified(self, validators: Validators) -> HttpResponse | None:
        self.conditional = validators
        return precondition(self.request, validators)

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.conditional is not None and 200 <= response.status_code < 300:
            self.conditional.stamp(response)
        return response
