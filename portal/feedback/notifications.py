"""E-mails about citizen reports, composed in each reader's language and queued in the outbox
(``register.services.outbox``) inside the service's transaction.

- the sender's confirmation link (the only e-mail an unconfirmed address ever gets);
- the organisation's approvers, when a report arrives;
- the sender, when the organisation replies, only once the address is confirmed;
- the regulators, when reports are escalated.

No e-mail to the organisation or the regulators quotes what the sender wrote or their contact:
they read it in the workspace, where access is checked.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.models import Report
from register.models import EmailKind, Membership, OutgoingEmail
from register.notifications import regulators
from register.services.outbox import Draft, email_enqueue, user_language

SUBJECTS = {
    "confirm": gettext_noop("AI Register: confirm your e-mail address for report {reference}"),
    "received": gettext_noop("AI Register: new citizen report {reference} about {public_id}"),
    "reply": gettext_noop("AI Register: reply to your report {reference}"),
    "escalated": gettext_noop("AI Register: citizen reports unanswered after {days} days"),
}


def _url(name: str, **kwargs: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _date(value: object) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def confirmation_email_enqueue(report: Report, token: str) -> list[OutgoingEmail]:
    """Queue the link that confirms the sender's address, in the sender's language."""
    with translation.override(report.language):
        subject = _(SUBJECTS["confirm"]).format(reference=report.reference)
        body = "\n\n".join(
            [
                _(
                    "You sent report {reference} about {public_id} to the AI Register and gave "
                    "this e-mail address."
                ).format(reference=report.reference, public_id=report.system.public_id),
                _("Confirm the address to get the organisation's reply by e-mail: {url}").format(
                    url=_url("portal:feedback_confirm", token=token)
                ),
                _(
                    "The link works for {days} days. If you did not send this report, ignore "
                    "this e-mail: you will get no other."
                ).format(days=settings.FEEDBACK_CONFIRMATION_DAYS),
            ]
        )
    return email_enqueue(
        kind=EmailKind.WORKFLOW,
        drafts=[Draft(report.sender_email, report.language, subject, body)],
    )


def approvers_of(organisation_id: int) -> list:
    """Active approvers of the organisation with an e-mail address, their profiles loaded."""
    return list(
        get_user_model()
        .objects.select_related("profile")
        .filter(
            memberships__organisation_id=organisation_id,
            memberships__role=Membership.Role.APPROVER,
            is_active=True,
        )
        .exclude(email="")
        .order_by("email")
        .distinct()
    )


def received_email_enqueue(report: Report) -> list[OutgoingEmail]:
    """Tell the organisation's approvers that ``report`` arrived, each in their language."""
    drafts = []
    for user in approvers_of(report.organisation_id):
        language = user_language(user)
        with translation.override(language):
            subject = _(SUBJECTS["received"]).format(
                reference=report.reference, public_id=report.system.public_id
            )
            body = "\n\n".join(
                [
                    _("{kind}: {name} ({public_id}).").format(
                        kind=report.get_kind_display(),
                        name=report.system.name,
                        public_id=report.system.public_id,
                    ),
                    _("Answer by {date}.").format(date=_date(report.due_on)),
                    _("Open the report: {url}").format(
                        url=_url("portal:feedback_case", reference=report.reference)
                    ),
                ]
            )
        drafts.append(Draft(user.email, language, subject, body))
    return email_enqueue(kind=EmailKind.WORKFLOW, drafts=drafts)


def reply_email_enqueue(report: Report) -> list[OutgoingEmail]:
    """Send the organisation's reply to the sender, in the sender's language; nothing unless
    the sender's address was confirmed."""
    if report.email_confirmed_at is None or not report.sender_email:
        return []
    with translation.override(report.language):
        subject = _(SUBJECTS["reply"]).format(reference=report.reference)
        body = "\n\n".join(
            [
                _("{organisation} replied to your report {reference} about {public_id}:").format(
                    organisation=report.organisation,
                    reference=report.reference,
                    public_id=report.system.public_id,
                ),
                report.reply,
                _("The status page of your report, at the link you kept, shows it too."),
            ]
        )
    return email_enqueue(
        kind=EmailKind.WORKFLOW,
        drafts=[Draft(report.sender_email, report.language, subject, body)],
    )


def escalation_email_enqueue(reports: Sequence[Report]) -> list[OutgoingEmail]:
    """Tell every regulator, in their language, which reports were just escalated (one e-mail
    each for the whole batch)."""
    if not reports:
        return []
    drafts = []
    for user in regulators():
        language = user_language(user)
        with translation.override(language):
            subject = _(SUBJECTS["escalated"]).format(days=settings.FEEDBACK_ESCALATE_AFTER_DAYS)
            lines = [
                _("{reference}: {public_id} of {organisation}, received {date}: {url}").format(
                    reference=report.reference,
                    public_id=report.system.public_id,
                    organisation=report.organisation,
                    date=_date(timezone.localdate(report.created_at)),
                    url=_url("portal:feedback_case", reference=report.reference),
                )
                for report in reports
            ]
            body = "\n\n".join(
                [
                    _(
                        "These reports from the public got no answer from the organisation "
                        "within {days} days:"
                    ).format(days=settings.FEEDBACK_ESCALATE_AFTER_DAYS),
                    "\n".join(lines),
                ]
            )
        drafts.append(Draft(user.email, language, subject, body))
    return email_enqueue(kind=EmailKind.WORKFLOW, drafts=drafts)
