"""Load from Debian's ``wrk``: a page asked for by N clients for a while, its throughput and
latency percentiles read from the script's ``done`` hook.

The script cycles through the target's paths (one path: the same page again and again, as a
cache sees a popular page; many: a different page each time), can add a query parameter of its
own to every request so that no two requests share a cache entry, and sends the headers of the
proxy in front of the register (``X-Forwarded-Proto: https``) and, for a signed-in page, the
session cookie.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from urllib.parse import quote

WRK = shutil.which("wrk") or "/usr/bin/wrk"
MARK = "BENCH-RESULT "


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # connection errors, timeouts and answers other than 2xx or 3xx

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _lua_string(value: str) -> str:
    """``value`` as a Lua string literal: percent-encoded first (a request line is ASCII and
    has no space), so that the only escapes are Lua's own for quotes and backslashes."""
    return json.dumps(quote(value, safe="/?&=%:;,+-_.~"))


def script(paths: list[str], *, cookies: list[str], unique: bool) -> str:
    """The wrk script for ``paths``, sending one of ``cookies`` (a signed-in session each; none
    for a visitor) with each request; ``unique`` adds ``bench=<n>`` to each path. An answer
    other than 200 counts as an error (a redirect to the sign-in page is no page)."""
    path_table = ",\n".join(f"  {_lua_string(path)}" for path in paths)
    cookie_table = ",\n".join(f"  {json.dumps(cookie)}" for cookie in cookies)
    return f"""
local paths = {{
{path_table}
}}
local cookies = {{
{cookie_table}
}}
local unique = {"true" if unique else "false"}
local threads = {{}}
local counter = 0
local headers = {{["X-Forwarded-Proto"] = "https"}}
bad = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  counter = (id or 1) * 1000003
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if unique then
    local glue = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. glue .. "bench=" .. counter
  end
  if #cookies > 0 then
    headers["Cookie"] = cookies[(counter % #cookies) + 1]
  end
  return wrk.format("GET", path, headers)
end

function response(status, response_headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("bad") or 0)
  end
  io.write(string.format(
    "{MARK}{{\\"requests\\": %d, \\"us\\": %d, \\"errors\\": %d, "
      .. "\\"p50\\": %d, \\"p95\\": %d, \\"p99\\": %d, \\"max\\": %d}}\\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + wrong,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def run(
    base_url: str,
    script_path: str,
    *,
    clients: int,
    seconds: float,
    threads: int = 2,
    timeout: float = 30,
) -> LoadResult:
    """Run wrk against ``base_url`` with the script at ``script_path``."""
    command = [
        WRK,
        f"--threads={min(threads, clients)}",
        f"--connections={clients}",
        f"--duration={max(1, round(seconds))}s",
        f"--timeout={round(timeout)}s",
        f"--script={script_path}",
        base_url,
    ]
    completed = subprocess.run(  # noqa: S603 — our own command line
        command, capture_output=True, text=True, check=True, timeout=seconds + timeout + 30
    )
    line = next((line for line in completed.stdout.splitlines() if line.startswith(MARK)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{completed.stdout}\n{completed.stderr}")
    data = json.loads(line[len(MARK) :])
    return LoadResult(
        requests=data["requests"],
        seconds=data["us"] / 1e6,
        p50_ms=data["p50"] / 1000,
        p95_ms=data["p95"] / 1000,
        p99_ms=data["p99"] / 1000,
        max_ms=data["max"] / 1000,
        errors=data["errors"],
    )
