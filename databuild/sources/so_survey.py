"""Reader for the Stack Overflow Developer Survey extracts (2024 subset, 2025 processed file).

One table, ``survey``: one row per respondent of both files, 2024 first, each in file order.
The two files differ (see so_survey/PROVENANCE.md), and the table keeps the difference visible:
``experience_measure`` says which years-of-coding question ``years_experience`` comes from, the
2024-only fields are NA for 2025, and ``sampling_caveat`` repeats how each extract was chosen.
The multiple-choice answers kept (ICorPM, EdLevel, Employment, LearnCode) are checked against
the survey's answer texts, because the analyses match those texts exactly.

Pay outliers: ``pay_usd`` outside [1,000, 2,000,000] USD a year is set to NA and counted in the
build log (2024 has 216 values below 1,000, down to 1, and 5 above 2 million, up to 6.34 million:
monthly amounts, typos, currency mix-ups). The 2025 file was already limited by its author to
5,005-499,750, so the rule removes nothing there. A pay value that is not a number, is not
positive, or exceeds 100 million stops the build as a corrupt file.
"""

from __future__ import annotations

import bz2
import re
from pathlib import Path

import pandas as pd

from databuild.errors import SourceError
from databuild.sources.base import (
    ColumnDoc,
    ReadResult,
    SourceInfo,
    check_pattern,
    conform,
    read_csv_text,
    reject_first,
    require_file,
    to_number,
)
from databuild.sources.so_answers import (
    ED_LEVELS,
    EMPLOYMENT_2024,
    IC_OR_PM_2024,
    LEARN_CODE_2024,
    REMOTE_2024,
)

SOURCE = SourceInfo(
    key="so_survey",
    publisher="Stack Overflow",
    title="Stack Overflow Annual Developer Survey (2024 subset, 2025 processed extract)",
    url="https://survey.stackoverflow.co/",
    licence="ODbL 1.0 (contents DbCL 1.0)",
    vintage="2024 and 2025 surveys (third-party extracts of Dec 2025)",
    folder="so_survey",
    caveats=(
        "Data from the Stack Overflow Developer Survey 2024/2025, licensed under ODbL.",
        "Neither extract is an unbiased sample of respondents; use for relative comparisons "
        "with n shown.",
        "2024 years_experience is professional coding years; 2025 is total coding years.",
        "Pay outside [1,000, 2,000,000] USD a year is treated as an outlier and set to NA.",
        "2024 learn_code says how a respondent learned to code ('Online Courses or "
        "Certification' is one answer among several), not which certificate they hold.",
    ),
)

FILE_2024 = "so2024_subset_survey_data_updated.csv.bz2"
FILE_2025 = "so2025_salary_prediction_processed.csv"
# What `databuild.download` saves: the full official 2024 results (same 114-column schema).
FILE_2024_OFFICIAL = "survey_results_public.csv"

COLUMNS_2024 = [
    "ResponseId",
    "DevType",
    "YearsCodePro",
    "Country",
    "RemoteWork",
    "Industry",
    "OrgSize",
    "Employment",
    "ICorPM",
    "EdLevel",
    "LearnCode",
    "ConvertedCompYearly",
    "AISearchDevHaveWorkedWith",
    "MiscTechHaveWorkedWith",
    "PlatformHaveWorkedWith",
]
# The 2025 file's first column is the unnamed row index of the author's 49,123-row file.
INDEX_2025 = ""
COLUMNS_2025 = [INDEX_2025, "salary", "YearsCode", "Country", "EdLevel", "PrimaryRole"]

# Developer types counted as AI/ML/data-science roles. Deliberately excluded: "Data engineer"
# (data pipelines, not modelling), "Research & Development role" and "Academic researcher"
# (any field of R&D), "Scientist" (2024; any science), "Data or business analyst".
AI_ML_ROLES: dict[int, frozenset[str]] = {
    2024: frozenset({"Data scientist or machine learning specialist", "Developer, AI"}),
    2025: frozenset(
        {
            "AI/ML engineer",
            "Data scientist",
            "Applied scientist",
            "Developer, AI apps or physical AI",
        }
    ),
}
EXPERIENCE_MEASURE = {2024: "professional", 2025: "total coding"}
YEARS_WORDS = {"Less than 1 year": "0.5", "More than 50 years": "51"}
YEARS_RANGE = {2024: (0.0, 51.0), 2025: (0.0, 100.0)}
PAY_KEEP = (1_000.0, 2_000_000.0)
PAY_CORRUPT_ABOVE = 100_000_000.0
SAMPLING_CAVEAT = {
    2024: (
        "2024 subset of 18,845 of 65,437 respondents, keeping only those who answered every "
        "Language/Database/Platform/Webframe question, which over-represents web and full-stack "
        "developers; how it was chosen is not documented."
    ),
    "2024-official": (
        "2024 official public results (all respondents who took the survey): a self-selected "
        "sample of Stack Overflow users, not a random sample of developers."
    ),
    2025: (
        "2025 extract processed by a third party: only respondents with no missing values and "
        "pay between 5,005 and 499,750 USD, with years of total (not professional) coding."
    ),
}

