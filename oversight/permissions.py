"""Who may download the audit report of a system, as a ``rules`` permission (the object is the
``AISystem``): the regulators (and site administrators), who read every record, and the members
(editors and approvers) of the organisation that owns it. The public never."""

from __future__ import annotations

import rules

from register.permissions import can_read_everything, is_member_of_owner

VIEW_REPORT = "oversight.view_system_report"

rules.add_perm(VIEW_REPORT, is_member_of_owner | can_read_everything)
