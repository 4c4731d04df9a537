"""The version history of a card, each version at its stable address, the comparison of two
versions, hostile parameters, and the query budgets of the card pages."""

from __future__ import annotations

import pytest
from django.utils import timezone

from register.models import AISystem, PublishedVersion, Status
from register.services.projection import rebuild_public_records
from tests.factories import (
    AISystemFactory,
    DataSourceFactory,
    RiskFactory,
    complete_system,
    version_of,
)
from tests.portal.test_card_page import card_url, edit, page

pytestmark = pytest.mark.django_db


def every_language(**texts: str) -> dict[str, str]:
    return {f"{name}_{code}": text for name, text in texts.items() for code in ("kk", "ru", "en")}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def three_versions(agency, editor, publish) -> AISystem:
    """Published three times: the summary changed, then a long scope changed by one word."""
    system = publish(complete_system(agency, editor))
    edit(system, editor, summary_en="Answers questions about pensions")
    system = publish(system)
    scope = (
        "It answers questions about benefits and explains the rules of the ministry to applicants."
    )
    edit(system, editor, scope_en=scope)
    system = publish(system)
    return system


def test_the_history_lists_every_version_with_what_changed(client, three_versions):
    html = page(client, card_url(three_versions, "versions/"))
    assert html.count("<h1") == 1
    for number in (1, 2, 3):
        assert f'href="/en/systems/{three_versions.public_id}/versions/{number}/"' in html
    assert "First publication." in html
    assert "<strong>Changed:</strong> Plain-language summary</li>" in html
    assert html.index("Version 3") < html.index("Version 2") < html.index("Version 1")
    assert "?from=2&amp;to=3" in html
    assert f'action="/en/systems/{three_versions.public_id}/compare/"' in html


def test_a_version_page_shows_the_card_as_it_was_published(client, three_versions):
    html = page(client, card_url(three_versions, "versions/1/"))
    assert "You are reading version 1 of 3" in html
    assert "Answers questions [en]" in html
    assert "Answers questions about pensions" not in html
    assert f'href="/en/systems/{three_versions.public_id}/"' in html  # the current version
    assert html.count("<h1") == 1
    current = page(client, card_url(three_versions, "versions/3/"))
    assert "This is the current version." in current


def test_a_version_that_does_not_exist_is_not_found(
    client, three_versions, agency, editor, publish
):
    page(client, card_url(three_versions, "versions/4/"), status=404)
    page(client, card_url(three_versions, "versions/0/"), status=404)
    page(client, card_url(three_versions, "versions/99999999999999999999/"), status=404)


def test_compare_defaults_to_the_previous_and_the_current_version(client, three_versions):
    html = page(client, card_url(three_versions, "compare/"))
    assert "From version 2" in html and "to version 3" in html
    assert '<ins class="app-ins">' in html or "<ins" in html
    assert "Added" in html or "Changed" in html


def test_compare_shows_the_words_changed_inside_a_long_text(client, agency, editor, publish):
    long = "It answers questions about benefits and explains the rules of the ministry to people."
    system = publish(complete_system(agency, editor, scope_en=long))
    edit(system, editor, scope_en=long.replace("benefits", "pensions"))
    system = publish(system)
    html = page(client, card_url(system, "compare/?from=1&to=2"))
    assert "benefits<span" in html.split("<del")[1]
    assert "pensions<span" in html.split("<ins")[1]
    assert "[removed: " in html and "[added: " in html  # said in words, not by colour only


