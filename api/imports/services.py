"""The import jobs of the workspace: upload, dry run, apply. The dry run and the application run
in Celery tasks (``api.tasks``), in-process when no broker is configured; each claims its job
with a conditional UPDATE, so a task delivered twice does its work once. A periodic sweep
(``imports_sweep``, also ``manage.py sweep_imports``) starts again the jobs whose worker
vanished and deletes the files of old jobs."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from api.imports.apply import ApplyFailed, apply_plan
from api.imports.columns import SYSTEMS_SHEET
from api.imports.models import ImportJob
from api.imports.plan import Plan, Problem, make_plan
from api.imports.readers import ReadError, read
from register.models import Organisation

Status = ImportJob.Status


def dry_run(
    name: str, data: bytes, *, organisation: Organisation, actor: AbstractBaseUser | None, **kw: Any
) -> tuple[str, Plan]:
    """The format of a file and what importing it would do (``ReadError`` if it cannot be
    read)."""
    fmt, book = read(name, data)
    return fmt, make_plan(book, organisation=organisation, actor=actor, **kw)


@transaction.atomic
def run_import(
    name: str,
    data: bytes,
    *,
    organisation: Organisation,
    actor: AbstractBaseUser | None,
    progress: Callable[[int], None] | None = None,
    keep_public_ids: bool = False,
) -> tuple[Plan, list]:
    """Check a file and apply it in one transaction: all of it, or nothing (``ApplyFailed``,
    ``ReadError``). ``progress`` is told the number of rows written so far;
    ``keep_public_ids`` is ``plan.make_plan``'s."""
    _fmt, plan = dry_run(
        name, data, organisation=organisation, actor=actor, keep_public_ids=keep_public_ids
    )
    return plan, apply_plan(plan, organisation=organisation, actor=actor, progress=progress)


def import_start(
    *, organisation: Organisation, user: AbstractBaseUser, file_name: str, data: bytes
) -> ImportJob:
    """Keep an uploaded file and schedule its dry run."""
    from api.tasks import plan_import

    job = ImportJob(
        organisation=organisation,
        user=user,
        file_name=file_name[:255],
        data=data,
        language=translation.get_language() or "en",
    )
    job.full_clean(exclude=["data"])
    job.save()
    transaction.on_commit(lambda: plan_import.delay(job.pk))
    return job


def _claim(job_id: int, frm: str, to: str) -> ImportJob | None:
    claimed = ImportJob.objects.filter(pk=job_id, status=frm).update(
        status=to, claimed_at=timezone.now(), attempts=F("attempts") + 1, rows_done=0
    )
    if claimed != 1:
        return None
    return ImportJob.objects.select_related("organisation", "user").get(pk=job_id)


@contextlib.contextmanager
def _progress_outside_transaction(job_id: int) -> Iterator[Callable[[int], None]]:
    """A ``progress`` callback that stores ``rows_done`` at once on a connection of its own,
    so that the job page sees it move while the application's transaction is still open.
    That transaction never writes the job's row, so this update never waits for it."""
    connection = connections.create_connection(DEFAULT_DB_ALIAS)
    table = connection.ops.quote_name(ImportJob._meta.db_table)

    def progress(done: int) -> None:
        with connection.cursor() as cursor:
            # The table name is the model's own; the values are parameters.
            cursor.execute(
                f"UPDATE {table} SET rows_done = %s WHERE id = %s",  # noqa: S608
                [done, job_id],
            )

    try:
        yield progress
    finally:
        connection.close()


def _report(job: ImportJob, plan: Plan) -> None:
    counts = plan.counts()
    job.report = plan.as_json()
    job.rows_total = job.rows_done = len(plan.entries)
    job.created_count = counts["create"]
    job.updated_count = counts["update"]
    job.unchanged_count = counts["unchanged"]
    job.error_count = counts["problems"]


def _fail(job: ImportJob, problems: list[Problem]) -> None:
    job.status = Status.FAILED
    job.error_count = len(problems)
    job.report = {**job.report, "errors": [p.as_json() for p in problems[:1000]]}
    job.save()


