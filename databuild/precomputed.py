"""Tables the build computes from the source tables: slow answers whose inputs are few and fixed.

A page's question that costs real time (a LOWESS bootstrap, a family of regressions) and that
only ever takes a handful of inputs (two switches, a tool list, none at all) is answered here,
once per build, for every input it can take, by the SAME analysis function the tests check;
the page reads the stored rows (`analysis.levels.stored_experience_curve`, ...). Each table is
written as `data/<name>.parquet` with:

- key columns first: the call's keyword arguments (one row set per call in `calls`);
- the function's output columns (of the frame `part` when it returns several), as it returns
  them, then its `attrs` as columns (the same value on every row of a call);
- checked: the documented columns and dtypes (`databuild.build.check_table`), no missing value
  in `required`, every call present, and the function reading no table but its `inputs`;
- recorded in data/manifest.json under ``precomputed.<name>``: the function, its calls, the
  sha256 of each input table as written by this build, and the rows.

A table whose input tables this build did not write (a partial build) is left out. What stays
computed at run time, and why: `level_checks.sensitivity` reads each range for today's date
(its ageing choice moves with the date, so a build-time table would go stale the next day);
`overview.headline` costs about 50 ms, of which its bootstrap 10 ms, and is a composite of
three answers, not a table.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import certifications, level_checks, levels, tools
from analysis.data import Tables
from databuild.sources.base import ColumnDoc


@dataclass(frozen=True)
class Precomputed:
    """One stored table: `function(data, **call)` for every call of `calls` (the frame `part`
    of a tuple result), stacked, with the call's arguments as key columns and the result's
    `attrs` as columns. `inputs`: the tables it reads; `required`: columns never missing;
    `about`: a sentence for data/README.md."""

    name: str
    function: Callable[..., Any]
    calls: tuple[Mapping[str, object], ...]
    inputs: tuple[str, ...]
    columns: Mapping[str, ColumnDoc]
    required: tuple[str, ...]
    about: str
    part: int | None = None
    attrs: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        """The function's import path, e.g. "analysis.levels.experience_curve"."""
        return f"{self.function.__module__}.{self.function.__qualname__}"


def _doc(dtype: str, unit: str, meaning: str) -> ColumnDoc:
    return ColumnDoc(dtype, unit, meaning)


SWITCHES = tuple(
    {"ai_ml_only": ai, "us_only": us} for ai, us in itertools.product((True, False), (False, True))
)
"""Every view of Career levels' experience section: AI/ML roles only or all, US or all."""
KEYS = {
    "ai_ml_only": _doc("bool", "flag", "the call's ai_ml_only: AI/ML roles only"),
    "us_only": _doc("bool", "flag", "the call's us_only: US respondents only"),
}
MONEY = "USD per year"
CURVE = {
    "year": _doc("int64", "year", "survey year"),
    "experience_measure": _doc(
        "str", "category", "'professional' (2024: professional years) or 'total coding' (2025)"
    ),
}
BINNED = {
    "bin": _doc("str", "years", "years-of-experience bin (levels.EXPERIENCE_BINS label)"),
    "bin_mid": _doc("float64", "years", "where the bin is drawn on a years axis"),
    "n": _doc("int64", "respondents", "respondents in the bin"),
    "p25": _doc("float64", MONEY, "25th percentile pay; NaN when hidden (under 10)"),
    "median": _doc("float64", MONEY, "median pay; NaN when hidden"),
    "p75": _doc("float64", MONEY, "75th percentile pay; NaN when hidden"),
    "ci_low": _doc("float64", MONEY, "95% order-statistic interval of the median, low end"),
    "ci_high": _doc("float64", MONEY, "95% order-statistic interval of the median, high end"),
    "status": _doc("str", "category", "ok | low confidence (under 30) | hidden (under 10)"),
}
FIT = {
    "years": _doc("float64", "years", "years of experience at which the smooth is evaluated"),
    "fit": _doc("float64", MONEY, "LOWESS of log pay on years, back-transformed"),
    "band_low": _doc("float64", MONEY, "seeded 95% bootstrap band of the fit, low end"),
    "band_high": _doc("float64", MONEY, "seeded 95% bootstrap band of the fit, high end"),
}
TESTED = {
    "premium": _doc("float64", "share", "exp(coef) - 1 at the same controls; NaN when hidden"),
    "ci_low": _doc("float64", "share", "95% interval of the premium (HC3), low end"),
    "ci_high": _doc("float64", "share", "95% interval of the premium (HC3), high end"),
    "p_value": _doc("float64", "probability", "two-sided p-value of the premium"),
    "p_holm": _doc("float64", "probability", "Holm-adjusted p-value across the comparisons"),
    "holm_reject": _doc("boolean", "flag", "the difference holds at family-wise 5%; NA untested"),
    "status": _doc("str", "category", "ok | low confidence | hidden, of the smaller side"),
}
COUNTS = {
    "n_respondents": _doc("int64", "respondents", "respondents in the model (frame.attrs)"),
    "n_compared": _doc("int64", "comparisons", "comparisons estimated (frame.attrs)"),
}

