"""Pay bands by region for recruiters, and checks of a recruiter's own band table.

Market bands come from BLS OEWS May 2025 (cross-industry, per metro); price levels from the
latest BEA RPP year in the table. A regional band is the employment-weighted average of the
metros' percentiles — an approximation (BLS does not publish pooled percentiles), labelled as
such. A metro whose percentile is top-coded or not released, or whose employment is not
released (no weight), is left out of that average and counted in `n_excluded`.
"""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd

from analysis import hubs, stats

PCT_COLUMNS = tuple(stats.PCT_COLUMNS)
"""OEWS annual percentile columns, a_pct10..a_pct90 (the map lives in analysis.stats)."""
MAX_UPLOAD_BYTES = 1_000_000
MAX_UPLOAD_ROWS = 5_000
UPLOAD_COLUMNS = ("role", "metro", "min", "mid", "max")
SOC_PATTERN = re.compile(r"\d{2}-\d{4}")


def region_metros(
    metros: pd.DataFrame, *, region: str | None = None, states: list[str] | None = None
) -> pd.DataFrame:
    """Metros in a census region and/or a list of states (any of a metro's states counts).

    Returns the matching rows of `metros` sorted by short_name; empty when nothing matches.
    """
    keep = pd.Series(True, index=metros.index)
    if region:
        keep &= metros["census_region"] == region
    if states:
        wanted = set(states)
        keep &= metros["states"].fillna("").map(lambda s: bool(wanted & set(s.split("-"))))
    return metros[keep].sort_values("short_name").reset_index(drop=True)


