"""E-mails about regulators' requests, each in its reader's language, queued in the outbox
(``register.services.outbox``) inside the service's transaction: the organisation's editors and
approvers when a request arrives, the regulator who asked when it is answered. Like the other
notifications, they name the record and link the page; the texts are read there, where access
is checked."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from oversight.models import RegulatorRequest
from register.models import EmailKind, OutgoingEmail
from register.services.outbox import Draft, email_enqueue, user_language

SUBJECTS = {
    "asked": gettext_noop("AI Register: the regulator asks about {public_id}"),
    "answered": gettext_noop("AI Register: the agency answered your request about {public_id}"),
}


def _page(request: RegulatorRequest) -> str:
    path = reverse("oversight:requests", kwargs={"public_id": request.system.public_id})
    return settings.SITE_URL.rstrip("/") + path


def _members_who_answer(organisation_id: int) -> list:
    return list(
        get_user_model()
        .objects.select_related("profile")
        .filter(
            memberships__organisation_id=organisation_id,
            is_active=True,
        )
        .exclude(email="")
        .order_by("email")
        .distinct()
    )


def asked_email_enqueue(request: RegulatorRequest) -> list[OutgoingEmail]:
    """Tell the organisation's editors and approvers that the regulator asks about one of its
    records, and by when the answer is due."""
    system = request.system
    drafts = []
    for user in _members_who_answer(system.organisation_id):
        language = user_language(user)
        with translation.override(language):
            subject = _(SUBJECTS["asked"]).format(public_id=system.public_id)
            body = "\n\n".join(
                [
                    _("The regulator asks about {name} ({public_id}).").format(
                        name=system.name, public_id=system.public_id
                    ),
                    _("Answer by {date}.").format(
                        date=formats.date_format(request.due_on, "DATE_FORMAT")
                    ),
                    _("Read the request and answer it: {url}").format(url=_page(request)),
                ]
            )
        drafts.append(Draft(user.email, language, subject, body))
    return email_enqueue(kind=EmailKind.WORKFLOW, drafts=drafts)


def answered_email_enqueue(request: RegulatorRequest) -> list[OutgoingEmail]:
    """Tell the regulator who asked that the agency answered."""
    author = request.author
    if not author.email or not author.is_active:
        return []
    language = user_language(author)
    with translation.override(language):
        subject = _(SUBJECTS["answered"]).format(public_id=request.system.public_id)
        body = "\n\n".join(
            [
                _("{organisation} answered your request about {name} ({public_id}).").format(
                    organisation=request.system.organisation.name,
                    name=request.system.name,
                    public_id=request.system.public_id,
                ),
                _("Read the answer: {url}").format(url=_page(request)),
            ]
        )
    return email_enqueue(
        kind=EmailKind.WORKFLOW, drafts=[Draft(author.email, language, subject, body)]
    )
