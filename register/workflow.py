"""The workflow of a record as one table: who may take each action, in which states, and what
must hold first.

Every surface reads this table: the services refuse an action the table does not allow (the
same error whichever surface asked), ``capabilities`` tells the workspace which buttons to show,
the workflow views take their titles and forms from it, and later the API. Apps above the
register add their own conditions (the compliance engine's publication gate) with
:func:`add_precondition`, and what the person must confirm first (the open findings) with
:func:`add_confirmation`, instead of the register importing them.

A condition can depend on the record's lifecycle phase (``Precondition.phases``): a system that
is already in use (``IN_USE_PHASES``) is published as soon as its public information is
complete, whatever its compliance findings say, because the register exists to make such
systems visible; a system not yet in use is held back by its blockers.

States and transitions::

    draft ──submit──▶ in review ──publish──▶ published ──edit──▶ draft (working copy)
      ▲                   │                      │
      └──── returned ◀─return                    └──withdraw──▶ withdrawn

``withdraw`` is possible whenever a version is public, also while its next version is being
edited or reviewed; ``delete`` only for a draft that was never published.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from register.i18n import column
from register.languages import SUBMISSION_LANGUAGES
from register.models import AISystem, Membership, Phase, Status
from register.permissions import role_in

EDITOR = Membership.Role.EDITOR
APPROVER = Membership.Role.APPROVER
MEMBERS = frozenset({EDITOR, APPROVER})
APPROVERS = frozenset({APPROVER})

# Phases in which the system is, or was, used on people. A retired system counts: the people it
# decided about still need its explanation and appeal routes, its findings can no longer be fixed
# by changing the system, and holding it back would hide for good what the register exists to
# show.
IN_USE_PHASES = frozenset({Phase.PILOT, Phase.PRODUCTION, Phase.RETIRED})
NOT_IN_USE_PHASES = frozenset(Phase.values) - IN_USE_PHASES


def in_use(system: AISystem) -> bool:
    """Whether ``system`` is, or was, in use (its phase is one of ``IN_USE_PHASES``)."""
    return system.phase in IN_USE_PHASES


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
    # The lifecycle phases in which it is checked (``None``: every phase).
    phases: frozenset[str] | None = None

    def applies(self, system: AISystem) -> bool:
        return self.phases is None or system.phase in self.phases


@dataclass(frozen=True)
class Confirmation:
    """Something the person taking an action must confirm they have seen, when there is any.

    ``items`` lists it (empty: nothing to confirm); the action's page shows them with
    ``template`` (context ``items``) under ``heading`` and asks for a tick of ``label``. The
    service refuses the action with ``message`` and ``code`` unless the confirmation's ``name``
    is among the names it is given as confirmed.
    """

    name: str
    items: Callable[[AISystem, Any], Sequence[Any]]
    heading: Promise
    label: Promise
    message: Promise
    template: str
    code: str = "unconfirmed"


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
    confirmations: tuple[Confirmation, ...] = field(default=())
    # The action that follows this one (submit → publish): its page lists, in advance, what
    # would stop that one too, so a record is not sent on only to come back.
    then: str | None = None

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


# The public information of a system in use, each with the words that name a gap: translated
# texts are needed in every ``SUBMISSION_LANGUAGES``; a group of fields needs one of them.
PUBLIC_TEXTS = ("summary", "explanation_route", "appeal_route")
PUBLIC_CONTACT = ("contact_email", "contact_phone", "contact_url")


def _section_url(system: AISystem, name: str) -> str:
    from django.urls import reverse

    from register.schema import section_for

    section = section_for(f"{AISystem.__name__}.{name}")
    return reverse(
        "register:section", kwargs={"public_id": system.public_id, "section": section.slug}
    )


def public_information_gaps(system: AISystem) -> list[Problem]:
    """What the public card of ``system`` lacks before it may be published while in use: each
    text of ``PUBLIC_TEXTS`` blank in a language of ``SUBMISSION_LANGUAGES``, and a contact when
    every field of ``PUBLIC_CONTACT`` is blank. Reads the record only."""

    problems = [
        Problem(
            str(capfirst(AISystem._meta.get_field(column(name, code)).verbose_name)),
            _section_url(system, name),
        )
        for name in PUBLIC_TEXTS
        for code in SUBMISSION_LANGUAGES
        if not str(getattr(system, column(name, code)) or "").strip()
    ]
    if not any(str(getattr(system, name) or "").strip() for name in PUBLIC_CONTACT):
        problems.append(
            Problem(
                str(_("A public contact: an e-mail address, a phone number or a web page")),
                _section_url(system, PUBLIC_CONTACT[0]),
            )
        )
    return problems


def _public_information(system: AISystem, actor: Any) -> list[Problem]:
    return public_information_gaps(system)


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
PUBLIC_INFORMATION = Precondition(
    "public_information",
    _public_information,
    _(
        "A system in use is published once the public can read what it is, how to reach you, "
        "and how to ask for an explanation and appeal. Complete: %(problems)s."
    ),
    "public_information_incomplete",
    heading=_("A system in use is published once its public information is complete:"),
    phases=IN_USE_PHASES,
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
            then="publish",
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
            preconditions=(FOUR_EYES, PUBLIC_INFORMATION),
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

# Conditions and confirmations that other apps add to an action (see ``add_precondition``,
# ``add_confirmation``).
_ADDED: dict[str, list[Precondition]] = {name: [] for name in ACTIONS}
_ADDED_CONFIRMATIONS: dict[str, list[Confirmation]] = {name: [] for name in ACTIONS}


def add_precondition(action: str, precondition: Precondition) -> None:
    """Let an app above the register add a condition to an action (idempotent by name)."""
    added = _ADDED[action]
    added[:] = [p for p in added if p.name != precondition.name]
    added.append(precondition)


def preconditions(action: str) -> tuple[Precondition, ...]:
    return (*ACTIONS[action].preconditions, *_ADDED[action])


def add_confirmation(action: str, confirmation: Confirmation) -> None:
    """Let an app above the register ask for a confirmation before an action (idempotent by
    name)."""
    added = _ADDED_CONFIRMATIONS[action]
    added[:] = [c for c in added if c.name != confirmation.name]
    added.append(confirmation)


def confirmations(action: str) -> tuple[Confirmation, ...]:
    return (*ACTIONS[action].confirmations, *_ADDED_CONFIRMATIONS[action])


def confirmation_names(action: str) -> frozenset[str]:
    """The names of every confirmation of ``action``: what a caller that has shown the person
    everything there is to confirm passes to the service as ``confirmed``."""
    return frozenset(confirmation.name for confirmation in confirmations(action))


def to_confirm(action: str, system: AISystem, user: Any) -> list[tuple[Confirmation, list[Any]]]:
    """Every confirmation of ``action`` that has something to confirm now, with its items."""
    found = []
    for confirmation in confirmations(action):
        items = list(confirmation.items(system, user))
        if items:
            found.append((confirmation, items))
    return found


def check_confirmations(
    action: str, system: AISystem, user: Any, confirmed: Collection[str]
) -> None:
    """Raise the first confirmation's error that has items and is not in ``confirmed``."""
    for confirmation, _items in to_confirm(action, system, user):
        if confirmation.name not in confirmed:
            raise ValidationError(confirmation.message, code=confirmation.code)


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
    """Run the preconditions' preparations (outside the action's transaction), in every phase:
    what they record (a fresh compliance check) is also what the confirmations list and what
    publication freezes."""
    for precondition in preconditions(action):
        if precondition.prepare is not None:
            precondition.prepare(system)


def problems(action: str, system: AISystem, user: Any) -> list[tuple[Precondition, list[Problem]]]:
    """Every precondition of ``action`` that does not hold, with its problems (for a page)."""
    found = []
    for precondition in preconditions(action):
        if not precondition.applies(system):
            continue
        listed = list(precondition.problems(system, user))
        if listed:
            found.append((precondition, listed))
    return found


def problems_ahead(action: str, system: AISystem) -> list[tuple[Precondition, list[Problem]]]:
    """What would stop the action that follows ``action`` (``Action.then``) for whoever takes
    it, as :func:`problems` lists it; conditions on the person (four eyes) are left out."""
    following = ACTIONS[action].then
    return problems(following, system, None) if following else []


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
