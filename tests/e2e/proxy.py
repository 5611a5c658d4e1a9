"""Run the production recipe (deploy/run.py: Streamlit replicas behind nginx) on loopback.

Used by tests/e2e/test_e2e_proxy.py and test_e2e_replicas.py. The launcher runs in its own
session (process group), so the replicas, nginx and warm-ups it starts share that group;
stopping sends SIGTERM to the launcher alone (it must stop its children itself), then SIGKILL
to the whole group whatever happened.

Also here: what the tests read off a running stack without trusting run.py's word for it:
the replicas' PIDs (from /proc), a replica's cache lookups (its /_stcore/metrics), the routing
cookie that reaches each replica (nginx's access log).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from deploy.run import find_nginx
from tests.e2e.browser import ROOT, reserved_ports

LAUNCHER = ROOT / "deploy" / "run.py"
ROUTE_COOKIE = "atlas_route"
# One access-log line in deploy/nginx.conf's "atlas" format.
ACCESS_LINE = re.compile(
    r'^(?P<addr>\S+) \[[^\]]+\] "(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) '
    r"\d+ rt=\S+ upstream=(?P<upstream>.*?) route=(?P<route>\S+)$"
)
# deploy/warm.py's last line for a replica.
WARM_SUMMARY = re.compile(
    r"^warm 127\.0\.0\.1:(?P<port>\d+): (?P<pages>\d+) pages, (?P<ok>\d+) ok, "
    r"(?P<failed>\d+) failed in (?P<seconds>[\d.]+) s$",
    re.M,
)
# One cache_lookups sample of Streamlit's /_stcore/metrics (OpenMetrics text).
LOOKUP = re.compile(r"^cache_lookups_total\{(?P<labels>[^}]*)\} (?P<value>\d+)$", re.M)


def missing_nginx_reason() -> str | None:
    """Why nginx cannot run here, or None if it can."""
    if find_nginx() is None:
        return "nginx not found (Debian: apt-get install nginx)"
    return None


def http_get(
    url: str, headers: dict[str, str] | None = None, method: str = "GET", data: bytes | None = None
):
    """(status, headers, body) of one request; HTTP errors are answers too, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@dataclass
class Stack:
    """A running deploy/run.py: nginx on 127.0.0.1:listen_port, replicas on replica_ports."""

    listen_port: int
    replica_ports: list[int]
    run_dir: Path
    process: subprocess.Popen
    log: Path
    stop_report: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listen_port}"

    def access_log(self) -> list[dict[str, str]]:
        """nginx's access log, one dict per line (addr, method, path, status, upstream, route)."""
        path = self.run_dir / "access.log"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return [m.groupdict() for m in map(ACCESS_LINE.match, lines) if m]

    def warm_summaries(self) -> list[dict[str, str]]:
        """deploy/warm.py's summary lines in run.py's output, oldest first."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [m.groupdict() for m in WARM_SUMMARY.finditer(text)]

    def replica_pids(self) -> dict[int, int]:
        """Port -> PID of each running replica, read from /proc: the launcher's children whose
        command line is `... streamlit run ... --server.port PORT ...`."""
        pids: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with suppress(OSError):
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                if fields[0] == "Z" or int(fields[1]) != self.process.pid:
                    continue  # a zombie (killed, not yet reaped) or not the launcher's child
                argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
                if "streamlit" in argv and "--server.port" in argv:
                    pids[int(argv[argv.index("--server.port") + 1])] = int(entry.name)
        return pids

    def logs_tail(self, chars: int = 1500) -> str:
        """The end of every log of the stack, for failure messages."""
        parts = []
        paths = [self.log, self.run_dir / "error.log"]
        paths += [self.run_dir / f"replica-{p}.log" for p in self.replica_ports]
        for path in paths:
            with suppress(OSError):
                text = path.read_text(encoding="utf-8", errors="replace")[-chars:]
                parts.append(f"--- {path.name}\n{text}")
        return "\n".join(parts)


def session_members(sid: int) -> list[int]:
    """PIDs of the live processes in session `sid` (the launcher's: it was started with
    start_new_session, and run.py's children, nginx's own process group included, stay in it)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                if fields[0] != "Z" and int(fields[3]) == sid:
                    members.append(int(entry.name))
    return members


def stop_stack(stack: Stack, grace: float = 20) -> None:
    """SIGTERM the launcher, wait for it; then SIGKILL anything left in its session.

    Records in stack.stop_report whether the launcher exited by itself (and with which code)
    and whether any of its children outlived it.
    """
    process, sid = stack.process, stack.process.pid
    if process.poll() is None:
        with suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    stack.stop_report["exit_code"] = process.poll()
    # Give children a moment to finish exiting after the launcher returned.
    end = time.monotonic() + 2
    while session_members(sid) and time.monotonic() < end:
        time.sleep(0.05)
    stack.stop_report["survivors"] = session_members(sid)
    for pid in stack.stop_report["survivors"]:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=10)


