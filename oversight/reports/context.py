"""Everything the audit report of one system says, read in a fixed number of queries.

The record itself comes only from the full record frozen in the system's latest published
version (``PublishedVersion.record``, ``register.snapshots``), never from the working copy, so
the report states what was published and the hash it states is that version's. What happens
after publication is read live, since that is what a regulator audits: the findings (open,
resolved and waived), the waivers with their reasons, the published versions, an excerpt of
the audit trail and the citizen reports with their replies. The classification's rationale is
rendered again from the frozen answers in the report's language, as the workspace does.

``report_context`` runs ``QUERIES`` queries whatever the size of the record or of its history
(asserted in ``tests/oversight/test_report_pdf.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Final

from django.http import Http404
from django.utils import timezone, translation

from compliance.check_answers import AnswerRow, StepAnswers, answers_by_step
from compliance.classification import ClassificationInputError, classify
from compliance.models import Finding, FindingStatus
from compliance.rules import Rule, catalogue_version, get_catalogue
from compliance.selectors import SEVERITY_ORDER
from oversight.reports.verify import findings_digest
from portal.models import Report
from register.models import AISystem, PublishedVersion
from register.selectors import HistoryEntry, system_history

# How much of the audit trail and of the citizen reports a report carries: the newest entries.
HISTORY_EXCERPT: Final = 20
CITIZEN_REPORTS: Final = 50
# The queries of ``report_context``: the latest version with its record, the versions, the
# findings, the audit trail (three: its count, the events, their users) and the citizen reports.
QUERIES: Final = 7


@dataclass(frozen=True)
class ReportFinding:
    """A finding with its rule's texts in the report's language (``rule`` is ``None`` for a
    rule withdrawn from the catalogue since)."""

    finding: Finding
    rule: Rule | None
    title: str
    remediation: str
    reference: str
    confirmed: bool | None


@dataclass(frozen=True)
class Obligation:
    """A rule of the catalogue that applies to the frozen record, with its force there."""

    rule: Rule
    title: str
    reference: str
    binding: bool
    effective_from: dt.date


@dataclass(frozen=True)
class ReportContext:
    system: AISystem
    version: PublishedVersion
    record: dict[str, Any]
    language: str
    generated_at: dt.datetime
    catalogue_version: str
    findings_digest: str
    open_findings: list[ReportFinding]
    resolved_findings: list[ReportFinding]
    waived_findings: list[ReportFinding]
    obligations: list[Obligation]
    outcome: dict[str, Any] | None
    #: The questionnaire's steps with the questions that were answered (the others are many and
    #: say nothing).
    answers: list[tuple[StepAnswers, list[AnswerRow]]]
    versions: list[PublishedVersion]
    history: list[HistoryEntry]
    history_more: bool
    citizen_reports: list[Report]
    citizen_reports_more: bool

    @property
    def fields(self) -> dict[str, Any]:
        return self.record["fields"]

    @property
    def classification(self) -> dict[str, Any]:
        return self.record["classification"]

    @property
    def parts(self) -> dict[str, Any]:
        return self.record["parts"]

    @property
    def organisation(self) -> dict[str, Any]:
        return self.record["organisation"]

    @property
    def jurisdiction(self) -> str:
        return self.organisation.get("jurisdiction") or "KZ"

    @property
    def findings(self) -> list[ReportFinding]:
        return [*self.open_findings, *self.waived_findings, *self.resolved_findings]


def latest_version(system: AISystem) -> PublishedVersion:
    """The newest published version of ``system`` with its full record; ``Http404`` when it
    has none (never published, or published only before records were frozen)."""
    version = (
        PublishedVersion.objects.filter(system=system, record__isnull=False)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404
    return version


def report_findings(system: AISystem) -> list[Finding]:
    """The findings a report shows (open, waived, resolved: not those of rules that no longer
    apply), most severe first, with who waived them. One query."""
    return list(
        Finding.objects.filter(system=system)
        .exclude(status=FindingStatus.NOT_APPLICABLE)
        .select_related("waived_by")
        .alias(severity_rank=SEVERITY_ORDER)
        .order_by("severity_rank", "rule_id")
    )


def _frozen_system(record: dict[str, Any]) -> SimpleNamespace:
    """What the catalogue's applicability reads of a system, from the frozen record."""
    fields, classification = record["fields"], record["classification"]
    return SimpleNamespace(
        risk_class=classification.get("risk_class") or "",
        act_role=fields.get("act_role") or "",
        phase=fields.get("phase") or "",
        classification_answers=classification.get("classification_answers") or {},
        classification=classification.get("classification") or {},
        organisation=SimpleNamespace(
            jurisdiction=record["organisation"].get("jurisdiction") or "KZ"
        ),
    )


