"""The only writers of citizen reports.

Every service is keyword-only and atomic, checks who may act (``portal.feedback.permissions``),
validates with ``full_clean``, records its action in the audit trail (``audit_context``) and
queues its e-mails in the same transaction. A reply published on the card, or taken off it,
changes the public pages' cache generation once the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.feedback import notifications
from portal.feedback.permissions import may
from portal.models import (
    OPEN_STATUSES,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Report,
    ReportStatus,
)
from register import ratelimit
from register.audit import audit_context
from register.models import AISystem, Membership
from register.services.projection import new_public_generation

# Random bytes of the status-page key and of the confirmation token (43 characters each).
SECRET_BYTES = 32
_REFERENCE_ATTEMPTS = 8


def digest(secret: str) -> str:
    """The SHA-256 hex digest a secret is stored as."""
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_digest: str) -> bool:
    """Whether ``secret`` is the one stored as ``stored_digest``, compared in constant time."""
    return bool(stored_digest) and hmac.compare_digest(digest(secret), stored_digest)


def new_reference(now: dt.datetime | None = None) -> str:
    """A fresh reference such as ``R-2026-7K3M9Q``: random, so the next one cannot be guessed
    from the last."""
    year = (now or timezone.now()).year
    tail = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"R-{year:04d}-{tail}"


@dataclass(frozen=True)
class Sent:
    """A report just received, with the status-page key that only the sender gets (once)."""

    report: Report
    status_key: str
    confirmation_sent: bool


def _public_version_number(system: AISystem) -> int:
    record = getattr(system, "public_record", None)
    if record is None:
        raise ValidationError(
            _("This system has no public version to report on."), code="not_public"
        )
    return record.version.number


def _confirmation_allowed(email: str) -> bool:
    return ratelimit.hit(
        "feedback-confirmation-email",
        email.strip().lower(),
        limit=settings.FEEDBACK_CONFIRMATIONS_PER_EMAIL,
        window=settings.FEEDBACK_CONFIRMATION_WINDOW,
    )


def report_create(
    *,
    system: AISystem,
    kind: str,
    message: str,
    language: str,
    sender_name: str = "",
    sender_email: str = "",
    wants_reply: bool = False,
) -> Sent:
    """Record a report about ``system``'s public version and route it: the organisation's
    approvers are e-mailed, and the sender, if they gave an address, gets one confirmation
    link (at most ``FEEDBACK_CONFIRMATIONS_PER_EMAIL`` per address in the window). Refused
    (``ValidationError``) for a system without a public version. The reference is unique and
    random; the status key and the token are returned or e-mailed, and stored hashed."""
    for _attempt in range(_REFERENCE_ATTEMPTS):
        try:
            return _report_create(
                system=system,
                kind=kind,
                message=message,
                language=language,
                sender_name=sender_name,
                sender_email=sender_email,
                wants_reply=wants_reply,
            )
        except _ReferenceTaken:
            continue
    raise RuntimeError("no free report reference after several attempts")


class _ReferenceTaken(Exception):
    pass


@transaction.atomic
def _report_create(
    *,
    system: AISystem,
    kind: str,
    message: str,
    language: str,
    sender_name: str,
    sender_email: str,
    wants_reply: bool,
) -> Sent:
    now = timezone.now()
    status_key = secrets.token_urlsafe(SECRET_BYTES)
    report = Report(
        reference=new_reference(now),
        system=system,
        organisation_id=system.organisation_id,
        version_number=_public_version_number(system),
        kind=kind,
        message=message,
        sender_name=sender_name.strip(),
        sender_email=sender_email.strip(),
        wants_reply=wants_reply,
        language=language,
        status_key_sha256=digest(status_key),
        created_at=now,
        due_on=timezone.localdate(now) + dt.timedelta(days=settings.FEEDBACK_ANSWER_DAYS),
    )
    token = ""
    if report.sender_email and _confirmation_allowed(report.sender_email):
        token = secrets.token_urlsafe(SECRET_BYTES)
        report.confirmation_token_sha256 = digest(token)
        report.confirmation_sent_at = now
    report.full_clean(validate_unique=False)
    with audit_context(user=None, action="feedback.receive"):
        try:
            with transaction.atomic():
                report.save(force_insert=True)
        except IntegrityError as error:
            if Report.objects.filter(reference=report.reference).exists():
                raise _ReferenceTaken from error
            raise
    notifications.received_email_enqueue(report)
    if token:
        notifications.confirmation_email_enqueue(report, token)
    return Sent(report=report, status_key=status_key, confirmation_sent=bool(token))


def confirmation_is_valid(token: str, now: dt.datetime | None = None) -> bool:
    """Whether ``token`` would confirm an address now (unused and not expired)."""
    return _confirmable(token, now).exists()


def _confirmable(token: str, now: dt.datetime | None) -> Any:
    oldest = (now or timezone.now()) - dt.timedelta(days=settings.FEEDBACK_CONFIRMATION_DAYS)
    return Report.objects.filter(
        confirmation_token_sha256=digest(token),
        confirmation_sent_at__gte=oldest,
        email_confirmed_at__isnull=True,
    )


@transaction.atomic
def report_confirm_email(*, token: str, now: dt.datetime | None = None) -> Report | None:
    """Confirm the sender's address of the report whose link carries ``token``; the token
    works once, within ``FEEDBACK_CONFIRMATION_DAYS``. ``None`` for an unknown, used or
    expired token. A reply already written is e-mailed now."""
    now = now or timezone.now()
    report = _confirmable(token, now).select_related("system", "organisation").first()
    if report is None:
        return None
    with audit_context(user=None, action="feedback.confirm_email"):
        claimed = Report.objects.filter(
            pk=report.pk, email_confirmed_at__isnull=True, confirmation_token_sha256=digest(token)
        ).update(email_confirmed_at=now, confirmation_token_sha256="", updated_at=now)
    if claimed != 1:
        return None
    report.email_confirmed_at, report.confirmation_token_sha256 = now, ""
    if report.reply and report.wants_reply:
        notifications.reply_email_enqueue(report)
    return report


def _lock(report: Report, actor: Any, perm: str) -> Report:
    if not may(perm, actor, report):
        raise PermissionDenied
    return (
        Report.objects.select_for_update()
        .select_related("system", "organisation")
        .get(pk=report.pk)
    )


def _save(report: Report, actor: Any, action: str, fields: list[str]) -> Report:
    report.full_clean(validate_unique=False)
    with audit_context(user=actor.pk, action=action):
        report.save(update_fields=[*fields, "updated_at"])
    return report


def _public_pages_change() -> None:
    new_public_generation()


def organisation_members(organisation_id: int) -> Any:
    """Active members of the organisation, who may be assigned a report."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation_id=organisation_id, is_active=True)
        .order_by("username")
        .distinct()
    )


