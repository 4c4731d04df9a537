"""What the benchmark measures in its own process rather than through wrk: seeding, the
compliance sweep, the check after an edit, an organisation's report, and the bulk CSV download
(its rate and the serving worker's peak memory).

These run with Django set up in this process against the benchmark's database (``bench.run``
sets the environment first). The process's Celery broker is ``memory://``, which nothing
consumes: what a service queues (the re-check after an edit, a report's build) is not run behind
the measure's back, and the benchmark runs and times it itself.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Systems of the organisation whose report is made (the issue's "report of 500 systems").
REPORT_SYSTEMS = 500
REPORT_PREFIX = "report-"
EDITS = 20


@dataclass(frozen=True)
class Timing:
    """One in-process measure: seconds, and what else it reports."""

    seconds: float
    detail: dict[str, Any]


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def seed(count: int, processes: int = 1) -> Timing:
    """Ensure ``count`` published systems in 40 organisations, in ``processes`` processes, and
    the organisation of ``REPORT_SYSTEMS`` for the report; only what is missing is created and
    timed."""
    from demo.bulk import seed_bulk

    seconds, result = _timed(lambda: seed_bulk(count, published_share=1.0, processes=processes))
    report = seed_bulk(REPORT_SYSTEMS, published_share=1.0, prefix=REPORT_PREFIX, organisations=1)
    return Timing(
        seconds,
        {
            "processes": processes,
            "created": result.created,
            "existing": result.existing,
            "per_second": result.created / seconds if result.created and seconds else None,
            "report_organisation_created": report.created,
        },
    )


def sweep(processes: int = 1) -> Timing:
    """The nightly sweep over every system as the workers run it: the sweep task's batches
    (``compliance.tasks.organisation_batches``), shared among ``processes`` processes forked
    from this one, as many Celery worker processes as the machine has cores would take them."""
    from django.db import connections

    from compliance.checks import BATCH_SIZE
    from compliance.models import Finding
    from compliance.tasks import organisation_batches
    from register.models import AISystem

    before = Finding.objects.count()
    rows = AISystem.objects.order_by("organisation_id", "pk").values_list("organisation_id", "pk")
    batches = organisation_batches(rows, BATCH_SIZE)
    shares = [batches[index::processes] for index in range(processes)]
    connections.close_all()  # each process opens its own
    seconds, results = _timed(lambda: _in_processes(shares))
    total = {key: sum(result[key] for result in results) for key in results[0]}
    return Timing(
        seconds,
        {
            "processes": processes,
            "systems": total["systems"],
            "first_run": before == 0,
            "opened": total["opened"],
            "resolved": total["resolved"],
            "changed": total["changed"],
            "systems_per_second": total["systems"] / seconds if seconds else None,
        },
    )


def _check_share(share: list[list[int]]) -> dict[str, int]:
    """One process's batches, each checked as one ``compliance.check_batch`` task does."""
    from compliance.checks import check_systems
    from compliance.models import Trigger

    total = {"systems": 0, "opened": 0, "resolved": 0, "changed": 0}
    for batch in share:
        result = check_systems(batch, trigger=Trigger.SWEEP)
        total["systems"] += result.systems_checked
        total["opened"] += result.findings_opened
        total["resolved"] += result.findings_resolved
        total["changed"] += result.findings_changed
    return total


def _in_processes(shares: list[list[list[int]]]) -> list[dict[str, int]]:
    import multiprocessing

    if len(shares) == 1:
        return [_check_share(shares[0])]
    with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
        return pool.map(_check_share, shares)


def check_after_edit(public_ids: Iterable[str], editor: Any) -> Timing:
    """The re-check of one record after an edit, as ``compliance.check_system`` runs it: the
    edit goes through the service (its queued re-check is not run), then the check is timed.
    Each edit empties or fills the record's scope in English, which opens or resolves a finding
    of the catalogue where a rule asks for it."""
    from compliance.checks import check_systems
    from compliance.models import Trigger
    from register.models import AISystem
    from register.services.records import system_update

    times = []
    chosen = list(public_ids)[:EDITS]
    if not chosen:
        return Timing(0.0, {"edits": 0})
    for public_id in chosen:
        system = AISystem.objects.get(public_id=public_id)
        scope = "" if system.scope_en else "Supports an officer; takes no decision."
        system_update(
            system=system, actor=editor, data={"scope_en": scope}, expected_revision=system.revision
        )
        seconds, _result = _timed(lambda pk=system.pk: check_systems([pk], trigger=Trigger.CHANGE))
        times.append(seconds)
    return Timing(
        statistics.median(times),
        {
            "edits": len(times),
            "median_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * _percentile(times, 95),
            "max_ms": 1000 * max(times),
        },
    )


def organisation_report(language: str = "ru") -> Timing:
    """The report of the organisation of ``REPORT_SYSTEMS`` systems, made from scratch: the
    request (its queued build is not run), then the build, timed."""
    from django.contrib.auth import get_user_model

    from oversight.models import CollectionReport
    from oversight.reports.services import collection_report_build, collection_report_request
    from register.models import Organisation

    organisation = Organisation.objects.get(short_code=f"{REPORT_PREFIX}001")
    # The benchmark's database is its own: a report left by an earlier run would be reused.
    CollectionReport.objects.filter(organisation=organisation).delete()
    regulator = get_user_model().objects.get(username="bench-regulator")
    report = collection_report_request(
        actor=regulator, organisation=organisation, language=language
    )
    seconds, failure = _timed(lambda: collection_report_build(report_id=report.pk))
    report.refresh_from_db()
    return Timing(
        seconds,
        {
            "systems": report.systems_total,
            "pages": report.pages,
            "bytes": report.size,
            "failure": str(failure) if failure else None,
        },
    )


def _resident_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bulk_csv(base_url: str, workers: list[int]) -> Timing:
    """Download the whole register as CSV, counting its records, while sampling the resident
    memory of the server's workers every 20 ms: the peak of the one that served it."""
    peaks = {pid: _resident_mb(pid) for pid in workers}
    before = dict(peaks)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in workers:
                peaks[pid] = max(peaks[pid], _resident_mb(pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    request = urllib.request.Request(  # noqa: S310 — our own server on loopback
        f"{base_url}/api/v1/downloads/register.csv", headers={"X-Forwarded-Proto": "https"}
    )
    lines = size = 0
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    serving = max(workers, key=lambda pid: peaks[pid] - before[pid])
    records = max(0, lines - 1)  # the header row; texts with line breaks would count more
    return Timing(
        seconds,
        {
            "records": records,
            "bytes": size,
            "records_per_second": records / seconds if seconds else None,
            "peak_rss_mb": round(peaks[serving], 1),
            "rss_before_mb": round(before[serving], 1),
        },
    )


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


def cores() -> int:
    return len(os.sched_getaffinity(0))
