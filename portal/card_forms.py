"""The form of the comparison of two versions of a card (``?from=<n>&to=<m>``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from register.models import PublishedVersion
from register.templatetags.card_tags import isodate


def version_choices(versions: Sequence[PublishedVersion]) -> list[tuple[int, str]]:
    """``(number, "Version 2 (15 November 2024)")`` for each version, newest first."""
    return [
        (
            version.number,
            _("Version %(number)s (%(date)s)")
            % {"number": version.number, "date": isodate(version.published_at)},
        )
        for version in reversed(versions)
    ]


class CompareForm(forms.Form):
    """Two versions of one record: only the numbers it has are accepted (a number of another
    record's version, text, NUL bytes or a huge number are an invalid choice), and they must
    differ. Both default to the previous and the current version."""

    def __init__(self, data: Any, *, versions: Sequence[PublishedVersion]) -> None:
        numbers = [version.number for version in versions]
        initial = {"from": numbers[-2] if len(numbers) > 1 else numbers[-1], "to": numbers[-1]}
        # A missing parameter takes its default; the form still validates what was sent.
        super().__init__({**initial, **{k: v for k, v in data.items() if k in initial}})
        choices = version_choices(versions)
        self.fields["from"] = forms.TypedChoiceField(
            label=_("Compare version"), choices=choices, coerce=int
        )
        self.fields["to"] = forms.TypedChoiceField(
            label=_("with version"), choices=choices, coerce=int
        )
        self.single = len(numbers) == 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not self.single
            and cleaned.get("from") is not None
            and cleaned.get("from") == cleaned.get("to")
        ):
            raise ValidationError(_("Choose two different versions."), code="same_version")
        return cleaned
