"""The register-wide hash chain of published versions, and ``manage.py verify_chain``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from register.models import PublishedVersion
from register.models.versions import chain_digest
from tests.factories import AISystemFactory


def _publish(count: int) -> list[PublishedVersion]:
    return [
        PublishedVersion.objects.create(
            system=AISystemFactory(),
            number=1,
            snapshot={"name": {"en": f"Card {i}"}},
            record={"fields": {"name": {"en": f"Record {i}"}}},
        )
        for i in range(count)
    ]


def _verify() -> str:
    out = StringIO()
    call_command("verify_chain", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_each_version_links_to_the_one_before_it_in_the_register():
    first, second, third = _publish(3)
    assert first.previous_chain_sha256 == ""
    assert second.previous_chain_sha256 == first.chain_sha256
    assert third.previous_chain_sha256 == second.chain_sha256
    assert third.chain_sha256 == chain_digest(third, second.chain_sha256)
    assert _verify() == f"3 versions match. Head of the chain: {third.chain_sha256}\n"


def _tamper(owner_connection, sql: str, params: list) -> None:
    """What a superuser (or the owner with the guards switched off) could do."""
    with owner_connection.transaction():
        owner_connection.execute("ALTER TABLE register_publishedversion DISABLE TRIGGER USER")
        owner_connection.execute(sql, params)
        owner_connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
        owner_connection.execute("ALTER TABLE register_publishedversion ENABLE TRIGGER USER")


@pytest.mark.django_db(transaction=True)
def test_verify_chain_names_a_version_whose_card_was_edited(owner_connection):
    _first, second, _third = _publish(3)
    _tamper(
        owner_connection,
        'UPDATE register_publishedversion SET snapshot = \'{"name": "Forged"}\' WHERE id = %s',
        [second.pk],
    )
    with pytest.raises(CommandError, match=f"id={second.pk} .*does not match its stored hash"):
        _verify()


@pytest.mark.django_db(transaction=True)
def test_verify_chain_names_a_version_rehashed_after_an_edit(owner_connection):
    from register.models.versions import snapshot_digest

    _first, second, _third = _publish(3)
    forged = {"name": {"en": "Forged"}}
    _tamper(
        owner_connection,
        "UPDATE register_publishedversion SET snapshot = %s, sha256 = %s WHERE id = %s",
        [psycopg_json(forged), snapshot_digest(forged), second.pk],
    )
    with pytest.raises(CommandError, match=f"id={second.pk} .*own link does not match"):
        _verify()


@pytest.mark.django_db(transaction=True)
def test_verify_chain_names_the_version_after_a_removed_one(owner_connection):
    _first, second, third = _publish(3)
    _tamper(owner_connection, "DELETE FROM register_publishedversion WHERE id = %s", [second.pk])
    with pytest.raises(CommandError, match=f"id={third.pk} .*link of the version before it"):
        _verify()


def psycopg_json(data: object):  # type: ignore[no-untyped-def]
    from psycopg.types.json import Jsonb

    return Jsonb(data)
