"""A walk of the workflow table: every action × role × state is either allowed and works, or
refused with the same error through the service and through the workspace page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape

from register import workflow
from register.services import publication, records
from tests.factories import complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db

ROLES = ["editor", "approver", "other_agency_editor", "regulator", "site_admin"]
STATES = [
    "draft",
    "in_review",
    "returned",
    "published",
    "working_draft",
    "next_in_review",
    "withdrawn",
]
ACTIONS = ["edit", *[name for name, action in workflow.ACTIONS.items() if action.has_page]]


def _record(state, agency, editor, approver):
    system = complete_system(agency, editor)
    if state == "draft":
        return system
    publication.system_submit(system=system, actor=editor)
    if state == "in_review":
        return _fresh(system)
    if state == "returned":
        publication.system_return(system=system, actor=approver, comment="More detail.")
        return _fresh(system)
    publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    if state == "published":
        return _fresh(system)
    if state == "withdrawn":
        publication.system_withdraw(system=system, actor=approver)
        return _fresh(system)
    system = _fresh(system)
    records.system_update(
        system=system,
        actor=editor,
        data={"scope_en": "Next version"},
        expected_revision=system.revision,
    )
    if state == "next_in_review":
        publication.system_submit(system=_fresh(system), actor=editor)
    return _fresh(system)


def _fresh(system):
    return type(system).objects.get(pk=system.pk)


def _through_service(action, system, user):
    """'ok', 'forbidden', or the refusal's message."""
    try:
        if action == "edit":
            records.system_update(
                system=system,
                actor=user,
                data={"name_en": "Renamed"},
                expected_revision=system.revision,
            )
        else:
            kwargs = (
                {"comment": "Please add the appeal route."}
                if workflow.ACTIONS[action].comment
                else {}
            )
            if workflow.confirmation_names(action):
                kwargs["confirmed"] = workflow.confirmation_names(action)
            workflow.ACTIONS[action].perform(system=system, actor=user, **kwargs)
    except PermissionDenied:
        return "forbidden"
    except ValidationError as error:
        return " ".join(error.messages)
    return "ok"


def _through_page(client, action, system, user):
    """'ok', 'forbidden', 'not found' or the page's error summary text."""
    client.force_login(user)
    base = f"/en/workspace/systems/{system.public_id}/"
    if action == "edit":
        response = client.post(
            base + "sections/about/",
            {
                "revision": system.revision,
                "name_en": "Renamed",
                "summary_en": system.summary_en,
                "scope_en": system.scope_en,
                "phase": system.phase,
                "application_area": system.application_area,
                "techniques": system.techniques,
            },
        )
    else:
        data = (
            {"comment": "Please add the appeal route."} if workflow.ACTIONS[action].comment else {}
        )
        data.update({f"confirm_{name}": "on" for name in workflow.confirmation_names(action)})
        client.get(base + f"{action}/")  # the approver reads the page first
        response = client.post(base + f"{action}/", data)
    if response.status_code == 302:
        return "ok"
    if response.status_code in (403, 404):
        return {403: "forbidden", 404: "not found"}[response.status_code]
    return response.content.decode()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_role_and_state_agrees_on_every_surface(
    client, request, agency, editor, approver, action, role, state
):
    user = request.getfixturevalue(role)
    on_service = _record(state, agency, editor, approver)
    on_page = on_service
    expected_allowed = workflow.role_allows(action, user, on_service) and workflow.ACTIONS[
        action
    ].state_allows(on_service)
    assert getattr(
        workflow.capabilities(user, on_service), action.replace("return", "return_")
    ) is (expected_allowed)

    # The service's effect is rolled back before the page is asked the same on the same record.
    with transaction.atomic():
        service = _through_service(action, on_service, user)
        transaction.set_rollback(True)
    page = _through_page(client, action, _fresh(on_page), user)

    if expected_allowed:
        assert service == "ok"
        assert page == "ok"
        return
    if not workflow.role_allows(action, user, on_service):
        assert service == "forbidden"
        # Outside the organisation the record is not even found; a reader is forbidden.
        assert page == ("not found" if role == "other_agency_editor" else "forbidden")
        return
    assert service not in ("ok", "forbidden")
    assert escape(service) in page
    assert _fresh(on_page).revision == on_page.revision  # nothing changed
