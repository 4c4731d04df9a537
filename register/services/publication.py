"""The publication workflow: draft → in review → published, returned, withdrawn.

Every transition checks the state it starts from, writes the audit trail with its action, and
bumps the record's revision. Publishing freezes the public card into a hashed, immutable
``PublishedVersion``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.audit import audit_context
from register.cards import build_card
from register.models import AISystem, Membership, PublishedVersion, Status
from register.sections import submission_gaps
from register.selectors import systems_with_parts
from register.services.hooks import record_changed


def _notify(kind: str, system: AISystem) -> None:
    from register.tasks import send_workflow_email

    system_id = system.pk
    # robust: a broker failure after the commit is logged; it must not turn a done
    # publication into an error page.
    transaction.on_commit(lambda: send_workflow_email.delay(kind, system_id), robust=True)


def _require_state(system: AISystem, *allowed: Status) -> None:
    if system.status not in allowed:
        raise ValidationError(
            _("This action is not possible while the record is “%(state)s”."),
            code="invalid_transition",
            params={"state": system.get_status_display()},
        )


def _lock(system: AISystem) -> AISystem:
    return AISystem.objects.select_for_update().get(pk=system.pk)


def _publication_blockers_refresh(system: AISystem) -> None:
    """Re-check the record now: stored findings may predate its last edit."""
    from compliance.checks import check_systems

    check_systems([system.pk], trigger="change")


def _publication_blockers(system: AISystem) -> list[str]:
    """The open blocker findings of the record, as "rule id and title" lines."""
    from compliance.selectors import blocking_findings

    return [
        f"{finding.rule_id} {finding.rule.title_text if finding.rule else ''}".strip()
        for finding in blocking_findings(system)
    ]


# Audit actions that change what the public card says.
CONTENT_ACTIONS = ("system.create", "system.update", "system.classify")


def _edited_since_publication(system: AISystem, actor: AbstractBaseUser) -> bool:
    """Whether ``actor`` changed the record's content since its last publication (from the
    audit trail; without history, as on SQLite, only the submitter counts)."""
    from pghistory.models import Events

    from register.audit import history_enabled

    if not history_enabled():
        return False
    events = (
        Events.objects.references(system)
        .filter(pgh_context__user=actor.pk)
        .exclude(pgh_model__startswith="compliance.")
    )
    if system.published_version_id:
        events = events.filter(pgh_created_at__gt=system.published_version.published_at)
    return any(
        (event.pgh_context or {}).get("action", "").endswith((".save", ".delete"))
        or (event.pgh_context or {}).get("action") in CONTENT_ACTIONS
        for event in events
    )


def _may_approve_own(system: AISystem) -> bool:
    organisation = system.organisation
    approvers = Membership.objects.filter(
        organisation=organisation, role=Membership.Role.APPROVER, user__is_active=True
    ).count()
    return organisation.allow_self_approval and approvers == 1


@transaction.atomic
def system_submit(*, system: AISystem, actor: AbstractBaseUser) -> AISystem:
    """Send a draft (or a returned record) to the organisation's approvers.

    Every required section must be complete; the error lists the sections that are not.
    """
    locked = _lock(system)
    _require_state(locked, Status.DRAFT, Status.RETURNED)
    gaps = submission_gaps(systems_with_parts().get(pk=locked.pk))
    if gaps:
        raise ValidationError(
            _("Complete these sections first: %(sections)s."),
            code="incomplete",
            params={"sections": ", ".join(str(section.title) for section in gaps)},
        )
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
    locked = _lock(system)
    _require_state(locked, Status.IN_REVIEW)
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


def system_publish(*, system: AISystem, actor: AbstractBaseUser) -> PublishedVersion:
    """Publish a record in review as its next version.

    Four-eyes rule: the person who submitted the record cannot publish it, unless a site
    administrator allowed it for an organisation that has a single approver; such a
    publication is marked on the version.

    Publication gate: the record is re-checked first, in its own transaction so that the
    findings stay recorded when they refuse the publication; an open blocker stops it.
    """
    _publication_blockers_refresh(system)
    return _publish(system=system, actor=actor)


@transaction.atomic
def _publish(*, system: AISystem, actor: AbstractBaseUser) -> PublishedVersion:
    locked = _lock(system)
    _require_state(locked, Status.IN_REVIEW)
    four_eyes_waived = locked.submitted_by_id == actor.pk or _edited_since_publication(
        locked, actor
    )
    if four_eyes_waived and not _may_approve_own(locked):
        raise ValidationError(
            _("Another approver must publish a record that you submitted yourself."),
            code="four_eyes",
        )
    blockers = _publication_blockers(locked)
    if blockers:
        raise ValidationError(
            _("Open blocker findings stop the publication: %(rules)s. Fix them and try again."),
            code="blocked",
            params={"rules": "; ".join(blockers)},
        )
    card = build_card(systems_with_parts().get(pk=locked.pk))
    number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    now = timezone.now()
    with audit_context(user=actor.pk, action="system.publish"):
        version = PublishedVersion.objects.create(
            system=locked,
            number=number,
            published_at=now,
            published_by=actor,
            snapshot=card,
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
    _notify("published", locked)
    record_changed(locked.pk)
    return version


@transaction.atomic
def system_withdraw(*, system: AISystem, actor: AbstractBaseUser) -> AISystem:
    """Take a published record out of use; its last card stays public, marked withdrawn.

    Possible whenever a version is public, also while a working draft of the next version is
    being edited or reviewed: taking a harmful system down must not wait for the paperwork.
    """
    locked = _lock(system)
    if locked.published_version_id is None or locked.status == Status.WITHDRAWN:
        raise ValidationError(
            _("Only a record with a public version can be withdrawn."), code="invalid_transition"
        )
    with audit_context(user=actor.pk, action="system.withdraw"):
        AISystem.objects.filter(pk=locked.pk).update(
            status=Status.WITHDRAWN,
            withdrawn_at=timezone.now(),
            updated_by=actor,
            revision=F("revision") + 1,
        )
    record_changed(locked.pk)
    return AISystem.objects.get(pk=locked.pk)
