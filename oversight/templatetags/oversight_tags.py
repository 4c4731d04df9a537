"""The record page's link to the regulator's requests, for the register's own templates (which
cannot import this app: they load this library instead)."""

from __future__ import annotations

from typing import Any

from django import template

from oversight.models import RequestStatus

register = template.Library()


@register.inclusion_tag("oversight/includes/requests_link.html")
def regulator_requests_link(system: Any) -> dict[str, Any]:
    """The link with the number of requests awaiting the agency's answer: one query."""
    counts = {"open": 0, "all": 0}
    for status in system.regulator_requests.values_list("status", flat=True):
        counts["all"] += 1
        counts["open"] += status == RequestStatus.OPEN
    return {"system": system, **counts}
