"""The sections of a system's audit report, in order: one table for the table of contents, the
headings (and so the PDF's bookmarks) and the templates, so that a report of an organisation or
of the whole register can print the same sections for each of its systems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise

    @property
    def template(self) -> str:
        return f"oversight/report/sections/{self.slug}.html"


SECTIONS: Final[tuple[Section, ...]] = (
    Section("identification", _("Identification and summary")),
    Section("classification", _("Risk classification")),
    Section("obligations", _("Obligations that apply")),
    Section("findings", _("Compliance findings")),
    Section("waivers", _("Waivers")),
    Section("assessments", _("Impact assessments")),
    Section("oversight", _("Human oversight")),
    Section("data", _("Data sources")),
    Section("risks", _("Risks and mitigations")),
    Section("versions", _("Version history")),
    Section("trail", _("Audit trail (excerpt)")),
    Section("feedback", _("Citizen reports and replies")),
)
