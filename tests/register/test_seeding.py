from __future__ import annotations

import time
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count

from register.cards import build_card
from register.demo.bulk import bulk_systems
from register.demo.loader import load_demo
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    Membership,
    PublishedVersion,
    RiskClass,
    Status,
)
from register.selectors import systems_with_parts
from register.snapshots import freeze_record


@pytest.mark.django_db
def test_demo_register_covers_every_risk_class_state_and_role():
    result = load_demo()
    assert result.organisations_created >= 6
    assert result.systems_created >= 20
    classes = set(AISystem.objects.values_list("risk_class", flat=True))
    assert classes >= {
        RiskClass.PROHIBITED,
        RiskClass.HIGH,
        RiskClass.LIMITED,
        RiskClass.MINIMAL,
        RiskClass.OUT_OF_SCOPE,
    }
    states = set(AISystem.objects.values_list("status", flat=True))
    assert states >= {
        Status.DRAFT,
        Status.IN_REVIEW,
        Status.RETURNED,
        Status.PUBLISHED,
        Status.WITHDRAWN,
    }
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Membership.Role.EDITOR, Membership.Role.APPROVER}
    usernames = {username for username, _role in result.users}
    assert {"admin", "regulator"} <= usernames


@pytest.mark.django_db
def test_demo_texts_exist_in_kazakh_russian_and_english():
    load_demo()
    for system in AISystem.objects.all():
        assert system.name_kk and system.name_ru and system.name_en, system.public_id
    assert AISystem.objects.filter(summary_kk__regex=r"[әғқңөұүһі]").count() >= 15


@pytest.mark.django_db
def test_demo_publications_are_real_versions_with_valid_hashes():
    load_demo()
    published = AISystem.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
    assert published.exists()
    for system in published.select_related("published_version"):
        version = system.published_version
        assert version.verify()
        assert version.snapshot["public_id"] == system.public_id
    system = systems_with_parts().filter(status=Status.PUBLISHED, withholding="none").first()
    assert system.published_version.record == freeze_record(system)
    assert system.published_version.snapshot == build_card(freeze_record(system))


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = {
        model: model.objects.count()
        for model in (AISystem, DataSource, PublishedVersion, Membership)
    }
    second = load_demo()
    assert second.systems_created == 0
    assert second.organisations_created == 0
    assert {model: model.objects.count() for model in counts} == counts


@pytest.mark.django_db
def test_seed_bulk_creates_systems_with_their_parts_and_tops_up():
    started = time.monotonic()
    call_command("seed_bulk", count=1500, stdout=StringIO())
    elapsed = time.monotonic() - started
    assert bulk_systems() == 1500
    assert HumanOversight.objects.count() == 1500
    assert DataSource.objects.count() == 3000
    # Generous bound for a shared 2-core machine; the benchmark measures the real rate.
    assert elapsed < 30, f"1,500 systems took {elapsed:.1f} s"
    ids = list(AISystem.objects.values_list("public_id", flat=True))
    assert len(ids) == len(set(ids))
    call_command("seed_bulk", count=1500, stdout=StringIO())
    assert bulk_systems() == 1500
    call_command("seed_bulk", count=1600, stdout=StringIO())
    assert bulk_systems() == 1600


@pytest.mark.django_db
def test_bulk_rows_are_in_the_audit_trail():
    call_command("seed_bulk", count=50, stdout=StringIO())
    events = apps.get_model("register", "AISystemEvent").objects
    assert events.filter(pgh_label="insert").count() == 50
    assert (
        events.values("pgh_context__metadata__action")
        .annotate(n=Count("pgh_id"))
        .get()["pgh_context__metadata__action"]
        == "seed.bulk"
    )
