"""Nothing in English on a Kazakh or Russian page.

Every workspace and public page (the URLconf is walked, so a new page cannot skip the check) is
rendered with the interface in Kazakh and in Russian, as a role that may see it, with the
record's own texts written in that language; its visible text (and the alt, title, aria-label,
placeholder and button texts) must not contain a phrase of the register's catalogue that has a
translation, nor a phrase of Django's own catalogue (forms, sign-in and passwords).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from api import urls as api_urls
from compliance.models import Finding
from compliance.questionnaire import STEPS
from register import schema, workflow
from register.i18n import CONTENT_LANGUAGES, column
from register.services import publication
from tests.factories import TEST_PASSWORD
from tests.register.catalogues import DJANGO_DOMAINS, djangos, ours

pytestmark = pytest.mark.django_db

LANGUAGES = ("kk", "ru")

# Named URL patterns that are not pages in a language: machine endpoints and Django's admin,
# whose own catalogue the admin test of register/django_messages.py covers.
NOT_PAGES = {
    "healthz": "a probe for the load balancer",
    "readyz": "a probe for the load balancer",
    "csp-report": "the browser's endpoint for policy reports",
    "set_language": "a POST that redirects",
    # Every route of api/urls.py answers programs (JSON, CSV, XLSX, a redirect to the docs).
    **{f"api:{route.name}": "the API, for programs" for route in api_urls.urlpatterns},
    "register:version_record": "a JSON download of a full record",
    "register:switch_organisation": "a POST that redirects",
    "register:part_delete": "a POST that redirects",
    "logout": "a POST that redirects",
    "portal:notice_json": "JSON for agencies' sites, in every language at once",
    "robots": "instructions for crawlers",
    "sitemap": "an index of sitemaps for search engines",
    "sitemap_section": "a sitemap for search engines, of every language's pages",
    "data:import_template": "a spreadsheet download",
    "oversight:export": "a CSV or XLSX download of the regulator's selection",
    "oversight:request_answer": "a POST that redirects (its errors: the requests page)",
    "oversight:request_close": "a POST that redirects",
    "oversight:system_report": "a PDF download, its text checked in tests/oversight",
    "oversight:collection_report_pdf": "a PDF download, its text checked in tests/oversight",
}


# --- What counts as English -------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sd]|\{[^}]*\}|<[^>]+>|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def _phrases(msgid: str) -> set[str]:
    """The literal stretches of a msgid that are real English phrases (two words or more)."""
    found = set()
    for stretch in _PLACEHOLDER.split(msgid):
        stretch = " ".join(stretch.split()).strip(" ,;:()")
        if len(_WORD.findall(stretch)) >= 2 and len(stretch) >= 8:
            found.add(stretch)
    return found


@cache
def english(language: str) -> frozenset[str]:
    phrases: set[str] = set()
    for entry in ours(language):
        if entry.translated and entry.msgstr[0] != entry.msgid:
            phrases |= _phrases(entry.msgid)
            if entry.plural:
                phrases |= _phrases(entry.plural)
    for domain in DJANGO_DOMAINS:
        for entry in djangos("en", domain):
            phrases |= _phrases(entry.msgid)
    return frozenset(phrases)


_BLOCK = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "dt",
    "dd",
    "br",
    "label",
    "option",
    "legend",
    "button",
    "span",
    "a",
    "summary",
    "caption",
    "title",
    "ul",
    "ol",
}
_SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attributes = dict(attrs)
        for name in _SHOWN_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(f" {attributes[name]} ")
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(f" {attributes.get('value') or ''} ")
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden = max(0, self._hidden - 1)
        if tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def english_on(html: str, language: str) -> list[str]:
    text = visible_text(html)
    return sorted(phrase for phrase in english(language) if phrase in text)


def test_the_check_finds_english_and_passes_kazakh():
    html = (
        "<html><body><h1>Тізілім</h1><p>This field is required.</p>"
        '<input type="submit" value="Save and continue"><script>var a = "Sign in"</script>'
        '<a href="/x" title="Жабу">Жабу</a></body></html>'
    )
    found = english_on(html, "kk")
    assert "This field is required." in found
    assert "Sign in" not in " ".join(found)  # inside a script: not shown
    assert english_on("<p>Жүйе тіркелді.</p>", "kk") == []


# --- The register the pages show ----------------------------------------------------------------

TEXTS = {
    "kk": {
        "name": "Жәрдемақы көмекшісі",
        "summary": "Өтініш берушілердің сұрақтарына жауап береді.",
        "scope": "Тек сұрақтарға жауап береді.",
        "affected_groups": "Өтініш берушілер",
        "appeal_route": "Министрлікке жазыңыз.",
        "explanation_route": "Байланыс орталығына хабарласыңыз.",
        "owner_role": "Басқарма басшысы",
        "responsible_role": "Бас маман",
        "source": "Өтініш берушілер тізілімі",
        "description": "Өтініш берушілердің деректері",
        "risk": "Қате жауап",
        "mitigation": "Жауапта ережелерге сілтеме беріледі",
    },
    "ru": {
        "name": "Помощник по пособиям",
        "summary": "Отвечает на вопросы заявителей.",
        "scope": "Только ответы на вопросы.",
        "affected_groups": "Заявители",
        "appeal_route": "Напишите в министерство.",
        "explanation_route": "Обратитесь в контакт-центр.",
        "owner_role": "Руководитель управления",
        "responsible_role": "Главный специалист",
        "source": "Реестр заявителей",
        "description": "Данные заявителей",
        "risk": "Неверный ответ",
        "mitigation": "Ответ содержит ссылку на правила",
    },
}
TEXTS["en"] = TEXTS["ru"]  # no English text on the page, whatever the fallback


def _texts(**names: str) -> dict[str, str]:
    return {
        column(name, code): TEXTS[code][key]
        for name, key in names.items()
        for code in CONTENT_LANGUAGES
    }


def _record(organisation, actor, answers):  # type: ignore[no-untyped-def]
    from compliance.services import classification_apply
    from register.services.records import system_create

    data = {
        **_texts(
            name="name",
            summary="summary",
            scope="scope",
            affected_groups="affected_groups",
            appeal_route="appeal_route",
            explanation_route="explanation_route",
            owner_role="owner_role",
        ),
        "phase": "production",
        "application_area": "service_delivery",
        "techniques": ["chatbot"],
        "act_role": "deployer",
        "decision_role": "informs",
        "contact_email": "ai@example.gov.kz",
    }
    system = system_create(
        organisation=organisation,
        actor=actor,
        data=data,
        oversight={
            "mode": "human_decides",
            **_texts(responsible_role="responsible_role"),
            "log_retention_days": 365,
        },
        parts={
            "data_sources": [_texts(name="source", description="description")],
            "risks": [_texts(name="risk", mitigation="mitigation")],
        },
    )
    classification_apply(system=system, actor=actor, answers=answers)
    system.refresh_from_db()
    return system


@dataclass
class World:
    users: dict[str, Any]
    draft: Any
    submitted: Any
    published: Any
    finding: Any
    parts: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def world(agency, editor, approver, regulator, client) -> World:
    from compliance.checks import check_systems

    agency.name_kk, agency.name_ru = "Еңбек министрлігі", "Министерство труда"
    agency.save()
    high_risk = {"role": "deployer", "public_authority": True, "annex_iii": ["5a"]}
    minimal = {"is_ai_system": True, "role": "deployer"}
    draft = _record(agency, editor, high_risk)
    submitted = _record(agency, editor, minimal)
    publication.system_submit(system=submitted, actor=editor)
    published = _record(agency, editor, minimal)
    publication.system_submit(system=published, actor=editor)
    publication.system_publish(
        system=published, actor=approver, confirmed=workflow.confirmation_names("publish")
    )
    check_systems([draft.pk, submitted.pk, published.pk], trigger="command")
    finding = Finding.objects.filter(system=draft, status="open").exclude(severity="blocker")
    parts = {
        part.name: part.model.objects.filter(system=draft).values_list("pk", flat=True).first()
        for part in schema.PARTS
    }
    return World(
        users={
            "editor": editor,
            "approver": approver,
            "regulator": regulator,
            "anonymous": None,
        },
        draft=draft,
        submitted=submitted,
        published=published,
        finding=finding.first(),
        parts=parts,
    )


# --- The pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    role: str
    url: Callable[[World], str]
    post: Callable[[World], dict] | None = None  # a POST that shows the page with its errors
    status: int = 200  # of a GET: 400 for a GET form shown with its errors


def _rec(which: str, path: str = "") -> Callable[[World], str]:
    return lambda w: f"/workspace/systems/{getattr(w, which).public_id}/{path}"


def _reset_confirm(w: World) -> str:
    user = w.users["editor"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"


def _public(path: str = "") -> Callable[[World], str]:
    return lambda w: f"/systems/{w.published.public_id}/{path}"


def _token(w: World):  # type: ignore[no-untyped-def]
    """A token of the editor (made once per world)."""
    if "token" not in w.__dict__:
        from api.tokens.services import token_create

        w.__dict__["token"], _secret = token_create(
            user=w.users["editor"],
            organisation=w.draft.organisation,
            name=TEXTS["ru"]["name"][:100],
            scope="read",
            days=30,
        )
    return w.__dict__["token"]


def _feedback(w: World):  # type: ignore[no-untyped-def]
    """A report about the published record (made once per world), answered, with the
    sender's confirmation link: (sent, confirmation path)."""
    if "feedback" not in w.__dict__:
        from portal.feedback import services as feedback_services
        from register.models import OutgoingEmail

        sent = feedback_services.report_create(
            system=w.published,
            kind="question",
            message=TEXTS["ru"]["summary"],
            language="ru",
            sender_email="sender@example.kz",
            wants_reply=True,
        )
        feedback_services.report_reply(
            report=sent.report, actor=w.users["approver"], reply=TEXTS["ru"]["scope"]
        )
        body = OutgoingEmail.objects.filter(to_address="sender@example.kz").first().body
        confirm = re.search(r"/feedback/confirm/[^/\s]+/", body).group(0)
        w.__dict__["feedback"] = (sent, confirm)
    return w.__dict__["feedback"]


