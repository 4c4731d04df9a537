"""What a regulator reads across the register: organisations by name, never by short code, and
every rule id beside the rule's title."""

from __future__ import annotations

import re
from html import escape

import pytest
from django.utils import translation

from compliance.checks import check_systems
from compliance.rules import get_catalogue
from compliance.selectors import open_findings_by_rule
from tests.factories import complete_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_systems(agency, other_agency, editor, other_agency_editor):
    systems = [
        complete_system(agency, editor, performance_en="", contact_email=""),
        complete_system(other_agency, other_agency_editor, name_en="Queue camera"),
    ]
    check_systems([system.pk for system in systems], trigger="command")
    return systems


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_regulator_dashboard_names_each_records_organisation(
    client, regulator, failing_systems
):
    client.force_login(regulator)
    html = client.get("/en/workspace/").content.decode()
    assert re.search(r'<td class="govuk-table__cell"[^>]*>Agency A</td>', html)
    assert re.search(r'<td class="govuk-table__cell"[^>]*>Agency B</td>', html)
    text = _visible_text(html)
    assert "agency-a" not in text
    assert "agency-b" not in text


def test_the_register_wide_findings_give_rule_titles_and_organisation_names(
    client, regulator, failing_systems
):
    client.force_login(regulator)
    html = client.get("/en/workspace/findings/").content.decode()
    counts = open_findings_by_rule()
    assert counts
    catalogue = get_catalogue()
    with translation.override("en"):
        for rule_id in counts:
            title = str(catalogue.get(rule_id).title_text)
            assert f"{rule_id} · {escape(title)}</td>" in html, rule_id
    text = _visible_text(html)
    assert "Agency A" in text and "Agency B" in text
    assert "agency-a" not in text and "agency-b" not in text
    # Each finding card names its system and the system's organisation.
    assert re.search(r"Organisation</dt>\s*<dd[^>]*>Agency A</dd>", html)
    assert "Benefit assistant [en] (KZ-AI-000001)" in html


def test_the_organisation_filter_lists_names_in_alphabetical_order(
    client, regulator, failing_systems
):
    client.force_login(regulator)
    html = client.get("/en/workspace/findings/").content.decode()
    options = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', html)
    assert options == sorted(options, key=str.casefold)
    assert {"Agency A", "Agency B"} <= set(options)
    one = client.get("/en/workspace/findings/?organisation=agency-b").content.decode()
    assert '<span class="govuk-caption-l">Agency B</span>' in one


def test_a_systems_findings_give_each_rule_id_its_title(client, regulator, failing_systems):
    system = failing_systems[0]
    client.force_login(regulator)
    html = client.get(f"/en/workspace/systems/{system.public_id}/findings/").content.decode()
    rule_ids = re.findall(r"\b([A-Z]{2,4}(?:-[A-Z0-9]+)+-\d\d)\s·\s([^<]+)</h2>", html)
    assert rule_ids
    with translation.override("en"):
        for rule_id, title in rule_ids:
            assert title.strip() == escape(str(get_catalogue().get(rule_id).title_text))


# --- A page at a time ----------------------------------------------------------------------------


def test_severities_sort_alphabetically_in_their_order_of_gravity():
    """The findings pages order by the severity column itself (its index serves the order)."""
    from compliance.models import Severity

    assert sorted(Severity.values) == [Severity.BLOCKER, Severity.MAJOR, Severity.MINOR]


def test_the_findings_pages_list_a_page_at_a_time_most_severe_first(
    client, monkeypatch, regulator, failing_systems
):
    from compliance import selectors
    from compliance.models import Finding

    monkeypatch.setattr(selectors, "FINDINGS_PAGE_SIZE", 2)
    listed = Finding.objects.filter(status__in=["open", "waived"]).count()
    assert listed > 4
    pages = [selectors.organisation_findings(None, number) for number in (1, 2, 99999)]
    first, second, last = (list(page.object_list) for page in pages)
    assert len(first) == len(second) == 2 and pages[0].paginator.num_pages == -(-listed // 2)
    everything = [
        f
        for number in pages[0].paginator.page_range
        for f in selectors.organisation_findings(None, number).object_list
    ]
    ranks = ["blocker", "major", "minor"]
    assert [ranks.index(f.severity) for f in everything] == sorted(
        ranks.index(f.severity) for f in everything
    )
    assert len({f.pk for f in everything}) == listed
    assert last == everything[-len(last) :]
    client.force_login(regulator)
    html = client.get("/en/workspace/findings/?organisation=agency-a&page=2").content.decode()
    assert 'aria-current="page">2</a>' in html
    assert "?organisation=agency-a&amp;page=1" in html
    for page in ("x", "0", "99999", "-1", "1e9"):
        assert client.get(f"/en/workspace/findings/?page={page}").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_the_findings_page_reads_the_same_queries_whatever_the_number_of_findings(
    client, regulator, agency, editor, count, django_assert_max_num_queries
):
    systems = [complete_system(agency, editor, contact_email="") for _ in range(count)]
    check_systems([system.pk for system in systems], trigger="command")
    client.force_login(regulator)
    with django_assert_max_num_queries(12):
        assert client.get("/en/workspace/findings/").status_code == 200


def test_a_long_pagination_shows_the_ends_and_the_pages_around_the_current_one(
    client, monkeypatch, regulator, failing_systems
):
    from compliance import selectors

    monkeypatch.setattr(selectors, "FINDINGS_PAGE_SIZE", 1)
    pages = selectors.organisation_findings(None).paginator.num_pages
    assert pages >= 8
    client.force_login(regulator)
    html = client.get("/en/workspace/findings/?page=4").content.decode()
    shown = [int(n) for n in re.findall(r'govuk-pagination__link"[^>]*>(\d+)</a>', html)]
    assert shown == [1, 2, 3, 4, 5, 6, pages]
    assert html.count("govuk-pagination__item--ellipses") == 1
