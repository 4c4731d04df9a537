"""The publication workflow: draft → in review → published, returned, withdrawn.

Who may take each transition, from which states and under which conditions is the table in
``register.workflow``; every transition here locks the record, asks the table, writes the
audit trail with its action, and bumps the record's revision. Publishing freezes the full
record and the public card derived from it into a hashed, immutable ``PublishedVersion``;
publishing and withdrawing bring the public read model (``PublicRecord``) up to date in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register import extensions, workflow
from register.audit import audit_context
from register.cards import build_card
from register.models import AISystem, PublishedVersion, Status
from register.notifications import regulator_email_enqueue, workflow_email_enqueue
from register.selectors import systems_with_parts
from register.services.hooks import publication_changed, record_changed
from register.services.projection import project_public_record
from register.snapshots import freeze_record


def _notify(kind: str, system: AISystem) -> None:
    # In the transition's transaction: the e-mails are committed with it, or not at all, and
    # sent after the commit; a mail or broker outage delays them but fails nothing.
    workflow_email_enqueue(kind, system.pk)


def _lock(system: AISystem) -> AISystem:
    return AISystem.objects.select_for_update().get(pk=system.pk)


def _begin(action: str, system: AISystem, actor: AbstractBaseUser) -> AISystem:
    """Lock the record and refuse ``action`` unless the workflow table allows it now."""
    locked = _lock(system)
    workflow.require(action, actor, locked)
    workflow.check_preconditions(action, locked, actor)
    return locked


@transaction.atomic
def system_submit(*, system: AISystem, actor: AbstractBaseUser) -> AISystem:
    """Send a draft (or a returned record) to the organisation's approvers.

    Every required section must be complete; the error lists the sections that are not.
    """
    locked = _begin("submit", system, actor)
    with audit_context(user=actor.pk, action="system.submit"):
        AISystem.objects.filter(pk=locked.pk).update(
            status=Status.IN_REVIEW,
            submitted_by=actor,
            submitted_at=timezone.now(),
            review_comment="",
            updated_by=actor,
            revision=F("revision") + 1,
        )
    _notify("submitted", locked)
    return AISystem.objects.get(pk=locked.pk)


@transaction.atomic
def system_return(*, system: AISystem, actor: AbstractBaseUser, comment: str) -> AISystem:
    """Send a record in review back to its editors with the approver's comment."""
    locked = _begin("return", system, actor)
    if not comment.strip():
        raise ValidationError(
            {"comment": ValidationError(_("Say what needs to change."), code="required")}
        )
    with audit_context(user=actor.pk, action="system.return"):
        AISystem.objects.filter(pk=locked.pk).update(
            status=Status.RETURNED,
            review_comment=comment.strip(),
            updated_by=actor,
            revision=F("revision") + 1,
        )
    _notify("returned", locked)
    return AISystem.objects.get(pk=locked.pk)


def system_publish(
    *, system: AISystem, actor: AbstractBaseUser, confirmed: Collection[str] = ()
) -> PublishedVersion:
    """Publish a record in review as its next version.

    Four-eyes rule: the person who submitted the record cannot publish it, unless a site
    administrator allowed it for an organisation that has a single approver; such a
    publication is marked on the version.

    A system in use (``workflow.IN_USE_PHASES``) is published once its public information is
    complete in every submission language, whatever its compliance findings; a system not yet
    in use is held back by the conditions other apps add to the table (the compliance engine's
    publication gate re-checks the record first, in its own transaction, so that the findings
    stay recorded when they refuse the publication). ``confirmed`` names the confirmations of
    the table the approver gave (``workflow.confirmations("publish")``); one that has
    something to confirm and is missing refuses the publication (code ``unconfirmed``).

    The blocks other apps freeze with the version (``extensions.frozen_blocks``: the findings
    at publication) are stored in its record and card, and hashed with them; the regulators
    are told when the version was published with open findings.
    """
    workflow.prepare("publish", system)
    return _publish(system=system, actor=actor, confirmed=frozenset(confirmed))


@transaction.atomic
def _publish(
    *, system: AISystem, actor: AbstractBaseUser, confirmed: frozenset[str]
) -> PublishedVersion:
    locked = _begin("publish", system, actor)
    workflow.check_confirmations("publish", locked, actor, confirmed)
    four_eyes_waived = workflow.four_eyes_waived(locked, actor)
    record = freeze_record(
        systems_with_parts().get(pk=locked.pk), blocks=extensions.frozen_blocks(locked)
    )
    number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    now = timezone.now()
    with audit_context(user=actor.pk, action="system.publish"):
        version = PublishedVersion.objects.create(
            system=locked,
            number=number,
            published_at=now,
            published_by=actor,
            record=record,
            snapshot=build_card(record),
            four_eyes_waived=four_eyes_waived,
        )
        AISystem.objects.filter(pk=locked.pk).update(
            status=Status.PUBLISHED,
            published_version=version,
            first_published_at=locked.first_published_at or now,
            withdrawn_at=None,
            review_comment="",
            updated_by=actor,
            revision=F("revision") + 1,
        )
        project_public_record(locked.pk)
        publication_changed(
            locked.pk, event="published" if number == 1 else "changed", version=number
        )
    _notify("published", locked)
    regulator_email_enqueue(version)
    record_changed(locked.pk)
    return version


@transaction.atomic
def system_withdraw(*, system: AISystem, actor: AbstractBaseUser) -> AISystem:
    """Take a published record out of use; its last card stays public, marked withdrawn.

    Possible whenever a version is public, also while a working draft of the next version is
    being edited or reviewed: taking a harmful system down must not wait for the paperwork.
    """
    locked = _begin("withdraw", system, actor)
    with audit_context(user=actor.pk, action="system.withdraw"):
        AISystem.objects.filter(pk=locked.pk).update(
            status=Status.WITHDRAWN,
            withdrawn_at=timezone.now(),
            updated_by=actor,
            revision=F("revision") + 1,
        )
        project_public_record(locked.pk)
        publication_changed(locked.pk, event="withdrawn", version=locked.published_version.number)
    record_changed(locked.pk)
    return AISystem.objects.get(pk=locked.pk)
