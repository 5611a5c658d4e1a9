"""Run AI Pay Atlas for production on one box: N Streamlit replicas behind nginx, in the foreground.

    python deploy/run.py                         # 2 replicas on 127.0.0.1:8501-8502, nginx on :8080
    python deploy/run.py --replicas 4 --listen 80 --run-dir /run/ai-pay-atlas
    python deploy/run.py --render-only           # write <run-dir>/nginx.conf, check it, exit

What it does, in order:

1. renders deploy/nginx.conf into <run-dir>/nginx.conf (upstream ports, listen address), after
   checking that the template's CSP allows the installed Streamlit's inline script;
2. starts the replicas: `python -m streamlit run dashboard.py --server.port P --server.address
   127.0.0.1 --server.headless true --server.fileWatcherType none`, all with the same
   STREAMLIT_SERVER_COOKIE_SECRET (random unless set), logs in <run-dir>/replica-P.log;
3. waits until every replica answers /_stcore/health, runs `nginx -t`, then runs nginx in the
   foreground (`daemon off;`; its logs are in <run-dir>);
4. warms each replica once it is healthy (deploy/warm.py: every page's default view runs once,
   so the first visitor finds the caches filled; `--no-warm` skips it), in the background;
5. stays in the foreground and supervises:
   - a replica that dies is started again after 1 s, 2 s, 4 s ... (at most 30 s; back to 1 s
     once it had been healthy for 60 s), then warmed again; meanwhile nginx sends its visitors
     to the other replicas. A replica not healthy within --startup-timeout of a start is
     killed, which counts as a death. At a replica's 5th death within 5 minutes run.py gives up: it
     stops everything and exits 1, so the service manager restarts the set (or says so);
   - nginx dying (its master process: nginx restarts its own workers) stops everything and
     exits 1 too: without it nothing is served, and it only dies from outside or a bug;
   - a replica that dies before nginx has started (it cannot start) stops everything, exit 1;
   - SIGTERM/SIGINT stop nginx (graceful quit) and the replicas (SIGTERM, SIGKILL after a
     grace period), exit 0.

Standard library only (deploy/warm.py also uses Streamlit's protobufs and websockets
client); nginx from Debian (`apt-get install nginx`). Run it from anywhere: the
replicas run in the repository root, where dashboard.py, .streamlit/ and data/ are.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
PLACEHOLDERS = (
    "ATLAS_LISTEN",
    "ATLAS_RUN_DIR",
    "ATLAS_UPSTREAMS",
    "ATLAS_REPLICA_ROUTES",
    "ATLAS_ROUTE_COOKIE_SECURE",
)
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
STOP_GRACE = 10.0
POLL = 0.2  # seconds between two looks at the children
WARMER = Path(__file__).resolve().parent / "warm.py"


# ------------------------------------------------------------------------------------------
# nginx configuration
# ------------------------------------------------------------------------------------------


def inline_script_hashes(index_html: str) -> list[str]:
    """CSP sources ('sha256-...') for every inline <script> (no src=) in an HTML page."""
    bodies = re.findall(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", index_html, re.S)
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode() + "'"
        for b in bodies
    ]


def streamlit_index_html() -> str:
    """The index.html the installed Streamlit serves for every page."""
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def csp_of(conf: str) -> str:
    """The Content-Security-Policy value in an nginx config (ValueError if there is none)."""
    match = re.search(r'add_header\s+Content-Security-Policy\s+"([^"]+)"', conf)
    if not match:
        raise ValueError("no Content-Security-Policy add_header in the nginx config")
    return match.group(1)


def check_csp_hashes(conf: str, index_html: str) -> None:
    """ValueError when Streamlit's page has an inline script the CSP's script-src lacks.

    Streamlit's index.html carries one inline script; its hash is in the template. A Streamlit
    upgrade that changes it would make browsers refuse it (and log a CSP violation).
    """
    script_src = next(
        (d for d in csp_of(conf).split(";") if d.strip().startswith("script-src")), ""
    )
    missing = [h for h in inline_script_hashes(index_html) if h not in script_src.split()]
    if missing:
        raise ValueError(
            "Streamlit's index.html has inline script(s) that deploy/nginx.conf's CSP does not "
            f"allow: add {' '.join(missing)} to script-src (and drop hashes no longer used)"
        )


SERVER_LIMITS = "max_fails=1 fail_timeout=5s"  # one failure takes a replica out for 5 s


def upstream_lines(ports: Sequence[int], host: str = "127.0.0.1") -> str:
    """The `server` lines of the hash group, one per replica."""
    return "\n        ".join(f"server {host}:{p} {SERVER_LIMITS};" for p in ports)


def replica_name(index: int) -> str:
    """The routing cookie's value that pins a browser to the index-th replica: r1, r2, ..."""
    return f"r{index + 1}"


