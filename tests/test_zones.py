"""Geo zones against an anchor metro, posting-ready ranges, and the pay-transparency laws that
require a posted range (worked by hand on a tiny bands table)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis import pay_laws, zones
from tests.tables import tiny

METROS = pd.DataFrame(
    {
        "cbsa": ["41860", "12420", "35620"],
        "states": ["CA", "TX", "NY-NJ-PA"],
    }
)


def band(cbsa, area, level, mid, note=""):
    return {"cbsa": cbsa, "area": area, "level": level, "mid": mid, "minimum": mid * 0.8,
            "maximum": mid * 1.2, "note": note}  # fmt: skip


BANDS = pd.DataFrame(
    [
        band("", "Region", "Entry", 100e3),
        band("41860", "San Francisco, CA", "Entry", 100e3),
        band("41860", "San Francisco, CA", "Mid", 122e3),
        band("41860", "San Francisco, CA", "Senior", 150e3),
        band("41860", "San Francisco, CA", "Executive", math.nan, "open: at least $X"),
        band("12420", "Austin, TX", "Entry", 90e3),
        band("12420", "Austin, TX", "Mid", 118_950),
        band("12420", "Austin, TX", "Senior", 105e3),
        band("12420", "Austin, TX", "Executive", math.nan, "open: at least $Y"),
        band("35620", "New York, NY", "Entry", 110e3),
        band("35620", "New York, NY", "Mid", 120e3),
        band("35620", "New York, NY", "Executive", math.nan, "open"),
    ]
)


def test_factor_tier_and_posting_range():
    out = zones.geo_zones(tiny(metros=METROS), BANDS, "41860", dt.date(2025, 5, 15))
    austin = out[out["cbsa"] == "12420"].set_index("level")
    # Austin / San Francisco: Entry 90 / 100 = 0.9, Mid 118.95 / 122 = 0.975, Senior 105 /
    # 150 = 0.7; median 0.9 (the mean would be 0.858), tier 0.90. Mid posting: SF's
    # 97,600-146,400 x 0.9 = 87,840-131,760, rounded outward to 87,000-132,000.
    assert austin.loc["Mid", "factor"] == pytest.approx(0.9)
    assert austin.loc["Mid", "levels"] == 3 and austin.loc["Mid", "tier"] == pytest.approx(0.9)
    assert (austin.loc["Mid", "post_min"], austin.loc["Mid", "post_max"]) == (87_000, 132_000)
    # The anchor's Executive band is open: no posting range, and why.
    assert math.isnan(austin.loc["Executive", "post_min"])
    assert austin.loc["Executive", "note"].startswith("no range: the anchor's Executive band")
    assert austin.loc["Mid", "laws"] == "" and austin.loc["Mid", "law_note"] == ""
    anchor = out[out["cbsa"] == "41860"]
    assert (anchor["factor"] == 1).all() and (anchor["tier"] == 1).all()
    with pytest.raises(ValueError, match="anchor metro"):
        zones.geo_zones(tiny(metros=METROS), BANDS, "99999")


def test_posting_laws_by_place_and_date():
    out = zones.geo_zones(tiny(metros=METROS), BANDS, "41860", dt.date(2022, 6, 1))
    sf = out[out["cbsa"] == "41860"].iloc[0]
    # California's posting rule (Lab. Code § 432.3) took effect on 2023-01-01.
    assert sf["laws"].startswith("California: Cal. Lab. Code § 432.3")
    assert sf["law_note"] == "a posted range is required from 2023-01-01"
    ny = out[out["cbsa"] == "35620"].iloc[0]
    # New York City's rule (2022-11-01), New York's and New Jersey's; none for Pennsylvania.
    assert [p.split(":")[0] for p in ny["laws"].split("; ")] == [
        "New York City", "New York", "New Jersey"
    ]  # fmt: skip
    assert ny["law_note"] == "a posted range is required from 2022-11-01 in part of this metro"
    # Once New York City's rule is in effect, the note no longer names a start date.
    later = zones.geo_zones(tiny(metros=METROS), BANDS, "41860", dt.date(2023, 1, 1))
    ny = later[later["cbsa"] == "35620"].iloc[0]
    assert ny["law_note"] == "a posted range is required in part of this metro"


def test_the_law_list_is_dated_and_complete_in_its_entries():
    assert max(law.since for law in pay_laws.POSTING_LAWS) == pay_laws.AS_OF
    for law in pay_laws.POSTING_LAWS:
        assert law.statute and law.employers and len(law.state) == 2
    states = {law.state for law in pay_laws.POSTING_LAWS if not law.cbsa}
    assert {"CA", "CO", "WA", "NY", "IL", "MD", "DC", "MA"} <= states
    assert "CT" not in states and "NV" not in states  # on request only: not posting laws
    assert [law.place for law in pay_laws.posting_laws(["NY"], "")] == ["New York"]