def _feedback_status(suffix: str = "") -> Callable[[World], str]:
    def url(w: World) -> str:
        sent, _confirm = _feedback(w)
        return f"/feedback/{sent.report.reference}/{sent.status_key}/{suffix}"

    return url


def _feedback_case(w: World) -> str:
    return f"/workspace/feedback/{_feedback(w)[0].report.reference}/"


PAGES: dict[str, list[Page]] = {
    "home": [Page("anonymous", lambda w: "/")],
    # The public portal.
    "portal:search": [
        Page("anonymous", lambda w: "/systems/"),
        # A query with filters (active tags, counts, sort), no results (the advice), a mistyped
        # word (similar words) and unknown values (the note).
        Page("anonymous", lambda w: "/systems/?q=assistant&technique=chatbot&phase=production"),
        Page("anonymous", lambda w: "/systems/?q=zzzzqqqq&risk=high"),
        Page("anonymous", lambda w: "/systems/?q=asistant"),
        Page("anonymous", lambda w: "/systems/?technique=teleportation&organisation=nobody"),
    ],
    "portal:card": [Page("anonymous", _public())],
    "portal:versions": [Page("anonymous", _public("versions/"))],
    "portal:version": [Page("anonymous", _public("versions/1/"))],
    "portal:compare": [
        Page("anonymous", _public("compare/")),
        Page("anonymous", _public("compare/?from=1&to=1")),
        Page("anonymous", _public("compare/?from=abc"), status=400),  # the form's errors
    ],
    "portal:organisations": [
        Page("anonymous", lambda w: "/organisations/"),
        Page("anonymous", lambda w: "/organisations/?kind=akimat&region=astana"),
    ],
    "portal:organisation": [
        Page("anonymous", lambda w: f"/organisations/{w.published.organisation.short_code}/"),
        Page(
            "anonymous",
            lambda w: f"/organisations/{w.published.organisation.short_code}/?page=9",
        ),
    ],
    "portal:statistics": [Page("anonymous", lambda w: "/statistics/")],
    "data:api_docs": [Page("anonymous", lambda w: "/api-docs/")],
    "portal:accessibility": [Page("anonymous", lambda w: "/accessibility/")],
    # The open data pages.
    "data:downloads": [Page("anonymous", lambda w: "/data/")],
    "data:dictionary": [Page("anonymous", lambda w: "/data/dictionary/")],
    "portal:feedback": [
        Page("anonymous", _public("feedback/")),
        Page("anonymous", _public("feedback/?kind=review")),
        Page(
            "anonymous",
            _public("feedback/"),
            lambda w: {"kind": "", "message": "\x00", "wants_reply": "on", "sender_email": "x"},
        ),
    ],
    "portal:feedback_sent": [Page("anonymous", _feedback_status("sent/"))],
    "portal:feedback_status": [Page("anonymous", _feedback_status())],
    "portal:feedback_confirm": [Page("anonymous", lambda w: _feedback(w)[1])],
    "portal:feedback_queue": [
        Page("approver", lambda w: "/workspace/feedback/"),
        Page("regulator", lambda w: "/workspace/feedback/?status=all"),
    ],
    "portal:feedback_case": [
        Page("approver", _feedback_case),
        Page("regulator", _feedback_case),
        Page("approver", _feedback_case, lambda w: {"action": "reply", "reply-reply": ""}),
    ],
    "portal:feed": [Page("anonymous", lambda w: "/feed/")],
    "portal:class_feed": [Page("anonymous", lambda w: "/feed/class/minimal/")],
    "portal:organisation_feed": [
        Page("anonymous", lambda w: f"/organisations/{w.published.organisation.short_code}/feed/")
    ],
    "portal:notice": [
        Page("anonymous", _public("notice/")),
        Page("anonymous", _public("notice/?lang=kk")),
        Page("anonymous", _public("notice/?lang=ru")),
    ],
    "portal:poster": [Page("anonymous", _public("poster/"))],
    "login": [
        Page("anonymous", lambda w: "/accounts/login/"),
        Page(
            "anonymous",
            lambda w: "/accounts/login/",
            lambda w: {"username": "x", "password": "y"},
        ),
    ],
    "password_reset": [
        Page("anonymous", lambda w: "/accounts/password_reset/"),
        Page("anonymous", lambda w: "/accounts/password_reset/", lambda w: {"email": "nonsense"}),
    ],
    "password_reset_done": [Page("anonymous", lambda w: "/accounts/password_reset/done/")],
    "password_reset_confirm": [
        Page("anonymous", _reset_confirm),
        Page("anonymous", lambda w: "/accounts/reset/MQ/wrong-token/"),
    ],
    "password_reset_complete": [Page("anonymous", lambda w: "/accounts/reset/done/")],
    "password_change": [
        Page("editor", lambda w: "/accounts/password_change/"),
        Page(
            "editor",
            lambda w: "/accounts/password_change/",
            lambda w: {"old_password": "wrong", "new_password1": "1234", "new_password2": "12"},
        ),
        Page(
            "editor",
            lambda w: "/accounts/password_change/",
            lambda w: {
                "old_password": TEST_PASSWORD,
                "new_password1": "password",
                "new_password2": "password",
            },
        ),
    ],
    "password_change_done": [Page("editor", lambda w: "/accounts/password_change/done/")],
    "register:dashboard": [
        Page("editor", lambda w: "/workspace/"),
        Page("approver", lambda w: "/workspace/"),
        Page("regulator", lambda w: "/workspace/"),
    ],
    "register:system_create": [
        Page("editor", lambda w: "/workspace/systems/new/"),
        Page("editor", lambda w: "/workspace/systems/new/", lambda w: {"phase": ""}),
    ],
    "register:system": [
        Page("editor", _rec("draft")),
        Page("approver", _rec("submitted")),
        Page("editor", _rec("published")),
        Page("regulator", _rec("published")),
    ],
    "register:preview": [Page("editor", _rec("draft", "preview/"))],
    "register:translate": [
        Page("editor", _rec("draft", "translations/")),
        Page("regulator", _rec("published", "translations/")),
    ],
    "register:history": [
        Page("editor", _rec("published", "history/")),
        Page("regulator", _rec("published", "history/")),
    ],
    "register:section": [
        *(Page("editor", _rec("draft", f"sections/{s.slug}/")) for s in schema.SECTIONS),
        Page(
            "editor",
            _rec("draft", "sections/about/"),
            lambda w: {"revision": w.draft.revision, "contact_email": "no"},
        ),
    ],
    "register:part_add": [
        *(Page("editor", _rec("draft", f"items/{p.name}/new/")) for p in schema.PARTS if p.many),
        Page("editor", _rec("draft", "items/risks/new/"), lambda w: {"likelihood": "x"}),
    ],
    "register:part_edit": [
        Page("editor", lambda w, p=p: _rec("draft", f"items/{p.name}/{w.parts[p.name]}/")(w))
        for p in schema.PARTS
        if p.name in ("data_sources", "risks")
    ],
    "register:workflow": [
        Page("editor", _rec("draft", "submit/")),
        Page("editor", _rec("draft", "delete/")),
        Page("approver", _rec("submitted", "return/")),
        Page("approver", _rec("submitted", "return/"), lambda w: {"comment": ""}),
        Page("approver", _rec("submitted", "publish/")),
        Page("approver", _rec("published", "withdraw/")),
    ],
    "data:tokens": [
        Page("editor", lambda w: "/workspace/tokens/"),
        Page("editor", lambda w: "/workspace/tokens/", lambda w: {"name": ""}),
        Page(
            "approver",
            lambda w: "/workspace/tokens/",
            lambda w: {
                "name": TEXTS["ru"]["name"][:100],
                "organisation": w.draft.organisation_id,
                "scope": "write",
                "days": "30",
            },
        ),
    ],
    "data:token_revoke": [Page("editor", lambda w: f"/workspace/tokens/{_token(w).pk}/revoke/")],
    "compliance:organisation_findings": [
        Page("editor", lambda w: "/workspace/findings/"),
        Page("regulator", lambda w: "/workspace/findings/"),
    ],
    "compliance:classification": [
        Page("editor", _rec("draft", "classification/")),
        Page("regulator", _rec("published", "classification/")),
    ],
    "compliance:classification_step": [
        Page("editor", _rec("draft", f"classification/{step.slug}/")) for step in STEPS
    ],
    "compliance:findings": [
        Page("editor", _rec("draft", "findings/")),
        Page("approver", _rec("published", "findings/")),
        Page("regulator", _rec("draft", "findings/")),
    ],
    "compliance:waive": [
        Page("approver", lambda w: _rec("draft", f"findings/{w.finding.pk}/waive/")(w)),
        Page(
            "approver",
            lambda w: _rec("draft", f"findings/{w.finding.pk}/waive/")(w),
            lambda w: {"reason": "", "expires_on": "31/02/2026"},
        ),
    ],
}


