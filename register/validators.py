from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class ChoiceListValidator:
    """A JSON list whose items are distinct values of ``choices``."""

    def __init__(self, choices: Iterable[tuple[str, Any]]) -> None:
        # With their labels, for the data dictionary of the downloads.
        self.choices = tuple(choices)
        self.allowed = tuple(value for value, _label in self.choices)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="not_a_list")
        unknown = [item for item in value if item not in self.allowed]
        if unknown:
            raise ValidationError(
                _("%(value)s is not one of the available choices."),
                code="invalid_choice",
                params={"value": ", ".join(map(str, unknown))},
            )
        if len(set(value)) != len(value):
            raise ValidationError(_("Each choice can be given only once."), code="duplicate")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and self.allowed == other.allowed


def validate_bin(value: str) -> None:
    """A Kazakh business identification number (БСН / БИН): twelve digits whose last is the
    check digit of the first eleven (weights 1–11, or 3–11, 1, 2 when the first sum leaves 10)."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("Enter the twelve digits of the BIN."), code="bin_format")
    digits = [int(d) for d in value]
    check = sum(d * w for d, w in zip(digits, range(1, 12), strict=False)) % 11
    if check == 10:
        weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        check = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if check == 10 or check != digits[11]:
        raise ValidationError(
            _("This BIN's check digit does not match; check the number."), code="bin_checksum"
        )
