"""Accessibility as a tested property: every workspace and sign-in page (``workspace_pages``), in
Kazakh, Russian and English, has no WCAG 2.2 AA violation that axe-core finds, and no horizontal
scrolling at a phone's 320 px (WCAG 1.4.10 Reflow) nor on a 1280 px screen.

The data is the demo register's (long Kazakh and Russian texts, hashes, ids), loaded once for
the module; one browser, one context per person, language and width. axe-core comes from npm
(package.json), copied by scripts/build-assets.sh to tests/e2e/vendor/axe-core/, so the test
needs no Node.js.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from compliance.models import Finding
from demo.loader import DATA_FILE, load_demo
from register.models import AISystem
from register.schema import PARTS
from tests.e2e.workspace_pages import (
    APPROVER,
    EDITOR,
    PAGES,
    REGULATOR,
    Page,
    Site,
    uncovered_routes,
)

# The mark makes pytest-django set up the test database. The tests themselves only read: the
# data is the module's (``site``), committed, for the live server's thread to see.
pytestmark = [pytest.mark.django_db, pytest.mark.e2e, pytest.mark.slow]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ("kk", "ru", "en")
WIDTHS = (320, 1280)

# The demo records the pages show, all of one organisation (the in-review one is moved there, so
# that one approver may act on every record), and records of other organisations for the
# regulator's lists.
ORGANISATION = "mdai"
DRAFT, PUBLISHED, IN_REVIEW = "kazakh-voice-assistant", "egov-assistant", "emergency-triage-support"
OTHERS = ("jobseeker-profiling", "housing-queue-bot", "clinic-booking-bot")


def _demo_subset(path: Path) -> Path:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    systems = {entry["key"]: entry for entry in data["systems"]}
    systems[IN_REVIEW]["organisation"] = ORGANISATION
    data["systems"] = [systems[key] for key in (DRAFT, PUBLISHED, IN_REVIEW, *OTHERS)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _session_of(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _flush_database() -> None:
    """Empty the tables as a transactional test does at its end (``tests/conftest.py``)."""
    from django.test import TransactionTestCase

    TransactionTestCase()._fixture_teardown()


def _import_with_an_error(organisation: Any, editor: Any) -> Any:
    """A checked import of two rows, the second in a phase that does not exist: the job page
    with its report and its list of errors."""
    from api.imports import services as import_services
    from tests.api.import_helpers import MINIMAL, csv_bytes

    rows = [MINIMAL, {**MINIMAL, "phase": "someday", "external_id": "ROW-2"}]
    with translation.override("en"):
        job = import_services.import_start(
            organisation=organisation, user=editor, file_name="inventory.csv", data=csv_bytes(rows)
        )
        import_services.import_plan(job_id=job.pk)
    job.refresh_from_db()
    assert job.error_count > 0, job.report
    return job


def _feedback_about(published: Any) -> tuple[Any, str]:
    """A citizen's report about the published record, with an address to confirm: the sent
    report (its status key) and the path of the confirmation link e-mailed to it."""
    import re

    from portal.feedback import services as feedback_services
    from register.models import OutgoingEmail

    sent = feedback_services.report_create(
        system=published,
        kind="error",
        message="The opening hours are wrong.",
        language="en",
        sender_email="citizen@example.kz",
        wants_reply=True,
    )
    body = OutgoingEmail.objects.filter(to_address="citizen@example.kz").latest("pk").body
    return sent, re.search(r"/feedback/confirm/[^/\s]+/", body).group(0)


def _report_of(organisation: Any, regulator: Any, folder: Any) -> Any:
    """A report of the organisation's systems, made, in a reports storage of the module's."""
    from oversight.reports import services as reports

    storages = {
        **settings.STORAGES,
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    with override_settings(STORAGES=storages):
        report = reports.collection_report_request(
            actor=regulator, organisation=organisation, language="en"
        )
        reports.collection_report_build(report_id=report.pk)
    report.refresh_from_db()
    return report


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Site]:
    """The demo subset, committed, for a live server of the module's own: pytest-django's
    ``live_server`` would empty the database after every test."""
    from django.db import connection

    with django_db_blocker.unblock():
        assert connection.settings_dict["NAME"].startswith("test_"), "not the test database"
        try:
            hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
            with override_settings(PASSWORD_HASHERS=hashers), translation.override("en"):
                load_demo(_demo_subset(tmp_path_factory.mktemp("demo") / "register.yaml"))
            records = {s.slug: s for s in AISystem.objects.filter(organisation__short_code="mdai")}
            reports = tmp_path_factory.mktemp("reports")
            User = get_user_model()
            published = records[PUBLISHED]
            feedback, confirmation = _feedback_about(published)
            users = {
                EDITOR: User.objects.get(username=f"{ORGANISATION}-editor"),
                APPROVER: User.objects.get(username=f"{ORGANISATION}-approver"),
                REGULATOR: User.objects.get(username="regulator"),
            }
            from api.tokens.services import token_create

            token, _secret = token_create(
                user=users[EDITOR],
                organisation=published.organisation,
                name="Inventory sync",
                scope="read",
                days=30,
            )
            yield Site(
                users=users,
                sessions={who: _session_of(user) for who, user in users.items()},
                draft=records[DRAFT],
                published=published,
                in_review=records[IN_REVIEW],
                finding=Finding.objects.select_related("system").filter(system=records[DRAFT])[0],
                parts={
                    part.name: getattr(published, part.name).first() for part in PARTS if part.many
                },
                feedback=feedback,
                confirmation=confirmation,
                token=token,
                import_job=_import_with_an_error(published.organisation, users[EDITOR]),
                collection_report=_report_of(published.organisation, users[REGULATOR], reports),
            )
        finally:
            _flush_database()


@pytest.fixture(scope="module")
def server(site, django_db_blocker) -> Iterator[Any]:
    from pytest_django.live_server_helper import LiveServer

    # As pytest-django's ``live_server`` does for each test, for the module: the server's
    # threads reach the database, and its host is allowed.
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        yield server
        server._live_server_modified_settings.disable()
        server.stop()


@pytest.fixture(scope="module")
def open_page(browser, server, site):
    """``open_page(page, language, width)``: the Playwright page showing ``page``, in a context
    of its own person, language and width (kept for the module)."""
    contexts: dict[tuple[str | None, str, int], Any] = {}

    def tab(who: str | None, language: str, width: int) -> Any:
        key = (who, language, width)
        if key not in contexts:
            # axe is a script of every page of the context, past the register's script policy
            # (an init script: compiled once, not once per page as a script tag would be).
            context = browser.new_context(
                locale=language, viewport={"width": width, "height": 900}, bypass_csp=True
            )
            context.add_init_script(path=str(AXE))
            if who is not None:
                cookie = {"name": settings.SESSION_COOKIE_NAME, "value": site.sessions[who]}
                context.add_cookies([{**cookie, "url": server.url}])
            contexts[key] = context.new_page()
            contexts[key].set_default_timeout(15_000)
        return contexts[key]

    def open_page(page: Page, language: str, width: int) -> Any:
        tab_ = tab(page.who, language, width)
        with translation.override(language):
            url = reverse(page.route, kwargs=page.kwargs(site)) + page.query
        response = tab_.goto(server.url + url)
        assert response is not None and response.status == page.status, (
            f"{page.name} ({language}, {width} px): {url} answered "
            f"{response.status if response else 'nothing'}"
        )
        return tab_

    yield open_page
    for tab_ in contexts.values():
        tab_.context.close()


def test_every_route_is_a_checked_page_or_said_not_to_be_one():
    assert uncovered_routes() == set(), (
        "Add these routes to PAGES (or to NOT_PAGES, with the reason) in "
        "tests/e2e/workspace_pages.py"
    )


OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const inside = [...element.children].some((c) => c.getBoundingClientRect().right > width);
    if (box.right > width + 0.5 && box.width > 0 && !inside) {
      wide.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")}: `
        + `${(element.textContent || "").trim().slice(0, 60)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def _violations(tab: Any) -> list[str]:
    results = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name.replace(" ", "-"))
def test_page_fits_and_has_no_accessibility_violation(open_page, page, language, width):
    tab = open_page(page, language, width)
    where = f"{page.name} ({language}, {width} px, {tab.url})"

    fit = tab.evaluate(OVERFLOW)
    assert fit["scroll"] <= fit["width"], (
        f"{where} scrolls sideways: {fit['scroll']} px wide, the window is {fit['width']} px; "
        f"too wide: {fit['wide']}"
    )
    violations = _violations(tab)
    assert not violations, f"{where}: axe-core finds\n" + "\n".join(violations)
