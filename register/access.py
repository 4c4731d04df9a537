"""Access to the workspace: which record a user may open, and for what.

Every workspace view starts here. Querysets are scoped to the user's organisations (another
organisation's record is not found: 404), the ``rules`` permission decides whether the user may
open the page (403), and the workflow table (``register.workflow``) what they may do there.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from register import workflow
from register.models import AISystem, Organisation
from register.selectors import workspace_systems
from register.workflow import Capabilities

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


def capabilities(user: Any, system: AISystem) -> Capabilities:
    """What the user may do with the record in its current state, from the workflow table."""
    return workflow.capabilities(user, system)
