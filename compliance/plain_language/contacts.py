"""Contact details that look malformed: phone numbers (``phonenumbers``, read as Kazakh numbers
when they carry no country code) and e-mail addresses (Django's own validator).

The contact fields hold one value each; texts are searched for what looks like a phone number
(from "+" or "8" with enough digits to be one) or an e-mail address (anything with an "@").
Service short numbers such as 1414 or 112 are numbers people dial as they are.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

#: Numbers without a country code are read as dialled in Kazakhstan.
DEFAULT_REGION: Final = "KZ"

_SHORT_NUMBER = re.compile(r"^\d{3,4}$")
_PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+|8)[\s(]*\d[\d\s()\-]{7,}\d(?!\w)")
_EMAIL_IN_TEXT = re.compile(r"[^\s<>()\"'«»,;:]*@[^\s<>()\"'«»,;:]*")
_SEPARATORS = re.compile(r"[,;/]|\s+(?:или|немесе|or)\s+")
_email = EmailValidator()


def phone_is_valid(value: str) -> bool:
    value = value.strip()
    if _SHORT_NUMBER.match(value):
        return True
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def email_is_valid(value: str) -> bool:
    try:
        _email(value.strip().rstrip("."))
    except ValidationError:
        return False
    return True


def malformed_phones(value: str) -> list[str]:
    """The numbers of a phone field (several may be separated by commas) that are not valid."""
    return [
        part.strip()
        for part in _SEPARATORS.split(value or "")
        if part.strip() and not phone_is_valid(part)
    ]


def malformed_emails(value: str) -> list[str]:
    return [value.strip()] if (value or "").strip() and not email_is_valid(value) else []


def phones_in(text: str) -> list[str]:
    """What looks like a phone number in a text. One from "8" needs the ten digits after it
    that a Kazakh number has, so that "8 000 000 applicants" is not taken for one."""
    found = []
    for match in _PHONE_IN_TEXT.finditer(text or ""):
        value = match.group(0).strip()
        if value.startswith("+") or sum(c.isdigit() for c in value) >= 11:
            found.append(value)
    return found


def emails_in(text: str) -> list[str]:
    return [m.group(0).rstrip(".") for m in _EMAIL_IN_TEXT.finditer(text or "") if m.group(0)]


def contact_problems(text: str) -> list[tuple[str, dict[str, str]]]:
    """Malformed phone numbers and e-mail addresses written in a text, as (code, detail)."""
    return [("phone", {"value": v}) for v in phones_in(text) if not phone_is_valid(v)] + [
        ("email", {"value": v}) for v in emails_in(text) if not email_is_valid(v)
    ]
