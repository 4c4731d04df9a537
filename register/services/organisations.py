"""Organisations and who works for them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from register.audit import audit_context
from register.models import Membership, Organisation


@transaction.atomic
def organisation_upsert(
    *, actor: AbstractBaseUser | None, short_code: str, data: Mapping[str, Any]
) -> tuple[Organisation, bool]:
    """Create the organisation with ``short_code``, or update it to ``data``."""
    with audit_context(user=actor.pk if actor else None, action="organisation.upsert"):
        organisation = Organisation.objects.filter(short_code=short_code).first()
        created = organisation is None
        organisation = organisation or Organisation(short_code=short_code)
        for field, value in data.items():
            setattr(organisation, field, value)
        organisation.full_clean()
        organisation.save()
    return organisation, created


@transaction.atomic
def membership_grant(
    *,
    actor: AbstractBaseUser | None,
    user: AbstractBaseUser,
    organisation: Organisation,
    role: str,
) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (replacing any role they had there)."""
    with audit_context(user=actor.pk if actor else None, action="membership.grant"):
        membership, _created = Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
    return membership
