"""The report fetches nothing and embeds nothing: hostile text in every field is printed as
text, and even raw hostile HTML given to the renderer reaches no socket and no local file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from compliance.models import Finding, FindingStatus
from compliance.services import classification_apply, finding_waive
from oversight.reports.document import system_report
from oversight.reports.fetcher import BASE_URL, RefusedURL, StaticOnlyFetcher
from oversight.reports.render import html_to_pdf
from portal.feedback.services import report_create, report_reply
from register import schema
from register.i18n import CONTENT_LANGUAGES, column
from register.models import AISystem
from register.services.records import system_create, system_update
from tests.factories import MINIMAL_ANSWERS, MembershipFactory
from tests.oversight.report_support import embedded_files, local_listener, pdf_text


def payloads(base: str) -> list[str]:
    """Hostile HTML, longest first: a field takes the longest that fits."""
    return [
        f'<img src="{base}/img.png"><link rel="stylesheet" href="{base}/style.css">'
        f"<style>@font-face {{ font-family: x; src: url(file:///etc/passwd) }} "
        f"body {{ background: url({base}/bg.png) }}</style>"
        f'<div style="background: url({base}/inline.png)">x</div>'
        f'<a rel="attachment" href="file:///etc/passwd">passwd</a>',
        f'<a rel="attachment" href="file:///etc/passwd">p</a><img src="{base}/s.png">',
        f'<img src="{base}/n.png">',
    ]


def fitting(base: str, limit: int | None) -> str:
    return next(p for p in payloads(base) if limit is None or len(p) <= limit)


def _texts(model: type, names, base: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    values = {}
    for name in names:
        for code in CONTENT_LANGUAGES:
            field = model._meta.get_field(column(name, code))
            values[column(name, code)] = fitting(base, field.max_length)
    return values


def hostile_system(organisation, editor, approver, publish, base: str) -> AISystem:  # type: ignore[no-untyped-def]
    """A published record with a payload in every text field of the record and its parts, in
    the classification's disagreement, a waiver's reason and a citizen report and its reply."""
    parts = {part.name: part for part in schema.PARTS}

    def part_texts(part_name: str, **extra: object) -> dict[str, object]:
        part = parts[part_name]
        return {**_texts(part.model, part.translated, base), **extra}

    texts = _texts(AISystem, schema.SYSTEM_TRANSLATED, base)
    withholding = {key: texts.pop(key) for key in list(texts) if key.startswith("withholding_")}
    system = system_create(
        organisation=organisation,
        actor=editor,
        data={
            **texts,
            "phase": "production",
            "application_area": "service_delivery",
            "techniques": ["chatbot"],
            "act_role": "deployer",
            "decision_role": "informs",
            "contact_email": "ai@example.gov.kz",
            "model_type": fitting(base, 255),
        },
        oversight=part_texts("oversight", mode="human_decides", log_retention_days=365),
        parts={
            "suppliers": [part_texts("suppliers", name=fitting(base, 255))],
            "legal_bases": [part_texts("legal_bases")],
            "data_sources": [part_texts("data_sources", personal_data="none")],
            "risks": [part_texts("risks", likelihood="medium", severity="medium")],
            "impact_assessments": [
                part_texts("impact_assessments", kind="fria", state="completed")
            ],
        },
    )
    # Only an approver may write what the public may see (the reason for withholding is one of
    # the texts): another approver than the one who publishes.
    system_update(
        system=system,
        actor=MembershipFactory(organisation=organisation, role="approver").user,
        data=withholding,
        expected_revision=system.revision,
    )
    system.refresh_from_db()
    classification_apply(
        system=system, actor=editor, answers=MINIMAL_ANSWERS, disagreement=fitting(base, None)
    )
    system.refresh_from_db()
    system = publish(system)
    finding = Finding.objects.filter(system=system, status=FindingStatus.OPEN).first()
    finding_waive(
        finding=finding,
        actor=approver,
        reason=fitting(base, None),
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    sent = report_create(system=system, kind="question", message=fitting(base, None), language="en")
    report_reply(report=sent.report, actor=approver, reply=fitting(base, None))
    return AISystem.objects.select_related("organisation").get(pk=system.pk)


def test_payloads_in_every_text_field_are_printed_as_text_and_fetch_nothing(
    agency, editor, approver, publish, client, regulator
):
    with local_listener() as listener:
        system = hostile_system(agency, editor, approver, publish, listener.base)
        before = list(listener.connections)
        report = system_report(system, language="en")
        client.force_login(regulator)
        response = client.get(f"/en/oversight/systems/{system.public_id}/report.pdf?lang=kk")
    assert response.status_code == 200
    assert before == []
    assert listener.connections == []
    assert report.pdf.refused == ()  # escaped: the document names no URL of theirs at all
    for pdf in (report.pdf.content, response.content):
        assert embedded_files(pdf) == []
        assert b"/EmbeddedFiles" not in pdf
    text = " ".join(pdf_text(report.pdf.content).split())
    assert '<img src="' + listener.base in text
    assert 'rel="attachment" href="file:///etc/passwd"' in text


def _hostile_html(base: str) -> str:
    return (
        "<!DOCTYPE html><html><head>"
        f'<link rel="stylesheet" href="{base}/link.css">'
        f"<style>@import url({base}/import.css);"
        "@font-face { font-family: evil; src: url(file:///etc/passwd); }"
        f"p {{ font-family: evil; background: url({base}/bg.png); }}</style>"
        "</head><body>"
        f'<img src="{base}/img.png"><img src="file:///etc/passwd">'
        f'<object data="{base}/object"></object><embed src="{base}/embed">'
        '<a rel="attachment" href="file:///etc/passwd">passwd</a>'
        f'<a rel="attachment" href="{base}/attachment">remote</a>'
        "<p>Hello</p></body></html>"
    )


def test_raw_hostile_html_reaches_no_socket_and_no_file():
    with local_listener() as listener:
        rendered = html_to_pdf(_hostile_html(listener.base))
    assert listener.connections == []
    assert embedded_files(rendered.content) == []
    assert b"/EmbeddedFiles" not in rendered.content
    assert "file:///etc/passwd" in rendered.refused
    assert any(url.startswith(listener.base) for url in rendered.refused)


def test_the_stock_fetcher_would_have_leaked():
    """The listener and the attachment check do see a leak: WeasyPrint's own fetcher connects
    and embeds the local file (GHSA-35jj-wx47-4w8r)."""
    with local_listener() as listener:
        pdf = HTML(
            string=_hostile_html(listener.base), url_fetcher=URLFetcher(timeout=2)
        ).write_pdf()
    assert listener.connections
    assert embedded_files(pdf)


# --- The fetcher itself -------------------------------------------------------------------------


def test_the_fetcher_serves_the_projects_static_files():
    response = StaticOnlyFetcher().fetch(BASE_URL + "static/oversight/report.css")
    body = response.read()
    assert b"@page" in body
    assert response.content_type == "text/css"


def test_the_fetcher_serves_collected_static_files_by_their_hashed_names(settings, tmp_path):
    """Production's manifest storage names files by their content (``{% static %}`` gives
    ``report.1a2b3c.css``): only the collected files have those names."""
    (tmp_path / "oversight").mkdir()
    (tmp_path / "oversight" / "report.1a2b3c4d5e6f.css").write_text("@page { size: A4 }")
    (tmp_path.parent / "secret.css").write_text("secret")
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    fetcher = StaticOnlyFetcher()
    response = fetcher.fetch(BASE_URL + "static/oversight/report.1a2b3c4d5e6f.css")
    assert response.read() == b"@page { size: A4 }"
    for name in ("oversight/report.0000.css", "oversight/../../secret.css"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(BASE_URL + "static/" + name)


def test_the_fetcher_decodes_data_urls():
    assert StaticOnlyFetcher().fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"
    assert StaticOnlyFetcher().fetch("data:,a%20b").read() == b"a b"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.com/static/oversight/report.css",
        "https://register.invalid/media/upload.png",
        "https://register.invalid/static/../config/settings.py",
        "https://register.invalid/static/%2e%2e/config/settings.py",
        "https://register.invalid/static/oversight/../../config/settings.py",
        "https://register.invalid/static//etc/passwd",
        "https://register.invalid/static/oversight/report.css?x=1",
        "https://register.invalid/static/oversight/missing.css",
        "ftp://127.0.0.1/x",
        "data:no-comma",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    with pytest.raises(RefusedURL):
        fetcher.open(url)
