"""`python -m databuild.taxes`: build the after-tax take-home schedule, data/take_home.parquet,
and its sidecar record (.json), then check the interpolation between its points.

`simulate.build_schedule` runs the PolicyEngine US microsimulation model (`policyengine-us`,
pinned in requirements-tax.txt and installed in its own virtualenv, because its pins conflict
with requirements.txt) for one single filer over the income grid of `grid` ($100 to
$5,000,000 a year) in every state, DC, and the local jurisdictions of `law.LOCAL`, for each tax
year of `law.TAX_YEARS`; the city codes of `cities.CITY_ROWS` add statutory local taxes to
their state's rows. Where the library's parameter is off for the tax year, a reform
(`law.CORRECTIONS`) applies the published value (or drops the one-time Oregon kicker), and the
sidecar records each one with its source, with the cross-state rule of `analysis.taxes`. The
run-time half (reading and interpolating the stored table) is `analysis.taxes`, whose columns
the schedule follows.

Filer: single, age 30, no dependents, wages only (`employment_income`; the Alaska Permanent
Fund Dividend the library adds by default is set to 0), standard deduction (federal
itemization is switched off; states that follow the federal choice follow it), employed by an
employer of the library's default size (100 employees; it decides e.g. Delaware paid leave).
Columns and units: see `analysis.taxes.COLUMN_DOCS`.

Rebuild (in the tax virtualenv, from the repo root; about 6 min on 2 idle cores, 12 or more
on busy ones, half of it the interpolation check, which --no-check skips):
    python -m databuild.taxes --out data/take_home.parquet
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.taxes import COLUMN_DOCS, REBUILD, SCHEDULE_PATH, cross_state_record
from databuild.taxes.cities import CITY_ROWS
from databuild.taxes.grid import (
    GRID_BREAKS,
    GRID_SEGMENTS,
    default_grid,
    interpolation_errors,
    midpoints,
    summarize_errors,
)
from databuild.taxes.law import (
    FILER,
    JURISDICTIONS,
    LOCAL,
    NOT_INCLUDED,
    NYC_COUNTY,
    TAX_YEAR_NOTE,
    TAX_YEARS,
)
from databuild.taxes.simulate import (
    build_schedule,
    correction_records,
    finish,
    tabulate,
)

LIBRARY = "policyengine-us"


def check_interpolation(
    schedule: pd.DataFrame, incomes: Sequence[float], years: Sequence[int]
) -> dict:
    """Simulate every jurisdiction of every year at the midpoint of every grid interval and
    compare with linear interpolation of `schedule`: the sidecar's record of the error."""
    points = midpoints(incomes)
    simulated = pd.concat(
        [finish(tabulate(JURISDICTIONS, points, year), year) for year in years],
        ignore_index=True,
    )
    errors = interpolation_errors(schedule, simulated)
    return {
        "method": "take-home at the midpoint of every grid interval in every jurisdiction and "
        "tax year, "
        "simulated directly vs linearly interpolated from the table (analysis.taxes.take_home)",
        "points": len(errors),
        "max_abs_error": round(float(errors["error"].abs().max()), 2),
        "segments": summarize_errors(errors),
    }


def sidecar(
    schedule: pd.DataFrame,
    incomes: Sequence[float],
    corrections: list[dict],
    interpolation: dict | None = None,
) -> dict:
    years = sorted(int(y) for y in schedule["tax_year"].unique())
    """The provenance record written next to the parquet file (no timestamps)."""
    grid = np.unique(np.asarray(incomes, dtype=float))
    return {
        "library": LIBRARY,
        "version": metadata.version(LIBRARY),
        "core_version": metadata.version("policyengine-core"),
        "tax_year": years[-1],
        "tax_years": years,
        "tax_year_note": TAX_YEAR_NOTE,
        "filer": FILER,
        "employer": "the library's default employer size (employer_headcount 100)",
        "grid": {
            "min": float(grid[0]),
            "max": float(grid[-1]),
            "points": len(grid),
            "spacing": "evenly spaced segments plus points at jumps and kinks (breaks)",
            "segments": [{"min": lo, "max": hi, "step": step} for lo, hi, step in GRID_SEGMENTS],
            "breaks": [{"wages": b.wages, "jump": b.jump, "why": b.why} for b in GRID_BREAKS],
        },
        "jurisdictions": int(schedule["jurisdiction"].nunique()),
        "rows": len(schedule),
        "nyc": f"state_code NY with county {NYC_COUNTY}, so in_nyc is true: NYC income tax",
        "local": {
            name: {
                "state": spec.state,
                "county": spec.county,
                "variable": spec.variable,
                "applies_to": spec.applies_to,
                "how": spec.note,
            }
            for name, spec in LOCAL.items()
        }
        | {
            code: {
                "state": spec.state,
                "taxes": [
                    {
                        "name": tax.name,
                        "base": tax.base,
                        "brackets": [list(b) for b in tax.brackets],
                        "exempt": tax.exempt,
                        "fixed": tax.fixed,
                        "library_parameter": tax.rate_parameter,
                        "source": tax.source,
                    }
                    for tax in spec.taxes
                ],
                "applies_to": spec.applies_to,
                "left_out": spec.left_out,
                "how": "the state's rows plus its statutory taxes (databuild/taxes/cities.py)",
            }
            for code, spec in CITY_ROWS.items()
        },
        "cross_state": cross_state_record(),
        "corrections": corrections,
        "not_included": list(NOT_INCLUDED),
        "interpolation_check": interpolation,
        "columns": COLUMN_DOCS,
        "command": REBUILD,
    }


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: build the schedule for `TAX_YEARS` over `default_grid()` and write parquet + JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m databuild.taxes", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=SCHEDULE_PATH, help="parquet file to write")
    parser.add_argument(
        "--years", type=int, nargs="+", default=list(TAX_YEARS), help="tax years (default: all)"
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip the midpoint interpolation check (halves the run; the sidecar records null)",
    )
    args = parser.parse_args(argv)
    years = sorted(set(args.years))
    incomes = default_grid()
    started = time.perf_counter()
    schedule = build_schedule(incomes, years)
    print(f"schedule: {len(schedule)} rows in {time.perf_counter() - started:.0f} s", flush=True)
    check = None if args.no_check else check_interpolation(schedule, incomes, years)
    corrections = [record for year in years for record in correction_records(year)]
    side_record = sidecar(schedule, incomes, corrections, check)
    elapsed = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    schedule.to_parquet(args.out, index=False, compression="zstd")
    side = args.out.with_suffix(".json")
    side.write_text(json.dumps(side_record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(schedule)} rows) and {side} in {elapsed:.0f} s")
