"""The outbox: the only writer of ``OutgoingEmail``, and the only code that talks to SMTP.

- ``email_enqueue`` writes the rows inside the caller's transaction (so they are committed with
  the change they report, or not at all) and asks for their delivery once it commits.
- ``email_deliver`` sends one row at most once: it claims the row with
  ``SELECT … FOR UPDATE SKIP LOCKED`` where it is still pending, so two workers racing for it
  send it once, and a row that was sent is never sent again. A failure is recorded on the row
  with the time of the next attempt (exponential backoff); it never raises.
- ``outbox_sweep`` delivers every row that is due; the Celery beat schedule runs it every
  minute and ``manage.py send_outbox`` runs it without a broker.

Subjects and addresses are sanitised to single lines before they reach a header.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from register.languages import CONTENT_LANGUAGES
from register.models import EmailKind, EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

# Backoff: 1, 2, 4, … minutes, at most half an hour apart (less than the broker's visibility
# timeout, so a retry waiting in a worker is not handed to another); given up after about 12 hours.
FIRST_RETRY: Final = dt.timedelta(minutes=1)
LONGEST_RETRY: Final = dt.timedelta(minutes=30)
MAX_ATTEMPTS: Final = 30
SUBJECT_MAX_LENGTH: Final = 200
SWEEP_LIMIT: Final = 500

# What a failed delivery can raise: SMTP errors, refused or timed-out connections (OSError),
# headers the mail library refuses.
_DELIVERY_ERRORS: Final = (smtplib.SMTPException, OSError, BadHeaderError, ValueError)


@dataclass(frozen=True)
class Draft:
    """One e-mail to compose: the address, its reader's language, subject and body."""

    to_address: str
    language: str
    subject: str
    body: str


@dataclass(frozen=True)
class Delivery:
    """What ``email_deliver`` did: ``sent``, ``skipped`` (not pending, or claimed by another
    worker), ``retry`` (failed, due again at ``retry_in`` seconds), ``failed`` (given up) or
    ``no_recipient``."""

    outcome: str
    retry_in: int | None = None


def single_line(value: object, *, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """``value`` as one line for a mail header: line breaks, tabs and every other control or
    format character become spaces, runs of spaces one space, and the result is cut to
    ``max_length`` characters (with an ellipsis)."""
    text = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char
        for char in str(value)
    )
    text = " ".join(text.split())
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def clean_address(value: str) -> str | None:
    """The address if it is one valid single-line e-mail address, else ``None``."""
    address = str(value).strip(" ")
    if not address or single_line(address, max_length=254) != address:
        return None
    try:
        validate_email(address)
    except ValidationError:
        return None
    return address


def user_language(user: object) -> str:
    """The language of e-mails to ``user``: the one in their profile, else the site's default.
    Load users with ``select_related("profile")`` to keep this free of queries."""
    try:
        language = user.profile.language  # type: ignore[attr-defined]
    except get_user_model().profile.RelatedObjectDoesNotExist:
        language = ""
    return language if language in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def email_enqueue(*, kind: str, drafts: Iterable[Draft]) -> list[OutgoingEmail]:
    """Write one outbox row per draft in the current transaction and deliver them after it
    commits. Drafts with an unusable address are left out (and logged)."""
    now = timezone.now()
    rows = []
    for draft in drafts:
        address = clean_address(draft.to_address)
        if address is None:
            logger.warning("Not sending a %s e-mail to an invalid address", kind)
            continue
        language = (
            draft.language if draft.language in CONTENT_LANGUAGES else (settings.LANGUAGE_CODE)
        )
        rows.append(
            OutgoingEmail(
                kind=kind,
                to_address=address,
                language=language,
                subject=single_line(draft.subject),
                body=str(draft.body),
                next_attempt_at=now,
            )
        )
    for row in rows:
        row.full_clean()
    created = OutgoingEmail.objects.bulk_create(rows)
    if created:
        _deliver_after_commit([row.pk for row in created])
    return created


def _deliver_after_commit(ids: Sequence[int]) -> None:
    def deliver() -> None:
        from register.tasks import deliver_email

        for email_id in ids:
            try:
                deliver_email.delay(email_id)
            except Exception:  # noqa: BLE001 - the broker is down: the sweep sends it later
                logger.warning("Could not queue e-mail %s; the outbox sweep will send it", email_id)

    transaction.on_commit(deliver)


def _backoff(attempts: int) -> dt.timedelta:
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def email_deliver(*, email_id: int) -> Delivery:
    """Send the outbox row ``email_id`` if it is still pending; record what happened."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=EmailStatus.PENDING)
            .first()
        )
        if email is None:
            return Delivery("skipped")
        now = timezone.now()
        email.attempts += 1
        try:
            messages = _messages(email)
            if messages:
                with get_connection(fail_silently=False) as connection:
                    connection.send_messages(messages)
        except _DELIVERY_ERRORS as error:
            email.last_error = single_line(f"{type(error).__name__}: {error}", max_length=500)
            if email.attempts >= MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
                logger.error("Gave up e-mail %s after %s attempts", email.pk, email.attempts)
                outcome = Delivery("failed")
            else:
                wait = _backoff(email.attempts)
                email.next_attempt_at = now + wait
                logger.warning(
                    "E-mail %s not sent (%s); next attempt in %s",
                    email.pk,
                    email.last_error,
                    wait,
                )
                outcome = Delivery("retry", retry_in=int(wait.total_seconds()))
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return outcome
        if messages:
            email.status, email.sent_at, outcome = EmailStatus.SENT, now, Delivery("sent")
        else:
            email.status, outcome = EmailStatus.NO_RECIPIENT, Delivery("no_recipient")
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return outcome


def outbox_sweep(*, limit: int = SWEEP_LIMIT, now: dt.datetime | None = None) -> dict[str, int]:
    """Deliver up to ``limit`` pending rows that are due at ``now``, oldest first; count the
    outcomes."""
    due = list(
        OutgoingEmail.objects.filter(
            status=EmailStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for email_id in due:
        outcome = email_deliver(email_id=email_id).outcome
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _messages(email: OutgoingEmail) -> list[EmailMessage]:
    if email.kind == EmailKind.PASSWORD_RESET:
        from register.services.accounts import password_reset_drafts

        drafts = password_reset_drafts(email)
    else:
        drafts = [Draft(email.to_address, email.language, email.subject, email.body)]
    return [
        EmailMessage(
            subject=single_line(draft.subject),
            body=draft.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[draft.to_address],
            headers={"Auto-Submitted": "auto-generated"},
        )
        for draft in drafts
    ]
