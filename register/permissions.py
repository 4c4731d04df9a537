"""Who may do what with a register record, as ``rules`` predicates.

Object permissions are checked on the server in every workspace view; querysets are also
scoped (``selectors.workspace_systems``), so another organisation's record is simply not found
(404), and its existence does not leak.
"""

from __future__ import annotations

import rules

from register.models import AISystem, Membership

REGULATOR_GROUP = "regulators"


@rules.predicate
def is_regulator(user) -> bool:  # type: ignore[no-untyped-def]
    return user.is_authenticated and user.groups.filter(name=REGULATOR_GROUP).exists()


def role_in(user, organisation_id: int | None) -> str | None:  # type: ignore[no-untyped-def]
    """The user's role in an organisation, cached per user for the request."""
    if organisation_id is None or not user.is_authenticated:
        return None
    cache = getattr(user, "_register_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._register_roles = cache
    return cache.get(organisation_id)


def _organisation_id(obj: object) -> int | None:
    if isinstance(obj, AISystem):
        return obj.organisation_id
    return getattr(obj, "pk", None)


@rules.predicate
def is_member_of_owner(user, obj) -> bool:  # type: ignore[no-untyped-def]
    return role_in(user, _organisation_id(obj)) is not None


@rules.predicate
def is_approver_of_owner(user, obj) -> bool:  # type: ignore[no-untyped-def]
    return role_in(user, _organisation_id(obj)) == Membership.Role.APPROVER


can_read_everything = is_regulator | rules.is_superuser

rules.add_perm("register.view_aisystem", is_member_of_owner | can_read_everything)
# Editing, submitting and deleting drafts: any member of the owning organisation.
rules.add_perm("register.change_aisystem", is_member_of_owner)
# Returning, publishing and withdrawing: approvers of the owning organisation.
rules.add_perm("register.review_aisystem", is_approver_of_owner)
# Registering a new system in an organisation (the object is the Organisation).
rules.add_perm("register.add_aisystem", is_member_of_owner)
# Reading the full record frozen in a published version (the object is the AISystem): its
# organisation and those who read every record. Everyone else reads only the public card.
rules.add_perm("register.view_full_record", is_member_of_owner | can_read_everything)
