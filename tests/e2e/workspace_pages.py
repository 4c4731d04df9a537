"""Every page of the workspace and of the sign-in, with who looks at it and on which record:
the page list of the accessibility test (``test_accessibility.py``).

The list is derived from the tables that declare the pages (the sections and parts of the field
schema, the questionnaire's steps, the workflow's actions); a page that no table gives is listed
by hand. ``uncovered_routes`` names every route of the URLconf that is neither here nor in
``NOT_PAGES``, so a new page cannot go unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from api import urls as api_urls
from compliance.questionnaire import STEPS
from register import schema, workflow
from register.models import Membership

# Who looks at a page: a key of ``Site.users`` (None: nobody is signed in).
EDITOR = "editor"  # an editor of the organisation of the three records
APPROVER = "approver"  # an approver of that organisation, who did not submit them
REGULATOR = "regulator"


@dataclass
class Site:
    """The data the pages show: users by role, records by state, and a finding to waive."""

    users: dict[str, Any]
    sessions: dict[str, str]  # a signed-in session of each user
    draft: Any
    published: Any
    in_review: Any
    finding: Any
    parts: dict[str, Any] = field(default_factory=dict)  # a row of each repeatable part
    # A citizen's report about the published record (``portal.feedback.services.Sent``) and
    # the path of its confirmation link.
    feedback: Any = None
    confirmation: str = ""
    token: Any = None  # an API token of the editor
    import_job: Any = None  # a checked import of the editor's organisation, with an error
    collection_report: Any = None  # a report of the organisation's systems, made

    def records(self) -> tuple[Any, ...]:
        return (self.draft, self.in_review, self.published)


Kwargs = Callable[[Site], dict[str, Any]]


def _no_kwargs(site: Site) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    name: str  # how a failure names it
    route: str  # the URL pattern's name, with its namespace
    who: str | None
    kwargs: Kwargs = _no_kwargs
    query: str = ""
    status: int = 200  # a form's errors answer 400


def _of(attribute: str, **extra: Any) -> Kwargs:
    return lambda site: {"public_id": getattr(site, attribute).public_id, **extra}


def _section_pages() -> Iterator[Page]:
    for section in schema.SECTIONS:
        if section.slug == "classification":  # redirects to the classification page
            continue
        yield Page(
            f"section {section.slug}",
            "register:section",
            EDITOR,
            _of("published", section=section.slug),
        )


def _part_pages() -> Iterator[Page]:
    """The add and change form of every repeatable part, and one removal page (the same page
    for every part)."""
    many = [part.name for part in schema.PARTS if part.many]  # the others are in a section

    def row(name: str) -> Kwargs:
        def kwargs(site: Site) -> dict[str, Any]:
            return {"public_id": site.published.public_id, "part": name, "pk": site.parts[name].pk}

        return kwargs

    for name in many:
        yield Page(f"new {name}", "register:part_add", EDITOR, _of("published", part=name))
        yield Page(f"change {name}", "register:part_edit", EDITOR, row(name))
    yield Page(f"remove {many[0]}", "register:part_delete", EDITOR, row(many[0]))


def _classification_pages() -> Iterator[Page]:
    yield Page("classification", "compliance:classification", EDITOR, _of("published"))
    for step in STEPS:
        yield Page(
            f"question {step.slug}",
            "compliance:classification_step",
            EDITOR,
            _of("published", step=step.slug),
        )


def _workflow_pages() -> Iterator[Page]:
    """Each workflow page on the first record whose state allows its action, seen by a role
    that may take it (from the workflow table)."""
    for name, action in workflow.ACTIONS.items():
        if not action.has_page:
            continue

        def kwargs(site: Site, name: str = name, action: Any = action) -> dict[str, Any]:
            record = next(r for r in site.records() if action.state_allows(r))
            return {"public_id": record.public_id, "action": name}

        who = EDITOR if Membership.Role.EDITOR in action.roles else APPROVER
        yield Page(f"{name} confirmation", "register:workflow", who, kwargs)


def _record_pages() -> Iterator[Page]:
    yield Page("dashboard", "register:dashboard", EDITOR)
    yield Page("new record", "register:system_create", EDITOR)
    yield Page("task list of a draft", "register:system", EDITOR, _of("draft"))
    yield Page("task list of a published record", "register:system", EDITOR, _of("published"))
    yield Page("task list in review", "register:system", APPROVER, _of("in_review"))
    yield Page("preview (the public card)", "register:preview", EDITOR, _of("published"))
    yield Page("history", "register:history", EDITOR, _of("published"))
    yield Page("translation view", "register:translate", EDITOR, _of("draft"))
    yield Page("findings of a record", "compliance:findings", APPROVER, _of("draft"))
    yield Page("findings of the organisation", "compliance:organisation_findings", APPROVER)
    yield Page(
        "waiver form",
        "compliance:waive",
        APPROVER,
        lambda site: {"public_id": site.finding.system.public_id, "finding_id": site.finding.pk},
    )


def _regulator_pages() -> Iterator[Page]:
    yield Page("regulator: dashboard", "register:dashboard", REGULATOR)
    yield Page("regulator: findings", "compliance:organisation_findings", REGULATOR)
    yield Page(
        "regulator: findings of one organisation",
        "compliance:organisation_findings",
        REGULATOR,
        query="?organisation=mdai",
    )
    yield Page("regulator: task list", "register:system", REGULATOR, _of("in_review"))
    yield Page("regulator: history", "register:history", REGULATOR, _of("published"))
    yield Page("regulator: translation view", "register:translate", REGULATOR, _of("in_review"))
    yield Page("regulator: record's findings", "compliance:findings", REGULATOR, _of("draft"))
    yield Page("regulator: oversight", "oversight:overview", REGULATOR)
    yield Page(
        "regulator: oversight with filters",
        "oversight:overview",
        REGULATOR,
        query="?risk_class=high&phase=production&changed_since=not-a-date",
    )
    yield Page(
        "regulator: systems of a concern", "oversight:systems", REGULATOR, query="?concern=no-fria"
    )
    yield Page("regulator: every system", "oversight:systems", REGULATOR)
    yield Page("regulator: requests on a record", "oversight:requests", REGULATOR, _of("in_review"))
    yield Page("requests from the regulator", "oversight:requests", EDITOR, _of("in_review"))
    yield Page("regulator: reports of several systems", "oversight:collection_reports", REGULATOR)
    yield Page(
        "regulator: a report of an organisation's systems",
        "oversight:collection_report",
        REGULATOR,
        lambda site: {"pk": site.collection_report.pk},
    )
    yield Page("reports of the organisation's systems", "oversight:collection_reports", APPROVER)
    yield Page("regulator: verify a report", "oversight:verify", REGULATOR)
    yield Page("verify a report", "oversight:verify", APPROVER)


def _public_pages() -> Iterator[Page]:
    """The public portal, for a visitor, and the organisation's queue of citizen feedback."""
    yield Page("search: every system", "portal:search", None)
    yield Page(
        "search: a query with filters", "portal:search", None, query="?q=eGov&phase=production"
    )
    yield Page("search: no result", "portal:search", None, query="?q=zzzzqqqq")
    yield Page("card", "portal:card", None, _of("published"))
    yield Page("versions", "portal:versions", None, _of("published"))
    yield Page("one version", "portal:version", None, _of("published", number=1))
    yield Page("comparison", "portal:compare", None, _of("published"))
    yield Page("comparison with an error", "portal:compare", None, _of("published"), "?from=x", 400)
    yield Page("organisations", "portal:organisations", None)
    yield Page(
        "organisation",
        "portal:organisation",
        None,
        lambda site: {"code": site.published.organisation.short_code},
    )
    yield Page("statistics", "portal:statistics", None)
    yield Page("accessibility statement", "portal:accessibility", None)
    yield Page("API documentation", "data:api_docs", None)
    yield Page("disclosure notice", "portal:notice", None, _of("published"))
    yield Page("disclosure poster", "portal:poster", None, _of("published"))
    yield Page("feedback form", "portal:feedback", None, _of("published"), "?kind=error")

    def status(site: Site) -> dict[str, Any]:
        return {"reference": site.feedback.report.reference, "key": site.feedback.status_key}

    yield Page("feedback sent", "portal:feedback_sent", None, status)
    yield Page("feedback status", "portal:feedback_status", None, status)
    yield Page(
        "feedback e-mail confirmation",
        "portal:feedback_confirm",
        None,
        lambda site: {"token": site.confirmation.rstrip("/").rsplit("/", 1)[1]},
    )
    yield Page("feedback queue", "portal:feedback_queue", APPROVER)
    yield Page("regulator: feedback queue", "portal:feedback_queue", REGULATOR)
    yield Page(
        "feedback case",
        "portal:feedback_case",
        APPROVER,
        lambda site: {"reference": site.feedback.report.reference},
    )