@transaction.atomic
def report_assign(*, report: Report, actor: Any, assignee: Any | None) -> Report:
    """Give ``report`` to a member of its organisation (or to nobody); a new report goes in
    progress."""
    locked = _lock(report, actor, "portal.answer_report")
    if (
        assignee is not None
        and not Membership.objects.filter(
            organisation_id=locked.organisation_id, user=assignee, user__is_active=True
        ).exists()
    ):
        raise ValidationError(
            {"assignee": ValidationError(_("Choose a member of the organisation."), code="member")}
        )
    locked.assignee = assignee
    fields = ["assignee"]
    if assignee is not None and locked.status == ReportStatus.NEW:
        locked.status = ReportStatus.IN_PROGRESS
        fields.append("status")
    return _save(locked, actor, "feedback.assign", fields)


#: The statuses a member sets by hand; "answered" comes with a reply (``report_reply``).
MANUAL_STATUSES = (ReportStatus.NEW, ReportStatus.IN_PROGRESS, ReportStatus.CLOSED)


@transaction.atomic
def report_set_status(*, report: Report, actor: Any, status: str) -> Report:
    """Move ``report`` to ``status`` (new, in progress or closed)."""
    locked = _lock(report, actor, "portal.answer_report")
    if status not in MANUAL_STATUSES:
        raise ValidationError(
            {"status": ValidationError(_("Write a reply to answer a report."), code="invalid")}
        )
    locked.status = status
    return _save(locked, actor, "feedback.status", ["status"])


