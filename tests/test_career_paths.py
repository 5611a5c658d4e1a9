"""analysis.career_paths and the path rules of analysis.taxonomy: who is on which path, bands,
medians with small cells flagged or hidden, the index by level, BLS for scale."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import career_paths as paths
from analysis import stats, taxonomy
from tests.tables import real, tiny

EXEC = "Senior Executive (C-Suite, VP, etc.)"
INDEPENDENT = "Independent contractor, freelancer, or self-employed"
FULL_TIME = "Employed, full-time"


def _person(dev_type, ic_or_pm, employment=FULL_TIME, **extra) -> dict:
    row = {
        "year": 2024,
        "dev_type": dev_type,
        "ic_or_pm": ic_or_pm,
        "employment": employment,
        "country": "United States of America",
        "years_experience": 10.0,
        "pay_usd": 100_000.0,
    }
    row.update(extra)
    return row


@pytest.mark.parametrize(
    ("dev_type", "ic_or_pm", "employment", "path"),
    [
        (EXEC, "People manager", FULL_TIME, "Founder or executive"),  # first rule wins
        (EXEC, None, INDEPENDENT, "Founder or executive"),
        ("Developer, back-end", "Individual contributor", INDEPENDENT, "Consultant or independent"),
        # Contracting beside a full-time job: the job decides the path.
        ("Developer, back-end", "People manager", f"{FULL_TIME};{INDEPENDENT}", "People manager"),
        ("Developer, back-end", None, f"{FULL_TIME};{INDEPENDENT}", None),
        ("Engineering manager", None, FULL_TIME, "People manager"),
        ("Research & Development role", "People manager", FULL_TIME, "People manager"),
        ("Research & Development role", "Individual contributor", FULL_TIME, "Research"),
        ("Academic researcher", None, FULL_TIME, "Research"),
        ("Data scientist or machine learning specialist", "Individual contributor", FULL_TIME,
         "Individual contributor"),
        ("Developer, full-stack", None, FULL_TIME, None),
    ],
)  # fmt: skip
def test_survey_path_rules(dev_type, ic_or_pm, employment, path):
    frame = pd.DataFrame([_person(dev_type, ic_or_pm, employment)]).astype("string")
    got = paths.survey_paths(frame).iloc[0]
    assert (pd.isna(got) and path is None) or got == path


@pytest.mark.parametrize(
    ("title", "employment_type", "path"),
    [
        ("Data Architect", "Full-time", "Architect"),
        ("Solutions Architect", "Full-time", "Architect"),
        ("Head of Data", "Full-time", "People manager"),
        ("Director of Machine Learning", "Full-time", "People manager"),
        ("Engineering Manager", "Full-time", "People manager"),
        ("Product Manager", "Full-time", "Individual contributor"),
        ("Research Scientist", "Full-time", "Research"),
        ("Machine Learning Researcher", "Full-time", "Research"),
        ("Applied Scientist", "Full-time", "Research"),
        ("Quantitative Researcher", "Full-time", "Individual contributor"),
        ("Research Analyst", "Full-time", "Individual contributor"),
        ("Consultant", "Full-time", "Consultant or independent"),
        ("Data Scientist", "Contract", "Consultant or independent"),
        ("Machine Learning Engineer", "Freelance", "Consultant or independent"),
        ("Technical Lead", "Full-time", "Individual contributor"),
        ("Chief Data Officer", "Contract", "Founder or executive"),
        ("Co-Founder", "Full-time", "Founder or executive"),
        ("Data Scientist", "Full-time", "Individual contributor"),
    ],
)
def test_title_path_rules(title, employment_type, path):
    assert taxonomy.title_path(title, employment_type) == path
    assert path in taxonomy.PATHS


def test_experience_bands_include_the_lower_edge():
    years = pd.Series([0.5, 2.9, 3.0, 7.99, 8.0, 12.0, 13.0, 17.5, 18.0, 51.0, np.nan])
    got = paths.experience_band(years).tolist()
    assert got[:-1] == [
        "0–2", "0–2", "3–7", "3–7", "8–12", "8–12", "13–17", "13–17", "18+", "18+"
    ]  # fmt: skip
    assert pd.isna(got[-1])
    assert paths.AT_YEARS == {5: "3–7", 10: "8–12", 15: "13–17"}


def _survey() -> pd.DataFrame:
    """United States: 11 managers at 10 years (pay 100k..200k by 10k), 12 ICs at 5 years and
    12 at 10 (pay 50k + 1k..12k), 9 independents at 10 years (hidden), 3 people on no path;
    Germany: 40 ICs at 5 years (80k). Plus rows that never count (TEST only)."""
    rows = [
        _person("Developer, back-end", "People manager", pay_usd=100_000.0 + 10_000 * i)
        for i in range(11)
    ]
    rows += [
        _person("Developer, back-end", "Individual contributor", pay_usd=50_000.0 + 1_000 * k,
                years_experience=years)
        for years in (5.0, 10.0) for k in range(1, 13)
    ]  # fmt: skip
    rows += [_person("Developer, back-end", None, INDEPENDENT) for _ in range(9)]
    rows += [_person("Developer, back-end", None) for _ in range(3)]  # no path
    rows += [
        _person("Developer, back-end", "Individual contributor", country="Germany",
                years_experience=4.0, pay_usd=80_000.0)
        for _ in range(40)
    ]  # fmt: skip
    rows += [
        _person("Developer, back-end", "People manager", pay_usd=1_000.0),  # below the range
        _person("Developer, back-end", "People manager", years_experience=np.nan),
        _person("Developer, back-end", "People manager", year=2025),
    ]
    return pd.DataFrame(rows)


def test_path_by_experience_medians_flags_and_hides():
    survey = _survey()
    before = survey.copy()
    out = paths.path_by_experience(tiny(survey=survey), "US")
    pd.testing.assert_frame_equal(survey, before)
    assert len(out) == len(paths.PATHS) * len(paths.EXPERIENCE_BANDS)
    cell = out.set_index(["path", "band"])
    manager = cell.loc[("People manager", "8–12")]
    # 100k..200k by 10k: the 6th of 11 is 150k; 11 < 30 records: shown, flagged.
    assert (manager["n"], manager["median"], manager["status"]) == (11, 150_000, "low confidence")
    assert manager["ci_low"] < 150_000 < manager["ci_high"]
    ic = cell.loc[("Individual contributor", "3–7")]
    assert (ic["n"], ic["median"]) == (12, 56_500)  # (56k + 57k) / 2
    independent = cell.loc[("Consultant or independent", "8–12")]
    assert (independent["n"], independent["status"]) == (9, "hidden")
    assert np.isnan(independent["median"])
    assert cell.loc[("Architect", "8–12"), "n"] == 0
    assert out.attrs == {"n_placed": 11 + 24 + 9, "n_unplaced": 3, "country": "United States"}
    assert paths.undrawn_paths(out) == [
        ("Architect", 0), ("Research", 0), ("Consultant or independent", 9),
        ("Founder or executive", 0),
    ]  # fmt: skip
    germany = paths.path_by_experience(tiny(survey=survey), "DE").set_index(["path", "band"])
    assert germany.loc[("Individual contributor", "3–7"), ["n", "median"]].tolist() == [40, 80_000]
    assert germany.loc[("Individual contributor", "3–7"), "status"] == "ok"
    pooled = paths.path_by_experience(tiny(survey=survey), "ALL")
    assert pooled.attrs["n_placed"] == 11 + 24 + 9 + 40


def test_at_years_picks_the_bands_of_5_10_15_years():
    out = paths.at_years(paths.path_by_experience(tiny(survey=_survey()), "US"))
    assert list(out["path"].unique()) == list(paths.PATHS)
    ic = out[out["path"] == "Individual contributor"]
    assert ic["years"].tolist() == [5, 10, 15] and ic["band"].tolist() == ["3–7", "8–12", "13–17"]
    assert ic["n"].tolist() == [12, 12, 0]


def test_path_by_experience_errors():
    with pytest.raises(ValueError, match="Unknown country 'XX'"):
        paths.path_by_experience(tiny(survey=_survey()), "XX")
    with pytest.raises(ValueError, match="No 2024 survey respondents in India"):
        paths.path_by_experience(tiny(survey=_survey()), "IN")
    with pytest.raises(ValueError, match="rebuild the data"):
        paths.path_by_experience(tiny(survey=_survey().drop(columns="ic_or_pm")))


def _salaries() -> pd.DataFrame:
    rows = []

    def add(title, level, salary, n, employment="Full-time", **extra):
        for _ in range(n):
            rows.append(
                {
                    "year": 2024,
                    "level": level,
                    "employment_type": employment,
                    "title": title,
                    "salary_usd": float(salary),
                    "company_country": "US",
                    "is_duplicate": False,
                    **extra,
                }
            )

    add("Data Architect", "Senior", 170_000, 10)
    add("Solutions Architect", "Senior", 180_000, 11)
    add("Head of Data", "Executive", 250_000, 12)
    add("Data Scientist", "Mid", 120_000, 30)
    add("Data Scientist", "Mid", 60_000, 5, employment="Part-time")  # left out
    add("Data Scientist", "Mid", 90_000, 4, employment="Contract")  # an independent
    add("Consultant", "Mid", 100_000, 4)
    add("Data Scientist", "Mid", 120_000, 50, is_duplicate=True)  # repeats, dropped
    add("Research Scientist", "Senior", 200_000, 9, company_country="GB")
    add("Research Scientist", "Senior", 210_000, 9, year=2019)  # outside the work years
    return pd.DataFrame(rows)


def test_path_by_level_uses_titles_and_employment_type():
    out = paths.path_by_level(tiny(salaries=_salaries()), "US").set_index(["path", "level"])
    architect = out.loc[("Architect", "Senior")]
    # 10 at 170k and 11 at 180k: the 11th of 21 is 180k.
    assert (architect["n"], architect["median"], architect["status"]) == (
        21,
        180_000,
        "low confidence",
    )
    assert out.loc[("People manager", "Executive"), "median"] == 250_000
    ic = out.loc[("Individual contributor", "Mid")]
    assert (ic["n"], ic["median"], ic["status"]) == (30, 120_000, "ok")
    independent = out.loc[("Consultant or independent", "Mid")]
    assert (independent["n"], independent["status"]) == (8, "hidden")
    assert out.loc[("Research", "Senior"), "n"] == 0
    assert len(out) == len(paths.PATHS) * 4
    kept = paths.path_by_level(tiny(salaries=_salaries()), "US", drop_duplicates=False)
    assert kept.set_index(["path", "level"]).loc[("Individual contributor", "Mid"), "n"] == 80
    everywhere = paths.path_by_level(tiny(salaries=_salaries()), "ALL")
    assert everywhere.attrs["n_records"] == 21 + 12 + 30 + 4 + 4 + 9


def test_bls_scale_as_bls_publishes_it():
    # BLS OEWS May 2025, national cross-industry annual medians: Computer and Information
    # Systems Managers $175,140 (670,570 jobs); Computer and Information Research Scientists
    # $140,300 (37,200 jobs).
    out = paths.bls_scale(real()).set_index("occ_code")
    assert out.loc["11-3021", ["median", "employment"]].tolist() == [175_140, 670_570]
    assert out.loc["15-1221", ["median", "employment"]].tolist() == [140_300, 37_200]
    assert out.loc["11-3021", "median"] == 175_140


def test_real_survey_paths_know_the_us_managers():
    out = paths.path_by_experience(real(), "US")
    assert (out.loc[out["path"] == "Architect", "n"] == 0).all()  # no such 2024 answer
    shown = out[out["status"] != "hidden"]
    assert (shown["n"] >= stats.MIN_SHOWN).all() and shown["median"].notna().all()
    assert (shown["ci_low"] <= shown["median"]).all() and (
        shown["median"] <= shown["ci_high"]
    ).all()
    assert "People manager" in set(shown["path"]) and "Individual contributor" in set(shown["path"])


def test_rules_table_lists_every_rule_in_the_order_tried():
    out = paths.rules_table()
    survey = out[out["source"] == "Stack Overflow 2024"]
    assert survey["rule"].iloc[0] == "dev_type is 'Senior Executive (C-Suite, VP, etc.)'"
    assert survey["rule"].iloc[1] == (
        "employment is 'Independent contractor, freelancer, or self-employed', and not "
        "'Employed, full-time'"
    )
    assert survey["path"].tolist()[:-1] == [r.path for r in paths.SURVEY_PATH_RULES]
    index = out[out["source"] == "salary index"]
    assert len(index) == len(taxonomy.PATH_RULES) + 2
    assert index["rule"].iloc[4] == "title matches \\barchitect\\b"
    assert index["path"].iloc[4] == "Architect"