def keepalive_lines(template: str) -> list[str]:
    """The keepalive directives of the template's hash group (for every per-replica group)."""
    block = template.split("upstream atlas_replicas {", 1)[1].split("\n    }", 1)[0]
    return re.findall(r"^\s*(keepalive\w*\s+[^;]+;)", block, re.M)


def replica_routes(ports: Sequence[int], keepalive: Sequence[str], host: str = "127.0.0.1") -> str:
    """ATLAS_REPLICA_ROUTES: per replica an upstream group that prefers it (the others are
    backups), the map from routing cookie to group, and the map from the address nginx last
    tried ($upstream_addr) to the replica's name (see deploy/nginx.conf)."""
    indent = "\n    "
    parts = []
    for i, port in enumerate(ports):
        servers = [f"server {host}:{port} {SERVER_LIMITS};"]
        servers += [f"server {host}:{p} {SERVER_LIMITS} backup;" for p in ports if p != port]
        body = "".join(f"{indent}    {line}" for line in [*servers, *keepalive])
        parts.append(f"upstream atlas_{replica_name(i)} {{{body}{indent}}}")
    routes = "".join(
        f"{indent}    {replica_name(i)} atlas_{replica_name(i)};" for i in range(len(ports))
    )
    parts.append(
        f"map $cookie_atlas_route $atlas_upstream {{{indent}    default atlas_replicas;{routes}"
        f"{indent}}}"
    )
    served = "".join(
        f'{indent}    "~(^|\\s){re.escape(host)}:{port}$" {replica_name(i)};'
        for i, port in enumerate(ports)
    )
    parts.append(f'map $upstream_addr $atlas_served {{{indent}    default "";{served}{indent}}}')
    return indent.join(parts)


def render_nginx_conf(
    *,
    listen: str,
    run_dir: Path,
    ports: Sequence[int],
    secure_cookie: bool = False,
    template: str | None = None,
    index_html: str | None = None,
) -> str:
    """deploy/nginx.conf with its placeholders filled in (the same as envsubst with the list).

    Raises ValueError when the CSP misses a hash of the installed Streamlit's inline script
    (pass index_html="" to skip that check) or a placeholder is left over.
    """
    if not ports:
        raise ValueError("at least one replica port is needed")
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    values = {
        "ATLAS_LISTEN": listen,
        "ATLAS_RUN_DIR": str(Path(run_dir).resolve()),
        "ATLAS_UPSTREAMS": upstream_lines(ports),
        "ATLAS_REPLICA_ROUTES": replica_routes(ports, keepalive_lines(text)),
        "ATLAS_ROUTE_COOKIE_SECURE": "; Secure" if secure_cookie else "",
    }
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = sorted(set(re.findall(r"\$\{ATLAS_[A-Z_]+\}", text)))
    if left:
        raise ValueError(f"unfilled placeholders in the nginx template: {left}")
    check_csp_hashes(text, streamlit_index_html() if index_html is None else index_html)
    return text


def find_nginx() -> str | None:
    """Path of the nginx binary (Debian: /usr/sbin/nginx, not on a normal user's PATH)."""
    for candidate in NGINX_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("nginx")


