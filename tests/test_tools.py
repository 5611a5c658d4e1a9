"""analysis.tools: tool lists, the fast added-column HC3 fit, premiums on constructed data and
on the Stack Overflow 2024 subset."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from analysis import taxonomy, tools
from tests.tables import real, tiny


def test_split_tools_strips_and_handles_missing():
    lists = pd.Series(["PyTorch; TensorFlow", None, "PyTorch", ";", "NumPy;PyTorch"])
    before = lists.copy()
    out = tools.split_tools(lists)
    pd.testing.assert_series_equal(lists, before)
    assert list(out.columns) == ["NumPy", "PyTorch", "TensorFlow"]
    assert out["PyTorch"].tolist() == [True, False, True, False, True]
    assert out["TensorFlow"].tolist() == [True, False, False, False, False]
    assert list(out.index) == list(lists.index)
    assert tools.split_tools(pd.Series([None, None])).shape == (2, 0)


def test_added_column_hc3_matches_statsmodels():
    rng = np.random.default_rng(3)
    base = np.column_stack([np.ones(300), rng.normal(size=(300, 3))])
    flags = (rng.random((300, 2)) < 0.3).astype(float)
    y = base @ [1.0, 0.2, -0.1, 0.3] + 0.15 * flags[:, 0] + rng.normal(scale=0.5, size=300)
    coef, se = tools.added_column_hc3(y, base, flags)
    for j in range(2):
        fit = sm.OLS(y, np.column_stack([base, flags[:, j]])).fit(cov_type="HC3")
        assert coef[j] == pytest.approx(fit.params[-1], rel=1e-9)
        assert se[j] == pytest.approx(fit.bse[-1], rel=1e-9)


def _survey(n: int = 200, effect: float = 0.25) -> pd.DataFrame:
    """Constructed respondents: every 4th uses ChatGPT, which adds `effect` to pay at the same
    experience and country; everyone uses Copilot (TEST only)."""
    rows = []
    for i in range(n):
        uses = i % 4 == 0
        years = float(i % 20)
        log_pay = 11.0 + 0.03 * years + (np.log1p(effect) if uses else 0.0)
        log_pay += 0.01 * ((i % 7) - 3)
        rows.append(
            {
                "year": 2024,
                "pay_usd": float(np.exp(log_pay)),
                "years_experience": years,
                "country": "US" if i % 2 else "Germany",
                "ai_tools": "ChatGPT;Copilot" if uses else "Copilot",
            }
        )
    return pd.DataFrame(rows)


def test_tool_premium_recovers_a_constructed_association():
    data = tiny(survey=_survey())
    out = tools.tool_premiums(data, "assistants", min_country=10, min_users=30)
    chatgpt = out.set_index("tool").loc["ChatGPT"]
    assert chatgpt["premium"] == pytest.approx(0.25, abs=0.02)
    assert (chatgpt["n_users"], chatgpt["n_non_users"]) == (50, 150)
    assert chatgpt["ci_low"] <= chatgpt["premium"] <= chatgpt["ci_high"]
    assert chatgpt["p_value"] < 1e-6 and chatgpt["holm_reject"]
    # Copilot is used by everyone: no non-users, so it is hidden rather than estimated.
    copilot = out.set_index("tool").loc["Copilot"]
    assert copilot["status"] == "hidden" and np.isnan(copilot["premium"])
    assert out["tool"].tolist() == ["ChatGPT", "Copilot"]  # estimated first, hidden last
    assert out.attrs == {"n_respondents": 200, "n_compared": 1, "min_users": 30}


def test_tool_premium_of_an_unrelated_tool_is_near_zero():
    data = tiny(survey=_survey(effect=0.0))
    chatgpt = tools.tool_premiums(data, "assistants", min_country=10, min_users=30)
    row = chatgpt.set_index("tool").loc["ChatGPT"]
    assert abs(row["premium"]) < 0.01 and row["ci_low"] < 0 < row["ci_high"]
    assert not row["holm_reject"]


def test_tool_premium_min_users_hides_rare_tools_and_filters_respondents():
    survey = _survey()
    data = tiny(survey=survey)
    hidden = tools.tool_premiums(data, "assistants", min_country=10, min_users=51)
    assert hidden.set_index("tool").loc["ChatGPT", "status"] == "hidden"
    assert hidden.attrs["n_compared"] == 0 and hidden["holm_reject"].isna().all()
    # Respondents outside the pay range, without experience, other years or without an answer
    # to the question are neither users nor non-users.
    extra = survey.iloc[:4].assign(
        pay_usd=[1.0, 50_000.0, 50_000.0, 50_000.0],
        years_experience=[1.0, np.nan, 1.0, 1.0],
        year=[2024, 2024, 2025, 2024],
        ai_tools=["ChatGPT", "ChatGPT", "ChatGPT", None],
    )
    more = tiny(survey=pd.concat([survey, extra], ignore_index=True))
    out = tools.tool_premiums(more, "assistants", min_country=10, min_users=30)
    assert out.attrs["n_respondents"] == 200


def test_tool_premium_errors():
    data = tiny(survey=_survey())
    with pytest.raises(ValueError, match="Unknown tool list"):
        tools.tool_premiums(data, "editors")
    with pytest.raises(ValueError, match="no column 'frameworks'"):
        tools.tool_premiums(data, "ml")
    with pytest.raises(ValueError, match="Too few 2025"):
        tools.tool_premiums(data, "assistants", year=2025)


# --- the real survey -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ml() -> pd.DataFrame:
    return tools.tool_premiums(real(), "ml")


def test_real_tool_premiums_cover_pytorch_with_both_groups(ml):
    out = ml.set_index("tool")
    torch = out.loc["Torch/PyTorch"]
    assert torch["n_users"] >= 300 and torch["n_non_users"] >= 300
    assert torch["ci_low"] <= torch["premium"] <= torch["ci_high"]
    # Default list: ML libraries only, no .NET / Spring / Kafka from the same survey question.
    assert set(out.index) <= set(taxonomy.ML_LIBRARIES)
    assert {"Scikit-Learn", "TensorFlow", "Hugging Face Transformers"} <= set(out.index)


def test_real_user_counts_are_counts_of_the_survey_rows(ml):
    survey = real().survey
    rows = survey[
        (survey["year"] == 2024)
        & survey["pay_usd"].between(5_005.0, 499_750.0)
        & survey["years_experience"].notna()
        & survey["frameworks"].notna()
    ]
    users = sum(
        "Torch/PyTorch" in [t.strip() for t in str(v).split(";")] for v in rows["frameworks"]
    )
    torch = ml.set_index("tool").loc["Torch/PyTorch"]
    assert (torch["n_users"], torch["n_non_users"]) == (users, len(rows) - users)
    assert ml.attrs["n_respondents"] == len(rows)


def test_real_tool_lists_name_items_as_the_survey_publishes_them():
    survey = real().survey
    for tool_list in tools.TOOL_LISTS.values():
        published = set(tools.split_tools(survey[tool_list.column]).columns)
        if tool_list.items is not None:
            assert set(tool_list.items) <= published, tool_list.label
    clouds = tools.tool_premiums(real(), "cloud").set_index("tool")
    assert {"Amazon Web Services (AWS)", "Microsoft Azure", "Google Cloud"} <= set(
        clouds.index[clouds["status"] != "hidden"]
    )
    assert "Vercel" not in clouds.index


def test_real_tool_minimum_and_holm_flags():
    out = tools.tool_premiums(real(), "assistants")
    shown = out[out["status"] != "hidden"]
    hidden = out[out["status"] == "hidden"]
    smaller = np.minimum(out["n_users"], out["n_non_users"])
    assert (smaller[shown.index] >= tools.MIN_TOOL_USERS).all()
    assert (smaller[hidden.index] < tools.MIN_TOOL_USERS).all()
    assert hidden["premium"].isna().all() and not hidden.empty
    assert out.attrs["n_compared"] == len(shown)
    # Holm: adjusted p never below the raw one; a flagged tool has a 95% interval without 0.
    assert (shown["p_holm"] >= shown["p_value"] - 1e-15).all()
    flagged = shown[shown["holm_reject"].astype(bool)]
    assert ((flagged["ci_low"] > 0) | (flagged["ci_high"] < 0)).all()
    # Some tools' unadjusted intervals exclude 0 but do not survive the correction.
    unadjusted = (shown["ci_low"] > 0) | (shown["ci_high"] < 0)
    assert unadjusted.sum() > len(flagged)
    # Holm's step-down, by hand: the i-th smallest p-value times (m - i + 1), kept monotone.
    ordered = shown.sort_values("p_value")
    m = len(ordered)
    factors = m - np.arange(m)
    expected = np.maximum.accumulate(np.minimum(1.0, ordered["p_value"].to_numpy() * factors))
    assert ordered["p_holm"].to_numpy() == pytest.approx(expected)


def test_real_survey_is_not_mutated(ml):
    before = real().survey.copy()
    tools.tool_premiums(real(), "cloud")
    pd.testing.assert_frame_equal(real().survey, before)
