"""The output of a developer's run: e-mails out of the console, no broker warning when tasks
run in-process, one log record per refused request and no traceback for a 403, and `make run`
linking to the port it serves."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess

import pytest

from tests.config.test_settings import ROOT, _python
from tests.factories import complete_system


def test_debug_mode_writes_e_mails_to_files_under_data():
    result = _python(
        "-c",
        "import config.settings as s; print(s.EMAIL_BACKEND); print(s.EMAIL_FILE_PATH)",
        DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    backend, path = result.stdout.split()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(ROOT / ".data" / "mail")


def test_tasks_run_in_process_without_a_broker_warning():
    script = "\n".join(
        [
            "import os, django",
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')",
            "django.setup()",
            "from config.celery import app",
            "@app.task(name='ping')",
            "def ping():",
            "    return 'pong'",
            "print(ping.delay().get())",
        ]
    )
    result = _python("-c", script, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["pong"]
    assert "No hostname was supplied" not in result.stderr
    assert "succeeded in" not in result.stderr
    assert result.stderr == ""


@pytest.fixture
def log_output():
    """Everything the configured stream handlers write, in one buffer."""
    buffer = io.StringIO()
    loggers = [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]
    handlers = {
        handler
        for logger in loggers
        for handler in getattr(logger, "handlers", [])
        if type(handler) is logging.StreamHandler
    }
    assert handlers
    streams = {handler: handler.setStream(buffer) for handler in handlers}
    yield buffer
    for handler, stream in streams.items():
        handler.setStream(stream)


@pytest.mark.django_db
def test_a_refused_request_is_logged_once_without_a_traceback(
    client, settings, regulator, editor, agency, log_output, caplog
):
    settings.DEBUG = True  # Django's own console handler writes in debug mode only
    system = complete_system(agency, editor)
    client.force_login(regulator)
    path = f"/en/workspace/systems/{system.public_id}/classification/role/"
    with caplog.at_level(logging.INFO):
        assert client.get(path).status_code == 403
    records = [r for r in caplog.records if r.name.startswith("django") and path in r.getMessage()]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert records[0].exc_info is None
    written = log_output.getvalue()
    assert written.count(f"Forbidden (Permission denied): {path}") == 1
    assert "Traceback" not in written


def test_the_development_servers_line_for_a_refused_request_is_left_out(log_output):
    server = logging.getLogger("django.server")
    server.warning('"%s" %s %s', "GET /x/ HTTP/1.1", "403", "0", extra={"status_code": 403})
    server.info('"%s" %s %s', "GET /y/ HTTP/1.1", "200", "10", extra={"status_code": 200})
    written = log_output.getvalue()
    assert "GET /x/" not in written
    assert written.count("GET /y/") == 1


@pytest.mark.parametrize(
    ("arguments", "site"),
    [
        ([], "http://127.0.0.1:8000"),
        (["PORT=8101"], "http://127.0.0.1:8101"),
        (["HOST=0.0.0.0", "PORT=8102"], "http://127.0.0.1:8102"),
        (["SITE_URL=https://register.example.gov.kz"], "https://register.example.gov.kz"),
    ],
)
def test_make_run_links_e_mails_to_the_address_it_serves(arguments, site):
    result = subprocess.run(
        [shutil.which("make") or "make", "--no-print-directory", "-n", "serve", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    seed, serve = result.stdout.splitlines()[1:3]
    assert seed.startswith(f"SITE_URL={site} ") and seed.endswith("seed_demo")
    assert serve.startswith(f"SITE_URL={site} ") and "runserver" in serve
