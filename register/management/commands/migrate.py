"""``migrate`` as the owner role, then the application role's privileges (register/privileges)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import migrate
from django.db import connections

from register.privileges import application_role, as_owner, grant_application_privileges


class Command(migrate.Command):
    help = migrate.Command.help + " Runs as DATABASE_OWNER_URL's role when it is set."

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        role = application_role(connection)
        with as_owner(connection):
            super().handle(*args, **options)
            if role is not None and not options.get("plan") and not options.get("check_unapplied"):
                grant_application_privileges(connection, role)
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Granted the application role {role!r} its privileges.")
