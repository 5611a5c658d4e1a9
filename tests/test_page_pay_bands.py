"""AppTest of the Pay bands by region page, run through dashboard.py."""

from __future__ import annotations

import functools
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from analysis import band_check, level_bands
from analysis.export import FORMULA_PREFIXES
from analysis.paths import DATA_DIR
from analysis.pooled import TOLERANCE
from tests.apptest_helpers import default_view, run_page

PAGE = "app_pages/pay_bands.py"
pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "wages.parquet").is_file(), reason="data/ not built yet"
)
HUBS = ["41860", "41940", "42660", "35620", "12420", "19740", "12060", "17410", "28140", "26900"]
LEVELS = ["Entry", "Mid", "Senior", "Executive"]
# BLS OEWS May 2025 Data Scientists jobs in the ten hubs: 10,460 + 6,060 + 8,370 + 23,160 +
# 3,730 + 4,510 + 6,820 + 1,260 + 1,260 + 1,880.
HUB_JOBS = "67,510"
SEATTLE_PORTLAND = ["Seattle, WA", "Portland, OR"]


def check_bands(table, spread: float) -> None:
    """Each band is its midpoint ± the spread, and midpoints rise with the level in every area
    (higher national percentiles read off the same distribution)."""
    shown = table.dropna(subset=["mid"])
    assert len(shown) >= 4
    assert ((shown["minimum"] - shown["mid"] * (1 - spread)).abs() < 1).all()
    assert ((shown["maximum"] - shown["mid"] * (1 + spread)).abs() < 1).all()
    for area, rows in shown.groupby("area"):
        ordered = rows.set_index("level").reindex(LEVELS)["mid"].dropna()
        assert ordered.is_monotonic_increasing, area


def check_never_blank(table) -> None:
    """Every band without a figure says why in its row; no cell reads "nan"."""
    assert (table.loc[table["mid"].isna(), "note"].str.len() > 5).all()
    for column in ("band", "note", "open", "area", "level"):
        assert not table[column].astype(str).str.contains("nan", case=False).any(), column


def check_region(table, levels=("Entry", "Mid", "Senior")) -> None:
    """The region has a midpoint for `levels`, between the lowest and highest metro midpoint
    (a pooled percentile lies between its metros' own), within the tolerance when it is only
    bounded, and says "±" when it is."""
    for level in levels:
        rows = table[table["level"] == level]
        region = rows[rows["area"] == "Region"].iloc[0]
        metros = rows[rows["cbsa"] != ""]["mid"].dropna()
        assert region["mid"] == region["mid"], f"{level}: no region figure ({region['note']})"
        assert metros.min() - 1 <= region["mid"] <= metros.max() + 1, level
        assert 0 <= region["pm"] <= TOLERANCE
        if region["pm"] > 0.0005:
            assert "±" in region["band"] and region["note"].startswith("±"), region["band"]
            assert region["bound_low"] <= region["mid"] <= region["bound_high"]


def no_nan_in_charts(at) -> None:
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        texts = json.dumps([t.get("text") for t in spec["data"]] + [t.get("hovertext") for t in
                                                                    spec["data"]])  # fmt: skip
        assert "nan" not in texts.lower(), texts[:300]


