"""A system's audit report is made once and served from the reports storage while the document
would come out the same; anything the report shows that changes makes a new one, and the
system's older report in that language is removed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from compliance.models import Finding, FindingStatus
from oversight.reports import document
from oversight.reports.document import STORED_FOLDER, stored_system_report
from oversight.reports.verify import verify
from tests.oversight.report_support import pdf_reader

pytestmark = pytest.mark.django_db


def stored_files(reports_folder, system) -> list[str]:
    folder = reports_folder / STORED_FOLDER / system.public_id
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_the_second_download_is_the_stored_file_and_lays_out_nothing(
    reported_system, reports_folder, monkeypatch
):
    first = stored_system_report(reported_system, language="ru")
    assert not first.reused and first.content.startswith(b"%PDF-")
    assert stored_files(reports_folder, reported_system) == [first.name.rsplit("/", 1)[1]]

    def no_layout(html, **kwargs):
        raise AssertionError("a stored report was laid out again")

    monkeypatch.setattr(document, "html_to_pdf", no_layout)
    again = stored_system_report(reported_system, language="ru")
    assert again.reused and again.content == first.content and again.name == first.name
    assert again.filename == f"{reported_system.public_id}-v1-ru.pdf"
    # The stored report still verifies against the register.
    assert verify(again.content).matches


def test_each_language_is_a_report_of_its_own(reported_system, reports_folder):
    russian = stored_system_report(reported_system, language="ru")
    kazakh = stored_system_report(reported_system, language="kk")
    assert russian.name != kazakh.name
    assert pdf_reader(kazakh.content).trailer["/Root"]["/Lang"] == "kk"
    assert len(stored_files(reports_folder, reported_system)) == 2


def test_a_change_the_report_shows_makes_a_new_report_and_removes_the_old(
    reported_system, reports_folder
):
    before = stored_system_report(reported_system, language="en")
    kazakh = stored_system_report(reported_system, language="kk")
    finding = Finding.objects.filter(system=reported_system, status=FindingStatus.OPEN).first()
    Finding.objects.filter(pk=finding.pk).update(
        status=FindingStatus.RESOLVED, resolved_at=timezone.now()
    )
    after = stored_system_report(reported_system, language="en")
    assert not after.reused and after.name != before.name
    assert not verify(before.content).matches and verify(after.content).matches
    names = stored_files(reports_folder, reported_system)
    # The English report of the old state is gone; the Kazakh one stays until it is asked for.
    assert names == sorted([after.name.rsplit("/", 1)[1], kazakh.name.rsplit("/", 1)[1]])


def test_the_download_is_served_from_the_store(client, regulator, reported_system, reports_folder):
    client.force_login(regulator)
    url = f"/en/oversight/systems/{reported_system.public_id}/report.pdf?lang=ru"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(stored_files(reports_folder, reported_system)) == 1


def test_a_publication_queues_the_reports_in_every_language(
    settings, agency, editor, approver, publish, reports_folder, django_capture_on_commit_callbacks
):
    from register.services.publication import system_withdraw
    from tests.factories import complete_system

    settings.REPORTS_PRERENDER = True
    with django_capture_on_commit_callbacks(execute=True):
        system = publish(complete_system(agency, editor))
    # Made by the task (in-process here, in the "reports" queue with a broker).
    names = stored_files(reports_folder, system)
    assert len(names) == 3 and {name.split("-")[1] for name in names} == {"kk", "ru", "en"}
    assert document.store_reports_of(system.pk) == 0  # a redelivered task makes none
    assert stored_system_report(system, language="ru").reused
    # A withdrawal queues nothing: the stored reports stay as they were.
    with django_capture_on_commit_callbacks(execute=True):
        system_withdraw(system=system, actor=approver)
    assert stored_files(reports_folder, system) == names


def test_without_prerendering_a_publication_makes_no_report(
    settings, agency, editor, publish, reports_folder, django_capture_on_commit_callbacks
):
    from tests.factories import complete_system

    settings.REPORTS_PRERENDER = False
    with django_capture_on_commit_callbacks(execute=True):
        system = publish(complete_system(agency, editor))
    assert stored_files(reports_folder, system) == []
    assert document.store_reports_of(10**9) == 0
