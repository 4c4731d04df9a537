"""The plain-language assistant: hints on the texts that citizens read on a record's card.

While editors write the public texts, the assistant flags long sentences, passive official
jargon (an editable list per language, ``JargonPhrase``), texts far above the plain-language
reading level (Russian and English, where a readability formula exists), links that do not
answer and contact details that look malformed. The hints are shown next to the field on the
section form and become *minor* findings for the approver (``catalogue/plain_language.yaml``),
never blockers.

- ``texts``: sentences, jargon and reading level, pure functions of a text and a language;
- ``contacts``: phone numbers and e-mail addresses;
- ``links``: the URLs a record names, and the link check itself (SSRF-guarded, run by Celery);
- ``review``: the whole record's hints, stored as its ``PlainLanguageReview``;
- ``messages``: what each hint says, in the reader's language.

This module is the one declaration of which fields the assistant reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

#: The translated texts citizens read on the card, analysed in each language they are written in
#: (and searched for links, phone numbers and e-mail addresses).
TEXT_FIELDS: Final = (
    "summary",
    "affected_groups",
    "appeal_route",
    "explanation_route",
    "data_access_route",
    "non_ai_alternative",
)
#: Web addresses people are sent to: checked that they answer.
LINK_FIELDS: Final = ("contact_url", "appeal_url", "user_agreement_url")
PHONE_FIELDS: Final = ("contact_phone",)
EMAIL_FIELDS: Final = ("contact_email",)
CHECKED_FIELDS: Final = (*TEXT_FIELDS, *LINK_FIELDS, *PHONE_FIELDS, *EMAIL_FIELDS)

#: Hint codes by kind; a catalogue rule names the kinds it reports.
KINDS: Final = {
    "text": ("long_sentence", "jargon", "reading_level"),
    "contact": ("phone", "email"),
    "link": ("link_broken", "link_not_public"),
}


@dataclass(frozen=True)
class Hint:
    """One thing to improve in one field: ``field`` is the base name, ``language`` the column's
    language ("" for a field that is not translated), ``detail`` JSON-ready and language-neutral
    (numbers, the phrase or address found), so a stored review reads the same in any language."""

    field: str
    language: str
    code: str
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "language": self.language, "code": self.code, **self.detail}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Hint:
        data = dict(data)
        return cls(data.pop("field"), data.pop("language"), data.pop("code"), data)

    @property
    def kind(self) -> str:
        return next(kind for kind, codes in KINDS.items() if self.code in codes)
