"""Who may do what with a register record, as ``rules`` predicates.

Object permissions are checked on the server in every view and endpoint; querysets are also
scoped by organisation (see ``register.selectors``), so another organisation's record is
simply not found.
"""

from __future__ import annotations

import rules

from register.models import AISystem, Membership

REGULATOR_GROUP = "regulators"


@rules.predicate
def is_regulator(user) -> bool:  # type: ignore[no-untyped-def]
    return user.is_authenticated and user.groups.filter(name=REGULATOR_GROUP).exists()


def _role_in(user, system: AISystem | None) -> str | None:  # type: ignore[no-untyped-def]
    if system is None or not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, organisation_id=system.organisation_id)
        .values_list("role", flat=True)
        .first()
    )


@rules.predicate
def is_member_of_owner(user, system: AISystem | None) -> bool:  # type: ignore[no-untyped-def]
    return _role_in(user, system) is not None


@rules.predicate
def is_approver_of_owner(user, system: AISystem | None) -> bool:  # type: ignore[no-untyped-def]
    return _role_in(user, system) == Membership.Role.APPROVER


rules.add_perm("register.view_aisystem", is_member_of_owner | is_regulator | rules.is_superuser)
rules.add_perm("register.change_aisystem", is_member_of_owner)
rules.add_perm("register.publish_aisystem", is_approver_of_owner)