TOOLS = {
    "tool_list": _doc("str", "key", "the call's tool_list (tools.TOOL_LISTS key)"),
    "tool": _doc("str", "name", "the tool as the survey names it"),
    "n_users": _doc("int64", "respondents", "respondents using the tool"),
    "n_non_users": _doc("int64", "respondents", "respondents not using it"),
}
LEARNED = {
    "comparison": _doc("str", "label", "the comparison (a group, or a cloud's users in it)"),
    "group": _doc("str", "label", "AI/ML roles or All roles"),
    "cloud": _doc("str", "label", "the cloud whose users are compared; NA for a whole group"),
    "n_learned": _doc("int64", "respondents", "learned through online courses or certification"),
    "n_other": _doc("int64", "respondents", "did not"),
    "median_learned": _doc("float64", MONEY, "their median pay (raw, no controls)"),
    "median_other": _doc("float64", MONEY, "the others' median pay (raw, no controls)"),
}
BACKTEST = {
    "check": _doc("str", "label", "'random' (a seeded 30% held back) or '2023 → 2024'"),
    "level": _doc("str", "category", "career level"),
    "n_train": _doc("int64", "records", "records the ranges come from"),
    "n_test": _doc("int64", "records", "held-back records judged"),
    "inside": _doc("float64", "share", "share of them inside their level's range"),
    "ci_low": _doc("float64", "share", "Wilson 95% interval of the share, low end"),
    "ci_high": _doc("float64", "share", "Wilson 95% interval of the share, high end"),
    "expected": _doc("float64", "share", "the range's width (0.5 for 25th-75th)"),
}
MIN_USERS = {"min_users": _doc("int64", "respondents", "users and non-users needed (attrs)")}

TABLES: tuple[Precomputed, ...] = (
    Precomputed(
        "experience_bins",
        levels.experience_curve,
        SWITCHES,
        ("survey",),
        KEYS | CURVE | BINNED,
        (*KEYS, *CURVE, "bin", "bin_mid", "n", "status"),
        "Survey pay by years-of-experience bin, per survey year (Career levels).",
        part=0,
    ),
    Precomputed(
        "experience_fit",
        levels.experience_curve,
        SWITCHES,
        ("survey",),
        KEYS | CURVE | FIT,
        (*KEYS, *CURVE, "years", "fit"),
        "The smooth of survey pay on years of experience with its bootstrap band.",
        part=1,
    ),
    Precomputed(
        "tool_premiums",
        tools.tool_premiums,
        tuple({"tool_list": key} for key in tools.TOOL_LISTS),
        ("survey",),
        TOOLS | TESTED | COUNTS | MIN_USERS,
        (*TOOLS, "status", *COUNTS, *MIN_USERS),
        "Pay of each tool's users against non-users, Stack Overflow 2024 (Specializations).",
        attrs=tools.TOOL_ATTRS,
    ),
    Precomputed(
        "certification_pay",
        certifications.certification_pay,
        ({},),
        ("survey",),
        LEARNED | TESTED | COUNTS,
        ("comparison", "group", "n_learned", "n_other", "status", *COUNTS),
        "Pay of those who learned through online courses or certification (Career paths).",
        attrs=certifications.CERTIFICATION_ATTRS,
    ),
    Precomputed(
        "level_backtest",
        level_checks.backtest,
        ({},),
        ("salaries",),
        BACKTEST,
        tuple(BACKTEST),
        "Holdout calibration of the level method's ranges (Data & methods).",
    ),
)
"""Every precomputed table, in build order."""


