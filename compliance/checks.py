"""The check service: evaluate the rule catalogue over AI systems and keep findings in step.

``check_systems`` is the only writer of findings besides the waiver service. It works in
batches, each in its own transaction and with a fixed number of queries whatever the number of
systems or rules in it:

1. the batch's systems with their parts (``systems_with_parts()``, locked ``FOR NO KEY UPDATE``
   so that two checks of one system run one after the other and the later one sees the newer
   data; inserting or changing a part is not blocked);
2. the batch's existing findings;
3. one ``INSERT … ON CONFLICT (system_id, rule_id) DO UPDATE`` for every finding that is new or
   whose state changed (compared before writing, so an unchanged finding is never written);
4. one ``UPDATE`` moving ``last_seen_at`` forward for findings that still fail unchanged
   (``last_seen_at`` is left out of the audit trail, so this writes no history event);
5. when findings changed, one statement recounting those systems' standings
   (``compliance.standing``).

Running a check twice therefore changes nothing but ``last_seen_at``.

State changes, for a rule that fails / passes / does not apply:

- no finding: create it open / nothing / nothing;
- open: stay open (detail and severity refreshed) / resolved / not applicable;
- waived: stay waived while the waiver runs, re-open once it has expired / resolved / n.a.;
- resolved or not applicable: re-open / resolved / not applicable.

A finding whose rule is no longer in the enabled catalogue becomes not applicable. Resolving or
setting aside a finding clears its waiver; the audit trail keeps it.

New open blocker and major findings (created or re-opened) are mailed to the approvers of each
organisation once per run, each in their own language: the e-mails are queued in the outbox in
the run's last transaction and sent after it commits (a mail outage delays them and fails
nothing).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from compliance import standing
from compliance.models import CheckRun, Finding, FindingStatus, Severity, Trigger
from compliance.rules import Catalogue, Rule, Verdict, get_catalogue, not_applicable
from register.audit import audit_context
from register.languages import CONTENT_LANGUAGES
from register.models import AISystem, EmailKind, Membership
from register.selectors import systems_with_parts
from register.services.outbox import Draft, email_enqueue, user_language

logger = logging.getLogger(__name__)

BATCH_SIZE: Final = 500
DIGEST_SEVERITIES: Final = frozenset({Severity.BLOCKER, Severity.MAJOR})

# Everything about a finding's state except the heartbeat; a difference here is a real change.
_STATE_FIELDS: Final = (
    "status",
    "severity",
    "detail",
    "resolved_at",
    "waiver_reason",
    "waiver_expires_on",
    "waived_by_id",
)
_UPSERT_FIELDS: Final = (
    "status",
    "severity",
    "detail",
    "resolved_at",
    "waiver_reason",
    "waiver_expires_on",
    "waived_by",
    "catalogue_version",
    "last_seen_at",
)


@dataclass(frozen=True)
class CheckRunResult:
    run_id: int
    trigger: str
    catalogue_version: str
    systems_checked: int
    batches: int
    findings_opened: int
    findings_resolved: int
    findings_changed: int
    digest_organisations: int  # organisations with new blocker or major findings


@dataclass(frozen=True)
class DigestLine:
    public_id: str
    system_names: dict[str, str]  # by language
    rule_id: str
    severity: str


@dataclass
class _Totals:
    sweep: bool = False
    systems: int = 0
    opened: int = 0
    resolved: int = 0
    changed: int = 0
    digest: dict[int, list[DigestLine]] = field(default_factory=lambda: defaultdict(list))
    organisation_names: dict[int, dict[str, str]] = field(default_factory=dict)


def check_systems(
    system_ids: Iterable[int],
    *,
    trigger: str,
    today: dt.date | None = None,
    batch_size: int = BATCH_SIZE,
) -> CheckRunResult:
    """Evaluate every enabled rule for the given systems and upsert their findings.

    Idempotent: a second run with the same data and catalogue writes no finding (only
    ``last_seen_at`` moves) and records no history event. Unknown ids are skipped. ``today``
    (the local date by default) decides effective dates, review dates and waiver expiry.
    """
    if trigger not in Trigger.values:
        raise ValueError(f"unknown trigger {trigger!r}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ids = sorted(set(system_ids))
    catalogue = get_catalogue()
    rules = catalogue.enabled()
    today = today or timezone.localdate()
    now = timezone.now()
    totals = _Totals(sweep=trigger == Trigger.SWEEP)
    batches = 0
    with audit_context(action="compliance.check", trigger=trigger):
        run = CheckRun.objects.create(
            trigger=trigger, started_at=now, catalogue_version=catalogue.version
        )
        with audit_context(check_run=run.pk):
            for chunk in _chunks(ids, batch_size):
                _check_batch(chunk, catalogue, rules, today=today, now=now, totals=totals)
                batches += 1
            with transaction.atomic():
                CheckRun.objects.filter(pk=run.pk).update(
                    finished_at=timezone.now(),
                    systems_checked=totals.systems,
                    findings_opened=totals.opened,
                    findings_resolved=totals.resolved,
                )
                if totals.digest:
                    enqueue_digests(dict(totals.digest), dict(totals.organisation_names))
    return CheckRunResult(
        run_id=run.pk,
        trigger=trigger,
        catalogue_version=catalogue.version,
        systems_checked=totals.systems,
        batches=batches,
        findings_opened=totals.opened,
        findings_resolved=totals.resolved,
        findings_changed=totals.changed,
        digest_organisations=len(totals.digest),
    )


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@transaction.atomic
def _check_batch(
    ids: Sequence[int],
    catalogue: Catalogue,
    rules: Sequence[Rule],
    *,
    today: dt.date,
    now: dt.datetime,
    totals: _Totals,
) -> None:
    systems = list(
        systems_with_parts()
        .filter(pk__in=ids)
        .order_by("pk")
        .select_for_update(of=("self",), no_key=True)
    )
    existing = {
        (f.system_id, f.rule_id): f
        for f in Finding.objects.filter(system_id__in=[s.pk for s in systems])
    }
    writes: list[Finding] = []
    heartbeat: list[int] = []
    for system in systems:
        for rule in rules:
            finding = existing.pop((system.pk, rule.id), None)
            verdict = rule.evaluate(system, today=today)
            if finding is None:
                if not verdict.failed:
                    continue
                finding = Finding(
                    system_id=system.pk,
                    rule_id=rule.id,
                    status=FindingStatus.OPEN,
                    severity=rule.severity,
                    first_seen_at=now,
                    last_seen_at=now,
                    detail=dict(verdict.detail),
                    catalogue_version=catalogue.version,
                )
                writes.append(finding)
                totals.opened += 1
                _note_for_digest(totals, system, finding)
                continue
            was_open = finding.status == FindingStatus.OPEN
            before = _state(finding)
            _transition(finding, verdict, severity=rule.severity, today=today, now=now)
            if verdict.failed:
                finding.last_seen_at = now
            if _state(finding) != before:
                finding.catalogue_version = catalogue.version
                writes.append(finding)
                if finding.status == FindingStatus.OPEN and not was_open:
                    totals.opened += 1
                    _note_for_digest(totals, system, finding)
                elif finding.status == FindingStatus.RESOLVED and before[0] in (
                    FindingStatus.OPEN,
                    FindingStatus.WAIVED,
                ):
                    totals.resolved += 1
            elif verdict.failed:
                heartbeat.append(finding.pk)
    # Findings of rules that were withdrawn from the catalogue or switched off.
    for finding in existing.values():
        before = _state(finding)
        withdrawn = not_applicable(reason="rule_not_enabled")
        _transition(finding, withdrawn, severity=None, today=today, now=now)
        if _state(finding) != before:
            finding.catalogue_version = catalogue.version
            writes.append(finding)

    if writes:
        Finding.objects.bulk_create(
            [_unsaved_copy(f) for f in writes],
            update_conflicts=True,
            unique_fields=["system", "rule_id"],
            update_fields=list(_UPSERT_FIELDS),
        )
        standing.refresh({f.system_id for f in writes})
    if heartbeat:
        Finding.objects.filter(pk__in=heartbeat).update(last_seen_at=now)
    totals.systems += len(systems)
    totals.changed += len(writes)


def _state(finding: Finding) -> tuple[Any, ...]:
    return tuple(getattr(finding, name) for name in _STATE_FIELDS)


def _clear_waiver(finding: Finding) -> None:
    finding.waiver_reason = ""
    finding.waiver_expires_on = None
    finding.waived_by_id = None


def _transition(
    finding: Finding,
    verdict: Verdict,
    *,
    severity: str | None,
    today: dt.date,
    now: dt.datetime,
) -> None:
    """Move ``finding`` to the state that ``verdict`` calls for (see the module docstring)."""
    if severity is not None:
        finding.severity = severity
    if verdict.failed:
        finding.detail = dict(verdict.detail)
        if finding.status == FindingStatus.WAIVED and finding.waiver_active(today):
            return
        finding.status = FindingStatus.OPEN
        finding.resolved_at = None
        _clear_waiver(finding)
    elif verdict.passed:
        if finding.status != FindingStatus.RESOLVED:
            finding.status = FindingStatus.RESOLVED
            finding.resolved_at = now
            finding.detail = {}
            _clear_waiver(finding)
    elif finding.status != FindingStatus.NOT_APPLICABLE:
        finding.status = FindingStatus.NOT_APPLICABLE
        finding.detail = dict(verdict.detail)
        _clear_waiver(finding)


def _unsaved_copy(finding: Finding) -> Finding:
    """The row for the upsert, without its primary key, so that new and changed findings all go
    through one ``INSERT … ON CONFLICT`` statement."""
    return Finding(
        system_id=finding.system_id,
        rule_id=finding.rule_id,
        status=finding.status,
        severity=finding.severity,
        first_seen_at=finding.first_seen_at,
        last_seen_at=finding.last_seen_at,
        resolved_at=finding.resolved_at,
        detail=finding.detail,
        waiver_reason=finding.waiver_reason,
        waiver_expires_on=finding.waiver_expires_on,
        waived_by_id=finding.waived_by_id,
        catalogue_version=finding.catalogue_version,
    )


# Records whose new findings are worth an e-mail outside the nightly sweep: those in review or
# public. A draft gains and loses findings with every save; its editors see them on the page.
DIGEST_STATES = frozenset({"in_review", "published", "withdrawn"})


def _note_for_digest(totals: _Totals, system: AISystem, finding: Finding) -> None:
    if finding.severity not in DIGEST_SEVERITIES:
        return
    if not totals.sweep and system.status not in DIGEST_STATES:
        return
    totals.digest[system.organisation_id].append(
        DigestLine(
            public_id=system.public_id,
            system_names={
                code: str(system.get_translation("name", code)) for code in CONTENT_LANGUAGES
            },
            rule_id=finding.rule_id,
            severity=finding.severity,
        )
    )
    totals.organisation_names[system.organisation_id] = {
        code: str(system.organisation.get_translation("name", code)) for code in CONTENT_LANGUAGES
    }


# --- The digest ----------------------------------------------------------------------------


def enqueue_digests(
    digest: dict[int, list[DigestLine]], organisation_names: dict[int, dict[str, str]]
) -> int:
    """Queue one digest per active approver of each organisation, in the approver's language
    (inside the caller's transaction). Returns the number of e-mails queued."""
    approvers = (
        Membership.objects.filter(
            organisation_id__in=digest,
            role=Membership.Role.APPROVER,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user__profile")
        .order_by("organisation_id", "user__email")
    )
    recipients: dict[int, list[Any]] = defaultdict(list)
    for membership in approvers:
        recipients[membership.organisation_id].append(membership.user)
    unreachable = sorted(set(digest) - set(recipients))
    if unreachable:
        logger.warning("New findings but no approver to tell in organisations %s", unreachable)
    catalogue = get_catalogue()
    drafts = []
    for organisation_id, lines in sorted(digest.items()):
        for user in recipients.get(organisation_id, []):
            language = user_language(user)
            with translation.override(language):
                subject, body = _digest_message(
                    organisation_names[organisation_id][language], lines, catalogue, language
                )
            drafts.append(Draft(user.email, language, subject, body))
    return len(email_enqueue(kind=EmailKind.COMPLIANCE_DIGEST, drafts=drafts))


_SEVERITY_LABELS: Final = {Severity.BLOCKER: _("blocker"), Severity.MAJOR: _("major")}


def _digest_message(
    organisation: str, lines: list[DigestLine], catalogue: Catalogue, language: str
) -> tuple[str, str]:
    count = len(lines)
    subject = ngettext(
        "AI register: %(count)d new compliance finding for %(organisation)s",
        "AI register: %(count)d new compliance findings for %(organisation)s",
        count,
    ) % {"count": count, "organisation": organisation}
    intro = _(
        "The compliance check found new problems in the AI systems of %(organisation)s. "
        "Each needs to be fixed, or waived by an approver with a reason and an end date."
    ) % {"organisation": organisation}
    items = []
    ordered = sorted(lines, key=lambda line: (line.severity != Severity.BLOCKER, line.public_id))
    for line in ordered:
        rule = catalogue.get(line.rule_id)
        items.append(
            _("%(public_id)s %(system)s: %(title)s (%(rule)s, %(severity)s)")
            % {
                "public_id": line.public_id,
                "system": line.system_names[language],
                "title": rule.title_text if rule else line.rule_id,
                "rule": line.rule_id,
                "severity": _SEVERITY_LABELS[line.severity],
            }
        )
    outro = _("Open the record in the register to see what to change.")
    body = "\n\n".join([str(intro), "\n".join(f"- {item}" for item in items), str(outro)])
    return subject, body
