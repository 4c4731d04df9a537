"""How the compliance engine plugs into the register (which never imports it):

- every committed change to a record enqueues a re-check (the register's ``record_changed``);
- publication re-checks the record first; for a system not yet in use an open blocker stops it
  (a precondition of the workflow table's ``publish`` in ``NOT_IN_USE_PHASES``), while a system
  in use is published with its findings: the approver confirms the open ones (a confirmation
  of ``publish``), and they are frozen into the version (the record's ``compliance`` block);
- the task list of a record shows its findings (a record panel);
- the plain-language assistant reviews every changed record (``record_changed``), its review is
  loaded with the record (a record relation) for its rules, and its hints are shown next to
  the fields of the section forms (field hints).

``connect()`` is called once, from ``ComplianceConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register import extensions, workflow
from register.languages import CONTENT_LANGUAGES

# The block of the frozen record (and of the card) that carries the findings at publication.
FROZEN_BLOCK = "compliance"


def _enqueue_review(sender: Any, *, system_id: int, **kwargs: Any) -> None:
    from compliance.plain_language.tasks import enqueue_review

    enqueue_review(system_id)


def _enqueue_check(sender: Any, *, system_id: int, **kwargs: Any) -> None:
    from compliance.tasks import enqueue_check

    enqueue_check(system_id)


def section_url(public_id: str, section: str) -> str:
    """The workspace form where a finding of ``section`` is fixed."""
    if section == "classification":
        return reverse("compliance:classification", kwargs={"public_id": public_id})
    return reverse("register:section", kwargs={"public_id": public_id, "section": section})


def _refresh(system: Any) -> None:
    """Re-check the record now: stored findings may predate its last edit."""
    from compliance.checks import check_systems

    check_systems([system.pk], trigger="change")


def _open_blockers(system: Any, actor: Any) -> list[workflow.Problem]:
    from compliance.selectors import blocking_findings

    problems = []
    for finding in blocking_findings(system):
        rule = finding.rule
        if rule is None:
            problems.append(workflow.Problem(finding.rule_id))
            continue
        problems.append(
            workflow.Problem(
                f"{finding.rule_id} {rule.title_text} ({rule.reference.article_text()})",
                section_url(system.public_id, rule.section),
            )
        )
    return problems


PUBLICATION_GATE = workflow.Precondition(
    "compliance_blockers",
    _open_blockers,
    _("Open blocker findings stop the publication: %(problems)s. Fix them and try again."),
    "blocked",
    prepare=_refresh,
    heading=_("These findings stop the publication. Fix them first:"),
    phases=workflow.NOT_IN_USE_PHASES,
)


def _open_findings(system: Any, actor: Any) -> list[Any]:
    from compliance.models import FindingStatus
    from compliance.selectors import system_findings

    return list(system_findings(system).filter(status=FindingStatus.OPEN))


OPEN_FINDINGS = workflow.Confirmation(
    "open_findings",
    _open_findings,
    heading=_(
        "The record has open compliance findings. They will be published with it, and the "
        "regulator will be told:"
    ),
    label=_("I have read these findings and confirm that the record is published with them."),
    message=_("Confirm that you have read the open findings: they are published with the record."),
    template="compliance/includes/publish_findings.html",
)


def frozen_reference(rule: Any) -> dict[str, dict[str, str]]:
    """A rule's legal reference as a frozen version keeps it: the full reference and the
    citation in every language («ЕО-ның ЖИ туралы регламенті, 27(1)-бап», «ст. 27(1)»), as the
    catalogue gives them at publication."""
    return {
        "reference": {code: rule.reference.text(code) for code in CONTENT_LANGUAGES},
        "citation": {code: rule.reference.article_text(code) for code in CONTENT_LANGUAGES},
    }


def _no_reference() -> dict[str, Any]:
    """A withdrawn rule's finding: the card's shape, with nothing to cite."""
    return {
        "reference": dict.fromkeys(CONTENT_LANGUAGES, ""),
        "citation": dict.fromkeys(CONTENT_LANGUAGES, ""),
    }


def _frozen_finding(finding: Any) -> dict[str, Any]:
    rule = finding.rule
    entry: dict[str, Any] = {
        "rule_id": finding.rule_id,
        "title": {code: rule.text("title", code) for code in CONTENT_LANGUAGES}
        if rule is not None
        else None,
        "severity": finding.severity,
        "status": finding.status,
        "first_seen_on": timezone.localdate(finding.first_seen_at).isoformat(),
        **(frozen_reference(rule) if rule is not None else _no_reference()),
    }
    if finding.status == finding.Status.WAIVED:
        entry["waived_until"] = (
            finding.waiver_expires_on.isoformat() if finding.waiver_expires_on else None
        )
    return entry


def frozen_findings(system: Any) -> dict[str, Any]:
    """The open and waived findings of ``system`` as its published version keeps them (most
    severe first): rule id, title in every language, severity, status, the day it was first
    seen and the rule's legal reference, with the counts by severity. Never a finding's
    ``detail`` or a waiver's reason. One query; publication re-checks the record just before,
    so ``checked_at`` is the time the block is frozen."""
    from compliance.models import Severity
    from compliance.selectors import system_findings

    findings = list(system_findings(system))
    counts = dict.fromkeys(Severity.values, 0)
    counts["waived"] = 0
    for finding in findings:
        counts[finding.severity if finding.is_open else "waived"] += 1
    return {
        "checked_at": timezone.now().isoformat(),
        "counts": counts,
        "findings": [_frozen_finding(finding) for finding in findings],
    }


def _findings_panel(system: Any, user: Any) -> dict[str, Any]:
    from compliance.selectors import compliance_summary

    return {"system": system, "summary": compliance_summary(system)}


def _plain_language_hints(system: Any, language: str) -> dict[str, list[str]]:
    from compliance.plain_language.hints import form_hints

    return form_hints(system, language)


def connect() -> None:
    # The review first: a check queued after it (eagerly, in-process) sees the new hints.
    extensions.record_changed.connect(_enqueue_review, dispatch_uid="compliance.enqueue_review")
    extensions.record_changed.connect(_enqueue_check, dispatch_uid="compliance.enqueue_check")
    extensions.add_record_relation("plain_language_review")
    extensions.add_field_hints(_plain_language_hints)
    workflow.add_precondition("publish", PUBLICATION_GATE)
    workflow.add_confirmation("publish", OPEN_FINDINGS)
    extensions.add_frozen_block(extensions.FrozenBlock(FROZEN_BLOCK, frozen_findings))
    extensions.add_record_panel(
        extensions.Panel("compliance", "compliance/includes/task_list_panel.html", _findings_panel)
    )
