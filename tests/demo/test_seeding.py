from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import unquote

import psutil
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count

from demo.bulk import BATCH_SIZE, bulk_systems, seed_bulk
from demo.loader import load_demo
from register.cards import build_card
from register.models import (
    AISystem,
    DataSource,
    HumanOversight,
    Membership,
    PublicRecord,
    PublishedVersion,
    RiskClass,
    Status,
)
from register.selectors import systems_with_parts, verify_chain
from register.snapshots import freeze_record

ROOT = Path(__file__).resolve().parents[2]


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
    version = system.published_version
    frozen = freeze_record(system, blocks={"compliance": version.record["compliance"]})
    assert version.record == frozen
    assert version.snapshot == build_card(frozen)


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_outside_demo_mode(settings):
    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE is off"):
        call_command("seed_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()
    assert not AISystem.objects.exists()


@pytest.mark.django_db
def test_seed_demo_forced_outside_demo_mode_gives_the_administrator_no_password(settings):
    from django.contrib.auth import get_user_model

    from demo.loader import DEMO_PASSWORD

    settings.DEMO_MODE = False
    out = StringIO()
    call_command("seed_demo", "--force", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert not admin.has_usable_password()
    assert not admin.check_password(DEMO_PASSWORD)
    assert "changepassword admin" in out.getvalue()
    assert AISystem.objects.exists()


@pytest.mark.django_db
def test_seed_demo_in_demo_mode_gives_the_administrator_the_published_password(settings):
    from django.contrib.auth import get_user_model

    from demo.loader import DEMO_PASSWORD

    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    assert get_user_model().objects.get(username="admin").check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_seed_demo_is_idempotent(settings):
    settings.DEMO_MODE = True
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
    call_command("seed_bulk", count=1500, stdout=StringIO())
    assert bulk_systems() == 1500
    assert HumanOversight.objects.count() == 1500
    assert DataSource.objects.count() == 3000
    ids = list(AISystem.objects.values_list("public_id", flat=True))
    assert len(ids) == len(set(ids))
    call_command("seed_bulk", count=1500, stdout=StringIO())
    assert bulk_systems() == 1500
    call_command("seed_bulk", count=1600, stdout=StringIO())
    assert bulk_systems() == 1600


@pytest.mark.django_db
def test_seed_bulk_publishes_the_share_asked_for():
    call_command("seed_bulk", count=40, published=1, stdout=StringIO())
    assert AISystem.objects.filter(status=Status.PUBLISHED).count() == 40
    assert PublicRecord.objects.count() == 40
    assert all(version.verify() for version in PublishedVersion.objects.all())
    call_command("seed_bulk", count=60, published=0, stdout=StringIO())
    assert AISystem.objects.filter(status=Status.PUBLISHED).count() == 40
    assert AISystem.objects.count() == 60


@pytest.mark.django_db(transaction=True)
def test_seed_bulk_in_two_processes_makes_one_chain_and_the_same_records(database_url):
    """`manage.py seed_bulk --processes 2`, run as a person runs it (a process of its own,
    which forks two): batches commit in either order; the versions still form one chain in id
    order, and the systems are those one process would have made."""
    environ = {key: value for key, value in os.environ.items() if key != "DATABASE_OWNER_URL"}
    command = [sys.executable, "manage.py", "seed_bulk", "--count", str(2 * BATCH_SIZE)]
    subprocess.run(
        [*command, "--published", "1", "--processes", "2"],
        cwd=ROOT,
        env={**environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert bulk_systems() == 2 * BATCH_SIZE
    assert PublicRecord.objects.count() == 2 * BATCH_SIZE
    report = verify_chain()
    assert report.broken is None and report.checked == 2 * BATCH_SIZE

    def kinds(prefix: str) -> list[str]:  # the names without their numbers
        systems = AISystem.objects.filter(organisation__short_code__startswith=prefix)
        return sorted(
            re.sub(r"\d+", "", name) for name in systems.values_list("name_en", flat=True)
        )

    made = seed_bulk(2 * BATCH_SIZE, published_share=1.0, prefix="solo-", organisations=1)
    assert made.created == 2 * BATCH_SIZE
    assert kinds("solo-") == kinds("bulk-")  # the same systems, made in one process
    assert verify_chain().checked == 4 * BATCH_SIZE


@pytest.mark.django_db
def test_seed_bulk_in_several_processes_refuses_to_run_inside_a_transaction():
    with pytest.raises(RuntimeError):
        seed_bulk(2 * BATCH_SIZE, processes=2)
    assert bulk_systems() == 0


def test_seed_bulk_refuses_fewer_than_one_process():
    with pytest.raises(SystemExit):
        call_command("seed_bulk", count=1, processes=0, stdout=StringIO(), stderr=StringIO())


def test_seed_bulk_refuses_a_share_outside_zero_to_one():
    with pytest.raises(SystemExit):
        call_command("seed_bulk", count=1, published=1.5, stdout=StringIO(), stderr=StringIO())


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


def _servers_on(data_dir: Path) -> list[psutil.Process]:
    """PostgreSQL processes still running on ``data_dir`` (exited ones awaiting reaping aside)."""
    return [
        process
        for process in psutil.process_iter(["name", "cmdline", "status"])
        if process.info["name"] == "postgres"
        and process.info["status"] != psutil.STATUS_ZOMBIE
        and str(data_dir) in " ".join(process.info["cmdline"] or [])
    ]


@pytest.mark.slow
def test_quick_start_on_embedded_postgresql_records_history_and_keeps_its_data(tmp_path):
    """The path a newcomer takes with nothing configured (`make run`): an embedded PostgreSQL
    started for each command, no broker, debug mode. The data directory sits under a long
    path, as in a deep checkout, so its socket has to live elsewhere."""
    data_dir = tmp_path / ("a-long-directory-name-" * 4) / ".data" / "postgres"
    environ = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "DATABASE_OWNER_URL",
            "REDIS_URL",
            "CELERY_BROKER_URL",
            "SECRET_KEY",
        }
    }
    environ.update(DEBUG="true", DEMO_MODE="true", EMAIL_FILE_PATH=str(tmp_path / "mail"))

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "config.devdb", "run", "--data-dir", str(data_dir), "--",
             sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )  # fmt: skip

    migrate = manage("migrate", "--noinput")
    assert migrate.returncode == 0, migrate.stderr
    assert _servers_on(data_dir) == []
    seed = manage("seed_demo")
    assert seed.returncode == 0, seed.stderr
    assert "register-demo-2026" in seed.stdout
    # A short summary: the demo's e-mails are files, and in-process tasks say nothing.
    assert len(seed.stdout.splitlines()) <= 40
    assert "Subject:" not in seed.stdout
    assert seed.stderr == ""
    assert any((tmp_path / "mail").iterdir())
    assert _servers_on(data_dir) == []

    # A third start: the data is still there, and the triggers recorded the seeding.
    script = (
        "import os; from django.apps import apps; from django.test import Client;"
        "from register.models import AISystem;"
        "events = apps.get_model('register', 'AISystemEvent').objects;"
        "print(os.environ['DATABASE_URL']);"
        "print(AISystem.objects.count(), events.count(),"
        " events.filter(pgh_context__metadata__action='system.publish').count());"
        "c = Client(HTTP_HOST='localhost'); r = c.get('/ru/'); print(r.status_code);"
        "print(r.content.decode().count('<h1')); print(c.get('/healthz').status_code)"
    )
    page = manage("shell", "-c", script)
    assert page.returncode == 0, page.stderr
    *_, url, counts, status, headings, health = page.stdout.splitlines()
    assert url.startswith("postgresql://register_app@")  # the application role, not the owner
    systems, events, publications = map(int, counts.split())
    assert systems >= 20
    assert events > systems
    assert publications > 0
    assert [status, headings, health] == ["200", "1", "200"]
    socket_dir = unquote(url.split("?host=", 1)[1])
    assert not socket_dir.startswith(str(data_dir))
    assert len(f"{socket_dir}/.s.PGSQL.5432") < 100
    assert _servers_on(data_dir) == []
    assert not (data_dir / "postmaster.pid").exists()


@pytest.mark.django_db
def test_every_demo_system_is_classified_under_kazakhstans_ai_law_too():
    load_demo()
    classified = AISystem.objects.exclude(classified_at=None)
    assert classified.count() == AISystem.objects.count()
    for system in classified:
        answers = system.classification_answers
        assert answers["kz_risk_degree"] in {"minimal", "medium", "high"}, system.public_id
        assert answers["kz_failure_consequences"].strip(), system.public_id
        assert answers["kz_risk_assigned_by"].strip(), system.public_id
        # Software that only applies fixed rules is no AI system under either law.
        if system.risk_class != "out_of_scope":
            assert system.kz_risk_degree == answers["kz_risk_degree"], system.public_id
            assert system.kz_autonomy in {"low", "medium", "high"}, system.public_id
        assert system.act_role == answers["role"], system.public_id
        for code in ("kk", "ru", "en"):
            assert getattr(system, f"ai_disclosure_{code}"), system.public_id
            assert getattr(system, f"non_ai_alternative_{code}"), system.public_id


@pytest.mark.django_db
def test_the_demo_publishes_a_pilot_in_use_with_a_prohibited_capability_and_its_blocker():
    load_demo()
    system = AISystem.objects.get(slug="queue-camera-emotion-pilot")
    assert system.phase in {"pilot", "production"}
    assert system.classification["kz"]["prohibited"] is True
    assert system.classification_answers["kz_prohibited_capabilities"] == [
        "emotion_without_consent"
    ]
    # In use, so its blocker does not keep it off the register: the card shows it.
    assert system.status == Status.PUBLISHED
    findings = system.published_version.snapshot["compliance"]["findings"]
    blockers = [f for f in findings if f["severity"] == "blocker" and f["status"] == "open"]
    assert blockers, findings


@pytest.mark.django_db
def test_the_demo_ministry_is_the_authorised_body_under_the_ai_law():
    from register.models import Organisation

    load_demo()
    ministry = Organisation.objects.get(short_code="mdai")
    assert ministry.name_en.startswith(
        "Ministry of Artificial Intelligence and Digital Development"
    )
    assert ministry.name_kk.startswith("Қазақстан Республикасының Жасанды интеллект және цифрлық")
    assert ministry.name_ru.startswith(
        "Министерство искусственного интеллекта и цифрового развития"
    )
