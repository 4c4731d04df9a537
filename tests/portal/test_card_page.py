"""The transparency card page: the current public version, plain language first, its metadata,
the withdrawn and overdue marks, similar systems, a reduced card that leaks nothing, and a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from portal import cards
from register import schema
from register.cards import CORE
from register.models import (
    AISystem,
    LegalBasis,
    Membership,
    PublicRecord,
    Supplier,
    Withholding,
)
from register.models.versions import canonical_text
from register.services import publication, records
from tests.factories import (
    DataSourceFactory,
    ImpactAssessmentFactory,
    MembershipFactory,
    RiskFactory,
    complete_system,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Pages are read again after a change in the same (never committed) transaction.
    settings.PUBLIC_CACHE_SECONDS = 0


def page(client, path: str, language: str = "en", status: int = 200) -> str:  # type: ignore[no-untyped-def]
    response = client.get(f"/{language}{path}")
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def card_url(system: AISystem, tail: str = "") -> str:
    return f"/systems/{system.public_id}/{tail}"


def edit(system: AISystem, actor: Any, **data: Any) -> AISystem:
    system.refresh_from_db()
    return records.system_update(
        system=system, actor=actor, data=data, expected_revision=system.revision
    )


# --- The page ----------------------------------------------------------------------------------


def test_the_card_puts_the_plain_language_answers_before_the_details(client, published_system):
    html = page(client, card_url(published_system))
    order = [
        "Answers questions [en]",  # what it is
        "Does it make decisions about people?",
        "Who is responsible for it",
        "How to ask for an explanation, a human review or an appeal",
        "Getting the service without AI",  # how to refuse it
        'id="card-details"',
        "Human oversight",
        "Risks and how they are reduced",
        'id="card-record"',
        "Versions of this record",
        "Report an error in this record",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert html.count("<h1") == 1


def test_the_card_has_a_title_description_and_canonical_link(client, published_system, settings):
    settings.SITE_URL = "https://register.example.gov.kz"
    html = page(client, card_url(published_system))
    assert "<title>Benefit assistant [en] – " in html
    assert html.count('<meta name="description"') == 1
    assert '<meta name="description" content="Answers questions [en]">' in html
    # One canonical address, from the register's own address, never the request's Host.
    assert html.count('rel="canonical"') == 1
    canonical = f"https://register.example.gov.kz/en/systems/{published_system.public_id}/"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_the_card_shows_the_current_public_version_not_the_working_copy(
    client, published_system, editor
):
    edit(published_system, editor, name_en="Renamed in the working copy")
    html = page(client, card_url(published_system))
    assert "Renamed in the working copy" not in html
    assert "Benefit assistant [en]" in html


def test_the_card_shows_its_metadata(client, published_system):
    html = page(client, card_url(published_system))
    record = PublicRecord.objects.get(pk=published_system.pk)
    for label in ("Register number", "Version", "First published", "This version published"):
        assert label in html
    assert "Last reviewed" in html and published_system.public_id in html
    assert record.version.sha256 in html


def test_the_links_to_the_versions_and_to_feedback(client, published_system):
    html = page(client, card_url(published_system))
    public_id = published_system.public_id
    assert f'href="/en/systems/{public_id}/versions/"' in html
    for kind in ("error", "question", "review"):
        assert f'href="/en/systems/{public_id}/feedback/?kind={kind}"' in html


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_a_record_never_published_is_not_found(client, agency, editor, status):
    system = complete_system(agency, editor)
    if status == "submitted":
        publication.system_submit(system=system, actor=editor)
    for tail in ("", "versions/", "versions/1/", "compare/"):
        page(client, card_url(system, tail), status=404)


def test_an_unknown_record_is_not_found(client, db):
    page(client, "/systems/KZ-AI-999999/", status=404)


def test_a_withdrawn_system_is_marked_with_the_date_and_stays_readable(
    client, published_system, approver
):
    publication.system_withdraw(system=published_system, actor=approver)
    html = page(client, card_url(published_system))
    date = timezone.localdate().strftime("%-d %B %Y")
    assert f"This record was withdrawn on {date}" in html
    assert "Answers questions [en]" in html and "Human oversight" in html


# --- Review overdue ----------------------------------------------------------------------------


def test_review_overdue_is_computed_against_today():
    record = PublicRecord(next_review_on=dt.date(2025, 3, 1))
    assert not cards.review_overdue(record, today=dt.date(2025, 3, 1))
    assert cards.review_overdue(record, today=dt.date(2025, 3, 2))
    assert not cards.review_overdue(PublicRecord(next_review_on=None), today=dt.date(2025, 3, 2))


def test_a_card_past_its_next_review_says_the_review_is_overdue(client, agency, editor, publish):
    past = timezone.localdate() - dt.timedelta(days=1)
    system = publish(complete_system(agency, editor, next_review_on=past))
    html = page(client, card_url(system))
    assert 'id="card-review-overdue"' in html
    assert "Review overdue" in html
    # The version page of the current version says so too; it is the same version.
    assert 'id="card-review-overdue"' in page(client, card_url(system, "versions/1/"))


def test_a_card_with_a_future_review_is_not_overdue(client, agency, editor, publish):
    future = timezone.localdate() + dt.timedelta(days=30)
    system = publish(complete_system(agency, editor, next_review_on=future))
    html = page(client, card_url(system))
    assert "Review overdue" not in html and "Next review" in html


# --- Similar systems ---------------------------------------------------------------------------


def test_similar_systems_share_the_area_and_a_technique_never_the_record_itself(
    client, agency, editor, publish, approver
):
    system = publish(complete_system(agency, editor, name_en="Benefit assistant"))
    alike = publish(complete_system(agency, editor, name_en="Pension helper"))
    withdrawn = publish(complete_system(agency, editor, name_en="Old helper"))
    publication.system_withdraw(system=withdrawn, actor=approver)
    other = publish(
        complete_system(
            agency,
            editor,
            name_en="Road cameras",
            name_ru="Дорожные камеры",
            name_kk="Жол камералары",
            summary_en="Counts vehicles",
            summary_ru="Считает машины",
            summary_kk="Көліктерді санайды",
            application_area="internal",
            techniques=["computer_vision"],
        )
    )
    record = PublicRecord.objects.get(pk=system.pk)
    similar = [r.pk for r in cards.similar_systems(record)]
    assert system.pk not in similar and other.pk not in similar
    assert similar == [alike.pk, withdrawn.pk]  # withdrawn ones last
    html = page(client, card_url(system))
    assert "Similar systems" in html and "Pension helper" in html


def test_similar_systems_are_at_most_five(agency, editor, publish):
    systems = [publish(complete_system(agency, editor)) for _ in range(7)]
    record = PublicRecord.objects.get(pk=systems[0].pk)
    assert len(cards.similar_systems(record)) == 5


def test_similar_systems_rank_a_bounded_number_of_candidates(
    monkeypatch, agency, editor, publish, django_assert_num_queries
):
    """However many records are alike, only the most recently changed ``SIMILAR_CANDIDATES``
    alike in area and techniques (and as many with a word of the name) are ranked, in one
    query."""
    systems = [publish(complete_system(agency, editor)) for _ in range(6)]
    PublicRecord.objects.filter(pk=systems[1].pk).update(
        updated_at=timezone.now() + dt.timedelta(days=1)
    )
    monkeypatch.setattr(cards, "SIMILAR_CANDIDATES", 1)
    record = cards.public_record(systems[0].public_id)
    with django_assert_num_queries(1):
        similar = cards.similar_systems(record)
    # The newest alike and the newest with a word of the name: the same record here.
    assert [r.pk for r in similar] == [systems[1].pk]
    monkeypatch.setattr(cards, "SIMILAR_CANDIDATES", 100)
    assert len(cards.similar_systems(record)) == 5


def test_a_record_of_another_area_with_a_word_of_the_name_and_alike_texts_is_similar(
    agency, editor, publish
):
    system = publish(complete_system(agency, editor, name_en="Benefit assistant"))
    other = publish(
        complete_system(
            agency,
            editor,
            name_en="Benefit assistant for pensions",
            application_area="internal",
            techniques=["computer_vision"],
        )
    )
    record = cards.public_record(system.public_id)
    assert not record.techniques or "computer_vision" not in record.techniques
    assert other.pk in [r.pk for r in cards.similar_systems(record)]


def test_a_record_alike_only_in_some_words_of_its_name_is_not_similar(agency, editor, publish):
    """A word of the name brings a record to be ranked; it is shown only if its texts are
    alike (pg_trgm's threshold) or it shares the area and a technique."""
    system = publish(complete_system(agency, editor, name_en="Benefit assistant"))
    unlike = publish(
        complete_system(
            agency,
            editor,
            name_en="Benefit camera",
            name_ru="Камеры",
            name_kk="Камералар",
            summary_en="Counts vehicles on the roads",
            summary_ru="Считает машины",
            summary_kk="Көліктерді санайды",
            application_area="internal",
            techniques=["computer_vision"],
        )
    )
    similar = cards.similar_systems(cards.public_record(system.public_id))
    assert unlike.pk not in [r.pk for r in similar]


# --- Nothing non-public on a reduced card ------------------------------------------------------

_counter = itertools.count(1)


def _marks(model: type[models.Model], name: str, translated: bool) -> dict[str, str]:
    """A unique marker in each column of the field ``name`` that can hold text."""
    columns = [f"{name}_{code}" for code in ("kk", "ru", "en")] if translated else [name]
    values = {}
    for column in columns:
        field = model._meta.get_field(column)
        if field.choices or not isinstance(field, models.CharField | models.TextField):
            continue
        token = f"MK{next(_counter):04d}X"
        if isinstance(field, models.EmailField):
            values[column] = f"{token.lower()}@example.kz"
        elif isinstance(field, models.URLField):
            values[column] = f"https://example.kz/{token}"
        else:
            values[column] = token
    return values


def mark_everything(system: AISystem) -> dict[str, list[str]]:
    """Write a unique marker into every text column of the record and of one item of each of
    its parts; returns the markers by field (``name``, ``risks.mitigation``...)."""
    by_field: dict[str, list[str]] = {}

    def keep(label: str, values: dict[str, str]) -> dict[str, str]:
        by_field[label] = [v.split("/")[-1].split("@")[0].upper() for v in values.values()]
        return values

    updates: dict[str, str] = {}
    for section in schema.SECTIONS:
        for name in section.fields:
            updates |= keep(name, _marks(AISystem, name, name in schema.SYSTEM_TRANSLATED))
    AISystem.objects.filter(pk=system.pk).update(**updates)
    factories = {
        "data_sources": DataSourceFactory,
        "risks": RiskFactory,
        "impact_assessments": ImpactAssessmentFactory,
        "suppliers": lambda **kw: Supplier.objects.create(**kw),
        "legal_bases": lambda **kw: LegalBasis.objects.create(**kw),
    }
    for part in schema.PARTS:
        values: dict[str, str] = {}
        for name in part.fields:
            values |= keep(f"{part.name}.{name}", _marks(part.model, name, name in part.translated))
        if part.many:
            factories[part.name](system=system, **values)
        else:
            part.model.objects.filter(system=system).update(**values)
    return by_field


def hidden_markers(by_field: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: marks for name, marks in by_field.items() if name not in CORE and marks}


@pytest.fixture
def reduced_system(request, agency, editor, approver, publish):  # type: ignore[no-untyped-def]
    """A record with a marker in every text field, restricted or withheld (by another approver
    than the one who publishes), published twice (the summary changed in between)."""
    withholding = request.param
    other = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    system = complete_system(
        agency, other, withholding=withholding, withholding_reason_en="Reason given"
    )
    by_field = mark_everything(system)
    system = publish(system)
    edit(system, editor, summary_en="Answers questions about pensions")
    system = publish(system)
    return system, by_field


@pytest.mark.parametrize(
    "reduced_system", [Withholding.RESTRICTED, Withholding.WITHHELD], indirect=True
)
def test_a_reduced_card_shows_no_marker_of_a_hidden_field_on_any_page(client, reduced_system):
    system, by_field = reduced_system
    hidden = hidden_markers(by_field)
    assert len(hidden) > 40
    frozen = canonical_text(system.versions.get(number=1).record)
    assert all(mark in frozen for marks in hidden.values() for mark in marks)  # seeded
    tails = ("", "versions/", "versions/1/", "versions/2/", "compare/", "compare/?from=2&to=1")
    pages = {
        (tail, language): page(client, card_url(system, tail), language=language)
        for tail in tails
        for language in ("en", "ru")
    }
    for where, html in pages.items():
        for name, marks in hidden.items():
            for mark in marks:
                assert mark not in html and mark.lower() not in html, (where, name)
    card_html = pages[("", "en")]
    assert "Why the rest of this record is not public" in card_html
    for name in ("name", "owner_role", "appeal_route"):
        assert by_field[name][-1] in card_html, name  # the core is shown
    assert "Answers questions about pensions" in pages[("compare/", "en")]