def write_nginx_conf(run_dir: Path, conf: str) -> Path:
    """Write the config into run_dir (created if needed); return the config's path."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    return path


def nginx_command(nginx: str, run_dir: Path, *, test: bool = False) -> list[str]:
    """nginx with its prefix, config and startup error log all in run_dir."""
    run_dir = Path(run_dir).resolve()
    command = [nginx, "-p", f"{run_dir}/", "-c", str(run_dir / "nginx.conf")]
    command += ["-e", str(run_dir / "error.log")]
    return [*command, "-t", "-q"] if test else command


# ------------------------------------------------------------------------------------------
# replicas
# ------------------------------------------------------------------------------------------


def replica_command(port: int, *, python: str = sys.executable) -> list[str]:
    """One Streamlit replica on 127.0.0.1:port (only nginx can reach it)."""
    return [
        python,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]


def healthy(url: str, timeout: float = 2.0) -> bool:
    """True when url answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status == 200
    except OSError:
        return False


def _die_with_supervisor() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when run.py dies, even by SIGKILL (no orphans left)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class RestartPolicy:
    """When a dead replica is started again, and when run.py gives up on it.

    The n-th death in a row waits initial * factor**(n-1) seconds, at most `maximum`; a
    replica that was healthy for `reset_after` seconds before it died starts again from
    `initial`. The `limit`-th death within `window` seconds gives up (None): something is
    wrong that a restart does not fix, and the service manager should see it.
    """

    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 30.0
    reset_after: float = 60.0
    limit: int = 5
    window: float = 300.0
    deaths: list[float] = field(default_factory=list)
    delay: float | None = None  # the wait before the next start; None until a death

    def on_death(self, now: float, healthy_for: float) -> float | None:
        """Record a death at `now` (monotonic seconds) of a replica that had been healthy for
        `healthy_for` seconds (0 if never); return the wait before restarting it, or None."""
        self.deaths = [t for t in self.deaths if now - t < self.window] + [now]
        if len(self.deaths) >= self.limit:
            return None
        if self.delay is None or healthy_for >= self.reset_after:
            self.delay = self.initial
        else:
            self.delay = min(self.delay * self.factor, self.maximum)
        return self.delay


@dataclass
class Replica:
    """One replica's process, its restarts and its warm-up."""

    port: int
    policy: RestartPolicy
    process: subprocess.Popen | None = None
    log: object = None  # the open replica-PORT.log of the running process
    started: float = 0.0  # monotonic time of the last start
    healthy_since: float | None = None  # when it first answered /_stcore/health since then
    restart_at: float | None = None  # when to start it again (after a death)
    starts: int = 0
    warmer: subprocess.Popen | None = None

    @property
    def name(self) -> str:
        return f"replica {self.port}"

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/_stcore/health"


def say(message: str, *, error: bool = False) -> None:
    print(f"run.py: {message}", file=sys.stderr if error else sys.stdout, flush=True)


