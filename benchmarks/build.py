"""`python -m benchmarks.build`: time the data build and the table loads, against floors.

- build: `databuild.build.build(raw_dir, <temporary folder>)` on ../shared/data/raw, 3 runs.
- floor: reading every raw input file's bytes (the least any build must do), 3 runs.
- load <table>: `analysis.data.load_table(name)` from data/ for every name in TABLES, 3 runs;
  "data not built" when data/<name>.parquet is missing.

Prints a markdown table (min and median seconds, ratio of the median to the floor's median).
Options: --raw-dir PATH, --runs N. Numbers depend on the machine (and on the OS file cache:
the first floor run may read from disk, later ones from memory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` calls of `fn`."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return seconds


def read_raw_bytes(raw_dir: Path) -> int:
    """Read every file under `raw_dir`; return the number of bytes read."""
    return sum(len(p.read_bytes()) for p in sorted(raw_dir.rglob("*")) if p.is_file())


def build_once(raw_dir: Path) -> None:
    """One full build of `raw_dir` into a throwaway folder (data/ is not touched)."""
    from databuild import build

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        build.build(raw_dir, Path(tmp) / "data", log=lambda *_args, **_kw: None)


def row(name: str, seconds: list[float] | None, floor: float | None, note: str = "") -> str:
    """One markdown row: name | runs | min s | median s | median / floor | note."""
    if not seconds:
        return f"| {name} | 0 | – | – | – | {note} |"
    median = statistics.median(seconds)
    ratio = f"{median / floor:.1f}×" if floor else "–"
    return f"| {name} | {len(seconds)} | {min(seconds):.3f} | {median:.3f} | {ratio} | {note} |"


def main(argv: list[str] | None = None) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from analysis.paths import DATA_DIR, DEFAULT_RAW_DIR

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=DEFAULT_RAW_DIR)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    raw_dir: Path = args.raw_dir.resolve()

    lines = [
        f"## Build and load ({args.runs} runs each; raw: {raw_dir})",
        "",
        "| step | runs | min s | median s | median / floor | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    floor = None
    if raw_dir.is_dir():
        size = read_raw_bytes(raw_dir)  # also warms the OS file cache for a fair comparison
        seconds = timed(lambda: read_raw_bytes(raw_dir), args.runs)
        floor = statistics.median(seconds)
        lines.append(row("floor: read raw bytes", seconds, floor, f"{size / 1e6:.1f} MB"))
        try:
            seconds = timed(lambda: build_once(raw_dir), args.runs)
            lines.append(row("build (databuild.build.build)", seconds, floor))
        except Exception as err:  # report a broken build as a row, keep measuring the loads
            lines.append(row("build (databuild.build.build)", None, floor, f"failed: {err!r}"))
    else:
        lines.append(row("floor: read raw bytes", None, None, f"no raw folder at {raw_dir}"))
        lines.append(row("build (databuild.build.build)", None, None, "no raw folder"))

    from analysis.data import TABLES, load_table

    for name in TABLES:
        path = DATA_DIR / f"{name}.parquet"
        if not path.is_file():
            lines.append(row(f"load {name}", None, floor, "data not built"))
            continue
        try:
            frame = load_table(name)
            seconds = timed(lambda n=name: load_table(n), args.runs)
        except Exception as err:
            lines.append(row(f"load {name}", None, floor, f"failed: {err!r}"))
            continue
        memory = frame.memory_usage(deep=True).sum() / 1e6
        note = f"{len(frame):,} rows, {path.stat().st_size / 1e6:.1f} MB file, {memory:.0f} MB"
        lines.append(row(f"load {name}", seconds, floor, note + " in memory"))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