def _data_pages() -> Iterator[Page]:
    """The open-data pages for re-users, and the workspace's API tokens and imports."""
    yield Page("downloads", "data:downloads", None)
    yield Page("data dictionary", "data:dictionary", None)
    yield Page("API tokens", "data:tokens", EDITOR)
    yield Page("revoke a token", "data:token_revoke", EDITOR, lambda site: {"pk": site.token.pk})
    yield Page("import", "data:import", EDITOR)
    yield Page(
        "import checked, with an error",
        "data:import_job",
        EDITOR,
        lambda site: {"pk": site.import_job.pk},
    )


def _account_pages() -> Iterator[Page]:
    yield Page("home", "home", None)
    yield Page("sign in", "login", None)
    yield Page("password reset", "password_reset", None)
    yield Page("password reset sent", "password_reset_done", None)
    yield Page(
        "new password",
        "password_reset_confirm",
        None,
        lambda site: _reset_link(site.users[EDITOR]),
    )
    yield Page("password reset done", "password_reset_complete", None)
    yield Page("change password", "password_change", EDITOR)
    yield Page("password changed", "password_change_done", EDITOR)


def _reset_link(user: Any) -> dict[str, str]:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


PAGES: tuple[Page, ...] = (
    *_record_pages(),
    *_section_pages(),
    *_part_pages(),
    *_classification_pages(),
    *_workflow_pages(),
    *_regulator_pages(),
    *_public_pages(),
    *_data_pages(),
    *_account_pages(),
)