def _import_job(*, apply: bool = False) -> Callable[[World], str]:
    """An import job of the agency: checked with an error (too long a name, a message of the
    models' own), or applied."""

    def url(w: World) -> str:
        from django.utils import translation

        from api.imports import services as imports

        name = "Кезек" if apply else "x" * 151
        data = f"name_kk,phase\n{name},pilot\n".encode()
        with translation.override("kk"):
            job = imports.import_start(
                organisation=w.draft.organisation,
                user=w.users["editor"],
                file_name="a.csv",
                data=data,
            )
            imports.import_plan(job_id=job.pk)
            if apply:
                imports.import_request_apply(job=job)
                imports.import_apply(job_id=job.pk)
        return f"/workspace/import/{job.pk}/"

    return url


PAGES["oversight:overview"] = [
    Page("regulator", lambda w: "/oversight/"),
    Page("regulator", lambda w: "/oversight/?risk_class=high&changed_since=not-a-date"),
]
PAGES["oversight:systems"] = [
    Page("regulator", lambda w: "/oversight/systems/"),
    Page("regulator", lambda w: "/oversight/systems/?concern=review-overdue&phase=nothing"),
]
PAGES["oversight:requests"] = [
    Page("regulator", _rec("published", "requests/")),
    Page("editor", _rec("published", "requests/")),
    Page("regulator", _rec("published", "requests/"), lambda w: {"due_on": "1999-01-01"}),
]
PAGES["data:import"] = [
    Page("editor", lambda w: "/workspace/import/"),
    Page("editor", lambda w: "/workspace/import/", lambda w: {}),
]
PAGES["oversight:verify"] = [
    Page("regulator", lambda w: "/oversight/verify/"),
    Page("approver", lambda w: "/oversight/verify/", lambda w: {}),
]


