"""The settings module refuses bad values at start-up and names the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import Env

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "production-secret-key-0123456789abcdefghij"


def _load_settings(**overrides: str) -> subprocess.CompletedProcess[str]:
    return _python(
        "-c", "import config.settings as s; print(s.DEBUG, s.LANGUAGE_CODE)", **overrides
    )


def _python(*args: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Python with ``args`` in the project, without the test run's settings variables."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "DEFAULT_LANGUAGE",
            "REDIS_URL",
            "CELERY_BROKER_URL",
            "EMAIL_PORT",
        }
    }
    environ.update(overrides)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"DEBUG": "maybe", "SECRET_KEY": GOOD_KEY}, "DEBUG must be a boolean"),
        ({"DEBUG": "false"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"SECRET_KEY": GOOD_KEY, "DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL must be a URL"),
        ({"DEBUG": "1", "DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL must be a URL"),
        ({"SECRET_KEY": GOOD_KEY, "DEFAULT_LANGUAGE": "fr"}, "DEFAULT_LANGUAGE must be one of"),
        ({"SECRET_KEY": GOOD_KEY, "EMAIL_PORT": "twenty-five"}, "EMAIL_PORT must be an integer"),
        ({"SECRET_KEY": GOOD_KEY, "REDIS_URL": "localhost:6379"}, "REDIS_URL must be a URL"),
        (
            {"SECRET_KEY": GOOD_KEY, "CELERY_BROKER_VISIBILITY_TIMEOUT": "300"},
            "CELERY_BROKER_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT",
        ),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(overrides, message):
    result = _load_settings(**overrides)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_good_values_load():
    result = _load_settings(DEBUG="off", SECRET_KEY=GOOD_KEY, DEFAULT_LANGUAGE="ru")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "ru"]


def test_debug_mode_runs_without_a_secret_key():
    result = _load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "kk"]


def test_a_unix_socket_url_names_the_socket_directory_as_host():
    done = _python(
        "-c",
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['HOST'], d['NAME'], d.get('OPTIONS', {}), sep='|')",
        DEBUG="1",
        DATABASE_URL="postgresql://postgres@/register?host=%2Fsrv%2FRun%20Dir",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "django.db.backends.postgresql|/srv/Run Dir|register|{}"


def _manage(*args: str) -> subprocess.CompletedProcess[str]:
    return _python("manage.py", *args, DEBUG="1")


def test_without_a_database_url_commands_that_need_none_still_run():
    assert _manage("check").returncode == 0
    migrations = _manage("makemigrations", "--check", "--dry-run")
    assert migrations.returncode == 0, migrations.stderr
    assert "No changes detected" in migrations.stdout
    assert migrations.stderr == ""


@pytest.mark.parametrize("command", [["migrate"], ["runserver"], ["dbshell"]])
def test_without_a_database_url_a_command_that_needs_it_says_what_to_do(command):
    done = _manage(*command)
    assert done.returncode == 1
    assert "DATABASE_URL is not set" in done.stderr
    assert "make run" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("FALSE", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_booleans_accept_the_usual_spellings(raw, expected):
    assert Env({"FLAG": raw}).bool("FLAG", default=False) is expected


def test_lists_are_comma_separated_and_trimmed():
    assert Env({"HOSTS": " a.kz, b.kz ,,"}).list("HOSTS") == ["a.kz", "b.kz"]


def test_integers_respect_a_minimum():
    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_TIMEOUT must be at least 60"):
        Env({"SESSION_IDLE_TIMEOUT": "5"}).int("SESSION_IDLE_TIMEOUT", default=1800, minimum=60)


def test_a_lost_task_goes_back_to_the_queue_only_after_the_longest_task(settings):
    """With acks late, a task whose worker vanished is redelivered after the broker's
    visibility timeout: shorter than a task's run (or its retry countdown), and a task still
    running would be handed to a second worker."""
    from compliance import tasks as compliance_tasks
    from config.celery import app
    from register.services.outbox import LONGEST_RETRY

    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert {"compliance.check_batch", "register.deliver_email", "register.outbox_sweep"} <= set(
        ours
    )
    longest = max(
        [settings.CELERY_TASK_TIME_LIMIT]
        + [task.time_limit for task in ours.values() if task.time_limit]
    )
    assert timeout > longest
    assert timeout > LONGEST_RETRY.total_seconds()
    assert timeout > compliance_tasks._RETRY["retry_backoff_max"]
    for task in ours.values():
        assert task.acks_late, task.name
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
