"""Path converters of the feedback pages: anything but a well-formed reference or secret is
not found (404) before any query is made."""

from __future__ import annotations

from django.urls import register_converter

from portal.models import REFERENCE_PATTERN


class ReferenceConverter:
    """A report's reference number, ``R-2026-7K3M9Q``."""

    regex = REFERENCE_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SecretConverter:
    """A status-page key or a confirmation token (``secrets.token_urlsafe``)."""

    regex = "[A-Za-z0-9_-]{20,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "feedback_reference")
register_converter(SecretConverter, "feedback_secret")
