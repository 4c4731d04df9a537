"""The home page: what the register is, a search box, entry points with counts from the
projection, the latest publications; in a fixed number of queries."""

from __future__ import annotations

import re

import pytest

from register.services import publication
from tests.factories import OrganisationFactory, complete_system
from tests.portal.projection_records import HIGH_RISK, public_records

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Undisclosed draft scorer"


def test_the_home_page_leads_into_the_register(client, agency, editor, publish):
    public_records(2, organisation=agency, answers={**HIGH_RISK, "kz_risk_degree": "high"})
    other = OrganisationFactory(short_code="other-body", name_en="Other body")
    public_records(1, organisation=other, application_area="analytics", withdrawn=True)
    published = publish(complete_system(agency, editor, name_en="Queue forecast"))
    complete_system(agency, editor, name_en=DRAFT_NAME)
    submitted = complete_system(agency, editor, name_en="Pending review assistant")
    publication.system_submit(system=submitted, actor=editor)

    html = client.get("/en/").content.decode()
    assert re.search(r'<form[^>]+action="/en/systems/"[^>]+method="get"', html)
    assert 'name="q"' in html and 'for="home-q"' in html
    assert re.findall(r'app-stats__value">(\d+)<', html) == ["3", "1", "2"]
    assert 'href="/en/systems/?risk=high&amp;withdrawn=no"' in html
    assert 'href="/en/systems/?kz_risk=high&amp;withdrawn=no"' in html
    assert 'href="/en/systems/?area=service_delivery&amp;withdrawn=no"' in html
    # Each entry point lists the systems it counts.
    listed = client.get("/en/systems/?kz_risk=high&withdrawn=no").content.decode()
    assert listed.count('class="app-record-list__item"') == 2
    # A withdrawn system is not in use: its area, organisation and card are not entry points.
    assert "area=analytics" not in html and "Other body" not in html
    assert 'href="/en/organisations/agency-a/"' in html and 'href="/en/organisations/"' in html
    assert f'href="/en/systems/{published.public_id}/"' in html and "Queue forecast" in html
    assert DRAFT_NAME not in html and "Pending review assistant" not in html
    assert 'href="/en/accounts/login/"' in html


def test_an_empty_register_says_so(client, db):
    html = client.get("/en/").content.decode()
    assert "No AI system has been published yet." in html


@pytest.mark.parametrize("count", [10, 200])
def test_the_home_page_runs_a_fixed_number_of_queries(
    client, agency, count, django_assert_max_num_queries
):
    bodies = [agency, *OrganisationFactory.create_batch(3)]
    for index, body in enumerate(bodies):
        public_records(count // len(bodies), organisation=body, withdrawn=index == 3)
    with django_assert_max_num_queries(4):
        html = client.get("/en/").content.decode()
    assert len(re.findall(r'class="app-record-list__item"', html)) == 6
