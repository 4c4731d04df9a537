"""The benchmark's output: a table on the terminal and a JSON file to compare two commits."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import LoadResult
from bench.measures import Timing
from bench.targets import CEILING, Target

#: In-process measures and their targets: (seconds at most, or None) and how the detail reads.
TIMING_GOALS: dict[str, float | None] = {
    "seed": 180.0,
    "sweep, first run": 60.0,
    "sweep, re-run": 60.0,
    "bulk CSV": None,  # judged by rate and memory below
    "organisation report": 60.0,
    "check after an edit": 0.1,
}
CSV_RATE, CSV_MEMORY_MB = 5000, 200


@dataclass
class Results:
    count: int
    cores: int
    args: dict[str, Any]
    pages: list[tuple[Target, LoadResult]] = field(default_factory=list)
    timings: dict[str, Timing] = field(default_factory=dict)

    @property
    def ceiling(self) -> float:
        return next((r.per_second for t, r in self.pages if t.name == CEILING), 0.0)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 — git from PATH, read-only
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "MISSED", None: ""}[met]


def _timing_met(name: str, timing: Timing) -> bool | None:
    if name == "bulk CSV":
        rate = timing.detail.get("records_per_second") or 0
        return rate >= CSV_RATE and timing.detail["peak_rss_mb"] < CSV_MEMORY_MB
    if name == "seed" and not timing.detail.get("created"):
        return None  # nothing was seeded in this run
    goal = TIMING_GOALS.get(name)
    return None if goal is None else timing.seconds <= goal


def render(results: Results) -> str:
    ceiling = results.ceiling
    lines = [
        f"{results.count:,} published systems, {results.cores} cores, "
        f"{results.args['workers']} gunicorn workers, {results.args['clients']} clients, "
        f"{results.args['duration']:g} s per page, commit {_commit()}",
        "",
        f"{'page':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'/healthz':>9} {'answers':>8} {'errors':>7}  target",
    ]
    for target, result in results.pages:
        share = result.per_second / ceiling if ceiling else 0
        goal = target.goal.describe()
        verdict = _verdict(target.goal.met(result, ceiling)) if goal else ""
        latencies = (
            f"{result.p50_ms:>8.1f} {result.p95_ms:>8.1f} {result.p99_ms:>8.1f}"
            if result.requests
            else f"{'-':>8} {'-':>8} {'-':>8}"
        )
        lines.append(
            f"{target.name:<34} {result.per_second:>8.1f} {latencies} {share:>8.1%} "
            f"{result.requests:>8} {result.errors:>7}  {goal} {verdict}".rstrip()
        )
    if results.timings:
        lines += ["", f"{'measured in-process':<34} {'seconds':>9}  detail"]
        for name, timing in results.timings.items():
            detail = ", ".join(f"{k} {_number(v)}" for k, v in timing.detail.items())
            goal = TIMING_GOALS.get(name)
            goal_text = (
                f"target <= {goal:g} s"
                if goal is not None
                else f"target >= {CSV_RATE:,} records/s, < {CSV_MEMORY_MB} MB"
            )
            verdict = _verdict(_timing_met(name, timing))
            lines.append(f"{name:<34} {timing.seconds:>9.3f}  {detail}; {goal_text} {verdict}")
    return "\n".join(lines)


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def save(results: Results, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    commit = _commit()
    ceiling = results.ceiling
    data = {
        "commit": commit,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cores": results.cores, "python": platform.python_version()},
        "count": results.count,
        "settings": results.args,
        "pages": [
            {
                "name": target.name,
                "group": target.group,
                "who": target.who or "anonymous",
                "requests_per_second": round(result.per_second, 2),
                "share_of_healthz": round(result.per_second / ceiling, 4) if ceiling else None,
                "p50_ms": result.p50_ms,
                "p95_ms": result.p95_ms,
                "p99_ms": result.p99_ms,
                "max_ms": result.max_ms,
                "requests": result.requests,
                "errors": result.errors,
                "target": target.goal.describe() or None,
                "met": target.goal.met(result, ceiling),
            }
            for target, result in results.pages
        ],
        "measures": {
            name: {"seconds": timing.seconds, **timing.detail, "met": _timing_met(name, timing)}
            for name, timing in results.timings.items()
        },
    }
    path = folder / f"{commit}-{results.count}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path
