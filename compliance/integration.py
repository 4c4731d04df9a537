"""How the compliance engine plugs into the register (which never imports it):

- every committed change to a record enqueues a re-check (the register's ``record_changed``);
- publication has a gate: the record is re-checked, and an open blocker stops it (a
  precondition of the workflow table's ``publish``);
- the task list of a record shows its findings (a record panel).

``connect()`` is called once, from ``ComplianceConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from register import extensions, workflow


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
                f"{finding.rule_id} {rule.title_text} ({rule.reference.citation})",
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
)


def _findings_panel(system: Any, user: Any) -> dict[str, Any]:
    from compliance.selectors import compliance_summary

    return {"system": system, "summary": compliance_summary(system)}


def connect() -> None:
    extensions.record_changed.connect(_enqueue_check, dispatch_uid="compliance.enqueue_check")
    workflow.add_precondition("publish", PUBLICATION_GATE)
    extensions.add_record_panel(
        extensions.Panel("compliance", "compliance/includes/task_list_panel.html", _findings_panel)
    )
