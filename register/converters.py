"""Path converters of the workspace's URLs."""

from __future__ import annotations

from django.urls import register_converter


class PublicIdConverter:
    """A record's public identifier (``KZ-AI-000042``): letters, digits and hyphens, no longer
    than the column. Anything else (a NUL byte, a slash, a megabyte) is not a record: 404,
    before any query is made."""

    regex = "[A-Za-z0-9-]{1,16}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PublicIdConverter, "public_id")
