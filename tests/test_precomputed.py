"""The precomputed tables (databuild.precomputed): what data/ holds is what the analysis
functions give on today's tables (a stale table fails here), the page-facing readers hand back
the same frames, the manifest says how each was made, and a table that breaks its rules stops
the build."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd
import pytest

from analysis import certifications, level_checks, levels, tools
from analysis.data import PRECOMPUTED, Tables, stored
from analysis.paths import DATA_DIR
from databuild import precomputed
from databuild.sources.base import ColumnDoc
from tests.tables import real

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "survey.parquet").is_file(), reason="data/ not built yet"
)
SPECS = {spec.name: spec for spec in precomputed.TABLES}


def test_the_build_and_the_app_name_the_same_tables():
    assert tuple(SPECS) == PRECOMPUTED


@pytest.mark.parametrize(
    ("name", "call"),
    [(spec.name, call) for spec in precomputed.TABLES for call in spec.calls],
    ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={v[k]}" for k in v) or "()",
)
def test_each_stored_table_is_what_its_function_gives_on_the_current_data(name, call):
    spec, data = SPECS[name], real()
    result = spec.function(data, **call)
    expected = result if spec.part is None else result[spec.part]
    found = stored(data, name, spec.attrs, **call)
    # Stored to 12 significant digits (databuild.precomputed.SIGNIFICANT_DIGITS).
    pd.testing.assert_frame_equal(found, expected, rtol=1e-11)
    assert found.attrs == expected.attrs


def test_the_pages_readers_hand_back_the_functions_frames():
    data = real()
    for ai_ml_only in (True, False):
        for us_only in (True, False):
            bins, fit = levels.experience_curve(data, ai_ml_only, us_only)
            got = levels.stored_experience_curve(data, ai_ml_only, us_only)
            pd.testing.assert_frame_equal(got[0], bins, rtol=1e-11)
            pd.testing.assert_frame_equal(got[1], fit, rtol=1e-11)
    for key in tools.TOOL_LISTS:
        computed, kept = tools.tool_premiums(data, key), tools.stored_tool_premiums(data, key)
        pd.testing.assert_frame_equal(kept, computed, rtol=1e-11)
        assert kept.attrs == computed.attrs and kept.attrs["n_compared"] > 0
    computed, kept = (
        certifications.certification_pay(data),
        certifications.stored_certification_pay(data),
    )
    pd.testing.assert_frame_equal(kept, computed, rtol=1e-11)
    assert kept.attrs == computed.attrs
    pd.testing.assert_frame_equal(
        level_checks.stored_backtest(data), level_checks.backtest(data), rtol=1e-11
    )
    with pytest.raises(ValueError, match="Unknown tool list"):
        tools.stored_tool_premiums(data, "editors")


def test_the_manifest_says_how_each_table_was_made_and_from_which_bytes():
    data = real()
    entries = data.manifest["precomputed"]
    assert set(entries) == set(PRECOMPUTED)
    for name, entry in entries.items():
        spec = SPECS[name]
        assert entry["function"] == spec.qualified
        assert entry["calls"] == [dict(call) for call in spec.calls]
        assert entry.get("part") == spec.part
        # the input tables as data/ holds them now: a source rebuilt without its precomputed
        # tables shows here
        for table, digest in entry["inputs"].items():
            assert (
                digest == hashlib.sha256((DATA_DIR / f"{table}.parquet").read_bytes()).hexdigest()
            )
        assert set(entry["inputs"]) == set(spec.inputs)
        assert entry["rows"] == len(data.table(name)) == data.manifest["tables"][name]["rows"]
        assert data.manifest["tables"][name]["source"] == "precomputed"


def test_stored_tables_are_small():
    for name in PRECOMPUTED:
        assert (DATA_DIR / f"{name}.parquet").stat().st_size < 50_000, name


# --- the build's checks, on tiny tables --------------------------------------------------------


def _tiny() -> Tables:
    return Tables.of(survey=pd.DataFrame({"pay": [1.0, 2.0, 3.0]}))


def pay_summary(data: Tables, doubled: bool = False) -> pd.DataFrame:
    """A stand-in analysis function: the survey's pay, doubled or not, with an attr."""
    pay = data.survey["pay"] * (2 if doubled else 1)
    frame = pd.DataFrame({"pay": pay, "note": pd.array([None, "b", "c"], dtype="str")})
    frame.attrs["n_respondents"] = 3
    return frame


