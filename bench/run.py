"""``python -m bench``: seed, serve, measure, print and save (see the package's docstring).

Run it under ``config.devdb`` (``make bench`` does) or with ``DATABASE_URL`` and
``DATABASE_OWNER_URL`` set: the benchmark's database is made next to the one they name,
``<name>_bench_<count>``, by the owner role, and recreated unless ``--reuse`` is given. Its
cache is a Redis of its own (``config.devdb.private_redis``), never the register's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from bench import load, measures, table
from bench.targets import CEILING, EDITOR, REGULATOR, TARGETS, Sample, Target, paths_of

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
#: Distinct systems a target with many paths cycles through.
SAMPLE_SIZE = 2000


def _with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` (a URL without a user or host keeps its ``//``)."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}/{name}{query}"


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _recreate_database(owner_url: str, name: str, *, reuse: bool) -> bool:
    """Make the database ``name`` (owned by the owner role); True when it was there already
    and kept."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(owner_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and reuse:
            return True
        if exists:
            # WITH (FORCE): connections left by an earlier run's server, whoever they are.
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        owner = connection.info.user
        connection.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(owner)
            )
        )
    return False


def _analyze(environ: dict[str, str]) -> None:
    """Statistics for the planner and the visibility map after a bulk load, as autovacuum
    makes them within a minute or so in production: without statistics the planner plans for
    empty tables (a regulator's overview of 2,500 systems took 18 s instead of 0.1 s), without
    the visibility map a count reads the whole table instead of an index (34 ms instead of 3 for
    the 100,000 records). Run by the owner role, which owns the tables."""
    import psycopg

    url = environ.get("DATABASE_OWNER_URL") or environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("SET client_min_messages = error")  # not the catalogue's own tables
        connection.execute("VACUUM (ANALYZE)")


def _environment(args: argparse.Namespace, work: Path, redis_url: str) -> dict[str, str]:
    """Production settings for the server and this process, on the benchmark's database and
    a Redis of its own (``redis_url``: the cache is emptied at the start)."""
    app_url, owner_url = os.environ.get("DATABASE_URL"), os.environ.get("DATABASE_OWNER_URL")
    if not app_url:
        sys.exit("Set DATABASE_URL, or run under python -m config.devdb run")
    name = f"{_database_name(owner_url or app_url)}_bench_{args.count}"
    kept = _recreate_database(owner_url or app_url, name, reuse=args.reuse)
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "DEMO_MODE": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": _with_database(app_url, name),
        "REDIS_URL": redis_url,
        # Behind the load balancer, as in production: HTTPS is terminated in front of the
        # register, which trusts its X-Forwarded-Proto header (sent by the load script).
        "TRUST_X_FORWARDED_PROTO": "true",
        # One address sends every request: the API's limit for anonymous clients is lifted.
        "API_THROTTLE_ANON": "100000000/minute",
        # Nothing consumes this broker: queued tasks are not run behind a measure's back.
        "CELERY_BROKER_URL": "memory://",
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "REPORTS_ROOT": str(work / "reports"),
        # Collected apart from the project's staticfiles/, which a server of it may be reading.
        "STATIC_ROOT": str(work / "static"),
    }
    if owner_url:
        environ["DATABASE_OWNER_URL"] = _with_database(owner_url, name)
    environ["BENCH_DATABASE_KEPT"] = "1" if kept else ""
    return environ


