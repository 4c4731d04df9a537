"""The audit report of one system: its HTML in the language asked for, and its PDF.

Laying out a report of a dozen pages takes WeasyPrint about a second, so a report is kept in
the reports storage and handed out again while the document would come out the same:
``stored_system_report`` names each file by the SHA-256 of the report's HTML made without its
generation time, which changes with anything the report shows (the frozen record, the findings,
the history, the citizens' reports, the template itself). A stored report states the time it
was made; ``verify`` checks what it was made from, not when.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.template.loader import render_to_string
from django.utils import translation

from oversight.models import reports_storage
from oversight.reports import verify
from oversight.reports.context import ReportContext, report_context
from oversight.reports.render import RenderedPDF, html_to_pdf
from oversight.reports.sections import SECTIONS
from register.i18n import pick
from register.models import AISystem

TEMPLATE = "oversight/report/system.html"
#: Where the reports of single systems are kept in the reports storage.
STORED_FOLDER = "systems"
# The generation time in the HTML whose digest names a stored report.
_NO_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SystemReport:
    context: ReportContext
    pdf: RenderedPDF

    @property
    def filename(self) -> str:
        return report_filename(self.context)


def report_filename(context: ReportContext) -> str:
    """The name a downloaded report is saved under."""
    return f"{context.system.public_id}-v{context.version.number}-{context.language}.pdf"


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


@dataclass(frozen=True)
class StoredReport:
    content: bytes
    filename: str
    #: The stored file's name; ``reused`` when it was there already and nothing was laid out.
    name: str
    reused: bool


def _stored_name(context: ReportContext) -> str:
    document = system_report_html(dataclasses.replace(context, generated_at=_NO_TIME))
    key = hashlib.sha256(document.encode()).hexdigest()[:32]
    version = context.version.number
    return f"{STORED_FOLDER}/{context.system.public_id}/v{version}-{context.language}-{key}.pdf"


def stored_system_report(system: AISystem, *, language: str) -> StoredReport:
    """The audit report of ``system`` in ``language``, from the reports storage when the same
    document was made before, else made now and stored (and the system's older reports in
    that language removed). ``Http404`` as ``system_report``."""
    context = report_context(system, language=language)
    name = _stored_name(context)
    filename = report_filename(context)
    storage = reports_storage()
    if storage.exists(name):
        with storage.open(name) as file:
            return StoredReport(file.read(), filename, name, reused=True)
    pdf = html_to_pdf(system_report_html(context))
    if not storage.exists(name):  # another request may have made it meanwhile
        name = storage.save(name, ContentFile(pdf.content))
    _remove_older(storage, name, context)
    return StoredReport(pdf.content, filename, name, reused=False)


def _remove_older(storage: Storage, kept: str, context: ReportContext) -> None:
    """Remove the system's other stored reports in the same language: they show a state of
    the register that has passed (a report in hand still verifies, or names what changed)."""
    folder = f"{STORED_FOLDER}/{context.system.public_id}"
    marker = f"-{context.language}-"
    try:
        _folders, files = storage.listdir(folder)
        for file in files:
            name = f"{folder}/{file}"
            if marker in file and name != kept:
                storage.delete(name)
    except OSError:
        logger.warning("Older reports of %s could not be removed.", context.system.public_id)


def store_reports_of(system_id: int) -> int:
    """Store the audit report of ``system_id``'s published version in every content language;
    returns how many had to be made (0 for a record without a published full record)."""
    from django.http import Http404

    from register.languages import CONTENT_LANGUAGES

    system = AISystem.objects.select_related("organisation").filter(pk=system_id).first()
    if system is None:
        return 0
    made = 0
    for language in CONTENT_LANGUAGES:
        try:
            made += not stored_system_report(system, language=language).reused
        except Http404:
            return made
    return made