def _spec(function=pay_summary, inputs=("survey",), required=("doubled", "pay")):
    columns = {
        "doubled": ColumnDoc("bool", "flag", "the call's doubled"),
        "pay": ColumnDoc("float64", "USD", "pay"),
        "note": ColumnDoc("str", "text", "a note"),
        "n_respondents": ColumnDoc("int64", "respondents", "attrs"),
    }
    calls = ({"doubled": False}, {"doubled": True})
    return precomputed.Precomputed(
        "tiny", function, calls, inputs, columns, required, "A test.", attrs=("n_respondents",)
    )


def test_a_precomputed_table_stacks_each_call_under_its_key_columns():
    data = _tiny()
    frame = precomputed.compute(_spec(), lambda: data, {})
    assert list(frame.columns) == ["doubled", "pay", "note", "n_respondents"]
    assert frame["doubled"].tolist() == [False] * 3 + [True] * 3
    assert frame["pay"].tolist() == [1.0, 2.0, 3.0, 2.0, 4.0, 6.0]
    assert frame["n_respondents"].tolist() == [3] * 6 and frame.attrs == {}
    # read back as the function returned it
    kept = frame[frame["doubled"]].drop(columns=["doubled", "n_respondents"])
    assert kept["pay"].tolist() == [2.0, 4.0, 6.0]


def test_the_build_refuses_a_table_read_from_an_undeclared_input():
    with pytest.raises(ValueError, match=r"reads \['survey'\], not declared"):
        precomputed.compute(_spec(inputs=("salaries",)), _tiny, {})


def test_the_build_refuses_a_missing_value_where_none_is_allowed():
    with pytest.raises(ValueError, match=r"tiny\.note: missing values"):
        precomputed.compute(_spec(required=("pay", "note")), _tiny, {})


def test_the_build_refuses_a_call_that_gives_no_rows():
    def nothing(data: Tables, doubled: bool = False) -> pd.DataFrame:
        frame = pay_summary(data, doubled).iloc[:0]
        frame.attrs["n_respondents"] = 0
        return frame

    with pytest.raises(ValueError, match="gave no rows"):
        precomputed.compute(_spec(function=nothing), _tiny, {})


def test_stored_rows_keep_dtypes_and_attrs_and_say_how_to_rebuild_a_missing_table(tmp_path):
    table = pd.DataFrame(
        {
            "tool_list": pd.array(["ml", "ml", "cloud"], dtype="str"),
            "tool": pd.array(["PyTorch", "JAX", "AWS"], dtype="str"),
            "premium": [0.1, np.nan, 0.05],
            "n_respondents": [10, 10, 7],
        }
    )
    data = Tables.of(tool_premiums=table)
    ml = stored(data, "tool_premiums", ("n_respondents",), tool_list="ml")
    assert ml["tool"].tolist() == ["PyTorch", "JAX"] and list(ml.columns) == ["tool", "premium"]
    assert math.isnan(ml.loc[1, "premium"]) and ml.attrs == {"n_respondents": 10}
    assert type(ml.attrs["n_respondents"]) is int
    assert stored(data, "tool_premiums", tool_list="editors").empty
    with pytest.raises(ValueError, match="not a precomputed table"):
        stored(data, "wages")
    (tmp_path / "manifest.json").write_text("{}")
    with pytest.raises(ValueError, match=r"tool_premiums\.parquet is missing .* Rebuild"):
        stored(Tables.open(tmp_path), "tool_premiums", tool_list="ml")


def test_stored_floats_drop_the_bits_a_cpu_changes():
    # Two machines' regressions differed by about 1e-13 on the same inputs: the stored value
    # keeps 12 significant digits, so both write the same bytes. NaN stays missing.
    from databuild.precomputed import _portable

    a = pd.DataFrame({"premium": [0.1234567890123 + 8.7e-14, float("nan")], "n": [3, 4]})
    b = pd.DataFrame({"premium": [0.1234567890123, float("nan")], "n": [3, 4]})
    assert _portable(a).equals(_portable(b))
    assert _portable(a)["premium"].iloc[0] == 0.123456789012
    assert _portable(a)["n"].tolist() == [3, 4]
    assert _portable(pd.DataFrame({"p": [1.5e-20]}))["p"].iloc[0] == 1.5e-20
