"""The only writers of regulators' requests. Each service checks who may act, validates, writes
in one transaction, records the action in the audit trail and queues its e-mail."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.models import RegulatorRequest, RequestStatus
from oversight.notifications import answered_email_enqueue, asked_email_enqueue
from register.audit import audit_context
from register.models import AISystem
from register.permissions import can_read_everything, is_member_of_owner


def may_ask(user: AbstractBaseUser) -> bool:
    return bool(can_read_everything(user))


def may_answer(user: AbstractBaseUser, system: AISystem) -> bool:
    """The organisation's people (editors and approvers) answer for its records."""
    return bool(is_member_of_owner(user, system))


@transaction.atomic
def request_create(
    *, system: AISystem, actor: AbstractBaseUser, subject: str, body: str, due_on: dt.date
) -> RegulatorRequest:
    """A regulator's new request about ``system``, due by ``due_on`` (today or later)."""
    if not may_ask(actor):
        raise PermissionDenied
    if due_on < timezone.localdate():
        raise ValidationError(
            {"due_on": ValidationError(_("Give a date from today on."), code="due_in_past")}
        )
    request = RegulatorRequest(
        system=system, author=actor, subject=subject.strip(), body=body.strip(), due_on=due_on
    )
    request.full_clean()
    with audit_context(user=actor.pk, action="regulator_request.create"):
        request.save()
    asked_email_enqueue(request)
    return request


@transaction.atomic
def request_answer(
    *, request: RegulatorRequest, actor: AbstractBaseUser, answer: str
) -> RegulatorRequest:
    """The agency's answer to an open request (an answered one may be answered again, which
    replaces the answer: the audit trail keeps the earlier one)."""
    locked = (
        RegulatorRequest.objects.select_for_update().select_related("system").get(pk=request.pk)
    )
    if not may_answer(actor, locked.system):
        raise PermissionDenied
    if locked.status == RequestStatus.CLOSED:
        raise ValidationError(_("The regulator has closed this request."), code="closed")
    locked.answer = answer.strip()
    if not locked.answer:
        raise ValidationError({"answer": ValidationError(_("Write the answer."), code="required")})
    locked.status = RequestStatus.ANSWERED
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    locked.full_clean()
    with audit_context(user=actor.pk, action="regulator_request.answer"):
        locked.save()
    answered_email_enqueue(locked)
    return locked


@transaction.atomic
def request_close(*, request: RegulatorRequest, actor: AbstractBaseUser) -> RegulatorRequest:
    """The regulator closes a request, answered or not; closing twice changes nothing."""
    if not may_ask(actor):
        raise PermissionDenied
    locked = RegulatorRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status == RequestStatus.CLOSED:
        return locked
    locked.status = RequestStatus.CLOSED
    locked.closed_at = timezone.now()
    with audit_context(user=actor.pk, action="regulator_request.close"):
        locked.save(update_fields=["status", "closed_at", "updated_at"])
    return locked
