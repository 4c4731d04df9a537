"""E-mails about the workflow: composed in each recipient's language and queued in the outbox
inside the transition's transaction (``register.services.outbox`` sends them after commit).

A version published with open compliance findings is also reported to every active regulator
(``regulator_email_enqueue``): urgently when a blocker is open, as information otherwise. The
e-mail reads the findings frozen into the version, never the working copy."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from register.cards import COMPLIANCE_BLOCK, FindingSeverity, FindingState, is_reduced
from register.i18n import pick
from register.models import AISystem, EmailKind, Membership, OutgoingEmail, PublishedVersion
from register.permissions import REGULATOR_GROUP
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


REGULATOR_SUBJECTS = {
    "blockers": gettext_noop("AI Register: {public_id} was published with open blockers"),
    "findings": gettext_noop("AI Register: {public_id} was published with open findings"),
}


def regulators() -> list:
    """Active members of the regulators group with an e-mail address, their profiles loaded."""
    return list(
        get_user_model()
        .objects.select_related("profile")
        .filter(groups__name=REGULATOR_GROUP, is_active=True)
        .exclude(email="")
        .order_by("email")
        .distinct()
    )


def regulator_email_kind(version: PublishedVersion) -> str | None:
    """``"blockers"`` when ``version`` was published with an open blocker, ``"findings"`` with
    any other open finding, ``None`` without open findings or a frozen compliance block."""
    block = version.record.get(COMPLIANCE_BLOCK)
    if not block:
        return None
    counts = block["counts"]
    if counts.get(FindingSeverity.BLOCKER):
        return "blockers"
    if any(counts.get(severity) for severity in FindingSeverity.values):
        return "findings"
    return None


def _finding_lines(block: dict, language: str) -> list[str]:
    lines = []
    for finding in block.get("findings", []):
        if finding["status"] != FindingState.OPEN:
            continue
        title = pick(finding["title"], language) if finding["title"] else ""
        lines.append(
            _("- {rule_id} {title} ({citation}): {severity}, open since {date}").format(
                rule_id=finding["rule_id"],
                title=title,
                citation=pick(finding["citation"], language)
                if isinstance(finding["citation"], dict)
                else finding["citation"],
                severity=FindingSeverity(finding["severity"]).label,
                date=finding["first_seen_on"],
            )
        )
    return lines


def regulator_email_enqueue(version: PublishedVersion) -> list[OutgoingEmail]:
    """Queue one e-mail per regulator about ``version`` when it was published with open
    findings (see ``regulator_email_kind``), each in the regulator's language. A restricted or
    withheld record's e-mail gives the counts only: the details are in the workspace. Call it
    inside the publication's transaction."""
    kind = regulator_email_kind(version)
    if kind is None:
        return []
    system = version.system
    block = version.record[COMPLIANCE_BLOCK]
    counts = block["counts"]
    reduced = is_reduced(version.record["fields"].get("withholding"))
    drafts = []
    for user in regulators():
        language = user_language(user)
        with translation.override(language):
            path = settings.SITE_URL.rstrip("/") + reverse(
                "register:system", kwargs={"public_id": system.public_id}
            )
            paragraphs = [
                _(
                    "{name} ({public_id}) of {organisation} was published as version {number}."
                ).format(
                    name=pick(version.record["fields"]["name"], language),
                    public_id=system.public_id,
                    organisation=pick(version.record["organisation"]["name"], language),
                    number=version.number,
                ),
                _(
                    "Open compliance findings at publication: {blocker} blockers, {major} major, "
                    "{minor} minor. The public card shows them."
                ).format(**counts),
                "" if reduced else "\n".join(_finding_lines(block, language)),
                _("Open the record: {path}").format(path=path),
            ]
            subject = _(REGULATOR_SUBJECTS[kind]).format(public_id=system.public_id)
            body = "\n\n".join(str(paragraph) for paragraph in paragraphs if paragraph)
        drafts.append(Draft(user.email, language, subject, body))
    return email_enqueue(kind=EmailKind.WORKFLOW, drafts=drafts)
