"""The CSV download of 100,000 public records streams in flat memory: its peak Python memory
stays far under what holding the rows would take."""

from __future__ import annotations

import time
import tracemalloc

import pgtrigger
import pytest
from django.db import connection
from django.urls import reverse

from demo.bulk import seed_bulk
from register.models import AISystem, PublicRecord, PublishedVersion

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

RECORDS = 100_000
# Holding the rows would take more than 2 KB a record (a decoded card is several times that);
# a stream holds one chunk of the cursor and one chunk of text.
PEAK_BYTES = 64 * 1024 * 1024


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def _clone(count: int) -> None:
    """``count`` copies of the one seeded public record: systems, versions and public rows
    written by SQL in three statements (the audit trail's triggers set aside: this is a
    fixture of a memory test, not a way records are made)."""
    system = AISystem.objects.get()
    version = PublishedVersion.objects.get()
    overrides = {
        "public_id": "'KZ-AI-M' || lpad(g::text, 6, '0')",
        "slug": "'memory-' || g",
        "status": "'draft'",
        "published_version_id": "NULL",
    }
    names = [c for c in _columns("register_aisystem") if c != "id"]
    systems = (
        f"INSERT INTO register_aisystem ({', '.join(names)}) "
        f"SELECT {', '.join(overrides.get(n, 't.' + n) for n in names)} "
        "FROM register_aisystem t, generate_series(1, %s) g WHERE t.id = %s"
    )
    version_overrides = {
        "system_id": "s.id",
        "snapshot": "jsonb_set(t.snapshot, '{public_id}', to_jsonb(s.public_id))",
        "record": "'{}'::jsonb",
        "previous_chain_sha256": "''",
        "chain_sha256": "md5(s.public_id) || md5(s.id::text)",
    }
    version_names = [c for c in _columns("register_publishedversion") if c != "id"]
    versions = (
        f"INSERT INTO register_publishedversion ({', '.join(version_names)}) "
        f"SELECT {', '.join(version_overrides.get(n, 't.' + n) for n in version_names)} "
        "FROM register_aisystem s, register_publishedversion t "
        "WHERE s.id <> %s AND t.id = %s"
    )
    public_overrides = {"system_id": "v.system_id", "version_id": "v.id"}
    public_names = _columns("register_publicrecord")
    public = (
        f"INSERT INTO register_publicrecord ({', '.join(public_names)}) "
        f"SELECT {', '.join(public_overrides.get(n, 't.' + n) for n in public_names)} "
        "FROM register_publishedversion v, register_publicrecord t "
        "WHERE v.id <> %s AND t.system_id = %s"
    )
    guarded = [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if model in (AISystem, PublishedVersion)
    ]
    with pgtrigger.ignore(*guarded), connection.cursor() as cursor:
        cursor.execute(systems, [count, system.pk])
        cursor.execute(versions, [system.pk, version.pk])
        cursor.execute(public, [version.pk, system.pk])


def test_the_csv_of_100000_records_streams_in_flat_memory(client):
    seed_bulk(1, published_share=1.0)
    _clone(RECORDS - 1)
    assert PublicRecord.objects.count() == RECORDS
    started = time.monotonic()
    response = client.get(reverse("api:download", kwargs={"format": "csv"}))
    lines = 0
    size = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            lines += chunk.count(b"\r\n")
            size += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines == RECORDS + 1  # the header and a row per record
    assert peak < PEAK_BYTES, f"peak {peak / 2**20:.1f} MiB"
    assert size > RECORDS * 1024  # what holding the text alone would have taken
    print(
        f"{size / 2**20:.0f} MiB in {time.monotonic() - started:.0f} s, peak {peak / 2**20:.1f} MiB"
    )
