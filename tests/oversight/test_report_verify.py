"""Verification of an audit report against the register: it matches when nothing changed, and
names what changed otherwise; the command and what it says."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfWriter
from weasyprint import HTML

from compliance.models import Finding, FindingStatus
from compliance.rules import get_catalogue
from compliance.services import finding_waive
from oversight.reports.document import system_report
from oversight.reports.verify import (
    CATALOGUE_CHANGED,
    FINDINGS_CHANGED,
    NEWER_VERSION,
    UNKNOWN_VERSION,
    ReportUnreadable,
    verify,
)
from register.services.records import system_update
from tests.oversight.report_support import pdf_reader


@pytest.fixture
def report_pdf(reported_system) -> bytes:
    return system_report(reported_system, language="en").pdf.content


def test_a_fresh_report_matches(report_pdf, reported_system, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        result = verify(report_pdf)
    assert result.matches
    assert result.system == reported_system
    assert result.changes == []


def test_a_newer_version_and_changed_findings_are_named(
    report_pdf, reported_system, editor, approver, publish
):
    finding = Finding.objects.filter(system=reported_system, status=FindingStatus.OPEN).first()
    finding_waive(
        finding=finding,
        actor=approver,
        reason="A contract with the supplier is signed.",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    assert verify(report_pdf).codes == [FINDINGS_CHANGED]

    system_update(
        system=reported_system,
        actor=editor,
        data={"scope_en": "Only questions about benefits"},
        expected_revision=reported_system.revision,
    )
    publish(reported_system)
    result = verify(report_pdf)
    assert not result.matches
    assert NEWER_VERSION in result.codes
    assert result.latest_version == 2
    message = next(str(c.message) for c in result.changes if c.code == NEWER_VERSION)
    assert "version 2" in message and "version 1" in message


def test_a_changed_catalogue_is_named(report_pdf, settings):
    settings.COMPLIANCE_EFFECTIVE_DATES = {"ai_act.high_risk.annex_iii": "2026-08-02"}
    get_catalogue.cache_clear()
    try:
        assert CATALOGUE_CHANGED in verify(report_pdf).codes
    finally:
        del settings.COMPLIANCE_EFFECTIVE_DATES
        get_catalogue.cache_clear()


def test_an_altered_hash_is_not_a_version_of_the_register(report_pdf):
    writer = PdfWriter(clone_from=pdf_reader(report_pdf))
    writer.add_metadata({"/registerrecordsha256": "0" * 64})
    altered = io.BytesIO()
    writer.write(altered)
    assert verify(altered.getvalue()).codes == [UNKNOWN_VERSION]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "not_pdf"),
        (b"not a pdf at all", "not_pdf"),
        (b"%PDF-1.7\n" + b"\x00" * 200, "not_pdf"),
    ],
)
def test_garbage_is_unreadable(db, content, code):
    with pytest.raises(ReportUnreadable) as error:
        verify(content)
    assert error.value.code == code


def test_a_damaged_report_is_unreadable_or_read_never_an_error(report_pdf):
    """Cut and corrupted copies of a real report: each is either read (and compared) or
    refused as unreadable; nothing else escapes."""
    rng = random.Random(13)
    damaged = [report_pdf[:cut] for cut in (10, 100, len(report_pdf) // 2, len(report_pdf) - 50)]
    for _ in range(40):
        content = bytearray(report_pdf)
        for _ in range(20):
            content[rng.randrange(len(content))] = rng.randrange(256)
        damaged.append(bytes(content))
    for content in damaged:
        with contextlib.suppress(ReportUnreadable):
            verify(content)


def test_another_pdf_is_not_a_report(db):
    other = HTML(string="<title>A letter</title><p>Dear regulator</p>").write_pdf()
    with pytest.raises(ReportUnreadable) as error:
        verify(other)
    assert error.value.code == "not_a_report"


def test_verify_report_command_exits_0_when_it_matches_and_1_naming_the_change(
    report_pdf, reported_system, editor, publish, tmp_path, capsys
):
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf)
    call_command("verify_report", str(path))
    assert "the report matches the register" in capsys.readouterr().out

    system_update(
        system=reported_system,
        actor=editor,
        data={"scope_en": "Only questions about benefits"},
        expected_revision=reported_system.revision,
    )
    publish(reported_system)
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_report", str(path))
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert "no longer matches" in out
    assert "A newer version of the record has been published" in out


def test_verify_report_command_on_garbage_and_a_missing_file(db, tmp_path, capsys):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_report", str(garbage))
    assert exit_.value.code == 1
    assert "not a PDF" in capsys.readouterr().out
    with pytest.raises(CommandError) as error:
        call_command("verify_report", str(tmp_path / "missing.pdf"))
    assert error.value.returncode == 2