def _manage(environ: dict[str, str], *arguments: str) -> None:
    subprocess.run(  # noqa: S603 — our own command line
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=environ, check=True
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _server(environ: dict[str, str], workers: int) -> Iterator[tuple[str, list[int]]]:
    """gunicorn serving the register on loopback: its base URL and its workers' process ids."""
    port = _free_port()
    master = subprocess.Popen(  # noqa: S603 — our own command line
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=environ,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base_url, master)
        yield base_url, _children(master.pid)
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=60)
        except subprocess.TimeoutExpired:
            master.kill()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (gunicorn's workers, forked before it serves)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The fields after the command's name, which is in parentheses: state, parent.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
    return sorted(children)


def _wait_until_ready(base_url: str, master: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if master is not None and master.poll() is not None:
            sys.exit("gunicorn stopped before it served")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    sys.exit(f"{base_url}/healthz did not answer in time")


def _prepare(count: int, clients: int) -> tuple[Sample, dict[str, list[str]], object]:
    """Users and their sessions, and the sample of systems and words (Django in this process)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import caches
    from django.test import Client

    from register.models import AISystem, Membership, Organisation
    from register.permissions import REGULATOR_GROUP
    from register.services.organisations import membership_grant

    User = get_user_model()

    def user(username: str) -> object:
        found = User.objects.filter(username=username).first()
        return found or User.objects.create_user(
            username=username, email=f"{username}@example.gov.kz", password=None
        )

    organisation = Organisation.objects.get(short_code="bulk-001")
    editor = user("bench-editor")
    membership_grant(
        actor=None, user=editor, organisation=organisation, role=Membership.Role.EDITOR
    )
    regulator = user("bench-regulator")
    regulator.groups.add(Group.objects.get_or_create(name=REGULATOR_GROUP)[0])
    # A session for each client, as each person has their own: the session row is written on
    # every request (SESSION_SAVE_EVERY_REQUEST), and one shared row would be a queue.
    sessions: dict[str, list[str]] = {}
    for role, who in ((EDITOR, editor), (REGULATOR, regulator)):
        sessions[role] = []
        for _ in range(clients):
            client = Client()
            client.force_login(who)
            sessions[role].append(client.cookies[settings.SESSION_COOKIE_NAME].value)

    published = AISystem.objects.filter(published_version__isnull=False)
    rng = random.Random(count)  # noqa: S311 — a sample, not a secret
    every = list(published.values_list("public_id", flat=True).order_by("pk"))
    own = list(published.filter(organisation=organisation).values_list("public_id", flat=True))
    rare = every[len(every) // 2].rsplit("-", 1)[1].lstrip("0")
    sample = Sample(
        public_ids=rng.sample(every, min(SAMPLE_SIZE, len(every))),
        own_ids=rng.sample(own, min(SAMPLE_SIZE, len(own))),
        # The synthetic names: one archetype of eight ("Demand forecasting 123"), and a
        # system's own number.
        common_words={"kk": "болжау", "ru": "Прогноз", "en": "forecasting"},
        rare_words=dict.fromkeys(("kk", "ru", "en"), rare),
    )
    for alias in ("default", "pages"):
        caches[alias].clear()
    return sample, sessions, editor


def _drive(
    target: Target,
    sample: Sample,
    sessions: dict[str, list[str]],
    base_url: str,
    args: argparse.Namespace,
    work: Path,
) -> load.LoadResult:
    from django.conf import settings

    cookies = (
        [f"{settings.SESSION_COOKIE_NAME}={session}" for session in sessions[target.who]]
        if target.who is not None
        else []
    )
    if target.primed:
        # As the load script asks: through the proxy's header, with the first client's session.
        headers = {"X-Forwarded-Proto": "https", "Cookie": "; ".join(cookies[:1])}
        for path in paths_of(target, sample):
            request = urllib.request.Request(base_url + path, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
                response.read()
    script = work / "load.lua"
    script.write_text(load.script(paths_of(target, sample), cookies=cookies, unique=target.unique))
    load.run(base_url, str(script), clients=args.clients, seconds=args.warmup)
    result = load.run(base_url, str(script), clients=args.clients, seconds=args.duration)
    _wait_until_ready(base_url)  # requests still being answered do not weigh on the next
    return result


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--count", type=int, default=100_000, help="published systems")
    parser.add_argument("--duration", type=float, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--reuse", action="store_true", help="keep a seeded database")
    parser.add_argument(
        "--only", action="append", default=[], metavar="TEXT", help="pages whose name has TEXT"
    )
    parser.add_argument("--skip-measures", action="store_true", help="pages only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not Path(load.WRK).exists():
        sys.exit("The benchmark drives the pages with wrk: apt-get install wrk")
    from config.devdb import private_redis

    with tempfile.TemporaryDirectory(prefix="register-bench-") as folder, private_redis() as redis:
        environ = _environment(args, Path(folder), redis)
        os.environ.update(environ)
        results = table.Results(count=args.count, cores=measures.cores(), args=vars(args))
        try:
            _measure(args, environ, Path(folder), results)
        finally:
            # What was measured is kept, even when a later step fails.
            print()
            print(table.render(results))
            path = table.save(results, RESULTS)
            print(f"\nSaved {path.relative_to(ROOT)}")
    return 0


def _measure(
    args: argparse.Namespace, environ: dict[str, str], work: Path, results: table.Results
) -> None:
    print(f"Benchmark database {_database_name(environ['DATABASE_URL'])}", flush=True)
    _manage(environ, "migrate", "--noinput", "-v", "0")
    _manage(environ, "collectstatic", "--noinput", "-v", "0")
    import django

    django.setup()
    print(f"Seeding {args.count} published systems…", flush=True)
    results.timings["seed"] = measures.seed(args.count, processes=measures.cores())
    _analyze(environ)
    sample, sessions, editor = _prepare(args.count, args.clients)

    if not args.skip_measures:
        # Before the pages: the findings pages then show what the register's rules found.
        # As many worker processes as cores, as a Celery worker starts by default.
        processes = measures.cores()
        print(f"  compliance sweep, first run ({processes} processes)…", flush=True)
        results.timings["sweep, first run"] = measures.sweep(processes)
        # The first run opened about ten findings a system: the nightly re-run finds them
        # vacuumed and analysed, as autovacuum leaves them long before the next night.
        _analyze(environ)
        print("  compliance sweep, re-run…", flush=True)
        results.timings["sweep, re-run"] = measures.sweep(processes)
        _analyze(environ)

    targets = [t for t in TARGETS if not args.only or any(o in t.name for o in args.only)]
    if args.only and all(t.name != CEILING for t in targets):
        targets.insert(0, TARGETS[0])
    with _server(environ, args.workers) as (base_url, workers):
        if not args.skip_measures:
            # First, from workers that have served nothing yet: the download's own memory.
            print("  bulk CSV download…", flush=True)
            results.timings["bulk CSV"] = measures.bulk_csv(base_url, workers)
        for target in targets:
            print(f"  {target.name}…", flush=True)
            result = _drive(target, sample, sessions, base_url, args, work)
            results.pages.append((target, result))
    if not args.skip_measures:
        print(f"  organisation report of {measures.REPORT_SYSTEMS} systems…", flush=True)
        results.timings["organisation report"] = measures.organisation_report()
        # Last: the edits change records the pages above showed.
        print("  check after an edit…", flush=True)
        results.timings["check after an edit"] = measures.check_after_edit(sample.own_ids, editor)
