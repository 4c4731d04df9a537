"""The workflow of a record as one table: who may take each action, in which states, and what
must hold first.

Every surface reads this table: the services refuse an action the table does not allow (the
same error whichever surface asked), ``capabilities`` tells the workspace which buttons to show,
the workflow views take their titles and forms from it, and later the API. Apps above the
register add their own conditions (the compliance engine's publication gate) with
:func:`add_precondition` instead of the register importing them.

States and transitions::

    draft ──submit──▶ in review ──publish──▶ published ──edit──▶ draft (working copy)
      ▲                   │                      │
      └──── returned ◀─return                    └──withdraw──▶ withdrawn

``withdraw`` is possible whenever a version is public, also while its next version is being
edited or reviewed; ``delete`` only for a draft that was never published.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from register.models import AISystem, Membership, Status
from register.permissions import role_in

EDITOR = Membership.Role.EDITOR
APPROVER = Membership.Role.APPROVER
MEMBERS = frozenset({EDITOR, APPROVER})
APPROVERS = frozenset({APPROVER})


@dataclass(frozen=True)
class Problem:
    """One reason an action cannot be taken yet, with where to fix it."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Precondition:
    """Something that must hold before an action, checked by the service that performs it.

    ``problems`` lists what is wrong (empty: it holds); ``message`` is the error, with
    ``%(problems)s`` for the list. ``prepare`` runs first, outside the action's transaction, so
    that what it records (e.g. a fresh compliance check) stays when the action is refused.
    """

    name: str
    problems: Callable[[AISystem, Any], Sequence[Problem]]
    message: Promise
    code: str
    prepare: Callable[[AISystem], None] | None = None
    # What the action's page says above the list of problems (else the message).
    heading: Promise | None = None


INVALID_TRANSITION = _("This action is not possible while the record is “%(state)s”.")


@dataclass(frozen=True)
class Action:
    """One row of the table."""

    name: str
    roles: frozenset[str]
    states: frozenset[str]
    # The service that performs it (a dotted path: services import this table).
    service: str = ""
    # The error when the record's state does not allow it.
    refused: Promise = INVALID_TRANSITION
    refused_code: str = "invalid_transition"
    # True: only with a public version; False: only without one; None: either.
    public_version: bool | None = None
    # The workflow page: its heading, button, explanation and whether it asks for a comment.
    title: Promise | None = None
    button: Promise | None = None
    explanation: Promise | None = None
    comment: bool = False
    destructive: bool = False
    # The confirmation after it is done (``%(number)s``: the number of a new version).
    done: Promise | None = None
    preconditions: tuple[Precondition, ...] = field(default=())

    @property
    def has_page(self) -> bool:
        return self.title is not None

    def perform(self, **kwargs: Any) -> Any:
        """Call the service that performs the action; it checks the table again itself."""
        return import_string(self.service)(**kwargs)

    def state_allows(self, system: AISystem) -> bool:
        if system.status not in self.states:
            return False
        has_version = system.published_version_id is not None
        return self.public_version is None or self.public_version == has_version


def _incomplete_sections(system: AISystem, actor: Any) -> list[Problem]:
    from django.urls import reverse

    from register.sections import submission_gaps
    from register.selectors import systems_with_parts

    loaded = system if hasattr(system, "_prefetched_objects_cache") else None
    loaded = loaded or systems_with_parts().get(pk=system.pk)
    return [
        Problem(
            f"{section.number}. {section.title}",
            reverse(
                "register:section",
                kwargs={"public_id": system.public_id, "section": section.slug},
            ),
        )
        for section in submission_gaps(loaded)
    ]


# Audit actions that change what the public card says.
CONTENT_ACTIONS = ("system.create", "system.update", "system.classify")


def edited_since_publication(system: AISystem, actor: Any) -> bool:
    """Whether ``actor`` changed the record's content since its last publication, read from
    the audit trail."""
    from pghistory.models import Events

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


def four_eyes_waived(system: AISystem, actor: Any) -> bool:
    """Publishing now would break the four-eyes rule: ``actor`` submitted the record or
    changed its content since the last publication."""
    return system.submitted_by_id == actor.pk or edited_since_publication(system, actor)


def may_approve_own(system: AISystem) -> bool:
    """A site administrator allowed self-approval, and the organisation has one approver."""
    organisation = system.organisation
    approvers = Membership.objects.filter(
        organisation=organisation, role=APPROVER, user__is_active=True
    ).count()
    return organisation.allow_self_approval and approvers == 1


def _four_eyes(system: AISystem, actor: Any) -> list[Problem]:
    if actor is None or not four_eyes_waived(system, actor) or may_approve_own(system):
        return []
    return [Problem(str(_("You submitted or edited this version yourself.")))]


SECTIONS_COMPLETE = Precondition(
    "sections_complete",
    _incomplete_sections,
    _("Complete these sections first: %(problems)s."),
    "incomplete",
    heading=_("Before you can submit for review, complete:"),
)
FOUR_EYES = Precondition(
    "four_eyes",
    _four_eyes,
    _("Another approver must publish a record that you submitted yourself."),
    "four_eyes",
)

