"""OEWS `wages` table: the 17 measures, the occupations kept, area types, notes, column docs."""

from __future__ import annotations

from databuild.sources.base import ColumnDoc

MEASURES: tuple[str, ...] = (
    "tot_emp",
    "emp_prse",
    "h_mean",
    "a_mean",
    "mean_prse",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
    "jobs_1000",
    "loc_quotient",
)
"""The 17 OEWS data types, in BLS datatype order 01..17."""

OCCUPATIONS: tuple[str, ...] = (
    "00-0000",
    "15-0000",
    "11-3021",
    "15-1211",
    "15-1212",
    "15-1221",
    "15-1241",
    "15-1242",
    "15-1243",
    "15-1244",
    "15-1251",
    "15-1252",
    "15-1253",
    "15-1254",
    "15-1255",
    "15-1299",
    "15-2031",
    "15-2041",
    "15-2051",
    "17-2061",
)
"""SOC codes kept in the extract (and by `read_sqlite` / `read_flat_files`)."""

AREA_TYPES: dict[str, str] = {"N": "national", "S": "state", "M": "metro"}
AREA_ORDER: tuple[str, ...] = ("national", "state", "metro", "nonmetro")

NOTE_NOT_RELEASED = "not released"
NOTE_TOP_CODED = "top-coded"
NOTE_HOURLY = "hourly not published"
NOTE_ANNUAL = "annual not published"
NOTE_NOT_AVAILABLE = "not available"
NOTE_NOT_APPLICABLE = "not applicable"

_MEASURE_DOCS: dict[str, tuple[str, str]] = {
    "tot_emp": ("workers", "Employment (wage and salary jobs), rounded by BLS"),
    "emp_prse": ("percent", "Relative standard error of tot_emp"),
    "h_mean": ("USD per hour", "Mean hourly wage"),
    "a_mean": ("USD per year", "Mean annual wage"),
    "mean_prse": ("percent", "Relative standard error of the mean wage"),
    "h_pct10": ("USD per hour", "10th percentile hourly wage"),
    "h_pct25": ("USD per hour", "25th percentile hourly wage"),
    "h_median": ("USD per hour", "Median hourly wage"),
    "h_pct75": ("USD per hour", "75th percentile hourly wage"),
    "h_pct90": ("USD per hour", "90th percentile hourly wage"),
    "a_pct10": ("USD per year", "10th percentile annual wage"),
    "a_pct25": ("USD per year", "25th percentile annual wage"),
    "a_median": ("USD per year", "Median annual wage"),
    "a_pct75": ("USD per year", "75th percentile annual wage"),
    "a_pct90": ("USD per year", "90th percentile annual wage"),
    "jobs_1000": ("jobs per 1,000", "Jobs in the occupation per 1,000 jobs in the area"),
    "loc_quotient": ("ratio", "Location quotient: area share of the occupation / US share"),
}

_NOTE_MEANING = (
    "Why {m} is NaN: NA when published; 'not released' (BLS footnote 8); 'top-coded' (footnote "
    "5: at or above $115.00/h or $239,200/yr); 'hourly not published' / 'annual not published' "
    "(footnote 4, the wage is only published in the other unit); 'not available' (a '-' with no "
    "footnote); 'not applicable' (BLS publishes no jobs_1000 / loc_quotient for the nation)"
)


def _wages_columns() -> dict[str, ColumnDoc]:
    """Column docs of the `wages` table, in output order."""
    cols: dict[str, ColumnDoc] = {
        "area_type": ColumnDoc(
            "string",
            "category",
            "national | state | metro | nonmetro (BLS area type N/S/M; M areas whose name "
            "contains 'nonmetropolitan' are nonmetro)",
        ),
        "area_code": ColumnDoc("string", "BLS code", "BLS 7-digit area code"),
        "cbsa": ColumnDoc(
            "string",
            "metros key",
            "Key of the area's row in metros: the 5-digit OMB CBSA code (area_code[2:]) for "
            "metro rows; the 7-digit BLS area_code for nonmetro rows (metros kind 'nonmetro', "
            "never equal to a 5-digit CBSA); NA for national and state rows",
        ),
        "area_name": ColumnDoc("string", "name", "BLS area name"),
        "state_code": ColumnDoc("string", "FIPS", "2-digit state FIPS code ('00' national)"),
        "industry_code": ColumnDoc(
            "string",
            "OEWS code",
            "6-character OEWS industry code ('000000' cross-industry, '11--12' sector, NAICS)",
        ),
        "industry_name": ColumnDoc("string", "name", "BLS industry name"),
        "naics_level": ColumnDoc(
            "Int64",
            "level",
            "0 = cross-industry '000000'; 1 = ownership totals ('000001' private, '999001' "
            "government); 2 = sectors ('11--12', ...) and '999x01' government ownership; "
            "else the significant NAICS digits 3..6 (OEWS groupings like '3250A1' and "
            "ownership splits like '611002' count as 4, as in BLS display_level)",
        ),
        "occ_code": ColumnDoc("string", "SOC 2018", "SOC occupation code NN-NNNN"),
        "occ_title": ColumnDoc("string", "name", "BLS occupation title"),
    }
    for m in MEASURES:
        unit, meaning = _MEASURE_DOCS[m]
        cols[m] = ColumnDoc("float64", unit, f"{meaning}; NaN when not published (see {m}_note)")
    for m in MEASURES:
        cols[f"{m}_note"] = ColumnDoc("string", "category", _NOTE_MEANING.format(m=m))
    return cols


TABLES: dict[str, dict[str, ColumnDoc]] = {"wages": _wages_columns()}
