"""The statistics page counts what the public sees (the projection), in a fixed number of
queries, and never shows anything of a record that is not public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from portal import statistics
from register.services import publication
from tests.factories import OrganisationFactory, complete_system
from tests.portal.projection_records import HIGH_RISK, public_records

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Undisclosed draft scorer"
SUBMITTED_NAME = "Pending review assistant"
HIGH_BOTH = {**HIGH_RISK, "kz_risk_degree": "high"}


@pytest.fixture
def register(agency, editor, publish):
    """2 high-risk (EU and KZ) with a FRIA and an overseer, 1 high-risk (EU) with neither,
    3 minimal chatbots of another body, 1 withdrawn, one record published through the
    workflow, a draft and a submitted record."""
    other = OrganisationFactory(short_code="other", name_en="Other body")
    public_records(
        2, organisation=agency, answers=HIGH_BOTH, fria=True, overseer=True, techniques=["speech"]
    )
    public_records(1, organisation=agency, answers=HIGH_RISK, techniques=["speech", "chatbot"])
    public_records(3, organisation=other, techniques=["chatbot"], phase="pilot")
    public_records(1, organisation=other, withdrawn=True)
    publish(complete_system(agency, editor))
    complete_system(agency, editor, name_en=DRAFT_NAME)
    submitted = complete_system(agency, editor, name_en=SUBMITTED_NAME)
    publication.system_submit(system=submitted, actor=editor)
    return agency


def test_facets_count_the_current_public_systems(register):
    counts = statistics.facet_counts()
    assert counts["risk_class"] == {"high": 3, "minimal": 4}
    assert counts["kz_risk_degree"] == {"high": 2, "": 5}
    assert counts["annex_iii"] == {"5a": 3}
    assert counts["techniques"] == {"speech": 3, "chatbot": 5}
    assert counts["phase"]["pilot"] == 3
    rows = statistics.facet_rows("risk_class", counts["risk_class"], 7)
    assert [row.value for row in rows][-1] == ""  # not yet classified comes last
    assert {row.value: row.count for row in rows}["prohibited"] == 0


def test_shares_of_high_risk_systems_say_which_law(register):
    headline = statistics.headline()
    assert (headline.current, headline.withdrawn, headline.organisations) == (7, 1, 2)
    assert (headline.high_eu.total, headline.high_eu.with_fria) == (3, 2)
    assert headline.high_eu.fria_percent == pytest.approx(200 / 3)
    assert (headline.high_kz.total, headline.high_kz.with_overseer) == (2, 2)
    assert headline.high_any.total == 3


def test_the_page_shows_percentages_in_the_language_and_no_unpublished_name(client, register):
    html = client.get("/ru/statistics/").content.decode()
    assert "66,7" in html
    english = client.get("/en/statistics/").content.decode()
    assert "66.7" in english
    assert 'href="/en/systems/?risk=high&amp;withdrawn=no"' in english
    for page in (html, english):
        assert DRAFT_NAME not in page and SUBMITTED_NAME not in page
        assert page.count('role="img"') == len(statistics.FACETS) + 2


def test_months_count_first_publications_and_withdrawals(agency):
    now = timezone.now()
    public_records(2, organisation=agency, published_at=now - dt.timedelta(days=62))
    public_records(1, organisation=agency, withdrawn=True, published_at=now)
    public_records(1, organisation=agency, published_at=now - dt.timedelta(days=900))
    months = statistics.over_time()
    assert len(months) == statistics.MONTHS
    assert months[-1].month == timezone.localdate().replace(day=1)
    assert (months[-1].published, months[-1].withdrawn) == (1, 1)
    assert sum(month.published for month in months) == 3


def test_an_empty_register_shows_sentences_instead_of_charts(client, db):
    html = client.get("/en/statistics/").content.decode()
    assert "<svg" not in html
    assert "No published AI system is counted here yet." in html


@pytest.mark.parametrize("count", [10, 200])
def test_the_page_runs_a_fixed_number_of_queries(
    client, agency, count, django_assert_max_num_queries
):
    bodies = [agency, *OrganisationFactory.create_batch(4)]
    _bulk(bodies, count)
    with django_assert_max_num_queries(6):
        response = client.get("/en/statistics/")
    assert response.status_code == 200


def _bulk(bodies, count):  # type: ignore[no-untyped-def]
    """``count`` public records spread over ``bodies``, of several classes, some withdrawn."""
    per_body = count // len(bodies)
    for index, body in enumerate(bodies):
        public_records(
            per_body,
            organisation=body,
            answers=HIGH_BOTH if index % 2 else None,
            withdrawn=index == 0,
        )
