"""E-mails about the workflow. Composed here, sent by ``register.tasks`` after commit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from register.models import AISystem, Membership

SUBJECTS = {
    "submitted": gettext_noop("AI Register: {public_id} is waiting for your review"),
    "returned": gettext_noop("AI Register: {public_id} was returned with comments"),
    "published": gettext_noop("AI Register: {public_id} is published"),
}


def recipients(kind: str, system: AISystem) -> list[str]:
    """Approvers for a submission; the person who submitted for a return or a publication."""
    if kind == "submitted":
        users = (
            get_user_model()
            .objects.filter(
                memberships__organisation_id=system.organisation_id,
                memberships__role=Membership.Role.APPROVER,
                is_active=True,
            )
            .exclude(pk=system.submitted_by_id)
        )
        return sorted({user.email for user in users if user.email})
    submitter = system.submitted_by
    return [submitter.email] if submitter and submitter.email else []


def send_workflow_email(kind: str, system_id: int) -> int:
    """Send the ``kind`` e-mail about a record; returns the number of messages sent."""
    system = AISystem.objects.select_related("organisation", "submitted_by").get(pk=system_id)
    addresses = recipients(kind, system)
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
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
        body = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return send_mass_mail(messages, fail_silently=False)
