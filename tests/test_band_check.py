"""A recruiter's band upload: every malformed file gets a plain message, every row problem is
listed with its row and column, roles map to an occupation and level visibly, and each edge is
placed against the market."""

from __future__ import annotations

import pytest

from analysis import band_check
from tests.tables import real

HEADER = "role,metro,min,mid,max\n"
GOOD = "15-2051,Austin,100000,120000,140000\n"


def read(content: bytes):
    return band_check.read_bands(real(), content, "15-2051")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),  # a byte-order mark and nothing else
        (b"\n\n  \n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary data"),
        (b"role,metro,min,mid,max\n\xff\xfe15-2051", "not UTF-8"),
        (b"a,b,c\n1,2,3\n", "Missing column"),
        (HEADER.encode(), "header but no rows"),
        (b"x" * 1_000_001, "limit is 1 MB"),
    ],
)
def test_unreadable_files_get_a_plain_message(content, message):
    with pytest.raises(band_check.UploadError, match=message):
        read(content)


def test_utf16_semicolons_tabs_and_cr_line_ends_are_read():
    text = "role;metro;min;mid;max\r15-2051;Austin;100000;120000;140000\r"
    upload = read(text.encode("utf-16"))
    assert len(upload.rows) == 1 and upload.problems.empty
    assert "read as UTF-16 text" in upload.notes and "semicolon-separated" in upload.notes
    tabbed = read(
        b"\xef\xbb\xbfrole\tmetro\tmin\tmid\tmax\r\n15-2051\tAustin\t1e5\t1.2e5\t1.4e5\r\n"
    )
    assert len(tabbed.rows) == 1 and "tab-separated" in tabbed.notes


def test_a_wrong_delimiter_is_named_in_the_missing_column_message():
    with pytest.raises(band_check.UploadError, match="separated by commas; it holds"):
        read(b"role metro min mid max\n15-2051 Austin 1 2 3\n")


def test_every_problem_is_listed_with_row_and_column():
    content = (
        HEADER + GOOD
        + "15-2051,Nowhere,100000,120000,140000\n"  # row 3: unknown metro
        + "15-2051,Austin,-5,120000,140000\n"  # row 4: negative
        + "15-2051,Austin,9000,10000,11000\n"  # row 5: monthly
        + "=HYPERLINK(1),Austin,100000,120000,140000\n"  # row 6: formula
        + "15-2051,Austin,150000,120000,140000\n"  # row 7: order
        + "x" * 300 + ",Austin,100000,120000,140000\n"  # row 8: oversized
    ).encode()  # fmt: skip
    upload = read(content)
    assert upload.rows["row"].tolist() == [2]
    found = {(r.row, r.column) for r in upload.problems.itertuples()}
    assert {(3, "metro"), (4, "min"), (5, "min"), (5, "mid"), (5, "max"), (6, "role")} <= found
    assert (7, "min/mid/max") in found and (8, "role") in found
    messages = " ".join(upload.problems["problem"])
    assert "negative" in messages and "looks monthly (x 12 = 108,000)" in messages
    assert "spreadsheet formula" in messages and "longer than 200" in messages
    assert "formula" not in upload.problems.loc[upload.problems["row"] == 4, "problem"].iloc[0]


def test_roles_map_visibly_and_unknown_titles_are_listed():
    content = (
        b"role,metro,level,min,mid,max\n"
        b"Senior ML Engineer,Austin,,150000,175000,200000\n"
        b"15-2051.00,Dallas,Mid,100000,120000,140000\n"
        b",Houston,Senior,120000,140000,160000\n"
        b"Data Scientist II,Austin,,100000,120000,140000\n"
        b"Barista,Austin,,100000,120000,140000\n"
    )
    upload = read(content)
    rows = upload.rows.set_index("row")
    assert rows.loc[2, ["track", "level", "occ_code"]].tolist() == [
        "ML engineer",
        "Senior",
        "15-2051",
    ]
    assert rows.loc[3, "mapping"] == "SOC code" and rows.loc[3, "occ_code"] == "15-2051"
    assert rows.loc[4, "mapping"].startswith("blank role")
    assert rows.loc[5, "level"] == "Mid"  # "II"
    assert rows.loc[2, "occ_title"] == "Data Scientists"
    assert (
        list(upload.problems["row"]) == [6] and "not mapped" in upload.problems["problem"].iloc[0]
    )


def test_an_unquoted_metro_comma_gets_a_hint():
    upload = read(b"role,metro,level,min,mid,max\n15-2051,Atlanta, GA,100000,120000,140000\n")
    assert "must be in quotes" in upload.problems["problem"].iloc[0]


def test_each_edge_is_placed_against_the_market_at_the_target():
    content = (HEADER + "15-2051,San Jose,150000,185080,220000\n").encode()
    checked = band_check.check_bands(real(), read(content), target=50, spread=0.1)
    row = checked.iloc[0]
    # No level: the market midpoint is the metro's BLS median (San Jose Data Scientists,
    # OEWS May 2025: $185,080), and a mid equal to it sits at the 50th percentile.
    assert row["market_mid"] == pytest.approx(185_080)
    assert row["market_min"] == pytest.approx(0.9 * 185_080)
    assert row["mid_gap"] == pytest.approx(0) and row["mid_pct"] == pytest.approx(50)
    assert row["min_pct"] < 50 < row["max_pct"]
    assert row["as_of"] == "2025-05-15"