def cache_lookups(port: int) -> dict[tuple[str, str], int]:
    """(cache, "hit" or "miss") -> count of one replica's cache_lookups_total (every
    st.cache_data and st.cache_resource function), from its own /_stcore/metrics."""
    status, _, body = http_get(f"http://127.0.0.1:{port}/_stcore/metrics?families=cache_lookups")
    assert status == 200, f"replica {port}: /_stcore/metrics answered {status}"
    counts: dict[tuple[str, str], int] = {}
    for m in LOOKUP.finditer(body.decode()):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m["labels"]))
        key = (f"{labels['cache_type']}:{labels['cache']}", labels["result"])
        counts[key] = counts.get(key, 0) + int(m["value"])
    return counts


def route_keys(stack: Stack, probes: int = 40) -> dict[str, str]:
    """The routing cookie's value that pins a browser to each replica ("127.0.0.1:PORT" ->
    "rN"), found by asking: `probes` made-up cookies spread over the replicas (nginx hashes
    a cookie that names no replica), each answer sets the name of the replica that served it,
    and nginx's access log says which replica that was."""
    named: dict[str, str] = {}
    for i in range(probes):
        _, headers, _ = http_get(
            f"{stack.url}/_stcore/health", {"Cookie": f"{ROUTE_COOKIE}=probe-{i}"}
        )
        for cookie in headers.get_all("Set-Cookie") or []:
            if cookie.startswith(f"{ROUTE_COOKIE}="):
                named[f"probe-{i}"] = cookie.split(";")[0].split("=", 1)[1]
    upstreams: dict[str, set[str]] = {}
    for line in stack.access_log():
        if line["route"].startswith("probe-"):
            upstreams.setdefault(line["route"], set()).add(line["upstream"])
    keys: dict[str, str] = {}
    for route, seen in sorted(upstreams.items()):
        assert len(seen) == 1, f"cookie {route} went to several replicas: {seen}"
        upstream = seen.pop()
        assert route in named, f"no routing cookie set on the answer to {route}"
        name = keys.setdefault(upstream, named[route])
        assert name == named[route], f"{upstream} named both {name} and {named[route]}"
    return keys


@contextmanager
def proxy_stack(
    run_dir: Path,
    *,
    replicas: int = 2,
    startup_timeout: float = 90,
    warm: bool = True,
    wait_warm: bool = True,
    extra_args: Sequence[str] = (),
) -> Iterator[Stack]:
    """deploy/run.py with `replicas` replicas and nginx on free loopback ports until the block
    ends; waits until nginx answers /healthz, every replica /_stcore/health and, with `warm`
    and `wait_warm`, until every replica's warm-up has finished (without `warm` run.py gets
    --no-warm)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    log = run_dir / "run.log"
    # Ports stay reserved until every server listens (see reserved_ports).
    with reserved_ports(replicas + 1) as ports:
        listen_port, replica_ports = ports[0], ports[1:]
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    str(LAUNCHER),
                    "--ports",
                    ",".join(map(str, replica_ports)),
                    "--listen",
                    f"127.0.0.1:{listen_port}",
                    "--run-dir",
                    str(run_dir),
                    "--startup-timeout",
                    str(startup_timeout),
                    "--exit-with-parent",  # no orphans even if pytest itself is killed
                    *([] if warm else ["--no-warm"]),
                    *extra_args,
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        stack = Stack(listen_port, replica_ports, run_dir, process, log)
        try:
            _wait_ready(stack, startup_timeout, warm=warm and wait_warm)
        except BaseException:
            stop_stack(stack)
            raise
    try:
        yield stack
    finally:
        stop_stack(stack)


def _wait_ready(stack: Stack, seconds: float, *, warm: bool) -> None:
    urls = [f"{stack.url}/healthz"]
    urls += [f"http://127.0.0.1:{p}/_stcore/health" for p in stack.replica_ports]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if stack.process.poll() is not None:
            raise RuntimeError(
                f"deploy/run.py exited with code {stack.process.returncode}:\n{stack.logs_tail()}"
            )
        warmed = {int(s["port"]) for s in stack.warm_summaries()}
        try:
            if all(http_get(u)[0] == 200 for u in urls) and (
                not warm or warmed >= set(stack.replica_ports)
            ):
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the stack was not ready within {seconds:.0f} s:\n{stack.logs_tail()}")
