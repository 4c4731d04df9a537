"""Access to the workspace: which record a user may open, and for what.

Every workspace view starts here. Querysets are scoped to the user's organisations (another
organisation's record is not found: 404), and the ``rules`` permission decides the action
(403).
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from register.models import AISystem, Organisation, Status
from register.rules import role_in
from register.selectors import workspace_systems
from register.services.records import EDITABLE_STATES

SESSION_ORGANISATION = "workspace_organisation"


def posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), None otherwise: an empty POST is a
    submission, not an unbound form."""
    return request.POST if request.method == "POST" else None


def system_for(
    request: HttpRequest,
    public_id: str,
    *,
    perm: str = "register.view_aisystem",
    with_parts: bool = False,
) -> AISystem:
    """The record if the user may see it (else 404), and may do ``perm`` with it (else 403)."""
    queryset = workspace_systems(request.user, with_parts=with_parts)
    system = get_object_or_404(queryset, public_id=public_id)
    # The rule itself, not User.has_perm: a superuser manages the site in the admin but has
    # no part in an organisation's workflow.
    if not rules.has_perm(perm, request.user, system):
        raise PermissionDenied
    return system


def current_organisation(
    request: HttpRequest, organisations: list[Organisation]
) -> Organisation | None:
    chosen = request.session.get(SESSION_ORGANISATION)
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    return organisations[0] if organisations else None


def capabilities(user: Any, system: AISystem) -> dict[str, bool]:
    """What the user may do with the record in its current state (buttons and their checks).

    ``waive`` is about findings; everything else is the workflow.
    """
    role = role_in(user, system.organisation_id)
    member = role is not None
    editable = system.status in EDITABLE_STATES
    return {
        "edit": member and editable,
        "submit": member and system.status in (Status.DRAFT, Status.RETURNED),
        "review": role == "approver" and system.status == Status.IN_REVIEW,
        "withdraw": role == "approver"
        and system.published_version_id is not None
        and system.status != Status.WITHDRAWN,
        "waive": role == "approver",
        "delete": member
        and system.published_version_id is None
        and system.status in (Status.DRAFT, Status.RETURNED),
    }
