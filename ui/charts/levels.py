"""Charts for the Career levels page: level progression, experience curve, market spread."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.levels import LEVELS
from analysis.wages import TOP_CODED
from ui.charts import interval_bars, palette, style
from ui.text import at_least, money


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def progression_chart(curve: pd.DataFrame) -> go.Figure:
    """Median pay by level, one line per track: 95% interval whiskers, the middle half
    (25th-75th percentile) as dotted outlines in the track's colour.

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
        for edge, dash in (("p75", "dot"), ("p25", "dot")):
            # The middle half as two thin dotted outlines, not a filled band: the bands of
            # two tracks overlap, and stacked fills turn into one muddy block.
            fig.add_trace(
                go.Scatter(
                    x=rows["level"],
                    y=rows[edge],
                    mode="lines",
                    line={"color": colour, "width": 1.2, "dash": dash},
                    opacity=0.8,
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
                    "color": ["rgba(0,0,0,0)" if h else colour for h in hollow],
                    "line": {"color": colour, "width": 2},
                },
                error_y=interval_bars(
                    rows["median"], rows["ci_low"], rows["ci_high"], colour, width=6, thickness=1.5
                ),
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
    style(fig, money="y", height=400)
    # "$260k" ticks and no axis title: the plot keeps its width on a 390 px phone.
    fig.update_yaxes(title=None, tickformat="~s")
    return fig


def experience_chart(bins: pd.DataFrame, fit: pd.DataFrame) -> go.Figure:
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
                    "color": ["rgba(0,0,0,0)" if h else colour for h in hollow],
                    "line": {"color": colour, "width": 2},
                },
                error_y=interval_bars(rows["median"], rows["ci_low"], rows["ci_high"], colour),
                customdata=list(zip(rows["bin"], rows["n"], strict=True)),
                hovertemplate=(
                    f"{year} · %{{customdata[0]}} years<br>Median $%{{y:,.0f}}"
                    "<br>n = %{customdata[1]:,}<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(title="Years of experience", rangemode="tozero")
    fig.update_yaxes(title=None, rangemode="tozero")
    style(fig, money="y", height=400)
    fig.update_yaxes(tickformat="~s")
    return fig


def spread_chart(ladder: pd.DataFrame, *, top_code: float) -> go.Figure:
    """The OEWS percentile ladder as one range strip, like the Tech hubs range chart.

    A thin line from the 10th to the 90th percentile, a thick bar from the 25th to the 75th,
    a dot at the median, each point labelled with its wage. A top-coded point stops at
    `top_code` and reads "≥ $<top_code>"; an unpublished one is left out.
    """
    colour = palette()[0]
    wage = dict(zip(ladder["percentile"], ladder["wage"], strict=True))
    top = dict(zip(ladder["percentile"], ladder["note"].fillna("").eq(TOP_CODED), strict=True))
    at = {p: (top_code if top[p] else wage[p]) for p in wage}
    row = str(ladder["occ_title"].iloc[0])
    fig = go.Figure()
    for low, high, width, opacity, label in (
        (10, 90, 3, 0.55, "10th–90th percentile"),
        (25, 75, 16, 0.85, "25th–75th percentile"),
    ):
        if pd.isna(at.get(low)) or pd.isna(at.get(high)):
            continue
        fig.add_trace(
            go.Scatter(
                x=[at[low], at[high]],
                y=[row, row],
                mode="lines",
                line={"width": width, "color": colour},
                opacity=opacity,
                name=label,
                hoverinfo="skip",
            )
        )
    points = [p for p in at if pd.notna(at[p])]
    texts = [
        (at_least(top_code) if top[p] else money(wage[p])) + f"<br>{_ordinal(p)}" for p in points
    ]
    fig.add_trace(
        go.Scatter(
            x=[at[p] for p in points],
            y=[row] * len(points),
            mode="markers+text",
            marker={
                # The quartile markers are as tall as the bar so their labels clear it.
                "size": [{50: 14, 25: 18, 75: 18}.get(p, 8) for p in points],
                "color": [palette()[1] if p == 50 else colour for p in points],
                "line": {"width": 1.5, "color": "white"},
            },
            text=texts,
            # The outermost labels lean inwards so a 390 px phone does not cut them.
            textposition=[
                ("top" if i % 2 == 0 else "bottom")
                + (" right" if i == 0 else " left" if i == len(points) - 1 else " center")
                for i in range(len(points))
            ],
            name="median",
            showlegend=False,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_yaxes(visible=False)
    drawn = [at[p] for p in points]
    fig.update_xaxes(title="Annual wage (USD)")
    if drawn:
        pad = 0.06 * (max(drawn) - min(drawn))
        fig.update_xaxes(range=[min(drawn) - pad, max(drawn) + pad])
    style(fig, money="x", height=230)
    fig.update_xaxes(tickformat="~s")
    return fig


def _ordinal(p: int) -> str:
    """'10th', 'Median', ... for a published percentile (the legend says "percentile")."""
    return "Median" if p == 50 else f"{p}th"


def company_size_chart(table: pd.DataFrame) -> go.Figure:
    """Median pay by level, one colour per company size, with 95% intervals; hollow markers
    mark under 30 records; sizes with under 10 records at a level are absent (the table and
    caption say so). `table`: `analysis.company_size.pay_by_company_size` output."""
    colors = palette()
    fig = go.Figure()
    shown = table[table["status"] != "hidden"]
    for i, (label, part) in enumerate(shown.groupby("size_label", sort=False)):
        thin = part["status"] == "low confidence"
        fig.add_trace(
            go.Scatter(
                x=part["level"],
                y=part["median"],
                mode="markers",
                name=str(label),
                marker={
                    "size": 12,
                    "color": ["rgba(0,0,0,0)" if t else colors[i % len(colors)] for t in thin],
                    "line": {"width": 2, "color": colors[i % len(colors)]},
                },
                error_y=interval_bars(
                    part["median"], part["ci_low"], part["ci_high"], colors[i % len(colors)]
                ),
                customdata=part["n"],
                hovertemplate=f"{label}<br>%{{x}}: median $%{{y:,.0f}}<br>n = "
                "%{customdata:,}<extra></extra>",
            )
        )
    fig.update_xaxes(categoryorder="array", categoryarray=list(LEVELS))
    fig.update_layout(scattermode="group")
    style(fig, money="y", height=360)
    fig.update_yaxes(tickformat="~s")
    return fig
