"""Who may do what with a citizen report, as ``rules`` predicates (one table, read by the
views, the services and the templates).

- Members of the report's organisation (editors and approvers) read the report, the sender's
  contact included, assign it, change its status and reply to it.
- Approvers of the organisation publish a reply on the public card (public text, like a
  publication of the record).
- Regulators read every organisation's reports, read-only. They see the sender's contact only
  once a report was escalated to them: then they handle the complaint and may need to reach the
  sender; before that the organisation answers, and nobody else needs the address.
- Nobody else reads a report (site administrators included: they manage the site, not the
  organisations' correspondence).
"""

from __future__ import annotations

from typing import Any

import rules

from register.models import Membership
from register.permissions import is_regulator, role_in


@rules.predicate
def is_member_of_report_organisation(user: Any, report: Any) -> bool:
    return report is not None and role_in(user, report.organisation_id) is not None


@rules.predicate
def is_approver_of_report_organisation(user: Any, report: Any) -> bool:
    return report is not None and role_in(user, report.organisation_id) == Membership.Role.APPROVER


@rules.predicate
def report_is_escalated(user: Any, report: Any) -> bool:
    return report is not None and report.escalated_at is not None


rules.add_perm("portal.view_report", is_member_of_report_organisation | is_regulator)
rules.add_perm("portal.answer_report", is_member_of_report_organisation)
rules.add_perm("portal.publish_report_reply", is_approver_of_report_organisation)
rules.add_perm(
    "portal.view_report_contact",
    is_member_of_report_organisation | (is_regulator & report_is_escalated),
)


def reads_every_report(user: Any) -> bool:
    """The regulators' read-only view of every organisation's queue."""
    return bool(is_regulator(user))


def may(perm: str, user: Any, report: Any) -> bool:
    """Whether ``user`` may do ``perm`` with ``report``: the rule itself, not ``has_perm``, so
    that a superuser gets no part in an organisation's correspondence."""
    return rules.has_perm(perm, user, report)
