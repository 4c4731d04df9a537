"""Organisations: the list with counts, sorted in the page's language and filtered through a
form; each body's page with its coverage as numbers only; bad codes and parameters are a 404
or a 400, never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from portal import organisations
from register import workflow
from register.models import AISystem, Membership, Organisation, Status
from register.services import publication
from tests.factories import MembershipFactory, OrganisationFactory, complete_system
from tests.portal.projection_records import public_records

pytestmark = pytest.mark.django_db

DRAFT_NAME = "Undisclosed draft scorer"


@pytest.fixture
def body(agency, editor, approver, publish):
    """The agency: 2 published (one with changes not yet published), 1 restricted, 1
    overdue for review, 1 withdrawn, 1 in review and a draft."""
    agency.website, agency.contact_email = "https://agency.example.kz", "info@agency.example.kz"
    agency.parent = OrganisationFactory(short_code="parent", name_en="Parent ministry")
    agency.save()
    publish(complete_system(agency, editor))
    changed = publish(complete_system(agency, editor))
    AISystem.objects.filter(pk=changed.pk).update(status=Status.DRAFT)  # as an edit leaves it
    second_approver = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    restricted = complete_system(
        agency, approver, withholding="restricted", withholding_reason_en="Border security"
    )
    publication.system_submit(system=restricted, actor=editor)
    publication.system_publish(
        system=restricted,
        actor=second_approver,
        confirmed=workflow.confirmation_names("publish"),
    )
    public_records(1, organisation=agency, next_review_on=dt.date(2020, 1, 1))
    withdrawn = publish(complete_system(agency, editor))
    publication.system_withdraw(system=withdrawn, actor=approver)
    in_review = complete_system(agency, editor)
    publication.system_submit(system=in_review, actor=editor)
    complete_system(agency, editor, name_en=DRAFT_NAME)
    return agency


def test_coverage_counts_each_state_and_nothing_else(body):
    coverage = organisations.coverage(body)
    assert coverage == organisations.Coverage(
        published=4, withdrawn=1, in_review=1, changes_pending=1, overdue=1
    )


def test_the_page_shows_the_body_its_systems_and_numbers_only(client, body):
    response = client.get(f"/en/organisations/{body.short_code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Agency A" in html and "Parent ministry" in html
    assert 'href="/en/organisations/parent/"' in html
    assert 'href="https://agency.example.kz"' in html
    assert 'href="mailto:info@agency.example.kz"' in html
    assert f'href="/en/systems/?organisation={body.short_code}"' in html
    assert DRAFT_NAME not in html
    values = [int(v) for v in re.findall(r'app-stats__value">(\d+)<', html)]
    assert values == [4, 1, 1, 1, 1]


def test_a_website_that_is_not_http_is_not_a_link(client, agency):
    Organisation.objects.filter(pk=agency.pk).update(website="javascript:alert(1)")
    assert "javascript:" not in client.get("/en/organisations/agency-a/").content.decode()


@pytest.mark.parametrize(
    "path", ["nobody", "a" * 10_000, "agency-a%00", "%00", "agency%20a", "../organisations"]
)
def test_unknown_or_hostile_codes_are_not_found(client, agency, path):
    assert client.get(f"/en/organisations/{path}/").status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "x", "9" * 40, "1%00", "99999"])
def test_a_bad_page_number_is_a_bad_request(client, agency, page):
    assert client.get(f"/en/organisations/agency-a/?page={page}").status_code == 400


def test_a_page_past_the_last_shows_the_last(client, agency):
    public_records(organisations.PER_PAGE + 1, organisation=agency)
    response = client.get(f"/en/organisations/agency-a/?page={organisations.MAX_PAGE}")
    assert response.status_code == 200
    assert response.context["page"].number == 2


@pytest.mark.parametrize("count", [10, 200])
def test_the_organisation_page_runs_a_fixed_number_of_queries(
    client, agency, count, django_assert_max_num_queries
):
    public_records(count, organisation=agency)
    with django_assert_max_num_queries(5):
        response = client.get("/en/organisations/agency-a/")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, organisations.PER_PAGE)


def test_the_list_counts_published_systems_and_sorts_by_kazakh_names(client, db):
    names = {"b": "Бірінші басқарма", "ae": "Әділет департаменті", "a": "Ақпарат комитеті"}
    bodies = {
        code: OrganisationFactory(short_code=code, name_kk=name, name_en=f"Body {code}")
        for code, name in names.items()
    }
    public_records(2, organisation=bodies["b"])
    public_records(1, organisation=bodies["a"], withdrawn=True)
    listed = list(organisations.organisations_with_counts(language="kk"))
    assert [body.short_code for body in listed] == ["a", "ae", "b"]
    assert {body.short_code: body.published for body in listed} == {"a": 0, "ae": 0, "b": 2}
    html = client.get("/kk/organisations/").content.decode()
    assert html.index("Ақпарат") < html.index("Әділет") < html.index("Бірінші")


def test_the_list_filters_by_type_and_region(client, db):
    OrganisationFactory(short_code="akimat-x", kind="akimat", region="astana", name_en="Akimat X")
    OrganisationFactory(short_code="ministry-y", name_en="Ministry Y")
    html = client.get("/en/organisations/?kind=akimat&region=astana").content.decode()
    assert "Akimat X" in html and "Ministry Y" not in html
    assert "Clear filters" in html


@pytest.mark.parametrize(
    "query", ["kind=unknown", "region=%00", "kind=" + "x" * 10_000, "region=mars&kind=akimat"]
)
def test_an_unknown_filter_is_a_bad_request_with_the_error(client, db, query):
    response = client.get(f"/en/organisations/?{query}")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_list_runs_one_query_whatever_the_number(client, db, django_assert_max_num_queries):
    for _index in range(30):
        OrganisationFactory()
    with django_assert_max_num_queries(1):
        assert client.get("/en/organisations/").status_code == 200


def test_an_organisation_review_date_in_the_past_is_overdue_only_while_current(agency):
    public_records(1, organisation=agency, next_review_on=dt.date(2020, 1, 1), withdrawn=True)
    public_records(1, organisation=agency, next_review_on=timezone.localdate())
    assert organisations.coverage(agency).overdue == 0


def test_the_organisation_page_shows_its_bin_when_it_is_known(client, agency):
    assert "000740000728" not in client.get(f"/en/organisations/{agency.short_code}/").text
    agency.bin = "000740000728"
    agency.save()
    page = client.get(f"/ru/organisations/{agency.short_code}/").text
    assert "000740000728" in page
    assert "БИН" in page
