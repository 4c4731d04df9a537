"""The only writers of the reports of several systems (``CollectionReport``): asking for one,
which hands out the report already made (or in the making) from the same data, and building
one, which the task ``oversight.build_report`` runs within its time and memory limits.

A build claims its report with a conditional UPDATE, so that a task delivered twice builds it
once; a report whose worker vanished is claimed again once its time limit has passed, and
fails after ``MAX_ATTEMPTS`` claims. Its data is read in one read-only REPEATABLE READ
transaction, so that the digest it states and the sections it prints are the same moment of
the register.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.models import CollectionReport, ReportFailure, ReportStatus, reports_storage
from oversight.reports.collection import Scope, ScopeDigest, collection_html, scope_digest
from oversight.reports.render import RenderedPDF, html_to_pdf
from register.audit import audit_context
from register.models import Organisation
from register.permissions import can_read_everything, role_in

logger = logging.getLogger(__name__)

MAX_ATTEMPTS: Final = 2
# How often a build writes its progress (seconds).
PROGRESS_EVERY: Final = 1.0


def may_request(user: AbstractBaseUser, organisation: Organisation | None) -> bool:
    """Regulators (and site administrators) any report; an organisation's people the report of
    their own organisation's systems; nobody else, and only regulators the whole register's."""
    if can_read_everything(user):
        return True
    return organisation is not None and role_in(user, organisation.pk) is not None


def collection_report_request(
    *, actor: AbstractBaseUser, organisation: Organisation | None, language: str
) -> CollectionReport:
    """The report of ``organisation``'s systems (or the whole register's) in ``language``: the
    one made, or being made, from the data as it is now, else a new one, queued."""
    if not may_request(actor, organisation):
        raise PermissionDenied
    digest = scope_digest(Scope(organisation))
    if not digest.systems:
        raise ValidationError(ReportFailure.EMPTY.label, code=ReportFailure.EMPTY)
    if digest.systems > settings.REPORTS_MAX_SYSTEMS:
        raise ValidationError(
            _(
                "The selection holds %(count)s systems with a published record; a report holds "
                "at most %(limit)s. Ask for the reports of its organisations one by one."
            )
            % {"count": digest.systems, "limit": settings.REPORTS_MAX_SYSTEMS},
            code=ReportFailure.TOO_MANY,
        )
    now = timezone.now()
    existing = (
        CollectionReport.objects.filter(
            organisation=organisation, language=language, data_sha256=digest.sha256
        )
        .exclude(status=ReportStatus.FAILED)
        .order_by("-created_at")
        .first()
    )
    if existing is not None:
        CollectionReport.objects.filter(pk=existing.pk).update(last_requested_at=now)
        return existing
    with transaction.atomic(), audit_context(user=actor.pk, action="collection_report.request"):
        report = CollectionReport.objects.create(
            organisation=organisation,
            language=language,
            data_sha256=digest.sha256,
            systems_total=digest.systems,
            requested_by=actor,
            last_requested_at=now,
        )
    _enqueue(report.pk)
    return report


def _enqueue(report_id: int) -> None:
    from oversight.tasks import build_report

    transaction.on_commit(
        lambda: build_report.apply_async(
            (report_id,),
            soft_time_limit=settings.REPORTS_SOFT_TIME_LIMIT,
            time_limit=settings.REPORTS_TIME_LIMIT,
        )
    )


def _claim(report_id: int) -> bool:
    """Take the report for this build: one queued, or one whose worker vanished (running for
    longer than a build may run). ``False`` when another build has it or it is done."""
    stale = timezone.now() - dt.timedelta(seconds=settings.REPORTS_TIME_LIMIT)
    with audit_context(action="collection_report.build"):
        return bool(
            CollectionReport.objects.filter(pk=report_id, attempts__lt=MAX_ATTEMPTS)
            .filter(
                Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, claimed_at__lt=stale)
            )
            .update(
                status=ReportStatus.RUNNING,
                claimed_at=timezone.now(),
                attempts=F("attempts") + 1,
                systems_done=0,
                pages=0,
            )
        )


def _fail(report_id: int, failure: ReportFailure) -> None:
    with audit_context(action="collection_report.fail"):
        CollectionReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, failure=failure, finished_at=timezone.now()
        )


class MemoryLimitExceeded(Exception):
    """The process building a report holds more memory than REPORTS_MEMORY_LIMIT_MB."""


def _resident_mb() -> float:
    """The resident memory of this process, in megabytes (Linux; elsewhere its peak)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The clock of the builds' time limit (a test sets its own).
clock: Callable[[], float] = time.monotonic


class TimeLimitReached(Exception):
    """The build has run for REPORTS_SOFT_TIME_LIMIT seconds."""


@dataclass(frozen=True)
class _Limits:
    memory_mb: int
    deadline: float  # the time of ``clock`` at which the build stops


