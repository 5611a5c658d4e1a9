"""What the dashboard is built from: the build manifest as tidy frames for the methods page."""

from __future__ import annotations

import pandas as pd

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Median and percentiles",
        "Half of workers earn less than the median. The 10th/25th/75th/90th percentiles mark "
        "where 10%, 25%, 75% and 90% of workers earn less. Pay is skewed, so medians, not means.",
    ),
    (
        "Top-coded wage",
        "Where BLS cannot publish a wage exactly it marks it with footnote 5 (at or above "
        "$115.00 an hour or $239,200 a year). Such a cell is a lower bound: shown as "
        "'≥ $239,200', never averaged or interpolated as exact. Other wages above $239,200 are "
        "published exactly and shown as published.",
    ),
    (
        "Relative standard error (RSE)",
        "BLS's measure of an OEWS estimate's sampling precision: the standard error as a "
        "percentage of the estimate. A 95% interval is about ±1.96 × RSE.",
    ),
    (
        "Regional price parity (RPP)",
        "BEA's price level of an area relative to the US average (= 100). Purchasing power = "
        "pay / (RPP / 100), i.e. pay in national-average dollars.",
    ),
    (
        "Fair Market Rent (FMR)",
        "HUD's estimate of the 40th-percentile gross rent (rent plus utilities) of standard "
        "recent-mover units, by number of bedrooms.",
    ),
    (
        "Small samples",
        "Groups with fewer than 30 records are flagged as low confidence; under 10 they are not "
        "shown. Intervals are 95%: order-statistic intervals for medians, seeded bootstrap "
        "intervals for ratios, robust (HC3) intervals for regression premiums.",
    ),
    (
        "Duplicate salary records",
        "53% of aijobs.net rows repeat an earlier row exactly (mostly job postings with the same "
        "title, level and salary). Charts keep them unless they say otherwise; regressions drop "
        "them because repeated postings are not independent observations.",
    ),
)


LIMITATIONS: tuple[str, ...] = (
    "BLS OEWS wages are base pay plus some incentive pay; they exclude stock and equity "
    "grants, non-production bonuses, overtime and benefits, so they understate total "
    "compensation at firms that pay heavily in equity.",
    "OEWS covers employees on payrolls, not the self-employed, and has no job levels: a "
    "metro's distribution mixes entry and senior workers.",
    "The aijobs.net index is a self-selected mix of survey answers and job postings (mostly US "
    "postings since 2024); it is not a random sample, and its titles are generic, so "
    "specialization groups are small.",
    "The Stack Overflow extracts are non-random subsets of the survey; they support relative "
    "comparisons only, with their sample sizes shown.",
    "BEA price parities compare places within a year; they are not an inflation index across "
    "years.",
    "Take-home pay is for a single filer with the standard deduction and wages only. Local "
    "taxes are included only where PolicyEngine US models them (New York City, Marion County "
    "for Indianapolis, the Kansas City MO earnings tax, Denver's occupational privilege tax); "
    "Ohio municipal taxes (Cleveland) and other local taxes are not.",
)


def sources_table(manifest: dict[str, object]) -> pd.DataFrame:
    """One row per source in the build manifest, plus the carried take-home schedule.

    Columns: source, publisher, vintage, licence, rows_read, rows_written (total over its
    tables), tables (comma-joined), url, caveats (joined sentences).
    """
    rows = []
    for key, entry in sorted(manifest.get("sources", {}).items()):
        written = entry.get("rows_written", {})
        rows.append(
            {
                "source": entry.get("title", key),
                "publisher": entry.get("publisher", ""),
                "vintage": entry.get("vintage", ""),
                "licence": entry.get("licence", ""),
                "rows_read": int(entry.get("rows_read", 0)),
                "rows_written": int(sum(written.values())),
                "tables": ", ".join(sorted(written)),
                "url": entry.get("url", ""),
                "caveats": " ".join(entry.get("caveats", [])),
            }
        )
    tax = manifest.get("carried", {}).get("take_home")
    if tax:
        rows.append(
            {
                "source": "After-tax take-home schedule",
                "publisher": f"{tax.get('library', '')} {tax.get('version', '')}".strip(),
                "vintage": f"tax year {tax.get('tax_year', '')}",
                "licence": "computed with the library (AGPL-3.0); the table is ours",
                "rows_read": 0,
                "rows_written": int(tax.get("rows", 0)),
                "tables": "take_home",
                "url": "https://github.com/PolicyEngine/policyengine-us",
                "caveats": str(tax.get("filer", "")),
            }
        )
    return pd.DataFrame(rows)


def inputs_table(manifest: dict[str, object]) -> pd.DataFrame:
    """Every input file the build read: source, file, bytes, sha256."""
    rows = [
        {"source": key, **item}
        for key, entry in sorted(manifest.get("sources", {}).items())
        for item in entry.get("inputs", [])
    ]
    return pd.DataFrame(rows, columns=["source", "file", "bytes", "sha256"])
