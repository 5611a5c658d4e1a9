"""AppTest of the Trends page, run through dashboard.py."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, run_page, visible_texts
from tests.tables import raw_salary_rows, raw_salary_rows_deduplicated

PAGE = "app_pages/trends.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "salaries.parquet").is_file(), reason="data/ not built yet"
)
YEARS = ["2020", "2021", "2022", "2023", "2024", "2025 (partial)"]


def _full_time_per_year(rows) -> dict[str, int]:
    """Full-time records per work year in raw aijobs.net rows (read with the csv module)."""
    counts = Counter(r["work_year"] for r in rows if r["employment_type"] == "FT")
    return {year: counts[year[:4]] for year in YEARS}


def test_default_view_shows_trend_and_collection_change():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Trends"
    assert len(at.get("plotly_chart")) == 1
    assert at.selectbox(key="level").value == "All levels"
    assert at.selectbox(key="country").value == "All countries"
    assert at.selectbox(key="series").value == "both"
    assert at.toggle(key="dups").value is False
    table = at.dataframe[0].value
    assert list(table["year"]) == YEARS
    assert "adjusted_median" in table.columns and "raw_median" in table.columns
    assert "raw_ci_low" not in table.columns and "adjusted_n_eff" in table.columns
    by_year = table.set_index("year")
    # KPIs headline the adjusted series for the last three full years (2025 is partial).
    metrics = {m.label: m.value for m in at.metric}
    assert list(metrics)[:3] == [
        "Adjusted median 2022",
        "Adjusted median 2023",
        "Adjusted median 2024",
    ]
    # With the CPI table built, pay is in constant dollars of its latest annual average (2025)
    # by default, and the inflation section answers for 2021 -> 2023.
    assert at.selectbox(key="dollars").value == "real"
    # Both bases side by side, the adjusted one (the line's) first and in the answer.
    assert list(metrics)[-2:] == [
        "Adjusted median 2021 → 2023, after inflation",
        "Raw median 2021 → 2023, after inflation",
    ]
    assert all(re.fullmatch(r"[+-]\d+\.\d%", metrics[k]) for k in list(metrics)[-2:])
    # The answer first: the adjusted change (the adjusted metric's figure) and its verdict.
    texts = visible_texts(at)
    answer = texts[texts.index("Trends") + 1]
    adjusted = metrics["Adjusted median 2021 → 2023, after inflation"]
    assert answer.startswith(
        "**For all levels at companies in all countries, all tracks, AI and data pay "
    )
    assert re.search(
        rf"pay (beat|fell behind|neither clearly beat nor trailed) inflation from 2021 to "
        rf"2023: the median moved {re.escape(adjusted)} in 2025 dollars\*\*",
        answer,
    )
    # The inflation caption's adjusted medians are the line's (the table's adjusted column).
    said = re.search(r"(\$[\d,]+) → (\$[\d,]+) adjusted", " ".join(c.value for c in at.caption))
    assert said[1] == f"${by_year.loc['2021', 'adjusted_median']:,.0f}"
    assert said[2] == f"${by_year.loc['2023', 'adjusted_median']:,.0f}"
    assert at.expander[0].label == "Change level, companies, tracks, series, dollars"
    # 2024 is the reference mix: reweighting it to itself changes nothing.
    assert by_year.loc["2024", "adjusted_median"] == by_year.loc["2024", "raw_median"]
    assert metrics["Adjusted median 2024"] == f"${by_year.loc['2024', 'raw_median']:,.0f}"
    # The callout names exactly the years the table flags, each with its record count.
    flagged = [y for y, changed in by_year["composition_changed"].items() if changed]
    assert not at.info  # the long callout became a caption and an expander under the chart
    note = " ".join(c.value for c in at.caption)
    for year in flagged:
        assert re.search(rf"{year}: {by_year.loc[year, 'n']:,} records", note), year
    why = at.expander[1]
    assert why.label.startswith("Why raw and adjusted differ")
    assert f"changed sharply in {', '.join(flagged)}**" in why.markdown[0].value
    assert "2025 covers only early January" in why.markdown[0].value
    assert any(
        "aijobs.net" in c.value and "exact duplicates dropped" in c.value for c in at.caption
    )


def test_record_counts_are_the_raw_files_full_time_rows():
    # Counted in aijobs.net's salaries.csv with the csv module: exact repeats dropped by
    # default, all rows with the toggle on.
    dropped = default_view(PAGE).dataframe[0].value.set_index("year")["n"]
    assert dropped.to_dict() == _full_time_per_year(raw_salary_rows_deduplicated())
    at = run_page(PAGE, {"dups": "true"})
    assert not at.exception and not at.warning
    kept = at.dataframe[0].value.set_index("year")
    assert kept["n"].to_dict() == _full_time_per_year(raw_salary_rows())
    assert any("exact duplicates kept" in c.value for c in at.caption)
    # Under 30 effective records after reweighting is low confidence, as the caption says.
    low = kept["adjusted_n_eff"] < 30
    assert (kept["adjusted_status"].eq("low confidence") == low).all()
    assert low.any()


@pytest.mark.parametrize(
    "link",
    [
        {"level": "Senior", "country": "US", "series": "Adjusted only", "dups": "true"},
        {"level": "Senior", "country": "US", "series": "adjusted", "dups": "1"},
    ],
    ids=["new-link", "old-link"],
)
def test_link_opens_the_view_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="level").value == "Senior"
    assert at.selectbox(key="country").value == "US"
    assert at.selectbox(key="series").value == "adjusted"
    assert at.toggle(key="dups").value is True
    captions = " ".join(c.value for c in at.caption)
    assert "Senior, US, all tracks, full-time" in captions and "exact duplicates kept" in captions
    assert (at.dataframe[0].value["us_share"] == 1).all()


def test_junk_link_warns_and_falls_back():
    at = run_page(PAGE, {"level": "Intern", "country": "Mars", "series": "x", "dups": "2"})
    assert not at.exception
    assert len(at.warning) == 4
    assert at.selectbox(key="level").value == "All levels"
    assert at.selectbox(key="country").value == "All countries"
    assert len(at.get("plotly_chart")) == 1