def market_bands(
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    cbsas: list[str],
    occ_codes: list[str],
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """Per metro x occupation: p10..p90 annual pay (USD), employment, location quotient, RPP.

    Output columns: cbsa, metro (display label as `analysis.hubs.metro_names`, "Austin, TX"),
    state, occ_code, occ_title, a_pct10..a_pct90 (NaN when top-coded or not released),
    a_pct10_note..a_pct90_note, tot_emp, emp_prse, loc_quotient, price_level (BEA all-items
    RPP, US = 100, `year`, default the latest in `parities`). Metros with no OEWS row for an
    occupation are absent. Raises ValueError on an empty selection.
    """
    if not cbsas or not occ_codes:
        raise ValueError("Choose at least one metro and one occupation.")
    rows = wages[
        (wages["area_type"] == "metro")
        & (wages["industry_code"] == "000000")
        & wages["cbsa"].isin(cbsas)
        & wages["occ_code"].isin(occ_codes)
    ]
    notes = [f"{c}_note" for c in PCT_COLUMNS]
    out = rows[
        [
            "cbsa",
            "occ_code",
            "occ_title",
            *PCT_COLUMNS,
            *notes,
            "tot_emp",
            "emp_prse",
            "loc_quotient",
        ]
    ].merge(
        hubs.metro_names(metros)[["cbsa", "label", "state"]].rename(columns={"label": "metro"}),
        on="cbsa",
        how="left",
    )
    year = hubs.latest_year(parities) if year is None else year
    levels = parities[(parities["geo_level"] == "metro") & (parities["year"] == year)]
    levels = levels[["geo_code", "all_items"]].rename(
        columns={"geo_code": "cbsa", "all_items": "price_level"}
    )
    out = out.merge(levels, on="cbsa", how="left")
    out["metro"] = out["metro"].fillna(out["cbsa"])
    columns = ["cbsa", "metro", "state", "occ_code", "occ_title", *PCT_COLUMNS, *notes]
    columns += ["tot_emp", "emp_prse", "loc_quotient", "price_level"]
    return out[columns].sort_values(["occ_code", "metro"]).reset_index(drop=True)


def regional_band(bands: pd.DataFrame) -> pd.DataFrame:
    """Employment-weighted average of each percentile across metros, per occupation.

    Output: occ_code, occ_title, a_pct10..a_pct90, metros (count), tot_emp (sum of metros
    with employment), n_excluded (metros left out of at least one percentile's average: the
    percentile is top-coded or not released, or the employment is not released so the metro
    has no weight). Weighted averages of percentiles approximate, but are not, the pooled
    percentiles of the region.
    """
    rows = []
    for (occ, title), group in bands.groupby(["occ_code", "occ_title"], sort=True):
        weights = group["tot_emp"].fillna(0.0)
        row: dict[str, object] = {"occ_code": occ, "occ_title": title}
        excluded = ~(weights > 0)
        for column in PCT_COLUMNS:
            ok = group[column].notna() & (weights > 0)
            excluded |= ~ok
            row[column] = (
                float(np.average(group.loc[ok, column], weights=weights[ok]))
                if ok.any()
                else np.nan
            )
        row["metros"] = len(group)
        row["tot_emp"] = float(weights.sum())
        row["n_excluded"] = int(excluded.sum())
        rows.append(row)
    columns = ["occ_code", "occ_title", *PCT_COLUMNS, "metros", "tot_emp", "n_excluded"]
    return pd.DataFrame(rows, columns=columns)


def at_target(bands: pd.DataFrame, target: float) -> pd.Series:
    """Pay at percentile `target` (10-90) per band row, log-linear between published points.

    NaN where the target lies beyond a top-coded or unpublished percentile.
    """

    def one(row: pd.Series) -> float:
        ladder, _ = stats.oews_ladder(row)
        try:
            return stats.wage_at_percentile(target, ladder)
        except ValueError:
            return float("nan")

    return bands.apply(one, axis=1).astype("float64")


class UploadError(ValueError):
    """A band upload was rejected; the message names the row and what to fix."""


def parse_upload(content: bytes, metros: pd.DataFrame) -> pd.DataFrame:
    """Check a recruiter's band CSV and return it as a tidy frame.

    The file must be UTF-8 CSV of at most 1 MB with columns role, metro, min, mid, max
    (extra columns are ignored). `metro` is a CBSA code, a display name ("San Jose") or an
    official CBSA title. Amounts are annual USD, positive, under $5M, with min <= mid <= max.
    Text that starts with = + - @ is rejected (spreadsheet formulas). Returns columns row
    (1-based line in the file), role, cbsa, metro, min, mid, max. Raises UploadError naming
    the first bad row.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(
            f"The file is {len(content) / 1e6:.1f} MB; the limit is 1 MB. Split it or remove rows."
        )
    if not content.strip():
        raise UploadError("The file is empty.")
    if b"\x00" in content:
        raise UploadError("This is not a CSV text file (it contains binary data).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        raise UploadError(
            f"Row {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' and upload again."
        ) from None
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise UploadError(f"The file is not readable CSV ({err}).") from None
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in UPLOAD_COLUMNS if c not in header]
    if missing:
        raise UploadError(
            f"Missing column(s): {', '.join(missing)}. Expected a header row with "
            f"{', '.join(UPLOAD_COLUMNS)}."
        )
    body = [(i, r) for i, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        raise UploadError("The file has a header but no rows.")
    if len(body) > MAX_UPLOAD_ROWS:
        raise UploadError(f"The file has {len(body):,} rows; the limit is {MAX_UPLOAD_ROWS:,}.")
    lookup = metro_lookup(metros)
    index = {name: header.index(name) for name in UPLOAD_COLUMNS}
    rows = [parse_row(line, record, index, lookup) for line, record in body]
    return pd.DataFrame(rows, columns=["row", "role", "cbsa", "metro", "min", "mid", "max"])


def metro_lookup(metros: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Lower-cased CBSA code, short name ("San Jose"), label ("San Jose, CA") and official
    title -> (cbsa, label)."""
    lookup: dict[str, tuple[str, str]] = {}
    names = hubs.metro_names(metros)[["cbsa", "short_name", "title", "label"]]
    for cbsa, short, title, label in names.itertuples(index=False):
        for key in (cbsa, short, title, label):
            lookup[str(key).strip().lower()] = (str(cbsa), str(label))
    return lookup


def parse_row(
    line: int, record: list[str], index: dict[str, int], lookup: dict[str, tuple[str, str]]
) -> dict[str, object]:
    """One checked upload row (see parse_upload); raises UploadError naming `line`."""
    if len(record) < len(index) or max(index.values()) >= len(record):
        raise UploadError(
            f"Row {line}: expected {len(UPLOAD_COLUMNS)} fields, found {len(record)}."
        )
    cells = {name: record[i].strip() for name, i in index.items()}
    for name, value in cells.items():
        if value.startswith(("=", "+", "-", "@")):
            raise UploadError(
                f"Row {line}: {name} {value[:30]!r} looks like a spreadsheet formula; "
                "use plain text and numbers."
            )
    if not cells["role"] or len(cells["role"]) > 120:
        raise UploadError(f"Row {line}: role must be 1-120 characters.")
    found = lookup.get(cells["metro"].lower())
    if found is None:
        raise UploadError(
            f"Row {line}: unknown metro {cells['metro'][:60]!r}. Use a CBSA code (e.g. 41940), a "
            "name like 'San Jose', or the official metro title."
        )
    amounts = {}
    for name in ("min", "mid", "max"):
        raw = cells[name].replace(",", "").replace("$", "")
        try:
            value = float(raw)
        except ValueError:
            raise UploadError(f"Row {line}: {name} {cells[name][:30]!r} is not a number.") from None
        if not (np.isfinite(value) and 1_000 <= value < 5_000_000):
            raise UploadError(
                f"Row {line}: {name} {value:,.0f} is not a plausible annual salary "
                "($1,000 to $5,000,000)."
            )
        amounts[name] = value
    if not amounts["min"] <= amounts["mid"] <= amounts["max"]:
        raise UploadError(f"Row {line}: min, mid and max must be in increasing order.")
    return {"row": line, "role": cells["role"], "cbsa": found[0], "metro": found[1], **amounts}


def compare_upload(
    upload: pd.DataFrame,
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    default_occ: str,
) -> pd.DataFrame:
    """Compare each uploaded band with the market for its metro.

    A row's occupation is its role when the role is an SOC code in the data (e.g. 15-2051),
    else `default_occ`. Output: the upload columns plus occ_code, market_p25, market_median,
    market_p75 (NaN when top-coded), mid_gap_usd (mid - market median), mid_gap_pct
    (percent of market median), mid_percentile (where the mid sits in the metro's OEWS
    distribution; NaN when only bounds are known) and mid_position (that place in short words:
    "63rd", "below 10th", "75th–90th"; "—" without market data).
    """
    known = set(wages["occ_code"].unique())
    occ = upload["role"].where(upload["role"].isin(known), default_occ)
    merged = upload.assign(occ_code=occ)
    bands = market_bands(
        wages,
        metros,
        parities,
        sorted(merged["cbsa"].unique()),
        sorted(merged["occ_code"].unique()),
    )
    merged = merged.merge(
        bands[["cbsa", "occ_code", *PCT_COLUMNS, *(f"{c}_note" for c in PCT_COLUMNS)]],
        on=["cbsa", "occ_code"],
        how="left",
    )
    merged["market_p25"] = merged["a_pct25"]
    merged["market_median"] = merged["a_median"]
    merged["market_p75"] = merged["a_pct75"]
    merged["mid_gap_usd"] = merged["mid"] - merged["market_median"]
    merged["mid_gap_pct"] = 100 * merged["mid_gap_usd"] / merged["market_median"]

    places = [_place(row) for _, row in merged.iterrows()]
    merged["mid_percentile"] = pd.Series(
        [p.percentile if p else np.nan for p in places], index=merged.index, dtype="float64"
    )
    merged["mid_position"] = [stats.short_label(p) if p else "—" for p in places]
    keep = ["row", "role", "cbsa", "metro", "occ_code", "min", "mid", "max"]
    keep += ["market_p25", "market_median", "market_p75", "mid_gap_usd", "mid_gap_pct"]
    keep += ["mid_percentile", "mid_position"]
    return merged[keep]


def _place(row: pd.Series) -> stats.Position | None:
    """The mid's position in the row's OEWS ladder; None without two published points."""
    ladder, coded = stats.oews_ladder(row)
    try:
        return stats.percentile_of(float(row["mid"]), ladder, coded)
    except ValueError:
        return None


def upload_template(bands: pd.DataFrame, rows: int = 2) -> bytes:
    """A CSV (UTF-8) to start an upload from: the header and `rows` example rows taken from
    `bands` (a `market_bands` frame): role = SOC code, metro = display label, min/mid/max = the
    metro's BLS 25th percentile, median and 75th percentile (USD/yr, whole dollars). Rows with
    a missing value are skipped."""
    usable = bands.dropna(subset=["a_pct25", "a_median", "a_pct75"]).head(rows)
    frame = pd.DataFrame(
        {
            "role": usable["occ_code"].to_numpy(),
            "metro": usable["metro"].to_numpy(),
            "min": usable["a_pct25"].round().astype("int64").to_numpy(),
            "mid": usable["a_median"].round().astype("int64").to_numpy(),
            "max": usable["a_pct75"].round().astype("int64").to_numpy(),
        },
        columns=list(UPLOAD_COLUMNS),
    )
    return frame.to_csv(index=False).encode("utf-8")


def labelled_bands(
    wages: pd.DataFrame,
    metros: pd.DataFrame,
    parities: pd.DataFrame,
    cbsas: list[str],
    occ_codes: list[str],
    *,
    target: float | None = None,
) -> pd.DataFrame:
    """`market_bands` plus a chart `label` (the metro label, with " · <SOC>" when several
    occupations are shown) and, when `target` (10-90) is given, `target_pay` (USD/yr, see
    `at_target`)."""
    out = market_bands(wages, metros, parities, cbsas, occ_codes)
    out["label"] = out["metro"]
    out = out.sort_values(["occ_code", "a_median"], ascending=[True, False], ignore_index=True)
    if len(occ_codes) > 1:
        out["label"] = out["label"] + " · " + out["occ_code"]
    if target is not None and len(out):
        out["target_pay"] = at_target(out, target)
    return out


def talent_pools(
    wages: pd.DataFrame, metros: pd.DataFrame, parities: pd.DataFrame, cbsas: list[str], occ: str
) -> pd.DataFrame:
    """Every metro of `cbsas` with OEWS data for `occ`, with lat/lon for a map: the
    `labelled_bands` columns plus lat, lon (metros without a centroid are dropped)."""
    out = labelled_bands(wages, metros, parities, cbsas, [occ])
    out = out.merge(metros[["cbsa", "lat", "lon"]], on="cbsa", how="left")
    return out[out["lat"].notna() & out["lon"].notna()].reset_index(drop=True)