def test_default_view_answers_first_with_every_region_band():
    at = default_view(PAGE)
    assert not at.exception and not at.warning and not at.error
    assert at.title[0].value == "Pay bands by region"
    # The answer is the page's first text: the region's band for each level.
    first = at.markdown[0].value
    assert first.startswith("**The region's bands for Data Scientists at the 50th percentile")
    assert "Entry $" in first and "Mid $" in first and "Senior $" in first and "±" in first
    assert "Executive at least $" in first
    # How sure: the ten hubs pooled, with their published jobs, and the records behind each
    # level (the counts the table shows).
    assert (
        f"The region: the 10 metros you picked, pooled from their BLS wages ({HUB_JOBS} jobs)"
        in first
    )
    table = at.dataframe[0].value
    counts = table.drop_duplicates("level").set_index("level")["n"]
    placed = ", ".join(f"{lv} {counts[lv]:,}" for lv in LEVELS)
    assert f"each level placed by Data scientist salary records ({placed})." in first
    # The chart's takeaway: San Jose has the highest Senior midpoint of the ten hubs.
    senior = table[(table["level"] == "Senior") & (table["cbsa"] != "")].sort_values("mid")
    assert at.markdown[1].value == (
        f"**Senior midpoints run from ${senior['mid'].iloc[0]:,.0f} in Cleveland, OH to "
        f"${senior['mid'].iloc[-1]:,.0f} in San Jose, CA**, "
        f"{senior['mid'].iloc[-1] / senior['mid'].iloc[0] - 1:.0%} higher."
    )
    # BLS OEWS May 2025, Data Scientists: San Jose's median $185,080 is the hubs' highest,
    # Indianapolis's $99,110 the lowest.
    assert "**Medians run from $99,110 in Indianapolis, IN to $185,080 in San Jose, CA**." in [
        m.value for m in at.markdown
    ]
    # Why a band has no figure or a ±, under the table: the region's Executive band is open
    # at the BLS top of the range, the Mid and Senior region midpoints carry their ±.
    notes = next(e for e in at.expander if e.label.startswith("Why a band has no figure"))
    listed = notes.markdown[0].value
    assert "- **Executive · Region**: open" in listed and "- **Mid · Region**: ±" in listed
    assert len(at.get("plotly_chart")) == 3
    assert at.selectbox(key="region").value == "All regions"
    assert at.multiselect(key="metros").value == HUBS
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.selectbox(key="track").value == "Data scientist"
    assert at.select_slider(key="pct").value == 50
    assert at.number_input(key="spread").value == 20
    # OEWS May 2025 estimates describe pay in May 2025: the bands' default date.
    assert at.text_input(key="asof").value == "2025-05-15"
    table = at.dataframe[0].value
    areas = set(table["area"])
    assert "Region" in areas and len(areas) == 11  # the region and its ten metros
    assert {"San Jose, CA", "Cleveland, OH", "Kansas City, MO"} <= areas
    assert set(table["level"]) == set(LEVELS)
    check_bands(table, 0.20)
    check_region(table)
    check_never_blank(table)
    no_nan_in_charts(at)
    captions = " ".join(c.value for c in at.caption)
    assert f"n = {HUB_JOBS} · Data Scientists, every level" in captions
    assert "BLS OEWS, May 2025" in captions and "≥ $239,200" in captions
    assert "BLS publishes jobs" in captions and "0% a year: pay stays where BLS" in captions
    subheaders = [s.value for s in at.subheader]
    assert "Band structure" in subheaders and "Zones and posting ranges" in subheaders


def test_structure_and_zones_are_on_the_page():
    at = default_view(PAGE)
    structure = at.dataframe[1].value
    region = structure[structure["area"] == "Region"].set_index("level")
    # ±20% of the midpoint is a 50% range spread: 1.2 / 0.8 - 1.
    assert region["pm"].tolist() == pytest.approx([0.2] * 3)
    assert region["width"].tolist() == pytest.approx([0.5] * 3)
    assert region.loc["Mid", "below"] == "Entry" and region.loc["Entry", "below"] == ""
    zoned = at.dataframe[2].value
    anchor = zoned[zoned["cbsa"] == "41860"]  # San Francisco, the first metro
    assert (anchor["factor"] == 1).all() and (anchor["tier"] == 1).all()
    assert anchor["law_note"].iloc[0] == "a posted range is required"
    assert "Cal. Lab. Code § 432.3" in anchor["laws"].iloc[0]
    texas = zoned[zoned["area"] == "Austin, TX"]
    assert (texas["laws"] == "").all()  # no Texas posting law
    posted = zoned.dropna(subset=["post_min"])
    assert (posted["post_min"] % 1000 == 0).all() and (posted["post_max"] % 1000 == 0).all()
    captions = " ".join(c.value for c in at.caption)
    assert "rule of thumb" in captions and "not legal advice" in captions


