"""The register's publication signal, told to the webhooks."""

from __future__ import annotations

from typing import Any


def publication_changed(sender: Any, *, system_id: int, event: str, version: int, **_: Any) -> None:
    from api.webhooks.services import deliveries_create

    deliveries_create(system_id=system_id, event=event, version=version)
