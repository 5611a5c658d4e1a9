"""Figures for the Offer check page: offers over four years, each base against its level's
market range, the offer on its metro's pay ladder, taxes, and one base in each hub."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.comparison import Comparison
from analysis.offer import MarketPlacement
from analysis.take_home import AfterTax
from ui.charts import interval_bars, palette, style

PCT_LABELS = {10: "10th", 25: "25th", 50: "Median", 75: "75th", 90: "90th"}


def ladder_chart(
    market: MarketPlacement,
    area: str,
    *,
    ask: tuple[float, float] | None = None,
) -> go.Figure:
    """The area's published percentiles on a dollar axis, the offer's base as a line, the ask
    shaded. Top-coded points are drawn at the top-code with an open marker and labelled "≥".
    """
    colors = palette()
    fig = go.Figure()
    base, top_code = market.base, market.ladder.top_code
    shown = market.ladder_frame()
    coded = shown["note"].eq("top-coded")
    shown.loc[coded, "wage"] = top_code
    shown = shown[shown["wage"].notna()]
    if ask is not None and all(np.isfinite(ask)):
        fig.add_vrect(
            x0=ask[0],
            x1=ask[1],
            fillcolor=colors[2],
            opacity=0.15,
            line_width=0,
            annotation_text="suggested ask",
            annotation_position="top left",
        )
    iqr = shown[shown["percentile"].isin([25, 75])]
    if len(iqr) == 2:
        fig.add_trace(
            go.Scatter(
                x=iqr["wage"],
                y=[area, area],
                mode="lines",
                line={"color": colors[0], "width": 14},
                opacity=0.35,
                name="Middle half (25th-75th)",
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=shown["wage"],
            y=[area] * len(shown),
            mode="markers+text+lines",
            line={"color": colors[0], "width": 2},
            marker={
                "size": 12,
                "color": colors[0],
                "symbol": ["circle-open" if c else "circle" for c in coded[shown.index]],
            },
            text=[
                f"{PCT_LABELS[int(p)]}<br>{'≥ ' if c else ''}${w:,.0f}"
                for p, w, c in zip(
                    shown["percentile"], shown["wage"], coded[shown.index], strict=True
                )
            ],
            textposition="bottom center",
            name="BLS percentiles",
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[base],
            y=[area],
            mode="markers+text",
            marker={"size": 20, "color": colors[5], "symbol": "diamond"},
            text=[f"Your base<br>${base:,.0f}"],
            textposition="top center",
            name="Your base",
            hovertemplate="Your base: $%{x:,.0f}<extra></extra>",
        )
    )
    fig.update_yaxes(showticklabels=False)
    fig.update_xaxes(title="Annual pay (USD)")
    return style(fig, money="x", height=260)


def totals_chart(components: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars: first-year vs annualized total by component (USD)."""
    fig = go.Figure()
    for component, part in components.groupby("component", sort=False):
        fig.add_trace(
            go.Bar(
                x=part["amount"],
                y=part["view"],
                name=str(component),
                orientation="h",
                hovertemplate=f"{component}: $%{{x:,.0f}}<extra></extra>",
            )
        )
    sums = components.groupby("view", sort=False)["amount"].sum()
    fig.add_trace(
        go.Scatter(
            x=sums.to_numpy(),
            y=sums.index,
            mode="text",
            text=[f"  ${v:,.0f}" for v in sums],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, float(sums.max()) * 1.25])
    fig.update_yaxes(autorange="reversed")
    return style(fig, money="x", height=230)


def tax_chart(tax: AfterTax) -> go.Figure:
    """Gross pay minus each tax down to take-home (USD/yr)."""
    breakdown, gross = tax.frame(), tax.gross
    taxes = breakdown[breakdown["item"] != "Take-home"]
    taxes = taxes[taxes["amount"].abs() > 0.5]
    take_home = float(breakdown.loc[breakdown["item"] == "Take-home", "amount"].iloc[0])
    x = ["Gross", *taxes["item"], "Take-home"]
    y = [gross, *(-taxes["amount"]), take_home]
    fig = go.Figure(
        go.Waterfall(
            y=x,
            x=y,
            orientation="h",
            measure=["absolute", *["relative"] * len(taxes), "total"],
            text=[f"${abs(v):,.0f}" for v in y],
            textposition="outside",
            connector={"line": {"color": "rgba(128,128,128,0.4)"}},
            decreasing={"marker": {"color": palette()[5]}},
            increasing={"marker": {"color": palette()[0]}},
            totals={"marker": {"color": palette()[2]}},
            hovertemplate="%{y}: $%{x:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, gross * 1.18])
    fig.update_yaxes(autorange="reversed", type="category")
    return style(fig, money="x", height=60 + 42 * len(x), legend=False)


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
                name=str(offer),
                customdata=np.column_stack([rows["total"], rows["take_home"]]),
                hovertemplate=f"<b>{offer}</b>, year %{{x}}<br>gross $%{{customdata[0]:,.0f}}"
                "<br>take-home $%{customdata[1]:,.0f}<br>in " + reference + " prices "
                "$%{y:,.0f}<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=sorted(table["year"].unique()),
        ticktext=[f"Year {y}" for y in sorted(table["year"].unique())],
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
        name = f"{a.spec.label} · {a.pay.area_name if a.pay else a.spec.cbsa}"
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
                    name="Range edges and middle, 95% uncertainty", legendgroup="edges",
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