FACTS: dict[str, str] = {
    "years": "Survey years in the table",
    "extracts": "Per year: 'subset' (2024 subset), 'results' (official 2024 results) or "
    "'extract' (2025 processed extract)",
}

TABLES: dict[str, dict[str, ColumnDoc]] = {
    "survey": {
        "year": ColumnDoc("Int64", "survey year", "2024 or 2025."),
        "response_id": ColumnDoc(
            "string",
            "identifier",
            "2024: ResponseId as published; 2025: '2025-<row index of the author's file>'.",
        ),
        "dev_type": ColumnDoc(
            "string",
            "category",
            "Developer type as published: 2024 DevType, 2025 PrimaryRole (single choice in both).",
        ),
        "ai_ml_role": ColumnDoc(
            "boolean",
            "flag",
            "dev_type is an AI/ML/data-science role: 2024 'Data scientist or machine learning "
            "specialist', 'Developer, AI'; 2025 'AI/ML engineer', 'Data scientist', 'Applied "
            "scientist', 'Developer, AI apps or physical AI'. Data engineers, R&D and academic "
            "researchers are not counted. NA where dev_type is missing.",
        ),
        "years_experience": ColumnDoc(
            "float64",
            "years",
            "Years of coding (see experience_measure): 2024 YearsCodePro, 2025 YearsCode. "
            "'Less than 1 year' = 0.5, 'More than 50 years' = 51.",
        ),
        "experience_measure": ColumnDoc(
            "string",
            "category",
            "'professional' (2024 YearsCodePro) or 'total coding' (2025 YearsCode, includes "
            "learning and hobby years).",
        ),
        "country": ColumnDoc("string", "country name", "Country as published."),
        "remote": ColumnDoc(
            "string", "category", "2024 RemoteWork (Remote / Hybrid / In-person); NA for 2025."
        ),
        "industry": ColumnDoc("string", "category", "2024 Industry as published; NA for 2025."),
        "org_size": ColumnDoc("string", "category", "2024 OrgSize as published; NA for 2025."),
        "employment": ColumnDoc(
            "string",
            "';'-separated list",
            "2024 Employment as published (e.g. 'Employed, full-time;Independent contractor, "
            "freelancer, or self-employed'); NA for 2025.",
        ),
        "ic_or_pm": ColumnDoc(
            "string",
            "category",
            "2024 ICorPM: 'Individual contributor' or 'People manager'; NA where not answered "
            "(about a third of 2024 respondents) and for 2025.",
        ),
        "ed_level": ColumnDoc(
            "string",
            "category",
            "EdLevel as published, both years (highest level of formal education); 2024 "
            "'Something else' is 2025 'Other (please specify):'.",
        ),
        "learn_code": ColumnDoc(
            "string",
            "';'-separated list",
            "2024 LearnCode (how the respondent learned to code: 'Online Courses or "
            "Certification', 'School (i.e., University, College, etc)', 'On the job "
            "training', ...) as published; NA for 2025 and where not answered. Says how "
            "someone learned, not which certificate they hold.",
        ),
        "pay_usd": ColumnDoc(
            "float64",
            "US dollars per year",
            "2024 ConvertedCompYearly, 2025 salary (also ConvertedCompYearly). NA where not "
            "given, and where outside [1,000, 2,000,000] (outliers, counted in the build log).",
        ),
        "ai_tools": ColumnDoc(
            "string",
            "';'-separated list",
            "2024 AISearchDevHaveWorkedWith (AI assistants used: ChatGPT, GitHub Copilot, ...) "
            "as published; NA for 2025 and where not answered.",
        ),
        "frameworks": ColumnDoc(
            "string",
            "';'-separated list",
            "2024 MiscTechHaveWorkedWith (frameworks and libraries, including the ML ones: "
            "TensorFlow, Torch/PyTorch, Scikit-Learn, Hugging Face Transformers, ...) as "
            "published; NA for 2025 and where not answered.",
        ),
        "cloud_platforms": ColumnDoc(
            "string",
            "';'-separated list",
            "2024 PlatformHaveWorkedWith (cloud platforms used) as published; NA for 2025.",
        ),
        "sampling_caveat": ColumnDoc(
            "string", "text", "How this year's extract was selected (one sentence per year)."
        ),
    }
}


