"""Reads that span several models, with their queries fixed in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rules
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from register import extensions, schema
from register.i18n import column, content_language
from register.models import AISystem, Organisation, PublishedVersion
from register.pagination import CountedPaginator


def systems_with_parts():
    """AI systems with every part of ``register.schema`` (everything a card shows), in a
    fixed number of queries."""
    one_to_one, repeatable = schema.prefetch_names()
    return AISystem.objects.select_related(
        "organisation", *one_to_one, *extensions.RECORD_RELATIONS
    ).prefetch_related(*repeatable)


def user_organisations(user) -> list[Organisation]:  # type: ignore[no-untyped-def]
    """Organisations the user works for, with their role, in one query."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(memberships__user=user)
        .annotate(role=F("memberships__role"))
        .order_by("short_code")
    )


def workspace_systems(user, *, with_parts: bool = False):  # type: ignore[no-untyped-def]
    """Records the user may open in the workspace: every one for regulators and site
    administrators, otherwise those of the organisations the user works for."""
    from register.permissions import can_read_everything

    queryset = (
        systems_with_parts() if with_parts else AISystem.objects.select_related("organisation")
    )
    if can_read_everything(user):
        return queryset
    return queryset.filter(organisation__memberships__user=user)


def full_record(user, version: PublishedVersion) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    """The full record frozen in ``version``, for a reader the rule ``register.view_full_record``
    allows (the record's organisation and those who read every record); ``PermissionDenied``
    for anyone else, who reads the public card (``version.snapshot``) only. ``None`` for a
    version of the first card format, which froze no record."""
    if not rules.has_perm("register.view_full_record", user, version.system):
        raise PermissionDenied
    return version.record


def published_versions(system: AISystem):
    """The record's versions, newest first, with their publisher and without their JSON (one
    query)."""
    return (
        system.versions.select_related("published_by")
        .defer("snapshot", "record")
        .order_by("-number")
    )


#: Records on a page of the dashboard.
DASHBOARD_PAGE_SIZE = 50
# Sort keys of the dashboard; names sort in the reader's language.
DASHBOARD_SORTS = {
    "-updated": lambda: ["-updated_at"],
    "updated": lambda: ["updated_at"],
    "name": lambda: [column("name", content_language())],
    "id": lambda: ["public_id"],
}


def dashboard_page(  # type: ignore[no-untyped-def]
    user, organisation: Organisation | None, filters: dict, page: object
) -> Page:
    """One page of the dashboard table (``page`` as typed): two queries whatever the number of
    records, the count over the records alone and the page with its open findings."""
    scope = _dashboard_scope(user, organisation, filters)
    rows = (
        scope.select_related("updated_by")
        # The standing counts the open findings when they change (compliance.standing).
        .annotate(open_findings=Coalesce("standing__open", 0))
        .order_by(
            *DASHBOARD_SORTS.get(filters.get("sort") or "-updated", DASHBOARD_SORTS["-updated"])(),
            "public_id",
        )
    )
    return CountedPaginator(rows, DASHBOARD_PAGE_SIZE, count=scope.count()).get_page(page)


def _dashboard_scope(user, organisation: Organisation | None, filters: dict):  # type: ignore[no-untyped-def]
    queryset = workspace_systems(user)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if filters.get("q"):
        term = filters["q"]
        queryset = queryset.filter(
            Q(public_id__icontains=term)
            | Q(name_kk__icontains=term)
            | Q(name_ru__icontains=term)
            | Q(name_en__icontains=term)
        )
    for name in ("status", "phase"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("risk_class"):
        value = "" if filters["risk_class"] == "unclassified" else filters["risk_class"]
        queryset = queryset.filter(risk_class=value)
    return queryset


@dataclass
class HistoryEntry:
    """One action on a record (a request or a service call), with the rows it changed."""

    context_id: str | None
    created_at: object
    action: str
    user: object
    changes: list = field(default_factory=list)  # [(model label, event label, diff dict)]


# Bookkeeping columns that change with every save and say nothing to a reader.
_HISTORY_NOISE = {
    "revision",
    "updated_at",
    "updated_by",
    "created_at",
    "created_by",
    "id",
    "system",
    "submitted_by",
}


def _field_label(model: type, name: str) -> str:
    try:
        return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
    except Exception:  # noqa: BLE001 — a column that no longer exists keeps its name
        return name


# Events per page of a record's history: a page stays small whatever the record's age.
HISTORY_PAGE_SIZE = 50


@dataclass
class HistoryPage:
    """One page of a record's history: its entries and the page (for the page links)."""

    entries: list[HistoryEntry]
    page: Page


def system_history(
    system: AISystem, *, page: object = 1, per_page: int = HISTORY_PAGE_SIZE
) -> HistoryPage:
    """Audit events of a record and of its parts, newest first, grouped by action, with
    field-level diffs, ``per_page`` events at a time (``page``: a number as typed; anything
    else is the first or last page). Four queries whatever the length."""
    from django.contrib.auth import get_user_model
    from pghistory.models import Events

    queryset = (
        Events.objects.references(system)
        # Compliance findings have their own page; the record's history is its content.
        .exclude(pgh_model__startswith="compliance.")
        .order_by("-pgh_created_at", "-pgh_id")
    )
    current = Paginator(queryset, per_page).get_page(page)
    events = list(current.object_list)
    user_ids = {(e.pgh_context or {}).get("user") for e in events} - {None}
    users = get_user_model().objects.in_bulk(user_ids)
    entries: list[HistoryEntry] = []
    for event in events:
        context = event.pgh_context or {}
        key = str(event.pgh_context_id) if event.pgh_context_id else f"event-{event.pk}"
        if not entries or entries[-1].context_id != key:
            entries.append(
                HistoryEntry(
                    context_id=key,
                    created_at=event.pgh_created_at,
                    action=context.get("action") or event.pgh_label,
                    user=users.get(context.get("user")),
                )
            )
        model = apps.get_model(event.pgh_obj_model)
        diff = {
            _field_label(model, name): values
            for name, values in (event.pgh_diff or {}).items()
            if name.removesuffix("_id") not in _HISTORY_NOISE
        }
        entries[-1].changes.append((model._meta.verbose_name, event.pgh_label, diff))
    return HistoryPage(entries=entries, page=current)


@dataclass(frozen=True)
class ChainBreak:
    """The first version where the register's chain does not hold, and why."""

    version: PublishedVersion
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head: str
    broken: ChainBreak | None


def verify_chain(*, batch_size: int = 2000) -> ChainReport:
    """Walk every published version in chain (id) order and recompute it: the card's and the
    full record's hashes from the stored JSON, the link to the previous version and the
    version's own link. Stops at the first version that does not match; reads in batches."""
    from register.models.versions import chain_digest

    previous, checked, last_id = "", 0, 0
    while True:
        batch = list(PublishedVersion.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return ChainReport(checked=checked, head=previous, broken=None)
        for version in batch:
            if not version.verify():
                reason = "content"
            elif version.previous_chain_sha256 != previous:
                reason = "previous"
            elif version.chain_sha256 != chain_digest(version, previous):
                reason = "link"
            else:
                previous, checked = version.chain_sha256, checked + 1
                continue
            return ChainReport(
                checked=checked, head=previous, broken=ChainBreak(version=version, reason=reason)
            )
        last_id = batch[-1].id
