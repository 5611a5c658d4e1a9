"""AppTest of the Data & methods page, run through dashboard.py."""

from __future__ import annotations

import json
import re

import pytest

from analysis.data import TABLES
from analysis.paths import DATA_DIR
from tests.apptest_helpers import default_view, visible_texts

PAGE = "app_pages/data_methods.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "manifest.json").is_file(), reason="data/ not built yet"
)


def test_page_shows_sources_limitations_and_a_download_per_table():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Data & methods"
    headers = [h.value for h in at.subheader]
    assert {"Sources", "What the data cannot tell you", "Definitions", "Processed tables"} <= set(
        headers
    )
    listed = next(m.value for m in at.markdown if m.value.startswith("- **"))
    sources = listed.replace("\\", "").splitlines()  # one line per source, Markdown unescaped
    # Eight build sources (OEWS, BEA, Census geography, HUD, aijobs.net, the SO survey, BLS
    # CPI, DOL OFLC) and the tax schedule, each with its rows and (the build's) an official
    # link: the list is the manifest's, so a new source appears without a change to the page.
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert len(sources) == len(manifest["sources"]) + 1 == 9
    rows = [int(re.search(r"([\d,]+) rows", line)[1].replace(",", "")) for line in sources]
    assert all(n > 0 for n in rows)
    # The answer, first under the title: the sources and the rows listed, summed, and the
    # vintages of the wages (OEWS May 2025) and the salary index (snapshot 2025-01-19).
    texts = visible_texts(at)
    answer = texts[texts.index("Data & methods") + 1]
    assert answer.startswith(
        f"**Every figure comes from 9 public sources, {sum(rows):,} rows after the project's "
        "build**: wages from BLS OEWS, May 2025;"
    )
    assert "snapshot 2025-01-19" in answer
    assert sum("[official page](https://" in line for line in sources) >= 8
    oflc = [line for line in sources if "Office of Foreign Labor Certification" in line]
    # wage_levels: 22 occupation files x 3,131 counties each (oflc_lca/wage_levels/*.json)
    written = manifest["sources"]["oflc_lca"]["rows_written"]
    assert len(oflc) == 1 and f"{22 * 3131 + written['lca_titles']:,} rows" in oflc[0]
    assert sum("Bureau of Labor Statistics" in line for line in sources) >= 2
    tax = [line for line in sources if "policyengine-us" in line.lower()]
    assert len(tax) == 1 and " · tax years 2025–2026" in tax[0]
    labels = [b.label for b in at.get("download_button")]
    # Row counts of the published inputs: the aijobs.net snapshot holds 74,301 salaries,
    # the OEWS tech-occupation extract 12,835 rows.
    assert "salaries (74,301 rows)" in labels and "wages (12,835 rows)" in labels
    assert "wage_levels (68,882 rows)" in labels
    keys = [b.key for b in at.get("download_button")]
    # every table, the sources list and the back-test of the level ranges
    assert sorted(keys) == sorted(
        [f"data_methods_{t}" for t in TABLES]
        + ["data_methods_sources_csv", "data_methods_backtest_csv"]
        + ["data_methods_sensitivity_csv"]
    )
    definitions = " ".join(m.value for m in at.markdown)
    # The taxes named come from the schedule's record: every local code it holds, and what
    # it leaves out, in general and per place (Ohio's other cities; Pittsburgh commuters' home
    # municipality).
    side = json.loads((DATA_DIR / "take_home.json").read_text(encoding="utf-8"))
    # NYC, Marion Co., KC, Denver, Philadelphia x2, St. Louis, MD, and 11 statutory city codes
    assert len(side["local"]) == 19
    shown = definitions.replace("\\", "")  # Markdown escapes
    assert "Philadelphia wage tax (non-resident): Pennsylvania residents outside" in shown
    assert "Cleveland income tax: Ohio residents who live or work in Cleveland" in shown
    assert "Ohio municipal income tax outside Cleveland, Columbus and Cincinnati" in shown
    assert "home municipality and school district (Act 32" in shown
    assert "left out of the PA-PIT-NR rows" in shown
    assert "at or above the release's top-code, $239,200" in definitions  # BLS footnote 5


def test_title_to_occupation_evidence_per_track_with_counts_and_the_sources_caption():
    at = default_view(PAGE)
    assert "Which occupations employers file these job titles under" in [
        h.value for h in at.subheader
    ]
    frame = next(d.value for d in at.dataframe if "soc_title" in d.value.columns)
    # per track: the occupations the range mixes and the three largest, every track of the
    # salary index with a match
    assert {"ML engineer", "Data scientist", "Research scientist"} <= set(frame["track"])
    used = frame.dropna(subset=["used"]).groupby("track")["used"].sum()
    assert ((used - 1).abs() < 1e-9).all()
    ml = frame[frame["track"] == "ML engineer"].set_index("soc")
    # Software Developers lead the ML-engineer titles' filings (PROVENANCE: "MACHINE LEARNING
    # ENGINEER" alone is filed 1,375 times as 15-1252, 631 as 15-2051); Data Scientists are
    # the track's stand-in
    assert ml.index[0] == "15-1252" and ml.at["15-1252", "filings"] >= 1_375
    assert ml.at["15-2051", "stand_in"] and ml.at["15-1252", "used"] > 0.5
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    caption = manifest["sources"]["oflc_lca"]["caption"]
    shown = [c.value for c in at.caption if c.value.startswith(f"Source: {caption}")]
    assert len(shown) == 1 and f"n = {int(frame['filings'].sum()):,}" in shown[0]


def test_the_sensitivity_of_the_level_ranges_to_each_choice_of_the_method():
    at = default_view(PAGE)
    summary = next(d.value for d in at.dataframe if "largest_move" in d.value.columns)
    assert list(summary["choice"]) == ["duplicates", "reference", "occupation", "ageing"]
    assert (summary["edges"] > 0).all() and (summary["cells"] == summary["cells"].iloc[0]).all()
    said = next(m.value for m in at.markdown if m.value.startswith("How far flipping one choice"))
    assert "reference population: a median" in said
    method = " ".join(m.value for m in at.markdown)
    # the method names the rate it ages by and its source, and the pay-transparency states
    assert "BLS CPI-U" in method and "California, Colorado, Hawaii, New York, Washington" in method
    full = next(d.value for d in at.dataframe if "alt_mid" in d.value.columns)
    assert set(full["area"]) == {"Seattle, WA", "Austin, TX"}


def test_each_sources_caveats_are_shown_whole_not_cut_by_a_table_cell():
    at = default_view(PAGE)
    manifest = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    box = next(e for e in at.expander if e.label == "Caveats of each source, in full")
    text = " ".join(m.value for m in box.markdown).replace("\\", "")
    for entry in manifest["sources"].values():
        assert entry["caveats"], entry["title"]
        for sentence in entry["caveats"]:
            assert sentence in text, sentence[:80]