def decompress_bz2(path: Path) -> bytes:
    """Bytes of a bz2 file; SourceError if the file is missing, empty or not complete bz2."""
    raw = require_file(path).read_bytes()
    try:
        return bz2.decompress(raw)
    except (OSError, EOFError, ValueError) as err:
        raise SourceError(path, f"not a readable bz2 file ({err})") from None


def decode_utf8(path: Path, raw: bytes) -> str:
    """UTF-8 text of `raw` (with a BOM removed); SourceError with the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SourceError(path, f"not valid UTF-8 text (byte {err.start})", line=line) from None


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A string column with empty cells as NA."""
    values = frame[column].astype("string")
    return values.mask(values.str.strip() == "")


def _years(frame: pd.DataFrame, column: str, path: Path, year: int) -> pd.Series:
    """Years of coding as float64: the two word answers mapped to 0.5 and 51, blank -> NaN."""
    mapped = frame.assign(**{column: frame[column].replace(YEARS_WORDS)})
    low, high = YEARS_RANGE[year]
    return to_number(mapped, column, path, low=low, high=high)


def _pay(frame: pd.DataFrame, column: str, path: Path) -> tuple[pd.Series, int, int]:
    """Pay in USD with outliers set to NaN; also the counts below and above `PAY_KEEP`."""
    pay = to_number(frame, column, path, missing=("", "NA"), high=PAY_CORRUPT_ABOVE)
    reject_first(frame, pay <= 0, path, column, "is not a positive amount")
    low = int((pay < PAY_KEEP[0]).sum())
    high = int((pay > PAY_KEEP[1]).sum())
    return pay.where(pay.between(*PAY_KEEP)), low, high


def _check_unique(frame: pd.DataFrame, column: str, path: Path) -> None:
    """Raise SourceError at the first repeated value of `column`."""
    reject_first(frame, frame[column].duplicated(), path, column, "appears more than once")


def _ai_ml(dev_type: pd.Series, year: int) -> pd.Series:
    """True where `dev_type` is one of the year's AI/ML roles, NA where it is missing."""
    flag = dev_type.isin(AI_ML_ROLES[year]).astype("boolean")
    return flag.mask(dev_type.isna())


def _one_of(answers: tuple[str, ...]) -> str:
    """A regex matching exactly one of `answers`."""
    return "|".join(re.escape(answer) for answer in answers)


def _check_answers(
    frame: pd.DataFrame, column: str, answers: tuple[str, ...], path: Path, *, many: bool
) -> None:
    """SourceError at the first cell of `column` that is not blank and not one of `answers`
    (`many`: a ';'-separated list of them)."""
    one = f"(?:{_one_of(answers)})"
    pattern = f"(?:{one}(?:;{one})*)?" if many else f"(?:{one})?"
    what = f"a list of {column} answers" if many else f"an {column} answer"
    check_pattern(frame, column, pattern, path, what)


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    if frame.empty:
        raise SourceError(path, "no data rows after the header")