@dataclass
class Supervisor:
    """The replicas and nginx run.py started: restarted, warmed and stopped together."""

    run_dir: Path
    env: dict[str, str]
    replicas: list[Replica]
    warm: bool = True
    startup_timeout: float = 120.0
    nginx: subprocess.Popen | None = None
    logs: list = field(default_factory=list)

    def _spawn(
        self, command: list[str], log: Path | None, *, own_group: bool = False
    ) -> tuple[subprocess.Popen, object]:
        out = log.open("ab") if log is not None else None
        if out is not None:
            self.logs.append(out)
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=out,  # None: run.py's own stdout (the warm-up's lines)
            stderr=out,
            preexec_fn=_die_with_supervisor if sys.platform == "linux" else None,
            process_group=0 if own_group else None,
        )
        return process, out

    def start_replica(self, replica: Replica) -> None:
        log = self.run_dir / f"replica-{replica.port}.log"
        replica.process, replica.log = self._spawn(replica_command(replica.port), log)
        replica.started = time.monotonic()
        replica.healthy_since = None
        replica.restart_at = None
        replica.starts += 1
        if replica.starts > 1:
            say(f"{replica.name} started again (pid {replica.process.pid})")

    def start_nginx(self, nginx: str) -> None:
        """nginx in a process group of its own: its workers outlive a master that is killed
        (they keep the port and answer 502), so stop() ends the whole group."""
        command = nginx_command(nginx, self.run_dir)
        self.nginx, _ = self._spawn(command, self.run_dir / "nginx.log", own_group=True)

    def start_warmer(self, replica: Replica) -> None:
        if not self.warm:
            return
        command = [sys.executable, str(WARMER), "--port", str(replica.port)]
        replica.warmer, _ = self._spawn(command, None)

    def check(self, replica: Replica, now: float, *, serving: bool) -> str | None:
        """One look at a replica: reap and schedule a restart, start it when due, see whether
        it has become healthy. Returns why run.py must stop, or None."""
        if replica.warmer is not None and replica.warmer.poll() is not None:
            replica.warmer = None
        if replica.process is None:
            if replica.restart_at is not None and now >= replica.restart_at:
                self.start_replica(replica)
            return None
        code = replica.process.poll()
        if code is None:
            if replica.healthy_since is None:
                if healthy(replica.health_url, timeout=1.0):
                    replica.healthy_since = time.monotonic()
                    if replica.starts > 1:
                        took = replica.healthy_since - replica.started
                        say(f"{replica.name} healthy again, {took:.1f} s after its start")
                    self.start_warmer(replica)
                elif now - replica.started > self.startup_timeout:
                    say(f"{replica.name} not healthy in {self.startup_timeout:.0f} s: killing it")
                    replica.process.kill()
            return None
        # It has exited.
        pid = replica.process.pid
        replica.process = None
        if replica.log is not None:
            replica.log.close()
            self.logs.remove(replica.log)
            replica.log = None
        self.stop_warmer(replica)
        log = self.run_dir / f"replica-{replica.port}.log"
        if not serving:  # while starting: a replica that cannot start is a deployment error
            return (
                f"{replica.name} exited with code {code} while starting; stopping all\n"
                f"{log_tail(log)}"
            )
        healthy_for = now - replica.healthy_since if replica.healthy_since is not None else 0.0
        delay = replica.policy.on_death(now, healthy_for)
        policy = replica.policy
        if delay is None:
            return (
                f"{replica.name} (pid {pid}) exited with code {code}, death {policy.limit} "
                f"within {policy.window:g} s: giving up, stopping all\n{log_tail(log)}"
            )
        replica.restart_at = now + delay
        say(
            f"{replica.name} (pid {pid}) exited with code {code} after "
            f"{now - replica.started:.1f} s; starting it again in {delay:g} s",
            error=True,
        )
        return None

    def stop_warmer(self, replica: Replica) -> None:
        if replica.warmer is not None and replica.warmer.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                replica.warmer.kill()
            replica.warmer.wait()
        replica.warmer = None

    def stop(self, grace: float = STOP_GRACE) -> None:
        """nginx: SIGQUIT (finish open requests, then exit); replicas: SIGTERM; then SIGKILL.
        A warm-up in progress is killed at once."""
        for replica in self.replicas:
            self.stop_warmer(replica)
        children = [(self.nginx, signal.SIGQUIT)] if self.nginx is not None else []
        children += [(r.process, signal.SIGTERM) for r in self.replicas if r.process]
        for child, signum in children:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.send_signal(signum)
        end = time.monotonic() + grace
        for child, _ in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(0.1, end - time.monotonic()))
        for child, _ in children:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
                child.wait()
        if self.nginx is not None:  # workers left behind by a master that died
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.nginx.pid, signal.SIGKILL)
        for out in self.logs:
            out.close()
        self.logs.clear()


