from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base, client

from config.nodatabase import NoDatabase


class DatabaseClient(client.DatabaseClient):
    def runshell(self, parameters: list[str]) -> None:
        raise NoDatabase


class DatabaseWrapper(base.DatabaseWrapper):
    client_class = DatabaseClient

    def get_connection_params(self) -> dict[str, Any]:
        raise NoDatabase