# Routes that are not pages a person reads, each with the reason.
NOT_PAGES = {
    # Every route of api/urls.py answers programs (JSON, CSV, XLSX, a redirect to the docs).
    **{f"api:{route.name}": "the API" for route in api_urls.urlpatterns},
    "data:import_template": "a spreadsheet download",
    "oversight:export": "a CSV or XLSX download",
    "oversight:system_report": "a PDF download",
    "oversight:collection_report_pdf": "a PDF download",
    "oversight:request_answer": "takes a POST from the requests page",
    "oversight:request_close": "takes a POST from the requests page",
    "register:switch_organisation": "takes a POST from the dashboard's switch",
    "register:version_record": "a JSON download",
    "logout": "takes a POST from the sign-out button",
    "set_language": "takes a POST and redirects",
    "healthz": "a probe",
    "readyz": "a probe",
    "csp-report": "receives the browser's reports",
    "portal:feed": "an Atom feed",
    "portal:class_feed": "an Atom feed",
    "portal:organisation_feed": "an Atom feed",
    "portal:notice_json": "JSON for agencies' sites",
    "robots": "instructions for crawlers",
    "sitemap": "a sitemap index",
    "sitemap_section": "a sitemap",
}
# Django's admin is Django's own pages, for the site's administrators.
NOT_CHECKED_NAMESPACES = ("admin",)


def _route_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def uncovered_routes() -> set[str]:
    """The routes of the URLconf that neither ``PAGES`` nor ``NOT_PAGES`` names."""
    routes = {
        name
        for name in _route_names(get_resolver().url_patterns)
        if name.split(":")[0] not in NOT_CHECKED_NAMESPACES
    }
    return routes - {page.route for page in PAGES} - set(NOT_PAGES)