def compute(spec: Precomputed, open_tables: Callable[[], Tables], done: dict) -> pd.DataFrame:
    """The stored frame of `spec`: each call on fresh tables from `open_tables()` (results of a
    call `done` already holds are reused: experience_curve's two frames come from one call).

    Raises ValueError when a call reads a table not in `spec.inputs` (its hash would be
    missing from the manifest), lacks a required value, or gives no rows."""
    frames = []
    for call in spec.calls:
        key = (spec.qualified, tuple(sorted(call.items())))
        if key not in done:
            data = open_tables()
            done[key] = spec.function(data, **call)
            undeclared = set(data.loaded) - set(spec.inputs)
            if undeclared:
                raise ValueError(f"{spec.qualified} reads {sorted(undeclared)}, not declared")
        result = done[key]
        frame = result if spec.part is None else result[spec.part]
        frame = frame.assign(**{name: frame.attrs[name] for name in spec.attrs})
        for i, (name, value) in enumerate(call.items()):
            frame.insert(i, name, value)
        if frame.empty:
            raise ValueError(f"{spec.qualified}({call}) gave no rows to store in {spec.name}")
        frames.append(frame)
    out = _portable(pd.concat(frames, ignore_index=True))
    out.attrs = {}
    for column in spec.required:
        if out[column].isna().any():
            raise ValueError(f"table {spec.name}.{column}: missing values, none allowed")
    return out


SIGNIFICANT_DIGITS = 12
"""Digits kept of every stored float: a regression's last bits depend on the CPU's BLAS
kernels (two machines differed by 1e-13 on the same inputs), and the build must give the same
bytes on any machine; 12 digits are far more than any figure shown."""


def _portable(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its float columns rounded to SIGNIFICANT_DIGITS significant digits."""
    floats = frame.select_dtypes("float").columns
    rounded = {
        c: frame[c].map(lambda v: float(f"{v:.{SIGNIFICANT_DIGITS}g}"), na_action="ignore")
        for c in floats
    }
    return frame.assign(**rounded)


def readme_section(written: list[Precomputed]) -> list[str]:
    """data/README.md lines for the precomputed tables the build wrote."""
    lines = [
        "",
        "## Precomputed tables",
        "",
        "Computed by the build from the tables above (`databuild/precomputed.py`), by the same",
        "analysis function a page would call, for every input the page can give it; the page",
        "reads the stored rows. `manifest.json` records under `precomputed.<name>` the function,",
        "its calls, the sha256 of each input table and the rows; the key columns come first.",
        "",
    ]
    for spec in written:
        calls = "; ".join(", ".join(f"{k}={v!r}" for k, v in c.items()) or "()" for c in spec.calls)
        part = "" if spec.part is None else f" (frame {spec.part} of its result)"
        docs = spec.columns.items()
        lines += [
            f"### `{spec.name}.parquet`",
            "",
            f"{spec.about} `{spec.qualified}`{part} from {', '.join(spec.inputs)}; calls: {calls}.",
            "",
            "| column | type | unit | meaning |",
            "|---|---|---|---|",
            *(f"| `{c}` | {d.dtype} | {d.unit} | {_cell(d.meaning)} |" for c, d in docs),
            "",
        ]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a bare | would split the cell