def test_seattle_and_portland_at_the_60th_percentile_in_2027():
    link = {"metros": SEATTLE_PORTLAND, "pct": "60th percentile", "asof": "2027-01-01",
            "rate": "3"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    table = at.dataframe[0].value
    check_region(table)
    check_never_blank(table)
    no_nan_in_charts(at)
    assert (table["as_of"] == "2027-01-01").all()
    # 596 days at 3% a year: 1.03 ** (596 / 365.25) = 1.0494.
    assert table["factor"].iloc[0] == pytest.approx(1.03 ** (596 / 365.25))
    executive = table[(table["level"] == "Executive") & (table["area"] == "Region")].iloc[0]
    assert executive["band"].startswith("at least $")
    query = parse_qs(urlsplit(at.code[0].value).query)
    assert query["asof"] == ["2027-01-01"] and query["rate"] == ["3"]


def test_a_level_filter_narrows_the_answer_and_the_tables():
    at = run_page(PAGE, {"level": "Senior"})
    assert not at.exception and not at.warning
    first = at.markdown[0].value
    assert first.startswith("**The region's Senior band for Data Scientists")
    assert "Entry" not in first and "±" in first
    assert "(Senior " in first and "the 10 metros you picked" in first
    assert set(at.dataframe[0].value["level"]) == {"Senior"}
    assert set(at.dataframe[2].value["level"]) == {"Senior"}


def test_a_typed_date_applies_and_the_share_link_carries_it():
    at = run_page(PAGE, {"metros": SEATTLE_PORTLAND})
    at.text_input(key="asof").set_value("2027-01-01").run()
    at.number_input(key="rate").set_value(3.0).run()
    assert not at.exception and not at.warning
    assert (at.dataframe[0].value["as_of"] == "2027-01-01").all()
    query = parse_qs(urlsplit(at.code[0].value).query)
    assert query["asof"] == ["2027-01-01"] and query["rate"] == ["3"]
    assert query["metros"] == SEATTLE_PORTLAND
    assert "The link holds every choice above" in " ".join(c.value for c in at.caption)
    # Not a date: back to the last good one, with a note.
    at.text_input(key="asof").set_value("2027-02-30").run()
    assert at.text_input(key="asof").value == "2027-01-01"
    assert any("is not a date" in w.value for w in at.warning)
    assert (at.dataframe[0].value["as_of"] == "2027-01-01").all()


@pytest.mark.parametrize(
    "link",
    [
        {"region": "West", "states": "CA", "metros": ["San Jose, CA", "San Francisco, CA"],
         "occ": "Software Developers (15-1252)", "pct": "75th percentile", "spread": "10"},
        {"region": "West", "states": "CA", "metros": "41940~41860", "occ": "15-1252",
         "pct": "75", "spread": "10"},
    ],
    ids=["new-link", "old-link"],
)  # fmt: skip
def test_link_opens_the_bands_it_names(link):
    at = run_page(PAGE, link)
    assert not at.exception and not at.warning
    assert at.selectbox(key="region").value == "West"
    assert at.multiselect(key="states").value == ["CA"]
    assert at.multiselect(key="metros").value == ["41940", "41860"]
    assert at.selectbox(key="occ").value == "15-1252"
    assert at.select_slider(key="pct").value == 75
    # A metro outside the chosen state is not offered.
    assert "Seattle, WA" not in at.multiselect(key="metros").options
    table = at.dataframe[0].value
    assert set(table["area"]) == {"Region", "San Jose, CA", "San Francisco, CA"}
    check_bands(table, 0.10)
    check_never_blank(table)
    assert at.subheader[0].value.startswith("Bands by level: Software Developers")


def test_a_region_spread_or_date_change_reuses_the_levels_placements(monkeypatch):
    # Where a level sits nationally (and its bootstrap) depends on the occupation, track and
    # target, not on the metros, spread or date: the page computes it once for all of those.
    calls = []
    placements = level_bands.placements

    @functools.wraps(placements)
    def counted(*args, **kwargs):
        calls.append(args[1:])
        return placements(*args, **kwargs)

    monkeypatch.setattr(level_bands, "placements", counted)
    at = run_page(PAGE)
    at.selectbox(key="region").set_value("West").run()
    at.number_input(key="spread").set_value(10.0).run()
    at.text_input(key="asof").set_value("2027-01-01").run()
    assert not at.exception and not at.warning
    assert set(at.dataframe[0].value["as_of"]) == {"2027-01-01"}
    assert calls == [("15-2051", "Data scientist", 50)]
    at.select_slider(key="pct").set_value(75).run()
    assert calls[1:] == [("15-2051", "Data scientist", 75)]


def test_old_multi_occupation_link_keeps_its_first_occupation():
    at = run_page(PAGE, {"metros": "41940~41860", "occ": "15-2051~15-1252"})
    assert not at.exception
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.multiselect(key="metros").value == ["41940", "41860"]


def test_share_link_keeps_every_metro():
    metros = ["San Jose, CA", "Austin, TX"]
    at = run_page(PAGE, {"metros": metros, "pct": "75th percentile"})
    assert not at.exception and not at.warning
    query = parse_qs(urlsplit(at.code[0].value).query)
    assert query["metros"] == metros and query["pct"] == ["75th percentile"]
    assert "asof" not in query  # the default date is left out, as the binding leaves it


def test_junk_link_values_warn_and_fall_back():
    link = {"region": "Atlantis", "metros": "99999~abc", "pct": "7", "occ": "x",
            "asof": "2027-13-45"}  # fmt: skip
    at = run_page(PAGE, link)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 5
    assert not any(bad in w for w in warnings for bad in ("Atlantis", "99999", "abc", "13-45"))
    assert at.multiselect(key="metros").value == HUBS
    assert at.selectbox(key="occ").value == "15-2051"
    assert at.select_slider(key="pct").value == 50
    assert at.text_input(key="asof").value == "2025-05-15"
    assert len(at.get("plotly_chart")) == 3


def test_empty_selection_explains():
    at = run_page(PAGE, {"metros": ""})
    assert not at.exception and not at.warning
    assert len(at.get("plotly_chart")) == 0
    assert any("Pick at least one metro" in i.value for i in at.info)


def test_a_metro_without_published_wages_still_gets_bands_and_reasons():
    # Aguadilla, PR publishes no Data Scientist wages: its bands are read off Puerto Rico's,
    # and the region (nothing to pool) says why it has no figure.
    at = run_page(PAGE, {"metros": ["Aguadilla, PR"]})
    assert not at.exception and not at.warning
    table = at.dataframe[0].value
    check_never_blank(table)
    metro = table[table["area"] == "Aguadilla, PR"]
    assert metro["note"].str.contains("showing Puerto Rico's").all()
    region = table[table["area"] == "Region"]
    assert region["note"].str.startswith("nothing to pool").all()
    assert "Entry no figure (nothing to pool" in at.markdown[0].value


HOSTILE_BANDS = (
    b"role,metro,level,min,mid,max\n"
    b'"=HYPERLINK(""http://evil.example"",""x"") Senior ML Engineer",Austin,,100000,120000,140000\n'
    b"-cmd Data Scientist,Austin,Mid,100000,120000,140000\n"
    b"15-2051,@cmd,Mid,=1,120000,140000\n"
)


def test_uploaded_text_is_formula_safe_in_every_grid(monkeypatch):
    # The reader refuses text cells a spreadsheet would run (tests/test_band_check.py); the
    # grids escape the file's text themselves too, so a grid's own "Download as CSV" stays
    # safe even for a cell the reader let through (here: a reader that refuses none).
    monkeypatch.setattr(band_check, "FORMULA", ())
    at = run_page(PAGE)
    at.file_uploader(key="pay_bands_upload").set_value(("b.csv", HOSTILE_BANDS, "text/csv"))
    at.run()
    assert not at.exception
    grids = [d.value for d in at.dataframe if {"role", "problem", "remark"} & set(d.value)]
    cells = [v for g in grids for c in g.columns for v in g[c] if isinstance(v, str)]
    assert sum("cmd" in c or "evil.example" in c for c in cells) >= 3, cells  # the file's text
    assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA_PREFIXES)]


def test_the_default_views_share_link_is_the_bare_address():
    at = default_view(PAGE)
    assert "?" not in at.code[0].value  # AppTest has no address: the link is empty
    captions = [c.value for c in at.caption]
    assert "This is the default view: the page's address is its link." in captions