def test_compare_escapes_the_texts_it_shows(client, agency, editor, publish):
    system = publish(complete_system(agency, editor, name_en="Assistant"))
    edit(system, editor, name_en="<script>alert(1)</script>")
    system = publish(system)
    html = page(client, card_url(system, "compare/"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_added_part_is_listed_by_its_name(client, agency, editor, publish):
    system = publish(complete_system(agency, editor))
    DataSourceFactory(
        system=system, **every_language(name="Tax declarations", description="Incomes")
    )
    edit(system, editor, summary_en="Answers more questions")  # a change of content
    system = publish(system)
    html = page(client, card_url(system, "compare/"))
    assert "Tax declarations" in html and "Data sources" in html
    history = page(client, card_url(system, "versions/"))
    assert "<strong>Added:</strong> Data sources (1)" in history


def test_a_record_with_one_version_has_nothing_to_compare(client, published_system):
    html = page(client, card_url(published_system, "compare/"))
    assert "only one version so far" in html


@pytest.mark.parametrize(
    "query",
    [
        "?from=%00&to=2",
        "?from=1&to=99999999999",
        "?from=2&to=2",
        "?from=abc",
        "?from=-1&to=1",
        "?to=" + "9" * 10_000,
        "?from=1.5",
    ],
)
def test_hostile_compare_parameters_give_a_page_with_errors(client, three_versions, query):
    html = page(client, card_url(three_versions, f"compare/{query}"), status=400)
    assert "There is a problem" in html
    assert html.count("<h1") == 1


def test_a_version_number_of_another_record_is_refused(client, three_versions, published_system):
    # published_system has version 1 only; three_versions' 3 is not one of its versions.
    page(client, card_url(published_system, "compare/?from=1&to=3"), status=400)
    page(client, card_url(published_system, "versions/3/"), status=404)


def test_unknown_parameters_are_ignored(client, three_versions):
    page(client, card_url(three_versions, "compare/?from=1&to=3&evil=%00"))


# --- Query budgets -----------------------------------------------------------------------------


def _bulk_published(organisation, count: int) -> None:
    """``count`` published records, written as bulk seeding writes them."""
    now = timezone.now()
    for _ in range(count):
        system = AISystemFactory(
            organisation=organisation,
            application_area="service_delivery",
            techniques=["chatbot"],
            classification_answers={"is_ai_system": True, "role": "deployer"},
        )
        version = version_of(system)
        AISystem.objects.filter(pk=system.pk).update(
            published_version=version, status=Status.PUBLISHED, first_published_at=now
        )
    rebuild_public_records()


@pytest.mark.parametrize("others", [10, 200])
def test_the_card_pages_run_a_fixed_number_of_queries(
    client, agency, editor, publish, others, django_assert_max_num_queries
):
    system = publish(complete_system(agency, editor))
    for n in range(8):
        DataSourceFactory(system=system, **every_language(name=f"Source {n}", description="Data"))
        RiskFactory(system=system, **every_language(name=f"Risk {n}", mitigation="Checks"))
    edit(system, editor, summary_en="Answers many questions")
    system = publish(system)
    _bulk_published(agency, others)
    assert PublishedVersion.objects.count() >= others + 2
    budgets = {"": 6, "versions/": 4, "versions/1/": 4, "compare/": 4, "compare/?from=2&to=1": 4}
    for tail, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            html = page(client, card_url(system, tail))
        if tail == "":
            assert "Similar systems" in html


def test_an_earlier_full_version_shows_no_more_than_the_current_reduced_card(
    client, agency, editor, publish
):
    """Once a record is withheld, version 1 (published in full) shows only what the current
    card shows: the withholding hides the details of every version."""
    from register.models import Membership, Withholding
    from register.services.records import system_update
    from tests.factories import MembershipFactory, complete_system

    system = publish(complete_system(agency, editor, scope_en="Hidden later: zqxscope"))
    deciding = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    system = system_update(
        system=system,
        actor=deciding,
        data={
            "withholding": Withholding.WITHHELD,
            **{f"withholding_reason_{c}": "National security" for c in ("kk", "ru", "en")},
        },
        expected_revision=system.revision,
    )
    publish(system, actor=editor)
    page = client.get(f"/en/systems/{system.public_id}/versions/1/").content.decode()
    assert "zqxscope" not in page
