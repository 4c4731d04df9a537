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
        self.allowed = tuple(value for value, _label in choices)

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
