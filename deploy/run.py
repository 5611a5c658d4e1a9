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
4. stays in the foreground. SIGTERM/SIGINT stop nginx (graceful quit) and the replicas
   (SIGTERM, SIGKILL after a grace period). If any child exits on its own, everything is
   stopped and run.py exits non-zero, so the service manager restarts the whole set.

Standard library only; nginx from Debian (`apt-get install nginx`). Run it from anywhere: the
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
PLACEHOLDERS = ("ATLAS_LISTEN", "ATLAS_RUN_DIR", "ATLAS_UPSTREAMS", "ATLAS_ROUTE_COOKIE_SECURE")
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
STOP_GRACE = 10.0


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


def upstream_lines(ports: Sequence[int], host: str = "127.0.0.1") -> str:
    """The `server` lines of the upstream block, one per replica."""
    return "\n        ".join(f"server {host}:{p} max_fails=1 fail_timeout=5s;" for p in ports)


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
class Supervisor:
    """The children run.py started, stopped together (also when starting fails half-way)."""

    run_dir: Path
    children: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: list = field(default_factory=list)

    def start(self, name: str, command: list[str], log: Path, env: dict[str, str]) -> None:
        out = log.open("ab")
        self.logs.append(out)
        self.children[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            preexec_fn=_die_with_supervisor if sys.platform == "linux" else None,
        )

    def exited(self) -> tuple[str, int] | None:
        """(name, exit code) of a child that has exited, or None while all run."""
        for name, child in self.children.items():
            code = child.poll()
            if code is not None:
                return name, code
        return None

    def stop(self, grace: float = STOP_GRACE) -> None:
        """nginx: SIGQUIT (finish open requests, then exit); replicas: SIGTERM; then SIGKILL."""
        for name, child in self.children.items():
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        end = time.monotonic() + grace
        for child in self.children.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(0.1, end - time.monotonic()))
        for child in self.children.values():
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
                child.wait()
        for out in self.logs:
            out.close()


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
        print("run.py: nginx not found (Debian: apt-get install nginx)", file=sys.stderr)
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
    supervisor = Supervisor(run_dir)
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
        for port in ports:
            supervisor.start(
                f"replica {port}", replica_command(port), run_dir / f"replica-{port}.log", env
            )
        end = time.monotonic() + args.startup_timeout
        waiting = list(ports)
        while waiting and not stopping:
            if (gone := supervisor.exited()) is not None:
                name, code = gone
                print(f"run.py: {name} exited with code {code} while starting", file=sys.stderr)
                print(log_tail(run_dir / f"replica-{name.split()[-1]}.log"), file=sys.stderr)
                return 1
            waiting = [p for p in waiting if not healthy(f"http://127.0.0.1:{p}/_stcore/health")]
            if waiting and time.monotonic() > end:
                print(f"run.py: replicas {waiting} not healthy in time", file=sys.stderr)
                return 1
            if waiting:
                time.sleep(0.25)
        if stopping:
            return 0
        supervisor.start("nginx", nginx_command(nginx, run_dir), run_dir / "nginx.log", env)
        print(
            f"run.py: {len(ports)} replicas on 127.0.0.1:{','.join(map(str, ports))}, "
            f"nginx on {args.listen} (logs in {run_dir})",
            flush=True,
        )
        while not stopping:
            if (gone := supervisor.exited()) is not None:
                name, code = gone
                print(f"run.py: {name} exited with code {code}; stopping all", file=sys.stderr)
                return 1
            time.sleep(0.5)
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
    parser.add_argument("--startup-timeout", type=float, default=120.0)
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
