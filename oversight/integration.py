"""How the regulators' tools plug into the register (which never imports them): the record's
task list links the audit report of its latest published version, in each language, for those
who may download it, and with ``REPORTS_PRERENDER`` a publication queues the making of those
reports. ``connect()`` is called once, from ``OversightConfig.ready``."""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings
from django.db import transaction

from oversight.permissions import VIEW_REPORT
from register import extensions
from register.languages import CONTENT_LANGUAGES, SELF_NAMES


def _report_panel(system: Any, user: Any) -> dict[str, Any]:
    allowed = system.published_version_id is not None and rules.has_perm(VIEW_REPORT, user, system)
    return {
        "system": system,
        "languages": [(code, SELF_NAMES[code]) for code in CONTENT_LANGUAGES] if allowed else [],
    }


def _store_reports(sender: Any, *, system_id: int, event: str, **_: Any) -> None:
    if event == "withdrawn" or not settings.REPORTS_PRERENDER:
        return
    from oversight.tasks import store_system_reports

    # robust: a broker failure after the commit is logged; the first download makes the report.
    transaction.on_commit(lambda: store_system_reports.delay(system_id), robust=True)


def connect() -> None:
    extensions.publication_changed.connect(_store_reports, dispatch_uid="oversight.store_reports")
    extensions.add_record_panel(
        extensions.Panel(
            "oversight_report", "oversight/includes/task_list_panel.html", _report_panel
        )
    )
