"""How the regulators' tools plug into the register (which never imports them): the record's
task list links the audit report of its latest published version, in each language, for those
who may download it. ``connect()`` is called once, from ``OversightConfig.ready``."""

from __future__ import annotations

from typing import Any

import rules

from oversight.permissions import VIEW_REPORT
from register import extensions
from register.languages import CONTENT_LANGUAGES, SELF_NAMES


def _report_panel(system: Any, user: Any) -> dict[str, Any]:
    allowed = system.published_version_id is not None and rules.has_perm(VIEW_REPORT, user, system)
    return {
        "system": system,
        "languages": [(code, SELF_NAMES[code]) for code in CONTENT_LANGUAGES] if allowed else [],
    }


def connect() -> None:
    extensions.add_record_panel(
        extensions.Panel(
            "oversight_report", "oversight/includes/task_list_panel.html", _report_panel
        )
    )
