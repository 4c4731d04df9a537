"""How the portal plugs into the register's workspace (the register never imports it): the
task list of a record with a public version shows the disclosure kit (a record panel).

``connect()`` is called once, from ``PortalConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from register import extensions


def _disclosure_panel(system: Any, user: Any) -> dict[str, Any]:
    return {"system": system, "public": system.published_version_id is not None}


def connect() -> None:
    extensions.add_record_panel(
        extensions.Panel("disclosure", "portal/disclosure/task_list_panel.html", _disclosure_panel)
    )
