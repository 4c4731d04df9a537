"""The regulator's overview, list and exports: the figures against a seeded register, the
filters, access for every role, the query budget, and exports that neutralise formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance import standing
from compliance.models import Finding, FindingStatus, Severity
from oversight import selectors
from portal.models import Report
from register.models import AISystem, ImpactAssessment, Phase, Status
from tests.compliance.factories import high_risk_answers
from tests.factories import (
    AISystemFactory,
    HumanOversightFactory,
    ImpactAssessmentFactory,
    OrganisationFactory,
    version_of,
)

pytestmark = pytest.mark.django_db


def _finding(system: AISystem, rule_id: str, severity: str = Severity.MAJOR, **fields) -> Finding:
    """A finding as the check service leaves it: written, and its system's standing recounted."""
    now = timezone.now()
    finding = Finding.objects.create(
        system=system,
        rule_id=rule_id,
        severity=severity,
        status=fields.pop("status", FindingStatus.OPEN),
        first_seen_at=now,
        last_seen_at=now,
        catalogue_version="test",
        **fields,
    )
    standing.refresh([system.pk])
    return finding


def _high_risk(organisation, **fields) -> AISystem:
    return AISystemFactory(
        organisation=organisation,
        phase=Phase.PRODUCTION,
        classification_answers=high_risk_answers(),
        **fields,
    )


@pytest.fixture
def register_of_three(agency, other_agency):
    """Three organisations' records, each kind of concern present once."""
    eu = OrganisationFactory(short_code="eu-body", jurisdiction="EU")
    without_fria = _high_risk(agency, name_en="Benefit screener")
    HumanOversightFactory(system=without_fria)
    with_fria = _high_risk(agency, name_en="Screener with a FRIA")
    HumanOversightFactory(system=with_fria)
    ImpactAssessmentFactory(
        system=with_fria,
        kind=ImpactAssessment.Kind.FRIA,
        state=ImpactAssessment.State.COMPLETED,
    )
    without_overseer = _high_risk(other_agency, name_en='=HYPERLINK("http://x")')
    ImpactAssessmentFactory(
        system=without_overseer,
        kind=ImpactAssessment.Kind.FRIA,
        state=ImpactAssessment.State.COMPLETED,
    )
    prohibited = AISystemFactory(
        organisation=eu,
        classification_answers={
            "role": "deployer",
            "public_authority": True,
            "prohibited_practices": ["c"],
        },
    )
    overdue = AISystemFactory(organisation=agency, next_review_on=dt.date(2020, 1, 1))
    published = AISystemFactory(organisation=other_agency)
    AISystem.objects.filter(pk=published.pk).update(
        status=Status.PUBLISHED, published_version=version_of(published)
    )
    _finding(published, "REC-01", Severity.BLOCKER)
    _finding(without_fria, "AIA-27-01", Severity.BLOCKER)
    _finding(without_fria, "REC-01", Severity.MINOR)
    _finding(
        overdue, "REC-01", Severity.MINOR, status=FindingStatus.RESOLVED, resolved_at=timezone.now()
    )
    return {
        "eu": eu,
        "without_fria": without_fria,
        "with_fria": with_fria,
        "without_overseer": without_overseer,
        "prohibited": prohibited,
        "overdue": overdue,
        "published": published,
    }


def _keys(queryset) -> set[str]:
    return set(queryset.values_list("public_id", flat=True))


def test_each_concern_finds_exactly_its_records(register_of_three):
    r = register_of_three
    expected = {
        "no-fria": {r["without_fria"].public_id},
        "no-overseer": {r["without_overseer"].public_id},
        "prohibited": {r["prohibited"].public_id},
        "review-overdue": {r["overdue"].public_id},
        "published-with-blockers": {r["published"].public_id},
        "feedback-unanswered": set(),
    }
    for key, public_ids in expected.items():
        assert _keys(selectors.systems({}, concern=key)) == public_ids, key


def test_the_overview_counts_what_the_lists_list(register_of_three, agency):
    figures = selectors.overview({})
    assert figures.systems == AISystem.objects.count() == 6
    assert dict(figures.by_risk_class)["high"] == 3
    assert dict(figures.by_risk_class)["prohibited"] == 1
    assert dict(figures.findings_by_severity) == {"blocker": 2, "major": 0, "minor": 1}
    assert figures.findings_by_rule[0] == ("REC-01", 2)
    for concern, count in figures.concerns:
        assert count == selectors.systems({}, concern=concern.key).count(), concern.key
    by_organisation = {o.short_code: total for o, _counts, total in figures.by_organisation}
    assert by_organisation[agency.short_code] == 3
    assert figures.findings_by_organisation[agency.pk] == 2


def test_filters_narrow_the_figures(register_of_three, agency):
    assert selectors.overview({"organisation": agency}).systems == 3
    assert selectors.overview({"jurisdiction": "EU"}).systems == 1
    assert selectors.overview({"annex_iii_area": "5"}).systems == 3
    assert selectors.overview({"annex_iii_area": "1"}).systems == 0
    assert selectors.overview({"risk_class": "unclassified"}).systems == 2
    only_blockers = selectors.overview({"severity": Severity.BLOCKER})
    assert only_blockers.systems == 2
    assert dict(only_blockers.findings_by_severity)["minor"] == 0
    assert selectors.overview({"rule_id": "AIA-27-01"}).systems == 1
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert selectors.overview({"changed_since": tomorrow}).systems == 0


