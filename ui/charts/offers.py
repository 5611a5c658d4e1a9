"""Figures for the Offer check page: offers over four years, each base against its level's
market range, and one base in each hub."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.comparison import Comparison
from ui.charts import interval_bars, palette, style, visitor_text


def hub_take_home_chart(table: pd.DataFrame) -> go.Figure:
    """Per hub: take-home of the offer there and the same take-home in national-average dollars.

    `table`: label, take_home, real_take_home (USD/yr), is_home.
    """
    shown = table.sort_values("real_take_home")
    labels = [
        f"{lab} (home)" if home else lab
        for lab, home in zip(shown["label"], shown["is_home"], strict=True)
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=shown["take_home"],
            orientation="h",
            name="Take-home",
            hovertemplate="%{y}: take-home $%{x:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=labels,
            x=shown["real_take_home"],
            orientation="h",
            name="Take-home adjusted for prices (US = 100)",
            hovertemplate="%{y}: $%{x:,.0f} in national-average dollars<extra></extra>",
        )
    )
    fig.update_layout(barmode="group")
    return style(fig, money="x", height=max(320, 38 * len(shown) + 80))


def path_chart(table: pd.DataFrame, reference: str) -> go.Figure:
    """Take-home per year for each offer, in the prices of `reference` (its label), with the
    gross and the dollar take-home in the hover. `table`: `Comparison.table`."""
    fig = go.Figure()
    for offer, rows in table.groupby("offer", sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["real_take_home"],
                mode="lines+markers",
                name=visitor_text(offer),
                customdata=np.column_stack([rows["total"], rows["take_home"]]),
                hovertemplate="<b>%{fullData.name}</b>, %{x}<br>gross $%{customdata[0]:,.0f}"
                "<br>take-home $%{customdata[1]:,.0f}<br>in " + reference + " prices "
                "$%{y:,.0f}<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=sorted(table["year"].unique()),
        ticktext=[str(y) for y in sorted(table["year"].unique())],
        title=None,
    )
    fig.update_yaxes(title=f"Take-home, {reference} prices", rangemode="tozero")
    fig = style(fig, money="y", height=380)
    # "$100k": short ticks stay whole on a phone's narrow plot.
    return fig.update_yaxes(tickformat="~s", nticks=6)


def range_chart(comparison: Comparison) -> go.Figure:
    """For each offer (a row named by the offer; its metro in the hover): its level's market
    range in its metro (25th-75th of the level, a bar; the middle, a tick; each edge's 95%
    uncertainty, whiskers; an open end dotted past the highest published wage, labelled "≥"
    it) and its base (a diamond). Short ticks ("$150k") and row names keep the plot wide on a
    390 px phone."""
    colors = palette()
    fig = go.Figure()
    names, low_end, top = [], np.inf, 0.0
    for a in comparison.offers:
        name = visitor_text(a.spec.label)
        names.append(name)
        area = visitor_text(a.pay.area_name if a.pay else a.spec.cbsa)
        base = a.spec.terms.base
        top, low_end = max(top, base), min(low_end, base)
        if a.pay is None:
            continue
        low, _, high = a.pay.wages
        left = low if low == low else a.pay.area_bottom
        right = high if high == high else a.pay.area_top
        reach = right * (1.12 if high != high else 1.0)
        top, low_end = max(top, reach), min(low_end, left)
        fig.add_trace(
            go.Scatter(
                x=[left, right], y=[name, name], mode="lines",
                line={"color": colors[0], "width": 10}, opacity=0.55,
                name="Range, 25th–75th", legendgroup="range",
                showlegend=a is comparison.offers[0],
                hovertemplate=f"{area}: %{{x:$,.0f}}<extra></extra>",
            )
        )  # fmt: skip
        if high != high:
            fig.add_trace(
                go.Scatter(
                    x=[right, reach], y=[name, name], mode="lines+text",
                    line={"color": colors[0], "width": 3, "dash": "dot"},
                    text=["", f"≥ ${right / 1000:,.0f}k"], textposition="top left",
                    showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
        edges = [(w, lo, hi) for w, lo, hi in zip(a.pay.wages, a.pay.low, a.pay.high, strict=True)]
        shown = [(w, lo, hi) for w, lo, hi in edges if w == w and lo == lo and hi == hi]
        if shown:
            w = np.array([e[0] for e in shown])
            lows = np.array([e[1] for e in shown])
            low_end = min(low_end, float(lows.min()))
            fig.add_trace(
                go.Scatter(
                    x=w, y=[name] * len(w), mode="markers",
                    marker={
                        "symbol": "line-ns", "size": 16, "line": {"width": 2, "color": colors[0]}
                    },
                    error_x=interval_bars(w, lows, np.array([e[2] for e in shown]), colors[0]),
                    name="Edges, middle, 95%", legendgroup="edges",
                    showlegend=a is comparison.offers[0],
                    hovertemplate=f"{area}: %{{x:$,.0f}}<extra></extra>",
                )
            )  # fmt: skip
    bases = [a.spec.terms.base for a in comparison.offers]
    fig.add_trace(
        go.Scatter(
            x=bases, y=names, mode="markers", name="Base offered",
            marker={"symbol": "diamond", "size": 13, "color": colors[1], "line": {"width": 1}},
            hovertemplate="%{y}: base %{x:$,.0f}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed", type="category")
    pad = 0.06 * (top - low_end)
    fig.update_xaxes(range=[max(low_end - pad, 0.0), top + pad])
    fig = style(fig, money="x", height=140 + 60 * len(names))
    return fig.update_xaxes(tickformat="~s", nticks=5)
