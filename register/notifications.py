"""E-mails about the workflow: composed in each recipient's language and queued in the outbox
inside the transition's transaction (``register.services.outbox`` sends them after commit)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from register.models import AISystem, EmailKind, Membership, OutgoingEmail
from register.services.outbox import Draft, email_enqueue, user_language

SUBJECTS = {
    "submitted": gettext_noop("AI Register: {public_id} is waiting for your review"),
    "returned": gettext_noop("AI Register: {public_id} was returned with comments"),
    "published": gettext_noop("AI Register: {public_id} is published"),
}


def recipients(kind: str, system: AISystem) -> list:
    """Approvers for a submission; the person who submitted for a return or a publication.
    Users with an e-mail address, their profiles loaded."""
    users = get_user_model().objects.select_related("profile").exclude(email="").order_by("email")
    if kind == "submitted":
        return list(
            users.filter(
                memberships__organisation_id=system.organisation_id,
                memberships__role=Membership.Role.APPROVER,
                is_active=True,
            )
            .exclude(pk=system.submitted_by_id)
            .distinct()
        )
    if system.submitted_by_id is None:
        return []
    return list(users.filter(pk=system.submitted_by_id))


def workflow_email_enqueue(kind: str, system_id: int) -> list[OutgoingEmail]:
    """Queue the ``kind`` e-mail about a record, one per recipient (call it inside the
    transition's transaction: it reads the record as the transition left it)."""
    system = AISystem.objects.select_related("organisation", "submitted_by").get(pk=system_id)
    drafts = []
    for user in recipients(kind, system):
        language = user_language(user)
        with translation.override(language):
            path = settings.SITE_URL.rstrip("/") + reverse(
                "register:system", kwargs={"public_id": system.public_id}
            )
            subject = _(SUBJECTS[kind]).format(public_id=system.public_id)
            paragraphs = [
                _("{name} ({public_id}) of {organisation}.").format(
                    name=system.name, public_id=system.public_id, organisation=system.organisation
                ),
                system.review_comment if kind == "returned" else "",
                _("Open the record: {path}").format(path=path),
            ]
            body = "\n\n".join(str(paragraph) for paragraph in paragraphs if paragraph)
        drafts.append(Draft(user.email, language, subject, body))
    return email_enqueue(kind=EmailKind.WORKFLOW, drafts=drafts)
