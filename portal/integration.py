"""How the portal plugs into the register's workspace (the register never imports it): the
task list of a record with a public version shows the disclosure kit, and the number of the
citizens' reports about it with a link to them in the feedback queue (record panels).

``connect()`` is called once, from ``PortalConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from register import extensions


def _disclosure_panel(system: Any, user: Any) -> dict[str, Any]:
    return {"system": system, "public": system.published_version_id is not None}


def _feedback_panel(system: Any, user: Any) -> dict[str, Any]:
    from portal.feedback.selectors import system_report_counts

    return {"system": system, **system_report_counts(user, system)}


def connect() -> None:
    extensions.add_record_panel(
        extensions.Panel("disclosure", "portal/disclosure/task_list_panel.html", _disclosure_panel)
    )
    extensions.add_record_panel(
        extensions.Panel("feedback", "portal/feedback/task_list_panel.html", _feedback_panel)
    )
