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
    return style(fig, money="y", height=380)


def range_chart(comparison: Comparison) -> go.Figure:
    """For each offer: its level's market range in its metro (25th-75th of the level, a line;
    the middle, a tick; each edge's 95% uncertainty, whiskers; an open end dotted to the
    highest published wage) and its base (a diamond)."""
    colors = palette()
    fig = go.Figure()
    names, top = [], 0.0
    for a in comparison.offers:
        name = f"{visitor_text(a.spec.label)} · {a.pay.area_name if a.pay else a.spec.cbsa}"
        names.append(name)
        base = a.spec.terms.base
        top = max(top, base)
        if a.pay is None:
            continue
        low, _, high = a.pay.wages
        left = low if low == low else a.pay.area_bottom
        right = high if high == high else a.pay.area_top
        top = max(top, right * (1.1 if high != high else 1.0))
        fig.add_trace(
            go.Scatter(
                x=[left, right], y=[name, name], mode="lines",
                line={"color": colors[0], "width": 10}, opacity=0.55,
                name="Level's range (25th–75th)", legendgroup="range",
                showlegend=a is comparison.offers[0], hoverinfo="skip",
            )
        )  # fmt: skip
        if high != high:
            fig.add_trace(
                go.Scatter(
                    x=[right, right * 1.1], y=[name, name], mode="lines+text",
                    line={"color": colors[0], "width": 3, "dash": "dot"},
                    text=["", f"≥ ${right:,.0f}"], textposition="middle right",
                    showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
        edges = [(w, lo, hi) for w, lo, hi in zip(a.pay.wages, a.pay.low, a.pay.high, strict=True)]
        shown = [(w, lo, hi) for w, lo, hi in edges if w == w and lo == lo and hi == hi]
        if shown:
            w = np.array([e[0] for e in shown])
            fig.add_trace(
                go.Scatter(
                    x=w, y=[name] * len(w), mode="markers",
                    marker={
                        "symbol": "line-ns", "size": 16, "line": {"width": 2, "color": colors[0]}
                    },
                    error_x=interval_bars(w, np.array([e[1] for e in shown]),
                                          np.array([e[2] for e in shown]), colors[0]),
                    name="Range edges and middle, uncertainty", legendgroup="edges",
                    showlegend=a is comparison.offers[0],
                    hovertemplate="%{x:$,.0f}<extra></extra>",
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
    fig.update_xaxes(range=[0, top * 1.15])
    return style(fig, money="x", height=120 + 70 * len(names))
