"""Predicates of ``catalogue/plain_language.yaml``: the plain-language assistant's hints.

The analysis itself (``compliance.plain_language``) needs the jargon list and the link checks,
so it runs when a record changes or a link's answer changes, and stores its hints as the
record's ``PlainLanguageReview``; ``systems_with_parts()`` loads that review with the record
(``register.extensions.add_record_relation``), so these predicates run no query. A record that
was never reviewed is not judged. Each rule names the kinds of hint (``text``, ``contact``,
``link``) and the fields it reports; the rules' fields together are the assistant's
``CHECKED_FIELDS``.
"""

from __future__ import annotations

from compliance.plain_language import CHECKED_FIELDS, KINDS, Hint
from compliance.plain_language.hints import stored_hints
from compliance.predicates._common import Params
from compliance.rules.model import PASS, Choice, Verdict, fail, not_applicable
from compliance.rules.registry import predicate
from register.models import AISystem


def _reviewed(system: AISystem) -> bool:
    return getattr(system, "plain_language_review", None) is not None


@predicate(
    "plain_language",
    params={"kinds": Choice(tuple(KINDS), many=True), "fields": Choice(CHECKED_FIELDS, many=True)},
    reads=lambda params: {f"system.{name}" for name in params["fields"]},
)
def plain_language(system: AISystem, params: Params) -> Verdict:
    if not _reviewed(system):
        return not_applicable(reason="not_reviewed")
    found: list[Hint] = [
        hint
        for hint in stored_hints(system)
        if hint.field in params["fields"] and hint.kind in params["kinds"]
    ]
    if not found:
        return PASS
    return fail(
        hints=len(found),
        fields=sorted({hint.field for hint in found}),
        codes=sorted({hint.code for hint in found}),
    )