EDITABLE = frozenset({Status.DRAFT, Status.RETURNED, Status.PUBLISHED})

ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        # Changing the content: sections, repeatable items, the classification. Editing a
        # published record starts its working draft; the public keeps the last version.
        Action(
            "edit",
            MEMBERS,
            EDITABLE,
            refused=_("A record that is “%(state)s” cannot be changed."),
            refused_code="not_editable",
        ),
        Action(
            "submit",
            MEMBERS,
            frozenset({Status.DRAFT, Status.RETURNED}),
            service="register.services.publication.system_submit",
            title=_("Submit for review"),
            button=_("Submit for review"),
            done=_("Submitted for review. The approvers have been told."),
            explanation=_(
                "The approvers of your organisation will be told. You cannot change the record "
                "while it is in review."
            ),
            preconditions=(SECTIONS_COMPLETE,),
        ),
        Action(
            "return",
            APPROVERS,
            frozenset({Status.IN_REVIEW}),
            service="register.services.publication.system_return",
            title=_("Return with comments"),
            button=_("Return with comments"),
            done=_("Returned to the editors with your comment."),
            explanation=_("The record goes back to the editors with your comment."),
            comment=True,
        ),
        Action(
            "publish",
            APPROVERS,
            frozenset({Status.IN_REVIEW}),
            service="register.services.publication.system_publish",
            title=_("Publish this record"),
            button=_("Publish"),
            done=_("Published as version %(number)s."),
            explanation=_(
                "The public card will show exactly what the preview shows, as a new version. "
                "You cannot publish a record you submitted yourself."
            ),
            preconditions=(FOUR_EYES,),
        ),
        Action(
            "withdraw",
            APPROVERS,
            frozenset({Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.PUBLISHED}),
            service="register.services.publication.system_withdraw",
            public_version=True,
            refused=_("Only a record with a public version can be withdrawn."),
            title=_("Withdraw this record"),
            button=_("Withdraw"),
            done=_("Withdrawn. The public card stays, marked as withdrawn."),
            explanation=_(
                "Use this when the system is no longer used. The public card stays, marked as "
                "withdrawn with today's date."
            ),
            destructive=True,
        ),
        Action(
            "delete",
            MEMBERS,
            frozenset({Status.DRAFT, Status.RETURNED}),
            service="register.services.records.system_delete",
            public_version=False,
            refused=_("Only a draft that was never published can be deleted."),
            refused_code="not_deletable",
            title=_("Delete this draft"),
            button=_("Delete draft"),
            done=_("The draft is deleted."),
            explanation=_("The draft and all its parts are deleted. This cannot be undone."),
            destructive=True,
        ),
    )
}

# Conditions that other apps add to an action (see ``add_precondition``).
_ADDED: dict[str, list[Precondition]] = {name: [] for name in ACTIONS}


def add_precondition(action: str, precondition: Precondition) -> None:
    """Let an app above the register add a condition to an action (idempotent by name)."""
    added = _ADDED[action]
    added[:] = [p for p in added if p.name != precondition.name]
    added.append(precondition)


def preconditions(action: str) -> tuple[Precondition, ...]:
    return (*ACTIONS[action].preconditions, *_ADDED[action])


def role_allows(action: str, user: Any, system: AISystem) -> bool:
    return role_in(user, system.organisation_id) in ACTIONS[action].roles


def require_state(action: str, system: AISystem) -> None:
    """``ValidationError`` (the action's own message and code) unless the record's state
    allows ``action``."""
    spec = ACTIONS[action]
    if not spec.state_allows(system):
        raise ValidationError(
            spec.refused, code=spec.refused_code, params={"state": system.get_status_display()}
        )


def require_role(action: str, user: Any, system: AISystem) -> None:
    """``PermissionDenied`` unless the user's role in the record's organisation may take it."""
    if not role_allows(action, user, system):
        raise PermissionDenied


def require(action: str, user: Any, system: AISystem) -> None:
    """Refuse ``action`` unless the table allows it for ``user`` on ``system`` now.

    ``PermissionDenied`` if the user's role may never take it; ``ValidationError`` with code
    ``invalid_transition`` if the record's state does not allow it. Preconditions are checked
    separately (:func:`check_preconditions`), after the service has locked the record.
    """
    require_role(action, user, system)
    require_state(action, system)


def prepare(action: str, system: AISystem) -> None:
    """Run the preconditions' preparations (outside the action's transaction)."""
    for precondition in preconditions(action):
        if precondition.prepare is not None:
            precondition.prepare(system)


def problems(action: str, system: AISystem, user: Any) -> list[tuple[Precondition, list[Problem]]]:
    """Every precondition of ``action`` that does not hold, with its problems (for a page)."""
    found = []
    for precondition in preconditions(action):
        listed = list(precondition.problems(system, user))
        if listed:
            found.append((precondition, listed))
    return found


def check_preconditions(action: str, system: AISystem, user: Any) -> None:
    """Raise the first failing precondition's error, naming its problems."""
    for precondition, listed in problems(action, system, user):
        raise ValidationError(
            precondition.message,
            code=precondition.code,
            params={"problems": "; ".join(problem.text for problem in listed)},
        )


@dataclass(frozen=True)
class Capabilities:
    """What a user may do with a record in its current state: one flag per action.

    Preconditions are not part of it: a button stays visible and its page says what is missing.
    """

    edit: bool
    submit: bool
    return_: bool
    publish: bool
    withdraw: bool
    delete: bool

    @property
    def review(self) -> bool:
        return self.publish or self.return_


def capabilities(user: Any, system: AISystem) -> Capabilities:
    allowed = {
        name: role_allows(name, user, system) and action.state_allows(system)
        for name, action in ACTIONS.items()
    }
    return Capabilities(
        edit=allowed["edit"],
        submit=allowed["submit"],
        return_=allowed["return"],
        publish=allowed["publish"],
        withdraw=allowed["withdraw"],
        delete=allowed["delete"],
    )