def _collection_report(state: str) -> Callable[[World], str]:
    """A report of the agency's systems asked for by the regulator: waiting, made, or failed."""

    def url(w: World) -> str:
        from oversight.models import CollectionReport, ReportFailure, ReportStatus
        from oversight.reports import services as reports

        report = reports.collection_report_request(
            actor=w.users["regulator"], organisation=w.published.organisation, language="ru"
        )
        if state == "ready":
            reports.collection_report_build(report_id=report.pk)
        elif state == "failed":
            CollectionReport.objects.filter(pk=report.pk).update(
                status=ReportStatus.FAILED, failure=ReportFailure.TIME_LIMIT
            )
        return f"/oversight/reports/{report.pk}/"

    return url


PAGES["oversight:collection_reports"] = [
    Page("regulator", lambda w: "/oversight/reports/"),
    Page("regulator", lambda w: "/oversight/reports/", lambda w: {"scope": "?", "lang": "xx"}),
]
PAGES["oversight:collection_report"] = [
    Page("regulator", _collection_report("queued")),
    Page("regulator", _collection_report("ready")),
    Page("regulator", _collection_report("failed")),
]

PAGES["data:import_job"] = [
    Page("editor", _import_job()),
    Page("approver", _import_job(apply=True)),
]

CASES = [
    pytest.param(name, index, id=f"{name}-{index}")
    for name, pages in PAGES.items()
    for index in range(len(pages))
]