@transaction.atomic
def report_reply(*, report: Report, actor: Any, reply: str) -> Report:
    """Write (or correct) the organisation's reply; the report is answered. The sender gets
    it by e-mail only if they asked for a reply and confirmed their address. The response
    time counts from the first reply."""
    locked = _lock(report, actor, "portal.answer_report")
    if not reply.strip():
        raise ValidationError({"reply": ValidationError(_("Write the reply."), code="required")})
    locked.reply = reply.strip()
    locked.status = ReportStatus.ANSWERED
    locked.replied_at = locked.replied_at or timezone.now()
    locked.replied_by = actor
    fields = ["reply", "status", "replied_at", "replied_by"]
    # What the card shows is an approver's decision: a correction by anyone else takes the
    # reply off the card until an approver publishes it again.
    if locked.reply_published_at is not None and not may(
        "portal.publish_report_reply", actor, locked
    ):
        locked.reply_published_at = None
        fields.append("reply_published_at")
    saved = _save(locked, actor, "feedback.reply", fields)
    if saved.wants_reply:
        notifications.reply_email_enqueue(saved)
    if saved.reply_published_at is not None:
        transaction.on_commit(_public_pages_change)
    return saved


@transaction.atomic
def report_publish_reply(*, report: Report, actor: Any, public_summary: str) -> Report:
    """Show the reply on the system's public card under ``public_summary``, the organisation's
    own summary of the question (the sender's words and contact are never shown)."""
    locked = _lock(report, actor, "portal.publish_report_reply")
    if not locked.reply:
        raise ValidationError(
            _("Reply to the report before publishing the reply."), code="no_reply"
        )
    if not public_summary.strip():
        raise ValidationError(
            {
                "public_summary": ValidationError(
                    _("Summarise the question for the public."), code="required"
                )
            }
        )
    locked.public_summary = public_summary.strip()
    locked.reply_published_at = locked.reply_published_at or timezone.now()
    saved = _save(locked, actor, "feedback.publish_reply", ["public_summary", "reply_published_at"])
    transaction.on_commit(_public_pages_change)
    return saved


@transaction.atomic
def report_unpublish_reply(*, report: Report, actor: Any) -> Report:
    """Take the reply off the public card."""
    locked = _lock(report, actor, "portal.publish_report_reply")
    locked.reply_published_at = None
    saved = _save(locked, actor, "feedback.unpublish_reply", ["reply_published_at"])
    transaction.on_commit(_public_pages_change)
    return saved


@transaction.atomic
def reports_escalate(*, now: dt.datetime | None = None) -> list[Report]:
    """Escalate to the regulators every open report received more than
    ``FEEDBACK_ESCALATE_AFTER_DAYS`` days before ``now`` and not escalated yet, and e-mail
    them the list. Each report is claimed by one conditional ``UPDATE``, so running this twice
    (or in two workers at once) escalates and reports it once."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.FEEDBACK_ESCALATE_AFTER_DAYS)
    with audit_context(user=None, action="feedback.escalate"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE portal_report SET escalated_at = %s, updated_at = %s "
            "WHERE escalated_at IS NULL AND status = ANY(%s) AND created_at < %s RETURNING id",
            [now, now, [status.value for status in OPEN_STATUSES], cutoff],
        )
        claimed = [pk for (pk,) in cursor.fetchall()]
    escalated = list(
        Report.objects.filter(pk__in=claimed, escalated_at=now)
        .select_related("system", "organisation")
        .order_by("created_at", "pk")
    )
    notifications.escalation_email_enqueue(escalated)
    return escalated
