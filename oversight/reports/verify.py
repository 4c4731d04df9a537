"""Whether an audit report still matches the register, from the PDF alone.

Every report carries, in its document information and visibly on its cover, what it was made
from (``REPORT_FIELDS``): the public id and the version of the record, the SHA-256 of that
version's full frozen record (``PublishedVersion.record_sha256``), the version of the rule
catalogue (``compliance.rules.catalogue_version``) and a digest of the state of the system's
findings (``findings_digest``). ``verify`` reads them back with pypdf and compares them with
the database: the report matches, or the result names each thing that changed since (a newer
version was published, the findings changed, the catalogue changed), or says that the report's
version is not one the register holds.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from compliance.models import Finding, FindingStatus
from compliance.rules import catalogue_version
from register.models import AISystem, Organisation
from register.models.versions import snapshot_digest

# The reports' own formats, so that a later format can still be read: of one system, and of
# several (an organisation's or the whole register's, ``oversight.reports.collection``).
REPORT_FORMAT: Final = "kz-ai-register/audit-report/1"
COLLECTION_FORMAT: Final = "kz-ai-register/collection-report/1"

# The ``<meta name>`` of each field in the report's HTML. WeasyPrint lower-cases a name and
# keeps its letters and digits as the key of the document information (``info_key``).
FORMAT_KEY: Final = "register-report-format"
PUBLIC_ID_KEY: Final = "register-public-id"
VERSION_KEY: Final = "register-version"
RECORD_SHA256_KEY: Final = "register-record-sha256"
CATALOGUE_KEY: Final = "register-catalogue-version"
FINDINGS_KEY: Final = "register-findings-sha256"
GENERATED_KEY: Final = "register-generated-at"
LANGUAGE_KEY: Final = "register-language"
# A report of several systems: its scope (an organisation's short code, or ``*`` for the whole
# register), how many systems it shows and the digest of their records.
SCOPE_KEY: Final = "register-scope"
SYSTEMS_KEY: Final = "register-systems"
RECORDS_KEY: Final = "register-records-sha256"
REPORT_FIELDS: Final = (
    FORMAT_KEY,
    PUBLIC_ID_KEY,
    VERSION_KEY,
    RECORD_SHA256_KEY,
    CATALOGUE_KEY,
    FINDINGS_KEY,
    GENERATED_KEY,
    LANGUAGE_KEY,
    SCOPE_KEY,
    SYSTEMS_KEY,
    RECORDS_KEY,
)


def info_key(name: str) -> str:
    """The PDF document information key of the ``<meta name>`` ``name``."""
    return "/" + "".join(char for char in name.lower() if char.isalnum())


# More than any report's metadata, which WeasyPrint writes near the end of the file.
MAX_FIELD_CHARS: Final = 200


def findings_digest(findings: Iterable[Finding]) -> str:
    """SHA-256 of the canonical JSON of the findings' state: for each finding a report shows
    (not those of rules that no longer apply), its rule, status, severity and the end of its
    waiver, by rule id. It changes when a finding opens, is resolved, waived or changes
    severity, and not when a check run merely sees it again."""
    state = sorted(
        [
            finding.rule_id,
            finding.status,
            finding.severity,
            finding.waiver_expires_on.isoformat() if finding.waiver_expires_on else None,
        ]
        for finding in findings
        if finding.status != FindingStatus.NOT_APPLICABLE
    )
    return snapshot_digest(state)


class ReportUnreadable(ValueError):
    """The file is not a PDF, or not an audit report of this register."""

    def __init__(self, message: Promise, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ReportStamp:
    """What a report says it was made from."""

    public_id: str
    version: int
    record_sha256: str
    catalogue_version: str
    findings_sha256: str
    generated_at: str
    language: str


@dataclass(frozen=True)
class CollectionStamp:
    """What a report of several systems says it was made from."""

    scope: str
    systems: int
    records_sha256: str
    findings_sha256: str
    catalogue_version: str
    generated_at: str
    language: str


def _not_a_report() -> ReportUnreadable:
    return ReportUnreadable(_("The file is not an audit report of this register."), "not_a_report")


def read_stamp(pdf: bytes) -> ReportStamp | CollectionStamp:
    """The register's fields of a report's document information; ``ReportUnreadable`` for a
    file that is not a PDF or not a report of this register."""
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=False)
        info = reader.metadata or {}
        values = {key: info.get(info_key(key)) for key in REPORT_FIELDS}
    # An uploaded file may break the parser anywhere: whatever it raises, the file is unreadable.
    except Exception as error:
        raise ReportUnreadable(_("The file is not a PDF that can be read."), "not_pdf") from error
    texts = {
        key: str(value)[:MAX_FIELD_CHARS] if value is not None else ""
        for key, value in values.items()
    }
    if texts[FORMAT_KEY] == COLLECTION_FORMAT:
        try:
            systems = int(texts[SYSTEMS_KEY])
        except ValueError as error:
            raise _not_a_report() from error
        return CollectionStamp(
            scope=texts[SCOPE_KEY],
            systems=systems,
            records_sha256=texts[RECORDS_KEY],
            findings_sha256=texts[FINDINGS_KEY],
            catalogue_version=texts[CATALOGUE_KEY],
            generated_at=texts[GENERATED_KEY],
            language=texts[LANGUAGE_KEY],
        )
    if texts[FORMAT_KEY] != REPORT_FORMAT:
        raise _not_a_report()
    try:
        number = int(texts[VERSION_KEY])
    except ValueError as error:
        raise _not_a_report() from error
    return ReportStamp(
        public_id=texts[PUBLIC_ID_KEY],
        version=number,
        record_sha256=texts[RECORD_SHA256_KEY],
        catalogue_version=texts[CATALOGUE_KEY],
        findings_sha256=texts[FINDINGS_KEY],
        generated_at=texts[GENERATED_KEY],
        language=texts[LANGUAGE_KEY],
    )


@dataclass(frozen=True)
class Change:
    """One way the register differs from the report."""

    code: str
    message: Promise | str


# What can differ, in the order a result lists it.
UNKNOWN_RECORD: Final = "unknown_record"
UNKNOWN_VERSION: Final = "unknown_version"
NEWER_VERSION: Final = "newer_version"
FINDINGS_CHANGED: Final = "findings"
CATALOGUE_CHANGED: Final = "catalogue"
UNKNOWN_RECORD_MESSAGE: Final = _("The register holds no record with this number.")
UNKNOWN_SCOPE: Final = "unknown_scope"
UNKNOWN_SCOPE_MESSAGE: Final = _("The register holds no organisation with this code.")
RECORDS_CHANGED: Final = "records"
FINDINGS_CHANGED_MESSAGE: Final = _(
    "The compliance findings have changed since the report was made (a finding was opened, "
    "resolved or waived, or its severity changed)."
)
CATALOGUE_CHANGED_MESSAGE: Final = _("The rule catalogue has changed since the report was made.")


@dataclass(frozen=True)
class Verification:
    """The outcome of ``verify``: ``matches`` when nothing changed, else the ``changes``."""

    stamp: ReportStamp | CollectionStamp
    system: AISystem | None
    changes: list[Change] = field(default_factory=list)
    latest_version: int | None = None
    #: A report of several systems: the organisation it covers (None for the whole register,
    #: or when the register holds no organisation with the report's code).
    organisation: Organisation | None = None

    @property
    def is_collection(self) -> bool:
        return isinstance(self.stamp, CollectionStamp)

    @property
    def matches(self) -> bool:
        return not self.changes

    @property
    def codes(self) -> list[str]:
        return [change.code for change in self.changes]


def verify(pdf: bytes) -> Verification:
    """Compare the report ``pdf`` with the database (three queries for one system's, three for
    several systems'); ``ReportUnreadable`` when it is not a report of this register."""
    stamp = read_stamp(pdf)
    if isinstance(stamp, CollectionStamp):
        return _verify_collection(stamp)
    system = (
        AISystem.objects.select_related("organisation").filter(public_id=stamp.public_id).first()
    )
    if system is None:
        return Verification(
            stamp,
            None,
            [Change(UNKNOWN_RECORD, UNKNOWN_RECORD_MESSAGE)],
        )
    versions = dict(
        system.versions.filter(record__isnull=False).values_list("number", "record_sha256")
    )
    latest = max(versions, default=None)
    changes = []
    if versions.get(stamp.version) != stamp.record_sha256:
        changes.append(
            Change(
                UNKNOWN_VERSION,
                _(
                    "The register holds no version of this record with the number and the "
                    "SHA-256 that the report states: the report was not made from this register, "
                    "or it was altered."
                ),
            )
        )
    elif latest is not None and latest > stamp.version:
        changes.append(
            Change(
                NEWER_VERSION,
                _(
                    "A newer version of the record has been published since the report was made: "
                    "version %(latest)s, the report shows version %(version)s."
                )
                % {"latest": latest, "version": stamp.version},
            )
        )
    findings = Finding.objects.filter(system=system).only(
        "rule_id", "status", "severity", "waiver_expires_on"
    )
    if findings_digest(findings) != stamp.findings_sha256:
        changes.append(Change(FINDINGS_CHANGED, FINDINGS_CHANGED_MESSAGE))
    if catalogue_version() != stamp.catalogue_version:
        changes.append(Change(CATALOGUE_CHANGED, CATALOGUE_CHANGED_MESSAGE))
    return Verification(stamp, system, changes, latest)


def _verify_collection(stamp: CollectionStamp) -> Verification:
    # Imported here: the collection's module reads this one's keys when it is imported.
    from oversight.reports.collection import Scope, scope_digest

    organisation = None
    if stamp.scope != "*":
        organisation = Organisation.objects.filter(short_code=stamp.scope).first()
        if organisation is None:
            return Verification(stamp, None, [Change(UNKNOWN_SCOPE, UNKNOWN_SCOPE_MESSAGE)])
    digest = scope_digest(Scope(organisation))
    changes = []
    if digest.records_sha256 != stamp.records_sha256:
        changes.append(
            Change(
                RECORDS_CHANGED,
                _(
                    "The published records have changed since the report was made (a record was "
                    "published, a new version of one was published, or one was withdrawn): the "
                    "register now holds %(now)s of them, the report shows %(then)s."
                )
                % {"now": digest.systems, "then": stamp.systems},
            )
        )
    if digest.findings_sha256 != stamp.findings_sha256:
        changes.append(Change(FINDINGS_CHANGED, FINDINGS_CHANGED_MESSAGE))
    if digest.catalogue_version != stamp.catalogue_version:
        changes.append(Change(CATALOGUE_CHANGED, CATALOGUE_CHANGED_MESSAGE))
    return Verification(stamp, None, changes, organisation=organisation)
