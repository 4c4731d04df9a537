"""Typed, loud parsing of environment variables.

Every reader names the variable in its error, so a wrong value stops start-up with a message an
operator can act on (``DEBUG=maybe`` → "DEBUG must be one of ...").
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def is_set(self, name: str) -> bool:
        return self._raw(name) is not None

    def str(self, name: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self._raw(name)
        if value is None:
            if required:
                raise ImproperlyConfigured(f"{name} must be set.")
            return default
        return value

    def bool(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name} must be a boolean (one of 1/0, true/false, yes/no, on/off), got {value!r}."
        )

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}.")
        return number

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: list[str] | tuple[str, ...]) -> str:
        value = self._raw(name)
        if value is None:
            return default
        if value not in choices:
            raise ImproperlyConfigured(
                f"{name} must be one of {', '.join(choices)}, got {value!r}."
            )
        return value

    def url(self, name: str, default: str | None = None, *, schemes: tuple[str, ...]) -> str | None:
        value = self._raw(name)
        if value is None:
            return default
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme not in schemes:
            raise ImproperlyConfigured(
                f"{name} must be a URL starting with one of "
                f"{', '.join(s + '://' for s in schemes)}, got {value!r}."
            )
        return value
