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
    assert "spreadsheet formula" in messages and "300 characters; at most 200" in messages
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


def test_every_check_runs_on_every_row_at_once():
    # One row, four problems: an unknown metro, a word for an amount, an ambiguous European
    # amount and a monthly one; all are listed, not only the first.
    upload = read((HEADER + "15-2051,Seatle,lots,1.500,9000\n").encode())
    found = upload.problems.set_index("column")["problem"]
    assert list(found.index) == ["metro", "min", "mid", "max"]
    assert found["metro"] == "unknown metro ('Seatle'); did you mean Seattle, WA?"
    assert found["min"] == "'lots' is not a number"
    assert found["mid"].startswith("'1.500' is ambiguous: 1.5 or 1,500")
    assert found["max"].startswith("9,000 looks monthly")
    assert upload.rows.empty and upload.total == 1


def test_a_place_name_several_metros_share_asks_which():
    upload = read((HEADER + "15-2051,Portland,100000,120000,140000\n"
                   "15-2051,\"Portland, OR\",100000,120000,140000\n"
                   "15-2051,Vancouver,110000,130000,150000\n").encode())  # fmt: skip
    problem = upload.problems["problem"].tolist()
    assert problem == ["'Portland' is 2 metros: Portland, ME; Portland, OR. Write one of them"]
    # A label, or a principal city only one metro has (Portland-Vancouver-Hillsboro), is read.
    assert upload.rows["cbsa"].tolist() == ["38900", "38900"]


def test_european_amounts_are_read_with_a_note_or_refused_with_the_reason():
    upload = read(
        (HEADER + '15-2051,Austin,"160.000","190.000","220.000,50"\n'
         "15-2051,Dallas,150.5,190,200000\n").encode()
    )  # fmt: skip
    row = upload.rows.set_index("row").loc[2]
    assert (row["min"], row["mid"], row["max"]) == (160_000, 190_000, 220_000.5)
    remarks = upload.remarks["remark"].tolist()
    assert remarks == [
        "min: '160.000' read as 160,000 (a dot between thousands)",
        "mid: '190.000' read as 190,000 (a dot between thousands)",
        "max: '220.000,50' read as 220,000.50 (a decimal comma)",
    ]
    assert "European number formats read (see the remarks)" in upload.notes
    # Never silently 190: a plain 190 is hourly, and said so.
    dallas = upload.problems[upload.problems["row"] == 3]["problem"].tolist()
    assert dallas == [
        "150.50 looks hourly; enter annual pay (hours x 2,080)",
        "190.00 looks hourly; enter annual pay (hours x 2,080)",
    ]


def test_repeated_rows_are_compared_once_and_said():
    row = "15-2051,Austin,Mid,100000,120000,140000\n"
    upload = read(
        ("role,metro,level,min,mid,max\n" + row + row + "15-2051,Austin,Mid,100000,125000,"
         "150000\n").encode()
    )  # fmt: skip
    assert upload.rows["row"].tolist() == [2, 4]
    assert upload.remarks["remark"].tolist() == [
        "repeats row 2: compared once",
        "same role, metro and level as row 2 with other amounts: both compared",
    ]


def test_no_row_crashes_the_check():
    # A level in a metro without published Data Scientist wages (Aguadilla, PR: one of 155 such
    # places of 528) is read off its state's wages and says so; a 140,000-character cell is a
    # problem of its row (the csv module stops at 131,072 by default).
    content = (
        "role,metro,level,min,mid,max\n15-2051,10380,Senior,60000,80000,100000\n"
        "15-2051," + "x" * 140_000 + ",Senior,100000,120000,140000\n"
    ).encode()
    upload = read(content)
    assert upload.problems[["row", "column"]].values.tolist() == [[3, "metro"]]
    assert upload.problems["problem"].iloc[0] == "140,000 characters; at most 200"
    checked = band_check.check_bands(real(), upload)
    row = checked.iloc[0]
    assert row["market_mid"] > 0 and "showing Puerto Rico's" in row["basis"]


def test_structure_and_compa_ratio_of_your_bands():
    content = (
        b"role,metro,level,min,mid,max\n"
        b"15-2051,San Jose,Mid,150000,180000,210000\n"
        b"15-2051,San Jose,Senior,170000,200000,240000\n"
        b"15-2051,San Jose,,140000,166572,200000\n"
    )
    upload = read(content)
    checked = band_check.check_bands(real(), upload).set_index("row")
    # Mid: ± (210 - 150) / (2 x 180) = 16.7% of its midpoint, a range spread of 210 / 150 - 1
    # = 40%. Senior: a midpoint step of 200 / 180 - 1 = 11.1% from Mid, overlapping
    # (210 - 170) / (210 - 150) = 66.7% of Mid's band; its spread 240 / 170 - 1 = 41.2%.
    assert checked.loc[2, "pm"] == pytest.approx(1 / 6)
    assert checked.loc[2, "width"] == pytest.approx(0.4)
    assert checked.loc[3, "progression"] == pytest.approx(200 / 180 - 1)
    assert checked.loc[3, "overlap"] == pytest.approx(40 / 60)
    assert checked.loc[3, "width"] == pytest.approx(240 / 170 - 1)
    assert checked.loc[3, "progression_flag"] == "" and checked.loc[3, "overlap_flag"] == ""
    # No level: the market midpoint is San Jose's BLS median, $185,080; 166,572 / 185,080 is
    # a compa-ratio of 0.90, under the 0.95-1.05 commonly taken as "at market".
    assert checked.loc[4, "compa_ratio"] == pytest.approx(0.9)
    assert checked.loc[4, "compa_flag"] == "below 95%–105%"
    line = band_check.summary(upload, checked.reset_index())
    assert line.startswith("3 rows read: 3 compared, none with problems")


def test_text_cells_a_spreadsheet_would_run_are_refused_and_numbers_are_not():
    # "-Senior ML Engineer" would map to ML engineer, Senior: a text cell starting with "-"
    # is a formula to a spreadsheet (issue 23) like one starting with = + @. A negative
    # amount is a number, refused as negative, never as a formula.
    content = (
        b"role,metro,level,min,mid,max\n"
        b"-Senior ML Engineer,Austin,,100000,120000,140000\n"  # row 2
        b"15-2051,-Austin,Mid,100000,120000,140000\n"  # row 3
        b"15-2051,Austin,-2+3,100000,120000,140000\n"  # row 4
        b"@SUM(1),Austin,Mid,100000,120000,140000\n"  # row 5
        b"15-2051,Austin,Mid,-5,120000,140000\n"  # row 6
        b"Senior ML Engineer,Austin,,100000,120000,140000\n"  # row 7: read
    )
    upload = read(content)
    assert upload.rows["row"].tolist() == [7]
    formulas = upload.problems[upload.problems["problem"].str.contains("spreadsheet formula")]
    assert sorted(zip(formulas["row"], formulas["column"], strict=True)) == [
        (2, "role"), (3, "metro"), (4, "level"), (5, "role"),
    ]  # fmt: skip
    negative = upload.problems[upload.problems["row"] == 6]
    assert negative["column"].tolist() == ["min"]
    assert negative["problem"].str.startswith("negative (-5)").all()
