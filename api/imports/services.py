"""The import jobs of the workspace: upload, dry run, apply. The dry run and the application run
in Celery tasks (``api.tasks``), in-process when no broker is configured; each claims its job
with a conditional UPDATE, so a task delivered twice does its work once."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone, translation

from api.imports.apply import ApplyFailed, apply_plan
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
) -> tuple[Plan, list]:
    """Check a file and apply it in one transaction: all of it, or nothing (``ApplyFailed``,
    ``ReadError``). ``progress`` is told the number of rows written so far."""
    _fmt, plan = dry_run(name, data, organisation=organisation, actor=actor)
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
    claimed = ImportJob.objects.filter(pk=job_id, status=frm).update(status=to, rows_done=0)
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
            fmt, plan = dry_run(
                job.file_name,
                bytes(job.data),
                organisation=job.organisation,
                actor=job.user,
                progress=progress,
            )
        except ReadError as error:
            _fail(job, [Problem(0, "", "", m) for m in ValidationError(error).messages])
            return job
    job.format = fmt
    _report(job, plan)
    job.status = Status.PLANNED
    job.save()
    return job


def import_request_apply(*, job: ImportJob) -> bool:
    """Schedule the application of a checked job without errors; False if it is not one."""
    from api.tasks import apply_import

    queued = ImportJob.objects.filter(pk=job.pk, status=Status.PLANNED, error_count=0).update(
        status=Status.QUEUED
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