def obligations(record: dict[str, Any], language: str, today: dt.date) -> list[Obligation]:
    """The rules of the catalogue that apply to the frozen record today, each binding or a
    principle in the organisation's jurisdiction, by rule id. No query."""
    system = _frozen_system(record)
    applicable = []
    for rule in get_catalogue().enabled():
        force = rule.force(system)  # type: ignore[arg-type]
        if force is None or not rule.applies_to.matches(system):  # type: ignore[arg-type]
            continue
        applicable.append(
            Obligation(
                rule=rule,
                title=rule.text("title", language),
                reference=rule.reference.text(language),
                binding=force == "binding",
                effective_from=rule.effective_on(system),  # type: ignore[arg-type]
            )
        )
    return sorted(applicable, key=lambda item: item.rule.id)


def _classification_facts(record: dict[str, Any]) -> dict[str, Any]:
    """The frozen answers with the facts the record states (as ``with_record_facts`` adds
    them to the working copy's): its role, its role in decisions, whether a person can
    override an output."""
    answers = dict(record["classification"].get("classification_answers") or {})
    if not answers:
        return {}
    fields = record["fields"]
    answers["role"] = fields.get("act_role") or answers.get("role")
    answers["decision_role"] = fields.get("decision_role") or None
    answers.pop("human_can_correct", None)
    oversight = record["parts"].get("oversight") or {}
    if oversight.get("can_override") is not None:
        answers["human_can_correct"] = oversight["can_override"]
    return answers


def classification_outcome(record: dict[str, Any], language: str) -> dict[str, Any] | None:
    """``classify`` of the frozen answers in ``language`` (its rationale and obligations);
    ``None`` when the record was not classified or its answers no longer validate."""
    facts = _classification_facts(record)
    if not facts:
        return None
    try:
        return classify(facts, language=language)
    except (ClassificationInputError, ValueError):
        return None


def _answered(facts: dict[str, Any]) -> list[tuple[StepAnswers, list[AnswerRow]]]:
    if not facts:
        return []
    steps = ((step, [row for row in step.rows if row.answered]) for step in answers_by_step(facts))
    return [(step, rows) for step, rows in steps if rows]


def report_finding(finding: Finding, language: str) -> ReportFinding:
    """``finding`` with its rule's texts in ``language``. No query."""
    rule = finding.rule
    if rule is None:
        return ReportFinding(finding, None, "", "", "", None)
    return ReportFinding(
        finding=finding,
        rule=rule,
        title=rule.text("title", language),
        remediation=rule.text("hint", language),
        reference=rule.reference.text(language),
        confirmed=rule.reference.confirmed,
    )


def report_context(system: AISystem, *, language: str) -> ReportContext:
    """Everything the report of ``system`` (loaded with its organisation) says, in
    ``language`` whatever language is active (the audit trail's field names included);
    ``Http404`` when the system has no frozen record to report on. ``QUERIES`` queries."""
    with translation.override(language):
        return _report_context(system, language)


def _report_context(system: AISystem, language: str) -> ReportContext:
    version = latest_version(system)
    record = version.record or {}
    versions = list(
        PublishedVersion.objects.filter(system=system)
        .select_related("published_by")
        .defer("snapshot", "record")
        .order_by("-number")
    )
    findings = report_findings(system)
    history = system_history(system, per_page=HISTORY_EXCERPT)
    citizen_reports = list(
        Report.objects.filter(system=system).order_by("-created_at", "-pk")[: CITIZEN_REPORTS + 1]
    )
    rendered = [report_finding(finding, language) for finding in findings]
    facts = _classification_facts(record)
    now = timezone.now()
    return ReportContext(
        system=system,
        version=version,
        record=record,
        language=language,
        generated_at=now,
        catalogue_version=catalogue_version(),
        findings_digest=findings_digest(findings),
        open_findings=[f for f in rendered if f.finding.status == FindingStatus.OPEN],
        resolved_findings=[f for f in rendered if f.finding.status == FindingStatus.RESOLVED],
        waived_findings=[f for f in rendered if f.finding.status == FindingStatus.WAIVED],
        obligations=obligations(record, language, timezone.localdate(now)),
        outcome=classification_outcome(record, language),
        answers=_answered(facts),
        versions=versions,
        history=history.entries,
        history_more=history.page.has_next(),
        citizen_reports=citizen_reports[:CITIZEN_REPORTS],
        citizen_reports_more=len(citizen_reports) > CITIZEN_REPORTS,
    )
