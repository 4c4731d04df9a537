"""The hints of a record's stored review, as the section forms show them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from compliance.plain_language import KINDS, Hint
from compliance.plain_language.messages import text
from register.i18n import column


def stored_hints(system: Any) -> list[Hint]:
    """The hints of ``system``'s last review (none before its first). No query when the
    record was loaded with ``register.selectors.systems_with_parts``."""
    try:
        review = system.plain_language_review
    except ObjectDoesNotExist:
        return []
    if review is None:
        return []
    # A hint stored by an earlier release whose code is gone is not shown.
    known = {code for codes in KINDS.values() for code in codes}
    return [Hint.from_json(item) for item in review.hints if item.get("code") in known]


def form_hints(system: Any, language: str) -> dict[str, list[str]]:
    """Hint texts by form field name for a form in ``language``: a translated text's column in
    that language, a field that is not translated by its name."""
    by_field: dict[str, list[str]] = {}
    for hint in stored_hints(system):
        if hint.language and hint.language != language:
            continue
        name = column(hint.field, language) if hint.language else hint.field
        by_field.setdefault(name, []).append(text(hint))
    return by_field
