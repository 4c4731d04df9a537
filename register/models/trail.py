"""The audit trail's own tables, guarded like the event tables.

pghistory's context table holds who did what (the user, the request path, the action) for every
event; the history pages and the four-eyes rule read it. It is pghistory's model, so its guards
live on a proxy here (the triggers are installed on the table itself, in our migrations).

Group membership (the regulator role, ``register.permissions.REGULATOR_GROUP``) is Django's
many-to-many table; a proxy of it is tracked so that granting or removing a group is an event in
the append-only trail with the actor of the request, not only a line in the admin log.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from pghistory.models import Context

from register.audit import no_truncate


class HistoryContext(Context):
    """pghistory's context rows, written once: no update, delete or truncate."""

    class Meta:
        proxy = True
        verbose_name = _("audit context")
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
            no_truncate(),
        ]


class UserGroup(get_user_model().groups.through):  # type: ignore[misc,name-defined]
    """A user's membership of a group (the regulators), as Django's m2m table stores it."""

    class Meta:
        proxy = True
        verbose_name = _("group membership")


pghistory.track(
    pghistory.InsertEvent("group.add"),
    pghistory.DeleteEvent("group.remove"),
    model_name="UserGroupEvent",
    obj_field=None,
    append_only=True,
    meta={"triggers": [no_truncate()]},
)(UserGroup)
