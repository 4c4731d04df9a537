"""The audit report of one system: what the PDF says, its metadata and outline, its language,
and the queries behind it."""

from __future__ import annotations

import time

import pytest
from django.utils import translation

from compliance.models import FindingStatus
from oversight.reports import context as report_context_module
from oversight.reports.context import QUERIES, report_context
from oversight.reports.document import system_report, system_report_html
from oversight.reports.sections import SECTIONS
from oversight.reports.verify import info_key, read_stamp
from register import workflow
from register.models import AISystem, Membership
from register.services import publication
from tests.factories import MembershipFactory, complete_system
from tests.oversight.report_support import (
    KAZAKH_NAME,
    embedded_files,
    outline_titles,
    pdf_reader,
    pdf_text,
)
from tests.register.test_no_english import english_on


def test_kazakh_report_has_every_section_the_findings_the_hash_and_kazakh_text(reported_system):
    started = time.perf_counter()
    report = system_report(reported_system, language="kk")
    elapsed = time.perf_counter() - started
    print(
        f"\none-system report: {elapsed:.2f} s in all, {report.pdf.seconds:.2f} s in WeasyPrint, "
        f"{len(pdf_reader(report.pdf.content).pages)} pages"
    )
    text = pdf_text(report.pdf.content)
    flat = " ".join(text.split())

    with translation.override("kk"):
        titles = [str(section.title) for section in SECTIONS]
    for number, title in enumerate(titles, start=1):
        assert f"{number}. {title}" in flat
    open_findings = [f for f in report.context.findings if f.finding.status == FindingStatus.OPEN]
    assert open_findings, "the record is expected to have open findings"
    for item in open_findings:
        assert item.finding.rule_id in flat
    # The hash is printed whole on the cover (a monospaced cell may wrap it).
    assert report.context.version.record_sha256 in text.replace("\n", "")
    assert KAZAKH_NAME in flat
    assert "ә" in text and "қ" in text
    assert report.filename == f"{reported_system.public_id}-v1-kk.pdf"
    assert report.pdf.refused == ()


def test_report_metadata_outline_and_archival_variant(reported_system):
    report = system_report(reported_system, language="ru")
    reader = pdf_reader(report.pdf.content)
    info = reader.metadata
    assert reported_system.public_id in info.title
    assert info.author
    assert reported_system.public_id in info.subject
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert info[info_key("register-record-sha256")] == report.context.version.record_sha256
    # PDF/A-3: the XMP metadata names the part and the conformance level.
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "3" in xmp
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    with translation.override("ru"):
        titles = [f"{number}. {section.title}" for number, section in enumerate(SECTIONS, 1)]
    assert set(titles) <= set(outline_titles(report.pdf.content))
    assert embedded_files(report.pdf.content) == []
    stamp = read_stamp(report.pdf.content)
    assert (stamp.public_id, stamp.version, stamp.language) == (reported_system.public_id, 1, "ru")


def test_report_is_in_the_language_asked_whatever_the_active_one(reported_system):
    with translation.override("en"):
        html_language = system_report(reported_system, language="kk").context.language
    assert html_language == "kk"
    with translation.override("ru"):
        # The section titles follow the report's language, not the interface's.
        html = system_report_html(report_context(reported_system, language="en"))
    assert '<html lang="en">' in html
    assert "1. Identification and summary" in html


def test_report_context_runs_a_fixed_number_of_queries(
    reported_system, editor, django_assert_num_queries, publish
):
    with django_assert_num_queries(QUERIES):
        report_context(reported_system, language="en")
    # A longer history and more versions do not add queries.
    from register.services.records import system_update

    for number in range(3):
        reported_system.refresh_from_db()
        system_update(
            system=reported_system,
            actor=editor,
            data={"scope_en": f"Only questions, change {number}"},
            expected_revision=reported_system.revision,
        )
        publish(reported_system)
    with django_assert_num_queries(QUERIES):
        context = report_context(reported_system, language="en")
    assert context.version.number == 4
    assert [version.number for version in context.versions] == [4, 3, 2, 1]
    assert len(context.history) <= report_context_module.HISTORY_EXCERPT


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_no_english_in_a_kazakh_or_russian_report(reported_system, language):
    html = system_report_html(report_context(reported_system, language=language))
    assert english_on(html, language) == []


def test_a_withdrawn_record_of_an_eu_body_is_reported_with_the_law_that_binds_it(
    eu_agency, eu_editor, publish
):
    eu_approver = MembershipFactory(organisation=eu_agency, role=Membership.Role.APPROVER).user
    system = complete_system(eu_agency, eu_editor)
    publication.system_submit(system=system, actor=eu_editor)
    publication.system_publish(
        system=system, actor=eu_approver, confirmed=workflow.confirmation_names("publish")
    )
    publication.system_withdraw(system=system, actor=eu_approver)
    system = AISystem.objects.select_related("organisation").get(pk=system.pk)
    report = system_report(system, language="en")
    flat = " ".join(pdf_text(report.pdf.content).split())
    assert "The EU AI Act binds this organisation." in flat
    assert "Kazakhstan's AI Law does not bind this organisation." in flat
    assert "Withdrawn" in flat
    assert report.context.jurisdiction == "EU"
    assert all(
        item.binding for item in report.context.obligations if item.rule.id.startswith("AIA")
    )
