"""Charts for the Career levels page: level progression, experience curve, market spread."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.levels import LEVELS
from ui.charts import cached_figure, palette, style


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


@cached_figure
def progression(curve: pd.DataFrame) -> go.Figure:
    """Median pay by level, one line per track: IQR band, 95% interval whiskers.

    `curve` is analysis.levels.progression output. Hidden groups (n < 10) are left out;
    low-confidence points (n < 30) are drawn hollow.
    """
    colours = palette()
    fig = go.Figure()
    for i, (track, rows) in enumerate(curve.groupby("track", sort=False)):
        colour = colours[i % len(colours)]
        rows = rows.loc[rows["status"] != "hidden"]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=list(rows["level"]) + list(rows["level"])[::-1],
                y=list(rows["p75"]) + list(rows["p25"])[::-1],
                fill="toself",
                mode="lines",
                fillcolor=_rgba(colour, 0.13),
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=str(track),
            )
        )
        hollow = rows["status"] == "low confidence"
        step = rows["step_up"].map(lambda v: "" if pd.isna(v) else f"<br>Step-up: ×{v:.2f}")
        fig.add_trace(
            go.Scatter(
                x=rows["level"],
                y=rows["median"],
                name=str(track),
                legendgroup=str(track),
                mode="lines+markers",
                line={"color": colour, "width": 3},
                marker={
                    "size": 11,
                    "color": ["white" if h else colour for h in hollow],
                    "line": {"color": colour, "width": 2},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["ci_high"] - rows["median"],
                    "arrayminus": rows["median"] - rows["ci_low"],
                    "color": colour,
                    "thickness": 1.5,
                    "width": 6,
                },
                customdata=list(
                    zip(rows["n"], rows["p25"], rows["p75"], step, rows["status"], strict=True)
                ),
                hovertemplate=(
                    f"<b>{track}</b> · %{{x}}<br>Median $%{{y:,.0f}}"
                    "<br>Middle half $%{customdata[1]:,.0f}–$%{customdata[2]:,.0f}"
                    "%{customdata[3]}<br>n = %{customdata[0]:,} (%{customdata[4]})<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(categoryorder="array", categoryarray=list(LEVELS), title=None)
    fig.update_yaxes(title="Annual pay (USD)")
    return style(fig, money="y", height=440)


@cached_figure
def experience(bins: pd.DataFrame, fit: pd.DataFrame) -> go.Figure:
    """Survey pay by years of experience: binned medians with 95% intervals, LOWESS + band.

    One colour per survey year; the legend names the experience measure of each year.
    """
    colours = palette()
    fig = go.Figure()
    for i, (year, rows) in enumerate(bins.groupby("year", sort=True)):
        colour = colours[(i + 2) % len(colours)]
        measure = str(rows["experience_measure"].iloc[0])
        name = f"{year} survey ({measure} years)"
        curve = fit.loc[fit["year"] == year]
        if not curve.empty:
            fig.add_trace(
                go.Scatter(
                    x=list(curve["years"]) + list(curve["years"])[::-1],
                    y=list(curve["band_high"]) + list(curve["band_low"])[::-1],
                    fill="toself",
                    mode="lines",
                    fillcolor=_rgba(colour, 0.15),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    legendgroup=name,
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=curve["years"],
                    y=curve["fit"],
                    mode="lines",
                    line={"color": colour, "width": 2},
                    name=f"{year} smooth fit",
                    legendgroup=name,
                    showlegend=False,
                    hovertemplate=f"{year} smooth: %{{x:.0f}} yrs → $%{{y:,.0f}}<extra></extra>",
                )
            )
        rows = rows.loc[rows["status"] != "hidden"]
        hollow = rows["status"] == "low confidence"
        fig.add_trace(
            go.Scatter(
                x=rows["bin_mid"],
                y=rows["median"],
                mode="markers",
                name=name,
                legendgroup=name,
                marker={
                    "size": 11,
                    "color": ["white" if h else colour for h in hollow],
                    "line": {"color": colour, "width": 2},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["ci_high"] - rows["median"],
                    "arrayminus": rows["median"] - rows["ci_low"],
                    "color": colour,
                    "width": 5,
                },
                customdata=list(zip(rows["bin"], rows["n"], strict=True)),
                hovertemplate=(
                    f"{year} · %{{customdata[0]}} years<br>Median $%{{y:,.0f}}"
                    "<br>n = %{customdata[1]:,}<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(title="Years of experience", rangemode="tozero")
    fig.update_yaxes(title="Annual pay (USD)", rangemode="tozero")
    return style(fig, money="y", height=420)


@cached_figure
def spread(ladder: pd.DataFrame) -> go.Figure:
    """The OEWS percentile ladder as horizontal bars; top-coded steps labelled '≥ $239,200'."""
    colour = palette()[0]
    labels = [f"{p}th percentile" if p != 50 else "Median" for p in ladder["percentile"]]
    top = ladder["note"].fillna("").eq("top-coded")
    values = ladder["wage"].where(~top, 239_200.0)
    texts = [
        "≥ $239,200" if t else ("not published" if pd.isna(v) else f"${v:,.0f}")
        for v, t in zip(ladder["wage"], top, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker={"color": [colour if not t else "rgba(128,128,128,0.5)" for t in top]},
            text=texts,
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Annual wage (USD)")
    return style(fig, money="x", height=280, legend=False)
