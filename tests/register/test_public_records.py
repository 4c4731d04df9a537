"""The public read model: facets and search documents of what the public was shown, written by
the publish and withdraw services and rebuilt from the versions."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from compliance.services import classification_apply
from demo.bulk import bulk_systems
from register import workflow
from register.cards import build_card
from register.i18n import CONTENT_LANGUAGES
from register.models import (
    AISystem,
    Membership,
    PublicRecord,
    PublishedVersion,
    RiskClass,
    Status,
    Withholding,
)
from register.selectors import systems_with_parts
from register.services import publication, records
from register.services.projection import rebuild_public_records
from register.snapshots import freeze_record
from tests.factories import MembershipFactory, complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db

LIMITED_RISK = {"is_ai_system": True, "role": "deployer", "interacts_with_people": True}


def publish(system, editor, approver):
    publication.system_submit(system=system, actor=editor)
    return publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)


def rows():
    """Every public row, search documents included (as PostgreSQL prints them)."""
    return list(PublicRecord.objects.order_by("system").values())


@pytest.fixture
def published(agency, editor, approver):
    system = complete_system(
        agency,
        editor,
        channels=["egov_portal", "egov_mobile"],
        scope_en="Only answers questions about housing benefits",
    )
    publish(system, editor, approver)
    system.refresh_from_db()
    return system


def test_publishing_writes_the_public_row_from_the_card(published):
    row = PublicRecord.objects.get(system=published)
    version = published.published_version
    card = version.snapshot

    assert row.version_id == version.pk
    assert row.organisation_id == card["organisation"]["id"] == published.organisation_id
    assert row.risk_class == card["risk"]["class"] == RiskClass.MINIMAL
    assert row.annex_iii == []
    assert row.application_area == "service_delivery"
    assert row.techniques == ["chatbot"]
    assert row.channels == ["egov_portal", "egov_mobile"]
    assert row.phase == "production"
    assert row.decision_role == "informs"
    assert row.withdrawn is False and row.withdrawn_at is None
    assert row.published_at == row.updated_at == version.published_at


def test_the_row_keeps_what_the_public_was_shown_until_the_next_publication(
    published, editor, approver
):
    first = PublicRecord.objects.get(system=published)
    classification_apply(system=published, actor=editor, answers=LIMITED_RISK)
    published.refresh_from_db()
    records.system_update(
        system=published,
        actor=editor,
        data={"channels": ["service_centre"]},
        expected_revision=published.revision,
    )
    assert AISystem.objects.get(pk=published.pk).risk_class == RiskClass.LIMITED
    assert PublicRecord.objects.get(system=published) == first
    assert PublicRecord.objects.filter(risk_class=RiskClass.MINIMAL).count() == 1

    version = publish(published, editor, approver)

    row = PublicRecord.objects.get(system=published)
    assert row.version_id == version.pk and version.number == 2
    assert row.risk_class == RiskClass.LIMITED
    assert row.channels == ["service_centre"]
    assert row.published_at == first.published_at
    assert row.updated_at == version.published_at > first.updated_at


def test_withdrawing_marks_the_row_withdrawn(published, approver):
    publication.system_withdraw(system=published, actor=approver)
    published.refresh_from_db()
    row = PublicRecord.objects.get(system=published)
    assert row.withdrawn is True
    assert row.withdrawn_at == published.withdrawn_at == row.updated_at
    assert row.version_id == published.published_version_id


def test_a_record_never_published_has_no_row(agency, editor):
    complete_system(agency, editor)
    assert not PublicRecord.objects.exists()


@pytest.mark.parametrize("withholding", [Withholding.RESTRICTED, Withholding.WITHHELD])
def test_a_reduced_card_gives_only_its_own_facets_and_words(agency, editor, approver, withholding):
    other_approver = MembershipFactory(organisation=agency, role=Membership.Role.APPROVER).user
    system = complete_system(
        agency,
        approver,
        withholding=withholding,
        withholding_reason_en="Used at the border",
        channels=["service_centre"],
        **{f"scope_{code}": "Passport photographs compared" for code in CONTENT_LANGUAGES},
    )
    publish(system, editor, other_approver)

    row = PublicRecord.objects.get(system=system)
    assert row.application_area == "" and row.techniques == [] and row.channels == []
    assert row.risk_class == RiskClass.MINIMAL
    assert row.phase == "production"
    public = PublicRecord.objects.filter(system=system)
    assert public.filter(search_en=SearchQuery("benefit assistant", config="english")).exists()
    assert not public.filter(search_en=SearchQuery("passport", config="english")).exists()


def test_search_documents_are_weighted_and_stemmed_per_language(published):
    public = PublicRecord.objects.filter(system=published)
    row = public.get()
    # The name weighs A, the summary B, the organisation C, the scope D (printed without one).
    assert "'assist':2A" in row.search_en
    assert "'answer':4B" in row.search_en
    assert "'agenc':7C" in row.search_en
    assert re.search(r"'hous':\d+ ", row.search_en)
    assert public.filter(search_en=SearchQuery("assistants", config="english")).exists()
    assert public.filter(search_ru=SearchQuery("assistant", config="russian")).exists()
    # Kazakh has no stemmer: words are matched as written.
    assert public.filter(search_kk=SearchQuery("benefit", config="simple")).exists()
    assert not public.filter(search_en=SearchQuery("tractor", config="english")).exists()


def test_rebuilding_gives_exactly_the_rows_the_services_wrote(agency, editor, approver):
    systems = [complete_system(agency, editor) for _ in range(3)]
    for system in systems:
        publish(system, editor, approver)
    classification_apply(system=systems[1], actor=editor, answers=LIMITED_RISK)
    publish(systems[1], editor, approver)
    publication.system_withdraw(system=systems[2], actor=approver)
    complete_system(agency, editor)  # never published
    written = rows()
    assert len(written) == 3

    # Take the table apart: a row missing, a row wrong, a row of a record with no version.
    PublicRecord.objects.filter(system=systems[0]).delete()
    PublicRecord.objects.filter(system=systems[1]).update(risk_class="", withdrawn=True)
    assert rebuild_public_records(batch_size=2) == 3
    assert rows() == written

    out = StringIO()
    call_command("rebuild_public_records", stdout=out)
    assert out.getvalue().startswith("3 public records rebuilt")
    assert rows() == written


def test_a_published_record_without_a_version_is_refused_by_the_database(agency, editor):
    draft = complete_system(agency, editor)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE register_aisystem SET status = 'published' WHERE id = %s", [draft.pk]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AISystem.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)


def test_bulk_seeding_publishes_real_versions_and_their_public_rows():
    call_command("seed_bulk", count=300, stdout=StringIO())
    assert bulk_systems() == 300
    published = AISystem.objects.filter(status=Status.PUBLISHED)
    assert 150 < published.count() < 300
    assert not AISystem.objects.filter(status=Status.PUBLISHED, published_version=None).exists()
    assert PublicRecord.objects.count() == published.count() == PublishedVersion.objects.count()
    high = PublicRecord.objects.filter(annex_iii__contains=["5a"])
    assert high.exists()
    assert set(high.values_list("risk_class", flat=True)) == {RiskClass.HIGH}

    for system in systems_with_parts().filter(status=Status.PUBLISHED)[:20]:
        version = system.published_version
        assert version.verify()
        assert version.record == freeze_record(system)
        assert version.snapshot == build_card(version.record)
        assert system.first_published_at == version.published_at

    written = rows()
    rebuild_public_records()
    assert rows() == written
