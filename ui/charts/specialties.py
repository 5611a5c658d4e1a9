"""Figures and display tables for the Specializations page: premiums with intervals, tool
associations. Tables show whole percentages with a sign and '—' for blanks."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from ui.charts import DASH, palette, style

_PERCENT = ".0%"
STATUS_TEXT = {"ok": "", "low confidence": "under 30 records", "hidden": "under 10: not estimated"}


def _hover(frame: pd.DataFrame, who: str) -> list[str]:
    return [
        f"<b>{row.label}</b><br>{row.premium:+.1%} (95% interval {row.ci_low:+.1%} to "
        f"{row.ci_high:+.1%})<br>n = {row.n:,} {who}"
        + ("<br><i>low confidence: fewer than 30</i>" if row.status == "low confidence" else "")
        for row in frame.itertuples()
    ]


def _dots(frame: pd.DataFrame, *, name: str, colour: str, who: str) -> go.Scatter:
    """Dot + whisker trace; low-confidence points are hollow."""
    hollow = frame["status"].eq("low confidence").to_numpy()
    return go.Scatter(
        x=frame["premium"],
        y=frame["label"],
        mode="markers",
        orientation="h",
        name=name,
        marker={
            "size": 11,
            "color": ["rgba(0,0,0,0)" if h else colour for h in hollow],
            "line": {"color": colour, "width": 2},
            "symbol": "circle",
        },
        error_x={
            "type": "data",
            "symmetric": False,
            "array": (frame["ci_high"] - frame["premium"]).clip(lower=0),
            "arrayminus": (frame["premium"] - frame["ci_low"]).clip(lower=0),
            "color": colour,
            "thickness": 2,
            "width": 4,
        },
        offsetgroup=name,
        hovertext=_hover(frame, who),
        hoverinfo="text",
    )


def premium_chart(comparison: pd.DataFrame) -> go.Figure:
    """Raw vs adjusted premium per specialization: dot + 95% whisker, zero line, n in labels.

    Input: `analysis.specialties.premium_comparison` output (hidden groups already dropped).
    Hollow dots mark low-confidence groups (n < 30).
    """
    frame = comparison.copy()
    raw_n = frame[frame["method"].str.startswith("Raw")].set_index("specialization")["n"]
    frame["label"] = [
        f"{s} (n={raw_n.get(s, n):,})"
        for s, n in zip(frame["specialization"], frame["n"], strict=True)
    ]
    order = list(dict.fromkeys(frame["label"]))
    colours = palette()
    fig = go.Figure()
    for method, part in frame.groupby("method", sort=False):
        # Same colour for a method whether it is drawn alone or beside the other one.
        colour = colours[0] if str(method).startswith("Raw") else colours[1 % len(colours)]
        fig.add_trace(_dots(part, name=str(method), colour=colour, who="records"))
    fig.add_vline(x=0, line_width=1.5, line_dash="dash", line_color="rgba(128,128,128,0.9)")
    style(fig, money=None, height=max(320, 70 * len(order) + 90))
    fig.update_layout(scattermode="group", scattergap=0.5)
    fig.update_xaxes(tickformat=_PERCENT, title="Pay difference vs baseline")
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    return fig


def _dots_split(frame: pd.DataFrame, colour: str) -> list[go.Scatter]:
    """Tool dots: filled when the difference holds after the Holm correction, else hollow."""
    holds = frame["holm_reject"].fillna(False).astype(bool)
    traces = []
    for name, part, hollow in (
        ("Differs from 0 after Holm correction", frame[holds], False),
        ("Not after correction", frame[~holds], True),
    ):
        if part.empty:
            continue
        trace = _dots(part.assign(status="ok"), name=name, colour=colour, who="users")
        if hollow:
            trace.marker.color = "rgba(0,0,0,0)"
        traces.append(trace)
    return traces


def tool_chart(tools: pd.DataFrame) -> go.Figure:
    """Survey pay association per tool: dot + 95% whisker, zero line, n users in labels.

    Input: `analysis.specialties.tool_premiums` output; hidden rows (too few users) dropped,
    sorted by premium. Filled dots: the difference holds after the Holm correction.
    """
    shown = tools[tools["status"] != "hidden"].sort_values("premium", ascending=True)
    frame = shown.assign(
        label=[f"{t} ({n:,} users)" for t, n in zip(shown["tool"], shown["n_users"], strict=True)],
        n=shown["n_users"],
    )
    fig = go.Figure(_dots_split(frame, palette()[0]))
    fig.add_vline(x=0, line_width=1.5, line_dash="dash", line_color="rgba(128,128,128,0.9)")
    style(fig, money=None, height=max(320, 28 * len(frame) + 120))
    fig.update_xaxes(tickformat=_PERCENT, title="Pay difference")
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["label"]), title=None)
    return fig


def _signed(value: object) -> str:
    """'+12%' / '−5%' (whole percent), '—' when missing."""
    if value is None or pd.isna(value):
        return DASH
    rounded = round(float(value), 2) + 0.0  # no "−0%"
    return f"{rounded:+.0%}".replace("-", "−")


PREMIUM_TABLE = {
    "specialization": "Specialization",
    "method": "Method",
    "n": "Records",
    "premium": "Pay difference",
    "ci_low": "95% low",
    "ci_high": "95% high",
    "status_text": "Note",
}
"""Premium table column -> header."""


def premium_table(comparison: pd.DataFrame) -> Styler:
    """The premiums shown in the chart as a table (columns of `PREMIUM_TABLE`).

    Input: `analysis.specialties.premium_comparison` output (or its rows for one method).
    What each group holds (its top titles) is shown beside the table, as text that wraps.
    """
    note = comparison["status"].map(STATUS_TEXT).fillna("")
    frame = comparison.assign(status_text=note.where(~comparison["is_baseline"], "baseline"))
    frame = frame[list(PREMIUM_TABLE)]
    return frame.style.format(
        {"n": "{:,}", "premium": _signed, "ci_low": _signed, "ci_high": _signed}, na_rep=DASH
    )


TOOL_TABLE = {
    "tool": "Tool",
    "n_users": "Users",
    "n_non_users": "Non-users",
    "premium": "Pay difference",
    "ci_low": "95% low",
    "ci_high": "95% high",
    "holm_text": "After Holm correction",
}
"""Tool table column -> header."""


def tool_table(tools: pd.DataFrame) -> Styler:
    """Tools with an estimate (columns of `TOOL_TABLE`); hidden tools are only in the CSV."""
    shown = tools[tools["status"] != "hidden"]
    frame = shown.assign(
        holm_text=[
            "differs from 0" if bool(r) else "could be 0"
            for r in shown["holm_reject"].fillna(False)
        ]
    )[list(TOOL_TABLE)]
    return frame.style.format(
        {
            "n_users": "{:,}",
            "n_non_users": "{:,}",
            "premium": _signed,
            "ci_low": _signed,
            "ci_high": _signed,
        },
        na_rep=DASH,
    )
