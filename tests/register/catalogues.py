"""Reading the translation catalogues in tests: ours (locale/) and Django's own, as .po text."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django

LOCALE = Path(__file__).resolve().parents[2] / "locale"
DJANGO = Path(django.__file__).resolve().parent
# Django's catalogues whose messages the register's users meet: forms and validators, sign-in
# and passwords, and the admin site a site administrator uses.
DJANGO_DOMAINS = ("conf", "contrib/auth", "contrib/admin")

_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgstr: tuple[str, ...]
    context: str | None = None
    plural: str | None = None
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr)


def parse(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries and the header left out)."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags = ""
    field = None

    def close() -> None:
        if fields.get("msgid"):
            strings = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr"))
            entries.append(
                Entry(
                    fields["msgid"],
                    strings,
                    fields.get("msgctxt"),
                    fields.get("msgid_plural"),
                    "fuzzy" in flags,
                )
            )

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgstr" in "".join(fields):
                close()
                fields, field = {}, None
            flags = line
            continue
        if line.startswith("#") or not line.strip():
            continue
        match = _LINE.match(line)
        if match:
            name = match[1]
            if name in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
                close()
                fields, flags = {}, ""
            field = name
            fields[field] = fields.get(field, "") + ast.literal_eval(match[2])
        elif line.startswith('"') and field:
            fields[field] += ast.literal_eval(line)
    close()
    return entries


@cache
def ours(language: str) -> tuple[Entry, ...]:
    return tuple(parse(LOCALE / language / "LC_MESSAGES" / "django.po"))


@cache
def djangos(language: str, domain: str) -> tuple[Entry, ...]:
    return tuple(parse(DJANGO / domain / "locale" / language / "LC_MESSAGES" / "django.po"))
