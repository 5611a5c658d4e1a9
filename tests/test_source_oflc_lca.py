"""databuild.sources.oflc_lca: wage levels by county with their metro, LCA title -> SOC counts.

The reader runs on a tiny raw folder written here (JSON in the publisher's shapes, the geo
fixture's list1, the aijobs fixture's titles); the known answers come from the processed
tables, checked against the raw JSON read with the json module.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from databuild.errors import SourceError
from databuild.sources import oflc_lca
from databuild.sources.oflc_lca import soc
from databuild.sources.oflc_lca.titles import TitleChoice, shard_key
from tests.tables import real

FIXTURES = Path(__file__).parent / "fixtures"
RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw" / "oflc_lca"

PROVENANCE = "Copied from the repository at commit " + "a" * 40 + "\n(2026-01-03), byte for byte."
INDEX = [
    {"soc": "15-1252", "title": "Software Developers"},
    {"soc": "15-2051", "title": "Data Scientists"},
    {"soc": "15-1221", "title": "Computer and Information Research Scientists"},
    {"soc": "15-1211", "title": "Computer Systems Analysts"},
    {"soc": "15-1212", "title": "Information Security Analysts"},
    {"soc": "15-1241", "title": "Computer Network Architects"},
    {"soc": "15-1244", "title": "Network and Computer Systems Administrators"},
    {"soc": "15-1251", "title": "Computer Programmers"},
    {"soc": "15-1299", "title": "Computer Occupations, All Other"},
    {"soc": "11-3021", "title": "Computer and Information Systems Managers"},
]


def county(name: str, state: str, *levels: int) -> dict:
    return {"c": name, "s": state, **dict(zip(("l1", "l2", "l3", "l4"), levels, strict=True))}


# Counties of the geo fixture's list1: San Jose (41940: San Benito, Santa Clara), Portland
# OR-WA (38900: Clark and Skamania, WA), Aberdeen SD (micropolitan: Brown); Adams County, WA
# is in no CBSA.
LEVELS = {
    "15-1252": {
        "06085": county("Santa Clara County", "CA", 149364, 187740, 226137, 264513),
        "06069": county("San Benito County", "CA", 149364, 187740, 226137, 264513),
        "53011": county("Clark County", "WA", 90000, 110000, 130000, 150000),
        "53059": county("Skamania County", "WA", 90000, 110000, 130000, 150000),
        "53001": county("Adams County", "WA", 70000, 80000, 90000, 100000),
        "46013": county("Brown County", "SD", 60000, 70000, 80000, 90000),
    },
    "15-2051": {
        "06085": county("Santa Clara County", "CA", 123531, 174304, 225076, 275849),
        "53001": county("Adams County", "WA", 50000, 60000, 70000, 80000),
    },
}


def filing(code: str, n: int, years: list[int], title: str = "Software Developers") -> dict:
    return {"s": code, "t": title, "n": n, "y": years, "o": []}


SHARDS = {
    "MA": {
        "MACROSOFT CORP": {
            "MACHINE LEARNING ENGINEER": [
                filing("15-1252", 5, [2023, 2024]),
                filing("15-1132", 3, [2022], "Software Developers, Applications"),
            ],
            "ACCOUNTANT": [filing("13-2011", 9, [2024], "Accountants and Auditors")],
        }
    },
    "GO": {
        "GOOGOL LLC": {
            "MACHINE LEARNING ENGINEER": [
                filing("15-2051", 4, [2025], "Data Scientists"),
                filing("15-1252", 2, [2025]),
            ],
            "DIRECTOR MACHINE LEARNING": [filing("11-3021", 3, [2024], "Managers")],
            "DIRECTOR OF FINANCE": [filing("11-3031", 6, [2024], "Financial Managers")],
            "SENIOR DATA SCIENTIST": [
                filing("15-1199.08", 3, [2022], "Business Intelligence Analysts"),
                filing("15-2051.01", 2, [2024], "Business Intelligence Analysts"),
            ],
            "CONSULTANT": [filing("3021-11-01 00:00:00", 1, [2024], "Consultants")],
        }
    },
}


def write_raw(root: Path, levels: dict | None = None, shards: dict | None = None) -> Path:
    """A raw folder: oflc_lca/ from `levels`/`shards` (default the ones above), the geo
    fixture's list1 and the aijobs fixture's salaries.csv (titles Consultant, Prompt Engineer,
    Engineering Manager)."""
    (root / "geo").mkdir(parents=True)
    shutil.copy(FIXTURES / "geo" / "list1_2023.xlsx", root / "geo" / "list1_2023.xlsx")
    (root / "aijobs").mkdir()
    shutil.copy(FIXTURES / "aijobs" / "valid.csv", root / "aijobs" / "salaries.csv")
    folder = root / "oflc_lca"
    (folder / "wage_levels").mkdir(parents=True)
    (folder / "lca_titles").mkdir()
    (folder / "PROVENANCE.md").write_text(PROVENANCE, encoding="utf-8")
    (folder / "wage_levels" / "job-index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    for code, counties in (LEVELS if levels is None else levels).items():
        (folder / "wage_levels" / f"{code}.json").write_text(json.dumps(counties), "utf-8")
    for key, employers in (SHARDS if shards is None else shards).items():
        (folder / "lca_titles" / f"{key}.json").write_text(json.dumps(employers), "utf-8")
    return root


@pytest.fixture
def result(tmp_path):
    return oflc_lca.read(write_raw(tmp_path / "raw"))


# --- the tables --------------------------------------------------------------------------------


def test_wage_levels_carry_each_countys_metro(result):
    table = result.tables["wage_levels"]
    assert list(table.columns) == list(oflc_lca.TABLES["wage_levels"])
    assert len(table) == 6 + 2
    rows = table.set_index(["soc", "fips"])
    assert rows.at[("15-1252", "06085"), "cbsa"] == "41940"  # Santa Clara: San Jose
    assert rows.at[("15-1252", "53059"), "cbsa"] == "38900"  # Skamania: Portland OR-WA
    assert pd.isna(rows.at[("15-1252", "46013"), "cbsa"])  # Brown, SD: a micropolitan county
    assert pd.isna(rows.at[("15-1252", "53001"), "cbsa"])  # Adams, WA: in no CBSA
    assert rows.at[("15-2051", "06085"), "l1"] == 123_531.0
    assert table["soc"].tolist() == ["15-1252"] * 6 + ["15-2051"] * 2  # by file, then FIPS
    assert result.facts["counties"] == 6
    assert result.facts["occupations"] == ["15-1252", "15-2051"]
    # the fixture's metros without a county in the wage files: Aguadilla PR, the Clevelands,
    # Kansas City, Lexington, Portland ME, Winston-Salem
    assert result.facts["metros_without_levels"] == [
        "10380",
        "17410",
        "17420",
        "28140",
        "30460",
        "38860",
        "49180",
    ]


def test_lca_titles_sum_over_employers_by_code_as_filed(result):
    table = result.tables["lca_titles"]
    assert list(table.columns) == list(oflc_lca.TABLES["lca_titles"])
    mle = table[table["title"] == "MACHINE LEARNING ENGINEER"].set_index("soc_filed")
    # 15-1252: MACROSOFT 5 (FY2023-2024) + GOOGOL 2 (FY2025)
    assert mle.at["15-1252", "filings"] == 7 and mle.at["15-1252", "employers"] == 2
    assert (mle.at["15-1252", "first_year"], mle.at["15-1252", "last_year"]) == (2023, 2025)
    # the SOC 2010 code moves whole to 15-1252; its title is the 2018 one
    assert mle.at["15-1132", "soc"] == "15-1252" and mle.at["15-1132", "filings"] == 3
    assert mle.at["15-1132", "soc_basis"] == soc.CROSSWALKED
    assert mle.at["15-1132", "soc_title"] == "Software Developers"
    assert mle.at["15-2051", "filings"] == 4 and (mle["track"] == "ML engineer").all()


def test_lca_titles_keep_the_projects_titles_only(result):
    table = result.tables["lca_titles"]
    tracks = table.drop_duplicates("title").set_index("title")["track"].to_dict()
    # ML/data tracks by the taxonomy, a leadership title naming ML, a salary-index title
    # ('Consultant', track Other); an accountant and a finance director are not kept
    assert tracks == {
        "CONSULTANT": "Other",
        "DIRECTOR MACHINE LEARNING": "Leadership",
        "MACHINE LEARNING ENGINEER": "ML engineer",
        "SENIOR DATA SCIENTIST": "Data scientist",
    }
    assert result.facts["titles"] == 6 and result.facts["titles_kept"] == 4
    # facts count every filing, kept or not: 5+3+9 + 4+2+3+6+3+2+1
    assert result.facts["filings"] == 38
    assert (result.facts["first_fiscal_year"], result.facts["last_fiscal_year"]) == (2022, 2025)
    assert result.facts["snapshot"] == "2026-01-03"
    assert result.caption.startswith("DOL OFLC wage levels & H-1B LCAs FY2022-2025")


def test_codes_as_filed_read_as_soc_2018_or_kept_and_labelled(result):
    rows = result.tables["lca_titles"].set_index("soc_filed")
    assert (rows.at["15-2051.01", "soc"], rows.at["15-2051.01", "soc_basis"]) == (
        "15-2051",
        soc.ONET_DETAIL,
    )
    # 15-1199 is split by the crosswalk: kept as filed, with the title it was filed with
    assert (rows.at["15-1199.08", "soc"], rows.at["15-1199.08", "soc_basis"]) == (
        "15-1199.08",
        soc.KEPT,
    )
    assert rows.at["15-1199.08", "soc_title"] == "Business Intelligence Analysts"
    garbled = rows.loc["3021-11-01 00:00:00"]
    assert garbled["soc_basis"] == soc.NOT_SOC and garbled.isna()["soc"]


@pytest.mark.parametrize(
    ("filed", "expected"),
    [
        ("15-1252", ("15-1252", soc.SOC_2018)),
        ("15-1252.00", ("15-1252", soc.SOC_2018)),
        ("15-1299.08", ("15-1299", soc.ONET_DETAIL)),
        ("15-1133", ("15-1252", soc.CROSSWALKED)),
        ("15-1111", ("15-1221", soc.CROSSWALKED)),
        ("15-1134", ("15-1134", soc.KEPT)),  # Web Developers: split in 2018
        ("15-1295", ("15-1295", soc.KEPT)),  # OFLC's R&D variant, no SOC code
        ("15-2051-01", (None, soc.NOT_SOC)),
        ("15-12520", (None, soc.NOT_SOC)),
    ],
)
def test_classify_one_code(filed, expected):
    assert soc.classify(filed, frozenset(i["soc"] for i in INDEX)) == expected


def test_the_crosswalk_leads_from_retired_codes_to_2018_codes_of_the_real_list():
    if not RAW.is_dir():
        pytest.skip("raw oflc_lca not available")
    codes = {i["soc"] for i in json.loads((RAW / "wage_levels" / "job-index.json").read_text())}
    assert not set(soc.SOC_2010_TO_2018) & codes
    assert set(soc.SOC_2010_TO_2018.values()) <= codes


def test_title_choice_and_shard_keys():
    choice = TitleChoice.of(["Sr. Data Analyst", "Software Engineer"])
    assert choice.track("SR DATA ANALYST") == "Analyst"  # a salary-index title, cleaned
    assert choice.track("SOFTWARE ENGINEER") == "Other"
    assert choice.track("STAFF  MACHINE LEARNING ENGINEER") == "ML engineer"
    assert choice.track("HEAD OF AI") == "Leadership"
    assert choice.track("HEAD OF SALES") is None
    # a research track's rule matches, but the taxonomy makes it Leadership with no AI word
    assert choice.track("RESEARCH SCIENTIST MANAGER") is None
    assert choice.track("FINANCIAL ANALYST") is None  # Analyst by the taxonomy, not kept
    assert [shard_key(e) for e in ("GOOGLE", "X CORP", "3M", "")] == ["GO", "X_", "00", "ZZ"]


# --- what the reader refuses -------------------------------------------------------------------


def levels_with(change) -> dict:
    levels = copy.deepcopy(LEVELS)
    change(levels)
    return levels


def shards_with(change) -> dict:
    shards = copy.deepcopy(SHARDS)
    change(shards)
    return shards


def _set(path: tuple, value):
    def change(tree: dict) -> None:
        node = tree
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


SANTA_CLARA = ("15-1252", "06085")
MLE = ("GO", "GOOGOL LLC", "MACHINE LEARNING ENGINEER", 0)

REFUSED = [
    (
        "levels-not-ascending",
        levels_with(_set((*SANTA_CLARA, "l2"), 149364)),
        None,
        "15-1252",
        "not ascending: l1 149,364 >= l2 149,364",
    ),
    (
        "hourly-not-converted",
        levels_with(_set((*SANTA_CLARA, "l1"), 71.81)),
        None,
        "15-1252",
        "71.81 is not whole dollars",
    ),
    (
        "missing-level",
        levels_with(_set((*SANTA_CLARA, "l1"), 0)),
        None,
        "15-1252",
        "0 a year is outside the plausible range",
    ),
    (
        "state-of-another-fips",
        levels_with(_set(("15-1252", "53011", "s"), "OR")),
        None,
        "15-1252",
        "county 53011 .Clark County, OR.: state code differs",
    ),
    (
        "shifted-fips",
        levels_with(_set(("15-1252", "53011", "c"), "Skamania County")),
        None,
        "15-1252",
        "delineation names this FIPS code differently",
    ),
    (
        "renamed-across-files",
        levels_with(_set(("15-2051", "06085", "c"), "Santa Clara")),
        None,
        "15-2051",
        "named differently in another occupation's file",
    ),
    (
        "unknown-occupation-file",
        levels_with(lambda t: t.update({"15-9999": t["15-2051"]})),
        None,
        "15-9999",
        "not an occupation of job-index.json",
    ),
    (
        "employer-in-wrong-shard",
        None,
        shards_with(lambda t: t["MA"].update(t["GO"])),
        "MA.json",
        "'GOOGOL LLC' belongs in shard GO.json",
    ),
    (
        "year-after-snapshot",
        None,
        shards_with(_set((*MLE, "y"), [2027])),
        "GO.json",
        "fiscal year 2027 is outside what the snapshot allows .FY2001 to FY2026.",
    ),
    (
        "zero-filings",
        None,
        shards_with(_set((*MLE, "n"), 0)),
        "GO.json",
        "0 is not a count of filings",
    ),
]


@pytest.mark.parametrize(
    ("levels", "shards", "named", "says"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSED],
)
def test_refused_with_the_file_named(tmp_path, levels, shards, named, says):
    raw = write_raw(tmp_path / "raw", levels, shards)
    with pytest.raises(SourceError, match=says) as info:
        oflc_lca.read(raw)
    assert named in str(info.value.path)


def test_truncated_json_and_a_provenance_without_a_date(tmp_path):
    raw = write_raw(tmp_path / "raw")
    shard = raw / "oflc_lca" / "lca_titles" / "GO.json"
    shard.write_bytes(shard.read_bytes()[:100])
    with pytest.raises(SourceError, match=r"GO\.json.*not valid JSON"):
        oflc_lca.read(raw)
    raw = write_raw(tmp_path / "raw2")
    (raw / "oflc_lca" / "PROVENANCE.md").write_text("copied by hand", encoding="utf-8")
    with pytest.raises(SourceError, match=r"PROVENANCE\.md.*snapshot's date"):
        oflc_lca.read(raw)


# --- the real processed tables against the raw JSON --------------------------------------------


def raw_county(code: str, fips: str) -> dict:
    if not RAW.is_dir():
        pytest.skip("raw oflc_lca not available")
    return json.loads((RAW / "wage_levels" / f"{code}.json").read_text(encoding="utf-8"))[fips]


@pytest.mark.parametrize(
    ("code", "fips", "cbsa", "published"),
    [
        # oflc_lca/wage_levels/<code>.json, key <fips>: l1-l4 as published
        ("15-2051", "53033", "42660", (96116, 129708, 163321, 196913)),  # King County, WA
        ("15-1252", "53033", "42660", (117748, 149240, 180710, 212201)),
        ("15-2051", "06085", "41940", (123531, 174304, 225076, 275849)),  # Santa Clara, CA
        ("15-1252", "06085", "41940", (149364, 187740, 226137, 264513)),
    ],
)
def test_real_levels_are_the_published_ones(code, fips, cbsa, published):
    entry = raw_county(code, fips)
    assert (entry["l1"], entry["l2"], entry["l3"], entry["l4"]) == published
    levels = real().wage_levels.set_index(["soc", "fips"])
    row = levels.loc[(code, fips)]
    assert tuple(row[["l1", "l2", "l3", "l4"]]) == published
    assert row["cbsa"] == cbsa


def test_real_wage_levels_cover_every_file_and_county():
    if not RAW.is_dir():
        pytest.skip("raw oflc_lca not available")
    files = sorted(p for p in (RAW / "wage_levels").glob("*.json") if p.name != "job-index.json")
    counts = {p.stem: len(json.loads(p.read_text(encoding="utf-8"))) for p in files}
    assert len(counts) == 22 and set(counts.values()) == {3131}
    table = real().wage_levels
    assert table.groupby("soc").size().to_dict() == counts
    assert (table["l1"] < table["l2"]).all() and (table["l3"] < table["l4"]).all()


def test_real_machine_learning_engineer_filings_as_provenance_counts_them():
    # PROVENANCE.md: "MACHINE LEARNING ENGINEER" is filed 1,375 times as 15-1252, 631 as
    # 15-2051, 62 as 15-1221 (sum over all shards)
    titles = real().lca_titles
    mle = titles[titles["title"] == "MACHINE LEARNING ENGINEER"].set_index("soc_filed")
    assert mle.loc[["15-1252", "15-2051", "15-1221"], "filings"].tolist() == [1375, 631, 62]
    assert (mle["track"] == "ML engineer").all()
