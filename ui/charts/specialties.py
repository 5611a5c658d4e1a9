"""Figures for the Specializations page: premiums with intervals, tool associations."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import cached_figure, palette, style

_PERCENT = ".0%"


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


@cached_figure
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
    fig.update_xaxes(tickformat=_PERCENT, title="Pay difference vs baseline (95% interval)")
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title=None)
    return fig


@cached_figure
def tool_chart(tools: pd.DataFrame, *, top: int = 25) -> go.Figure:
    """Survey pay association per tool: dot + 95% whisker, zero line, n users in labels.

    Input: `analysis.specialties.tool_premiums` output; hidden rows dropped, the `top` items
    with the most users are drawn, sorted by premium.
    """
    shown = tools[tools["status"] != "hidden"].nlargest(top, "n_users")
    shown = shown.sort_values("premium", ascending=True)
    frame = shown.assign(
        label=[f"{t} ({n:,} users)" for t, n in zip(shown["tool"], shown["n_users"], strict=True)],
        n=shown["n_users"],
    )
    fig = go.Figure(_dots(frame, name="Users vs non-users", colour=palette()[0], who="users"))
    fig.add_vline(x=0, line_width=1.5, line_dash="dash", line_color="rgba(128,128,128,0.9)")
    style(fig, money=None, height=max(320, 26 * len(frame) + 100), legend=False)
    fig.update_xaxes(tickformat=_PERCENT, title="Pay difference, same experience and country")
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame["label"]), title=None)
    return fig