def parse_2024(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """Parse the 2024 survey (the bz2 subset, or the official plain CSV) into `survey` rows."""
    official = path.name == FILE_2024_OFFICIAL
    raw = require_file(path).read_bytes() if official else decompress_bz2(path)
    text = decode_utf8(path, raw)
    frame = read_csv_text(path, text, required=COLUMNS_2024)
    _check_rows(frame, path)
    check_pattern(frame, "ResponseId", r"\d+", path, "a numeric ResponseId")
    _check_unique(frame, "ResponseId", path)
    check_pattern(frame, "Country", r"\S.*", path, "a country name")
    check_pattern(frame, "RemoteWork", _one_of(("", *REMOTE_2024)), path, "a RemoteWork answer")
    _check_answers(frame, "ICorPM", IC_OR_PM_2024, path, many=False)
    _check_answers(frame, "EdLevel", ED_LEVELS, path, many=False)
    _check_answers(frame, "Employment", EMPLOYMENT_2024, path, many=True)
    _check_answers(frame, "LearnCode", LEARN_CODE_2024, path, many=True)
    pay, low, high = _pay(frame, "ConvertedCompYearly", path)
    dev_type = _text(frame, "DevType")
    out = pd.DataFrame(
        {
            "year": 2024,
            "response_id": frame["ResponseId"],
            "dev_type": dev_type,
            "ai_ml_role": _ai_ml(dev_type, 2024),
            "years_experience": _years(frame, "YearsCodePro", path, 2024),
            "experience_measure": EXPERIENCE_MEASURE[2024],
            "country": frame["Country"],
            "remote": _text(frame, "RemoteWork"),
            "industry": _text(frame, "Industry"),
            "org_size": _text(frame, "OrgSize"),
            "employment": _text(frame, "Employment"),
            "ic_or_pm": _text(frame, "ICorPM"),
            "ed_level": _text(frame, "EdLevel"),
            "learn_code": _text(frame, "LearnCode"),
            "pay_usd": pay,
            "ai_tools": _text(frame, "AISearchDevHaveWorkedWith"),
            "frameworks": _text(frame, "MiscTechHaveWorkedWith"),
            "cloud_platforms": _text(frame, "PlatformHaveWorkedWith"),
            "sampling_caveat": SAMPLING_CAVEAT["2024-official" if official else 2024],
        }
    )
    return out, _log_lines(path, out, low, high)


def parse_2025(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """Parse the plain-CSV 2025 extract into `survey` rows, and log lines about it."""
    text = decode_utf8(path, require_file(path).read_bytes())
    frame = read_csv_text(path, text, required=COLUMNS_2025)
    _check_rows(frame, path)
    check_pattern(frame, INDEX_2025, r"\d+", path, "a row index")
    _check_unique(frame, INDEX_2025, path)
    check_pattern(frame, "Country", r"\S.*", path, "a country name")
    check_pattern(frame, "PrimaryRole", r"\S.*", path, "a developer type")
    _check_answers(frame, "EdLevel", ED_LEVELS, path, many=False)
    pay, low, high = _pay(frame, "salary", path)
    dev_type = _text(frame, "PrimaryRole")
    missing = pd.Series(pd.NA, index=frame.index, dtype="string")
    out = pd.DataFrame(
        {
            "year": 2025,
            "response_id": "2025-" + frame[INDEX_2025].astype("string"),
            "dev_type": dev_type,
            "ai_ml_role": _ai_ml(dev_type, 2025),
            "years_experience": _years(frame, "YearsCode", path, 2025),
            "experience_measure": EXPERIENCE_MEASURE[2025],
            "country": frame["Country"],
            "remote": missing,
            "industry": missing,
            "org_size": missing,
            "employment": missing,
            "ic_or_pm": missing,
            "ed_level": _text(frame, "EdLevel"),
            "learn_code": missing,
            "pay_usd": pay,
            "ai_tools": missing,
            "frameworks": missing,
            "cloud_platforms": missing,
            "sampling_caveat": SAMPLING_CAVEAT[2025],
        }
    )
    return out, _log_lines(path, out, low, high)


def _log_lines(path: Path, rows: pd.DataFrame, low: int, high: int) -> list[str]:
    return [
        f"{path.name}: {len(rows)} rows, {int(rows['pay_usd'].notna().sum())} with pay kept, "
        f"{low + high} pay outliers set to NA ({low} below {PAY_KEEP[0]:,.0f}, {high} above "
        f"{PAY_KEEP[1]:,.0f} USD), {int(rows['ai_ml_role'].sum())} AI/ML-role respondents",
    ]


def read(raw_dir: Path) -> ReadResult:
    """Read the survey files under `raw_dir / "so_survey"` into the `survey` table.

    Uses the 2024 subset when present, else the official 2024 results that `databuild.download`
    fetches. The 2025 processed extract has no official address: a download cache lacks it,
    and the table then holds 2024 only (logged).
    """
    folder = Path(raw_dir) / SOURCE.folder
    path_2024, path_2025 = folder / FILE_2024, folder / FILE_2025
    if not path_2024.exists() and (folder / FILE_2024_OFFICIAL).exists():
        path_2024 = folder / FILE_2024_OFFICIAL
    rows_2024, log_2024 = parse_2024(path_2024)
    parts, inputs, log_2025 = [rows_2024], [path_2024], []
    if path_2025.exists() or path_2024.name == FILE_2024:
        rows_2025, log_2025 = parse_2025(path_2025)
        parts.append(rows_2025)
        inputs.append(path_2025)
    else:
        log_2025 = [f"{FILE_2025} not in {folder}: it has no official address; 2024 only"]
    survey = conform(pd.concat(parts, ignore_index=True), TABLES["survey"])
    kinds = {2024: "subset" if path_2024.name == FILE_2024 else "results", 2025: "extract"}
    years = sorted(int(y) for y in survey["year"].unique())
    found = {"years": years, "extracts": {str(y): kinds[y] for y in years}}
    label = " & ".join(f"{y} {kinds[y]}" for y in years)
    return ReadResult(
        facts=found,
        caption=f"Stack Overflow Developer Survey {label} (ODbL)",
        tables={"survey": survey},
        inputs=inputs,
        rows_read=len(survey),
        log=[*log_2024, *log_2025],
    )