def test_a_citizen_report_unanswered_for_a_month_is_a_concern(published_system):
    from portal.feedback import services as feedback

    sent = feedback.report_create(
        system=published_system, kind="error", message="Wrong hours.", language="en"
    )
    assert not selectors.systems({}, concern="feedback-unanswered").exists()
    Report.objects.filter(pk=sent.report.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    assert _keys(selectors.systems({}, concern="feedback-unanswered")) == {
        published_system.public_id
    }


PAGES = [
    ("oversight:overview", {}),
    ("oversight:systems", {}),
    ("oversight:export", {"name": "systems", "format": "csv"}),
    ("oversight:export", {"name": "findings", "format": "xlsx"}),
]


@pytest.mark.parametrize(("route", "kwargs"), PAGES)
@pytest.mark.parametrize("who", ["editor", "approver", "other_agency_editor"])
def test_agency_people_cannot_open_the_regulators_pages(client, request, route, kwargs, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(route, kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(("route", "kwargs"), PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, route, kwargs):
    response = client.get(reverse(route, kwargs=kwargs))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(("route", "kwargs"), PAGES)
@pytest.mark.parametrize("who", ["regulator", "site_admin"])
def test_regulators_and_administrators_open_every_page(client, request, route, kwargs, who):
    request.getfixturevalue("register_of_three")
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(route, kwargs=kwargs)).status_code == 200


def test_the_overview_page_shows_the_figures_and_links_each_concern(
    client, regulator, register_of_three
):
    client.force_login(regulator)
    page = client.get(reverse("oversight:overview"), headers={"accept-language": "en"})
    text = page.content.decode()
    assert "6 AI systems match." in text
    assert f"{reverse('oversight:systems')}?concern=no-fria" in text
    listed = client.get(f"{reverse('oversight:systems')}?concern=no-fria")
    assert register_of_three["without_fria"].public_id in listed.content.decode()
    assert register_of_three["with_fria"].public_id not in listed.content.decode()


def test_an_invalid_filter_is_named_and_left_out(client, regulator, register_of_three):
    client.force_login(regulator)
    page = client.get(reverse("oversight:overview"), {"phase": "someday", "changed_since": "x"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Some filters were not applied" in text
    assert "6 AI systems match." in text


def test_the_pages_have_no_english_in_russian(client, regulator, register_of_three):
    client.force_login(regulator)
    for route in ("oversight:overview", "oversight:systems"):
        text = client.get(reverse(route).replace("/en/", "/ru/")).content.decode()
        for english in ("What needs attention", "Organisation", "Download this selection"):
            assert english not in text, (route, english)


@pytest.mark.parametrize("count", [3, 30])
def test_the_overview_and_list_run_a_fixed_number_of_queries(
    client, regulator, agency, count, django_assert_max_num_queries
):
    for _ in range(count):
        system = _high_risk(agency)
        _finding(system, "REC-01")
    client.force_login(regulator)
    # The overview's ten (oversight.selectors.overview) and the request's own seven.
    with django_assert_max_num_queries(17):
        assert client.get(reverse("oversight:overview")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("oversight:systems")).status_code == 200


def test_the_csv_export_lists_the_selection_with_formulas_neutralised(
    client, regulator, register_of_three, other_agency
):
    client.force_login(regulator)
    url = reverse("oversight:export", kwargs={"name": "systems", "format": "csv"})
    response = client.get(url, {"organisation": other_agency.short_code})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {row["public_id"] for row in rows} == {
        register_of_three["without_overseer"].public_id,
        register_of_three["published"].public_id,
    }
    names = {row["name_en"] for row in rows}
    assert '\'=HYPERLINK("http://x")' in names
    assert "no-store" in response["Cache-Control"]


def test_the_xlsx_export_of_findings_has_the_open_ones(client, regulator, register_of_three):
    client.force_login(regulator)
    url = reverse("oversight:export", kwargs={"name": "findings", "format": "xlsx"})
    response = client.get(url)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.active.values)
    assert rows[0][:3] == ("public_id", "organisation", "rule_id")
    assert sorted(row[2] for row in rows[1:]) == ["AIA-27-01", "REC-01", "REC-01"]


def test_an_unknown_export_is_not_found(client, regulator):
    client.force_login(regulator)
    url = reverse("oversight:export", kwargs={"name": "users", "format": "csv"})
    assert client.get(url).status_code == 404


def test_the_register_wide_overview_is_counted_once_and_again_after_a_change_to_findings(
    client, regulator, agency, django_assert_max_num_queries
):
    system = _high_risk(agency)
    _finding(system, "REC-01", severity=Severity.BLOCKER)
    first = selectors.overview({})
    # Taken from the cache: only the organisations are read.
    with django_assert_max_num_queries(1):
        again = selectors.overview({})
    assert again.counted_at == first.counted_at
    assert dict(again.findings_by_severity)[Severity.BLOCKER] == 1
    # A check that writes findings starts a new findings generation: counted again at once.
    _finding(system, "REC-02", severity=Severity.BLOCKER)
    after = selectors.overview({})
    assert dict(after.findings_by_severity)[Severity.BLOCKER] == 2
    assert after.counted_at > first.counted_at
    client.force_login(regulator)
    page = client.get(reverse("oversight:overview")).content.decode()
    assert "counted again at most once a minute" in page


def test_a_filtered_overview_is_counted_on_every_request(agency):
    _high_risk(agency)
    filters = {"organisation": agency}
    assert selectors.overview(filters).systems == 1
    AISystemFactory(organisation=agency)  # no check, no publication: nothing else changes
    assert selectors.overview(filters).systems == 2
