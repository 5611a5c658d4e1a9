"""What the dashboard is built from: the build manifest as tidy frames for the methods page."""

from __future__ import annotations

import pandas as pd

from analysis.data import Tables


def sources_table(data: Tables) -> pd.DataFrame:
    """One row per source in the build manifest, plus the carried take-home schedule.

    Columns: source, publisher, vintage, licence, rows_read, rows_written (total over its
    tables), tables (comma-joined), url, caveats (joined sentences).
    """
    manifest = data.manifest
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
                "vintage": "tax years "
                + "–".join(str(y) for y in tax.get("tax_years", [tax.get("tax_year", "")])),
                "licence": "computed with the library (AGPL-3.0); the table is ours",
                "rows_read": 0,
                "rows_written": int(tax.get("rows", 0)),
                "tables": "take_home",
                "url": "https://github.com/PolicyEngine/policyengine-us",
                "caveats": str(tax.get("filer", "")),
            }
        )
    return pd.DataFrame(rows)


def inputs_table(data: Tables) -> pd.DataFrame:
    """Every input file the build read: source, file, bytes, sha256."""
    manifest = data.manifest
    rows = [
        {"source": key, **item}
        for key, entry in sorted(manifest.get("sources", {}).items())
        for item in entry.get("inputs", [])
    ]
    return pd.DataFrame(rows, columns=["source", "file", "bytes", "sha256"])


def tax_coverage(data: Tables) -> pd.DataFrame:
    """What the take-home figures include and leave out, from the tax schedule's record in the
    manifest (`carried.take_home`): one row per local jurisdiction the schedule holds
    (covered True; tax: the jurisdiction's code, detail: whom its rows describe), one per
    local tax a jurisdiction's rows still leave out (covered False; tax: what, detail: the
    code it concerns), then one per tax left out everywhere (covered False; detail: why).
    Column place: the jurisdiction code a row concerns ("" for every place). Empty when the
    schedule is not built."""
    tax = data.manifest.get("carried", {}).get("take_home") or {}
    local = sorted(tax.get("local", {}).items())
    rows = [
        {"covered": True, "tax": code, "detail": str(spec.get("applies_to", "")), "place": code}
        for code, spec in local
    ]
    rows += [
        {
            "covered": False,
            "tax": str(spec["left_out"]),
            "detail": f"left out of the {code} rows",
            "place": code,
        }
        for code, spec in local
        if spec.get("left_out")
    ]
    rows += [
        {
            "covered": False,
            "tax": str(item.get("tax", "")),
            "detail": str(item.get("why", "")),
            "place": "",
        }
        for item in tax.get("not_included", [])
    ]
    return pd.DataFrame(rows, columns=["covered", "tax", "detail", "place"])