def _within(limits: _Limits) -> None:
    """Stop a build past its limits. The time is checked here as well as by the task's soft
    limit, whose exception a library may catch (and carry on) if it arrives in its code."""
    if clock() > limits.deadline:
        raise TimeLimitReached
    if _resident_mb() > limits.memory_mb:
        raise MemoryLimitExceeded


def collection_report_build(*, report_id: int) -> ReportFailure | None:
    """Build the report ``report_id`` if it is still to be built, and store it in the reports
    storage; a failure is recorded on the report with its reason, and returned.

    The build stops with ``MEMORY_LIMIT`` once the process holds more than
    REPORTS_MEMORY_LIMIT_MB, measured after each batch of systems read and each page laid out
    (between two steps in Python, so that no library is interrupted in the middle of its work);
    the time limits are the task's (``SoftTimeLimitExceeded``), and the soft one is checked at
    the same steps."""
    if not _claim(report_id):
        return None
    limits = _Limits(
        memory_mb=settings.REPORTS_MEMORY_LIMIT_MB,
        deadline=clock() + settings.REPORTS_SOFT_TIME_LIMIT,
    )
    report = CollectionReport.objects.select_related("organisation").get(pk=report_id)
    scope = Scope(report.organisation)
    try:
        document, digest = _read(scope, report, limits)
        if not digest.systems or digest.systems > settings.REPORTS_MAX_SYSTEMS:
            failure = ReportFailure.TOO_MANY if digest.systems else ReportFailure.EMPTY
            _fail(report_id, failure)
            return failure
        CollectionReport.objects.filter(pk=report_id).update(
            systems_total=digest.systems, systems_done=digest.systems
        )
        pdf = html_to_pdf(document, on_page=_progress(report_id, limits))
    except (SoftTimeLimitExceeded, TimeLimitReached):
        failure = ReportFailure.TIME_LIMIT
    except (MemoryLimitExceeded, MemoryError):
        failure = ReportFailure.MEMORY_LIMIT
    except Exception:
        logger.exception("The report %s could not be built.", report_id)
        failure = ReportFailure.ERROR
    else:
        _store(report, scope, digest, pdf)
        return None
    _fail(report_id, failure)
    return failure


def _store(report: CollectionReport, scope: Scope, digest: ScopeDigest, pdf: RenderedPDF) -> None:
    name = f"{scope.code}/{digest.sha256[:16]}-{report.language}-{report.pk}.pdf"
    stored = reports_storage().save(name, ContentFile(pdf.content))
    with audit_context(action="collection_report.ready"):
        CollectionReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.READY,
            file=stored,
            size=len(pdf.content),
            pages=pdf.pages,
            data_sha256=digest.sha256,
            finished_at=timezone.now(),
        )


def _read(scope: Scope, report: CollectionReport, limits: _Limits) -> tuple[str, ScopeDigest]:
    """The report's HTML and the digest of what it was made from, read at one moment."""
    # A transaction of its own in a worker; inside a caller's (a request's, a test's) the
    # caller's transaction is the moment read.
    own = not connection.in_atomic_block
    with transaction.atomic():
        if own:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        digest = scope_digest(scope)
        if not digest.systems or digest.systems > settings.REPORTS_MAX_SYSTEMS:
            return "", digest
        html = collection_html(
            scope, report.language, digest=digest, progress=lambda done: _within(limits)
        )
    return html.html, digest


def _progress(report_id: int, limits: _Limits) -> Callable[[int], None]:
    """What runs as each page is laid out: the memory check, and now and then the progress."""
    last = [0.0]

    def on_page(number: int) -> None:
        _within(limits)
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            CollectionReport.objects.filter(pk=report_id).update(pages=number)

    return on_page


def collection_reports_sweep() -> dict[str, int]:
    """Queue again the reports whose worker vanished (failing those claimed ``MAX_ATTEMPTS``
    times), and delete the files of reports nobody asked for in REPORTS_RETENTION_DAYS."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=settings.REPORTS_TIME_LIMIT)
    lost = CollectionReport.objects.filter(status=ReportStatus.RUNNING, claimed_at__lt=stale)
    with audit_context(action="collection_report.lost"):
        failed = lost.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=ReportStatus.FAILED, failure=ReportFailure.WORKER_LOST, finished_at=now
        )
    requeued = list(lost.values_list("pk", flat=True))
    for report_id in requeued:
        _enqueue(report_id)
    old = CollectionReport.objects.filter(
        last_requested_at__lt=now - dt.timedelta(days=settings.REPORTS_RETENTION_DAYS)
    ).exclude(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])
    deleted = 0
    for report in old.only("pk", "file"):
        if report.file:
            reports_storage().delete(report.file)
        with audit_context(action="collection_report.delete"):
            report.delete()
        deleted += 1
    return {"failed": failed, "requeued": len(requeued), "deleted": deleted}