def _named_patterns(patterns=None, namespace: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_page_of_the_urlconf_is_checked():
    pages = {name for name in _named_patterns() if not name.startswith("admin:")}
    assert pages - set(PAGES) - set(NOT_PAGES) == set()
    assert set(PAGES) - pages == set()


def test_every_section_part_step_and_action_page_is_checked(world):
    urls = {page.url(world) for pages in PAGES.values() for page in pages}
    wanted = {
        *(f"/sections/{section.slug}/" for section in schema.SECTIONS),
        *(f"/items/{part.name}/new/" for part in schema.PARTS if part.many),
        *(f"/classification/{step.slug}/" for step in STEPS),
        *(f"/{name}/" for name, spec in workflow.ACTIONS.items() if spec.has_page),
    }
    assert {path for path in wanted if not any(url.endswith(path) for url in urls)} == set()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name, index", CASES)
def test_no_english_on_the_page(client, world, language, name, index):
    page = PAGES[name][index]
    user = world.users[page.role]
    if user is not None:
        client.force_login(user)
    url = f"/{language}{page.url(world)}"
    if page.post is None:
        response = client.get(url, follow=True)
        assert response.status_code == page.status, url
    else:
        response = client.post(url, page.post(world), follow=True)
        assert response.status_code in (200, 400), url
    assert response.headers["Content-Language"] == language
    assert english_on(response.content.decode(), language) == [], url
