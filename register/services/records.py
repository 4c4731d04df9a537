"""Creating and changing register records (an AI system with its parts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils.text import slugify

from register.audit import audit_context
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    ImpactAssessment,
    LegalBasis,
    Organisation,
    Risk,
    Supplier,
)
from register.services.identifiers import allocate_public_ids

# Repeatable parts of a record, by the name used in nested input.
PART_MODELS: dict[str, type[models.Model]] = {
    "suppliers": Supplier,
    "legal_bases": LegalBasis,
    "data_sources": DataSource,
    "impact_assessments": ImpactAssessment,
    "risks": Risk,
}

# Written only by the workflow and the compliance engine, never from user input.
PROTECTED_FIELDS = frozenset(
    {
        "id",
        "public_id",
        "organisation",
        "organisation_id",
        "status",
        "published_version",
        "published_version_id",
        "first_published_at",
        "withdrawn_at",
        "revision",
        "created_at",
        "updated_at",
        "created_by",
        "created_by_id",
        "updated_by",
        "updated_by_id",
    }
)


def _actor_id(actor: AbstractBaseUser | None) -> int | None:
    return actor.pk if actor is not None else None


def _system_slug(data: Mapping[str, Any]) -> str:
    for key in ("name_en", "name_ru", "name_kk"):
        slug = slugify(data.get(key) or "")[:80].strip("-")
        if slug:
            return slug
    return "system"


@transaction.atomic
def system_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    data: Mapping[str, Any],
    oversight: Mapping[str, Any] | None = None,
    parts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> AISystem:
    """Create a draft record with a new public identifier, and any of its parts.

    ``data`` holds AISystem fields; ``oversight`` the HumanOversight fields; ``parts`` maps a
    name of ``PART_MODELS`` to a list of field dicts. Workflow fields in ``data`` are refused,
    so a form or an import cannot set the state, the organisation or the publisher. Raises
    ``ValidationError`` (nothing is written) if any row is invalid.
    """
    forbidden = PROTECTED_FIELDS.intersection(data)
    if forbidden:
        raise ValueError(f"fields set by the register itself: {', '.join(sorted(forbidden))}")
    unknown_parts = set(parts or {}) - set(PART_MODELS)
    if unknown_parts:
        raise ValueError(f"unknown parts: {', '.join(sorted(unknown_parts))}")

    with audit_context(user=_actor_id(actor), action="system.create"):
        (public_id,) = allocate_public_ids(1)
        system = AISystem(
            **data,
            public_id=public_id,
            organisation=organisation,
            created_by=actor,
            updated_by=actor,
        )
        if not system.slug:
            system.slug = _system_slug(data)
        system.full_clean()
        system.save()

        if oversight is not None:
            row = HumanOversight(system=system, **oversight)
            row.full_clean()
            row.save()
        for name, rows in (parts or {}).items():
            model = PART_MODELS[name]
            for fields in rows:
                row = model(system=system, **fields)
                row.full_clean()
                row.save()
    return system
