"""The audit report of one system: its HTML in the language asked for, and its PDF."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from oversight.reports import verify
from oversight.reports.context import ReportContext, report_context
from oversight.reports.render import RenderedPDF, html_to_pdf
from oversight.reports.sections import SECTIONS
from register.i18n import pick
from register.models import AISystem

TEMPLATE = "oversight/report/system.html"


@dataclass(frozen=True)
class SystemReport:
    context: ReportContext
    pdf: RenderedPDF

    @property
    def filename(self) -> str:
        version = self.context.version.number
        return f"{self.context.system.public_id}-v{version}-{self.context.language}.pdf"


def system_report_html(context: ReportContext) -> str:
    """The report's HTML document in ``context.language``, whatever language is active."""
    with translation.override(context.language):
        name = pick(context.fields.get("name"), context.language)
        return render_to_string(
            TEMPLATE,
            {
                "report": context,
                "sections": SECTIONS,
                "name": str(name) or context.system.public_id,
                "stamp": {
                    verify.FORMAT_KEY: verify.REPORT_FORMAT,
                    verify.PUBLIC_ID_KEY: context.system.public_id,
                    verify.VERSION_KEY: context.version.number,
                    verify.RECORD_SHA256_KEY: context.version.record_sha256,
                    verify.CATALOGUE_KEY: context.catalogue_version,
                    verify.FINDINGS_KEY: context.findings_digest,
                    verify.GENERATED_KEY: context.generated_at.isoformat(),
                    verify.LANGUAGE_KEY: context.language,
                },
            },
        )


def system_report(system: AISystem, *, language: str) -> SystemReport:
    """The audit report of ``system`` (loaded with its organisation) in ``language``:
    ``Http404`` when it has no published full record."""
    context = report_context(system, language=language)
    return SystemReport(context=context, pdf=html_to_pdf(system_report_html(context)))