def log_tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def serve(args: argparse.Namespace) -> int:
    run_dir = Path(args.run_dir).resolve()
    ports = args.ports or [args.first_port + i for i in range(args.replicas)]
    nginx = args.nginx or find_nginx()
    if nginx is None:
        say("nginx not found (Debian: apt-get install nginx)", error=True)
        return 2
    conf = render_nginx_conf(
        listen=args.listen, run_dir=run_dir, ports=ports, secure_cookie=args.secure_cookie
    )
    write_nginx_conf(run_dir, conf)
    check = subprocess.run(nginx_command(nginx, run_dir, test=True), capture_output=True)
    if check.returncode != 0:
        sys.stderr.write(check.stderr.decode(errors="replace"))
        return 2
    if args.render_only:
        print(run_dir / "nginx.conf")
        return 0

    env = dict(os.environ)
    # The same signing key in every replica (Streamlit's advice for replicas: signed cookies,
    # e.g. st.login's, then verify in whichever replica a browser reaches).
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    policy = {
        "initial": args.restart_delay,
        "maximum": args.restart_delay_max,
        "limit": args.restart_limit,
        "window": args.restart_window,
    }
    supervisor = Supervisor(
        run_dir,
        env,
        [Replica(port, RestartPolicy(**policy)) for port in ports],
        warm=not args.no_warm,
        startup_timeout=args.startup_timeout,
    )
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.exit_with_parent:
        parent = os.getppid()
        _die_with_supervisor()  # our parent's death now sends us SIGTERM: a normal stop
        if os.getppid() != parent:  # it died before that took effect
            return 1
    try:
        for replica in supervisor.replicas:
            supervisor.start_replica(replica)
        end = time.monotonic() + args.startup_timeout
        while not stopping:
            now = time.monotonic()
            serving = supervisor.nginx is not None
            for replica in supervisor.replicas:
                if (problem := supervisor.check(replica, now, serving=serving)) is not None:
                    say(problem, error=True)
                    return 1
            if not serving:
                if all(r.healthy_since is not None for r in supervisor.replicas):
                    supervisor.start_nginx(nginx)
                    say(
                        f"{len(ports)} replicas on 127.0.0.1:{','.join(map(str, ports))}, "
                        f"nginx on {args.listen} (logs in {run_dir})"
                    )
                elif now > end:
                    waiting = [r.port for r in supervisor.replicas if r.healthy_since is None]
                    say(f"replicas {waiting} not healthy in time", error=True)
                    return 1
            elif (code := supervisor.nginx.poll()) is not None:
                say(f"nginx exited with code {code}; stopping all", error=True)
                return 1
            time.sleep(POLL)
        return 0
    finally:
        supervisor.stop()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--replicas", type=int, default=2, help="number of replicas (2)")
    parser.add_argument(
        "--first-port", type=int, default=8501, help="first replica port; the next follow"
    )
    parser.add_argument(
        "--ports",
        type=lambda s: [int(p) for p in s.split(",") if p],
        help="explicit replica ports, comma-separated (instead of --replicas/--first-port)",
    )
    parser.add_argument(
        "--listen", default="8080", help='nginx listen address: "8080", "127.0.0.1:8080"'
    )
    parser.add_argument(
        "--run-dir",
        default=os.environ.get("ATLAS_RUN_DIR", "/tmp/ai-pay-atlas"),
        help="pid, logs, temp files and the rendered nginx.conf (/tmp/ai-pay-atlas)",
    )
    parser.add_argument("--nginx", help="nginx binary (default: /usr/sbin/nginx)")
    parser.add_argument(
        "--secure-cookie",
        action="store_true",
        help="mark the routing cookie Secure (browsers reach the site over https)",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=120.0,
        help="seconds a replica has to answer /_stcore/health after a start (120)",
    )
    parser.add_argument(
        "--no-warm",
        action="store_true",
        help="do not run each page's default view on a replica once it is healthy",
    )
    policy = RestartPolicy()
    parser.add_argument(
        "--restart-delay",
        type=float,
        default=policy.initial,
        help=f"seconds before restarting a dead replica, doubled per death ({policy.initial:g})",
    )
    parser.add_argument(
        "--restart-delay-max",
        type=float,
        default=policy.maximum,
        help=f"the longest wait before a restart ({policy.maximum:g})",
    )
    parser.add_argument(
        "--restart-limit",
        type=int,
        default=policy.limit,
        help=f"give up (exit 1) at a replica's Nth death within --restart-window ({policy.limit})",
    )
    parser.add_argument(
        "--restart-window",
        type=float,
        default=policy.window,
        help=f"seconds over which a replica's deaths are counted ({policy.window:g})",
    )
    parser.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="Linux: stop everything when the process that started run.py dies (tests)",
    )
    parser.add_argument(
        "--render-only", action="store_true", help="write and check nginx.conf, then exit"
    )
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(serve(parse_args()))
