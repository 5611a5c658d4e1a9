"""Charts for the Remote work page: pay by arrangement, remote share, geo-pay policies."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.levels import LEVELS
from analysis.remote import ARRANGEMENTS, POLICIES
from ui.charts import cached_figure, palette, style


@cached_figure
def pay_by_arrangement(table: pd.DataFrame) -> go.Figure:
    """Grouped bars: median pay by level (x) and arrangement (colour), 95% interval whiskers.

    Hidden groups (n < 10) are left out; low-confidence bars (n < 30) are hatched.
    """
    colours = palette()
    fig = go.Figure()
    for i, name in enumerate(ARRANGEMENTS.values()):
        rows = table.loc[(table["arrangement"] == name) & (table["status"] != "hidden")]
        if rows.empty:
            continue
        low = rows["status"] == "low confidence"
        fig.add_trace(
            go.Bar(
                x=rows["level"],
                y=rows["median"],
                name=name,
                marker={
                    "color": colours[i],
                    "pattern": {"shape": ["/" if lc else "" for lc in low]},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["ci_high"] - rows["median"],
                    "arrayminus": rows["median"] - rows["ci_low"],
                },
                customdata=list(zip(rows["n"], rows["status"], strict=True)),
                hovertemplate=(
                    f"{name} · %{{x}}<br>Median $%{{y:,.0f}}<br>n = %{{customdata[0]:,}} "
                    "(%{customdata[1]})<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(categoryorder="array", categoryarray=list(LEVELS), title=None)
    fig.update_yaxes(title="Median annual pay (USD)")
    return style(fig, money="y", height=420)


@cached_figure
def remote_share(share: pd.DataFrame) -> go.Figure:
    """Share of fully-remote records per year with its 95% Wilson band (partial year hollow)."""
    colour = palette()[2]
    rows = share.loc[share["status"] != "hidden"]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=list(rows["year"]) + list(rows["year"])[::-1],
            y=list(rows["ci_high"] * 100) + list(rows["ci_low"] * 100)[::-1],
            fill="toself",
            mode="lines",
            fillcolor="rgba(0,158,115,0.18)",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    partial = rows["partial"].astype(bool)
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["share"] * 100,
            mode="lines+markers",
            name="Fully remote",
            line={"color": colour, "width": 3},
            marker={
                "size": 10,
                "color": ["white" if p else colour for p in partial],
                "line": {"color": colour, "width": 2},
            },
            customdata=list(
                zip(
                    rows["n_remote"],
                    rows["n"],
                    ["(partial year)" if p else "" for p in partial],
                    strict=True,
                )
            ),
            hovertemplate=(
                "%{x}: %{y:.1f}% fully remote<br>%{customdata[0]:,} of %{customdata[1]:,} "
                "records %{customdata[2]}<extra></extra>"
            ),
        )
    )
    fig.add_vrect(x0=2023.5, x1=2024.5, fillcolor="rgba(213,94,0,0.08)", line_width=0)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="Fully remote records (%)", ticksuffix="%", rangemode="tozero")
    return style(fig, money=None, height=360, legend=False)


@cached_figure
def policies(sim: pd.DataFrame, measure: str = "pay") -> go.Figure:
    """Grouped bars per hub (x) and policy (colour) of `measure`: 'pay' or 'purchasing_power'."""
    colours = palette()
    title = "Pay (USD/yr)" if measure == "pay" else "Purchasing power (US-average $)"
    fig = go.Figure()
    for i, policy in enumerate(POLICIES):
        rows = sim.loc[sim["policy"] == policy]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=rows["hub"],
                y=rows[measure],
                name=policy,
                marker={"color": colours[i]},
                customdata=list(zip(rows["rpp"], rows["tier"], strict=True)),
                hovertemplate=(
                    f"{policy} · %{{x}}<br>{title}: $%{{y:,.0f}}<br>"
                    "Price level %{customdata[0]:.1f} (US = 100), tier %{customdata[1]}"
                    "<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=title)
    fig.update_xaxes(title=None)
    return style(fig, money="y", height=400)