def import_plan(*, job_id: int) -> ImportJob | None:
    """The dry run of a pending job (nothing if another run has claimed it)."""
    job = _claim(job_id, Status.PENDING, Status.PLANNING)
    if job is None:
        return None

    def progress(done: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(rows_done=done)

    with translation.override(job.language):
        try:
            fmt, book = read(job.file_name, bytes(job.data))
        except ReadError as error:
            _fail(job, [Problem(0, "", "", m) for m in ValidationError(error).messages])
            return job
        # What the progress bar counts towards, known once the file is read.
        ImportJob.objects.filter(pk=job_id).update(rows_total=len(book[SYSTEMS_SHEET].rows))
        plan = make_plan(book, organisation=job.organisation, actor=job.user, progress=progress)
    job.format = fmt
    _report(job, plan)
    job.status = Status.PLANNED
    job.save()
    return job


def import_request_apply(*, job: ImportJob) -> bool:
    """Schedule the application of a checked job without errors; False if it is not one."""
    from api.tasks import apply_import

    # The application's claims are counted afresh (``MAX_ATTEMPTS``).
    queued = ImportJob.objects.filter(pk=job.pk, status=Status.PLANNED, error_count=0).update(
        status=Status.QUEUED, attempts=0
    )
    if queued:
        transaction.on_commit(lambda: apply_import.delay(job.pk))
    return bool(queued)


def import_apply(*, job_id: int) -> ImportJob | None:
    """Apply a queued job: check the file again against the records as they are now and write
    it all in one transaction, or nothing."""
    job = _claim(job_id, Status.QUEUED, Status.APPLYING)
    if job is None:
        return None
    with translation.override(job.language), _progress_outside_transaction(job.pk) as progress:
        try:
            plan, applied = run_import(
                job.file_name,
                bytes(job.data),
                organisation=job.organisation,
                actor=job.user,
                progress=progress,
            )
        except ApplyFailed as failure:
            _fail(job, failure.problems)
            return job
        except ReadError as error:
            _fail(job, [Problem(0, "", "", m) for m in ValidationError(error).messages])
            return job
    _report(job, plan)
    job.result = [{"action": a.action, "public_id": a.public_id, "name": a.name} for a in applied]
    job.status = Status.APPLIED
    job.finished_at = timezone.now()
    job.save()
    return job


# A claimed job whose worker vanished is started again this many times, then it fails.
MAX_ATTEMPTS = 2
# Beyond a task's hard time limit, before a claim counts as lost: the worker's own clock and
# the sweep's may differ, and the job's last write comes after the task's work.
_CLAIM_GRACE = datetime.timedelta(minutes=1)
# What a job that lost its worker goes back to, and the task that runs it again.
_RESTART = {Status.PLANNING: Status.PENDING, Status.APPLYING: Status.QUEUED}


def claim_expiry() -> datetime.timedelta:
    """How long a job may stay claimed before the sweep takes its worker for lost: the import
    tasks' hard time limit (``CELERY_TASK_TIME_LIMIT``) and a minute."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + _CLAIM_GRACE


def imports_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The periodic work on import jobs; returns the number of jobs of each outcome.

    - A job in ``planning`` or ``applying`` claimed longer ago than ``claim_expiry()`` lost its
      worker (a dry run writes nothing and a lost application's transaction was rolled back):
      it is set back to ``pending`` or ``queued`` and its task scheduled again, or, after
      ``MAX_ATTEMPTS`` claims, it fails with a message saying so.
    - The uploaded file of an applied or failed job, and of a checked job nobody applied, is
      deleted once the job is ``API_IMPORT_RETENTION_DAYS`` old (the report stays); a checked
      job then fails with a message, as it can no longer be applied.
    """
    now = now or timezone.now()
    counts = {"restarted": 0, "failed": 0, "purged": 0}
    stale = ImportJob.objects.filter(
        status__in=list(_RESTART), claimed_at__lt=now - claim_expiry()
    ).values_list("pk", "status", "attempts")
    for job_id, status, attempts in stale:
        counts["restarted" if _restart(job_id, status, attempts) else "failed"] += 1
    counts["purged"] = _purge(now - datetime.timedelta(days=settings.API_IMPORT_RETENTION_DAYS))
    return counts


@transaction.atomic
def _restart(job_id: int, status: str, attempts: int) -> bool:
    """Start a lost job again (True) or fail it; nothing if it moved on meanwhile."""
    from api.tasks import apply_import, plan_import

    # Without the file: saving the job then writes only the fields that were loaded.
    job = (
        ImportJob.objects.select_for_update().defer("data").filter(pk=job_id, status=status).first()
    )
    if job is None:
        return False
    if attempts < MAX_ATTEMPTS:
        job.status = _RESTART[status]
        job.rows_done = 0
        job.save(update_fields=["status", "rows_done", "updated_at"])
        task = plan_import if status == Status.PLANNING else apply_import
        transaction.on_commit(lambda: task.delay(job_id))
        return True
    with translation.override(job.language):
        message = _(
            "The work on this file stopped before it finished, and again when it was started "
            "anew. Nothing was imported. Try a smaller file, or ask the register's "
            "administrators."
        )
    _fail(job, [Problem(0, "", "", message)])
    return False


def _purge(before: datetime.datetime) -> int:
    """Delete the files of jobs last changed before ``before``: applied, failed, or checked and
    never applied (those fail, since nothing is left to apply)."""
    old = ImportJob.objects.filter(updated_at__lt=before, purged_at__isnull=True)
    days = settings.API_IMPORT_RETENTION_DAYS
    for job in old.filter(status=Status.PLANNED).defer("data"):
        with translation.override(job.language):
            message = ngettext(
                "The file was deleted %(days)d day after it was checked, before anyone "
                "applied it. Upload it again to import it.",
                "The file was deleted %(days)d days after it was checked, before anyone "
                "applied it. Upload it again to import it.",
                days,
            ) % {"days": days}
        ImportJob.objects.filter(pk=job.pk, status=Status.PLANNED).update(
            status=Status.FAILED,
            report={**job.report, "errors": [Problem(0, "", "", message).as_json()]},
            error_count=1,
        )
    return old.filter(status__in=[Status.APPLIED, Status.FAILED]).update(
        data=b"", purged_at=timezone.now()
    )
