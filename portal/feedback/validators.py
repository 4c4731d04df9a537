"""Validators of what a sender writes."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line breaks and tabs are part of a message; every other control character is not text.
_ALLOWED_IN_TEXT = frozenset("\n\r\t")


@deconstructible
class NoControlCharacters:
    """Refuse control characters (``Cc``): all of them in one line (``multiline=False``),
    all but line breaks and tabs in a text of several lines. NUL included: the database
    cannot store it."""

    def __init__(self, *, multiline: bool = True) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        allowed = _ALLOWED_IN_TEXT if self.multiline else frozenset()
        if any(char not in allowed and unicodedata.category(char) == "Cc" for char in str(value)):
            raise ValidationError(
                _("Remove the control characters: they are not text and cannot be stored."),
                code="control_characters",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters) and self.multiline == other.multiline
