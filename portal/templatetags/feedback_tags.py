"""The workspace's link to the citizen feedback queue, for the register's own pages (which
cannot import the portal: templates load this library instead)."""

from __future__ import annotations

from typing import Any

from django import template

from portal.feedback.permissions import reads_every_report
from portal.feedback.selectors import open_report_count
from register.models import Membership

register = template.Library()


@register.inclusion_tag("portal/feedback/includes/queue_link.html", takes_context=True)
def feedback_queue_link(context: template.Context) -> dict[str, Any]:
    """The link with the number of open reports, for members of an organisation and for
    regulators; nothing for anyone else. On the dashboard, which has the user's organisations
    in its context, one query; elsewhere two at most."""
    user = context["request"].user
    organisations = context.get("organisations")
    if organisations is None:
        member = Membership.objects.filter(user=user).exists() if user.is_authenticated else False
    else:
        member = bool(organisations)
    shown = user.is_authenticated and (member or reads_every_report(user))
    return {"shown": shown, "open_reports": open_report_count(user) if shown else 0}
