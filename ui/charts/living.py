"""Charts for the Cost of living page: salary equivalence, price components, history, rent."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.living import Equivalence
from ui.charts import palette, style


def equivalence_chart(eq: Equivalence) -> go.Figure:
    """Three horizontal bars: the salary in A, same purchasing power in B, same position in B.

    A salary outside A's published range (or next to a top-coded percentile) has no exact
    same-position value: that bar is drawn to the bound B publishes and labelled as a bound.
    """
    colours = palette()
    rows = [
        (f"Your pay in {eq.from_label}", eq.salary, f"${eq.salary:,.0f}", colours[0]),
        (
            f"Same purchasing power in {eq.to_label}",
            eq.same_power,
            f"${eq.same_power:,.0f}",
            colours[1],
        ),
    ]
    # A bounded position is drawn to the bound it has (the lower one when both are known) and
    # labelled with the text the metric shows ("< $x", "> $x", "$x – $y").
    bar = next(
        (v for v in (eq.same_position, eq.position_low, eq.position_high) if pd.notna(v)), None
    )
    if bar is not None:
        rows.append(
            (f"Same market position in {eq.to_label}", bar, eq.same_position_text(), colours[2])
        )
    labels, values, texts, fills = zip(*rows, strict=True)
    fig = go.Figure(
        go.Bar(
            y=list(labels),
            x=list(values),
            orientation="h",
            width=0.4,
            marker={"color": list(fills)},
            text=list(texts),
            textposition="inside",
            insidetextanchor="start",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    # Each bar's name on a line above it, not as a tick label: the names took half of a
    # phone's width.
    for label in labels:
        fig.add_annotation(
            x=0,
            y=label,
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            yshift=16,
            font={"size": 12},
        )
    fig.update_yaxes(autorange="reversed", title=None, showticklabels=False)
    fig = style(fig, money="x", height=320, legend=False)
    fig.update_xaxes(nticks=5)
    return fig


def components_chart(comp: pd.DataFrame) -> go.Figure:
    """Grouped horizontal bars: BEA price level by component (y) and metro (colour), with a
    US = 100 line. Horizontal so the component names read without turning on a phone."""
    fig = go.Figure()
    groups = list(comp.groupby("label", sort=False, observed=True))
    for metro, rows in groups:
        fig.add_trace(
            go.Bar(
                y=rows["component"].astype(str),
                x=rows["index"],
                orientation="h",
                name=str(metro),
                hovertemplate=f"{metro}<br>%{{y}}: %{{x:.1f}} (US = 100)<extra></extra>",
            )
        )
    fig.add_vline(x=100, line={"dash": "dot", "color": "gray"}, annotation_text="US = 100")
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Price level (US = 100)")
    n = comp["component"].nunique()
    return style(fig, money=None, height=max(320, n * (16 * len(groups) + 24) + 130))


def history_chart(hist: pd.DataFrame) -> go.Figure:
    """All-items price level by year, one line per metro, US = 100 line."""
    fig = go.Figure()
    for metro, rows in hist.groupby("label", sort=False, observed=True):
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["all_items"],
                mode="lines+markers",
                marker={"size": 5},
                name=str(metro),
                hovertemplate=f"{metro}<br>%{{x}}: %{{y:.1f}} (US = 100)<extra></extra>",
            )
        )
    fig.add_hline(y=100, line={"dash": "dot", "color": "gray"})
    fig.update_xaxes(nticks=6, tickformat="d", title=None)
    fig.update_yaxes(title="Price level, all items (US = 100)")
    return style(fig, money=None, height=380)


def rent_burden_chart(burden: pd.DataFrame) -> go.Figure:
    """Horizontal bars: a one-bedroom's HUD Fair Market Rent x 12 as a share of YOUR pay (the
    same gross in every metro, column salary_1br) and of the metro's median pay (burden_1br).

    A dotted line marks the common 30%-of-income affordability rule of thumb.
    """
    data = burden[burden["burden_1br"].notna()].iloc[::-1]
    fig = go.Figure()
    series = [("burden_1br", "fmr_1", "of the median pay there", palette()[0])]
    if "salary_1br" in data:
        series.insert(0, ("salary_1br", "fmr_1", "of your pay", palette()[1]))
    for col, fmr, name, colour in series:
        fig.add_trace(
            go.Bar(
                y=data["label"],
                x=data[col],
                orientation="h",
                name=name,
                marker={"color": colour},
                customdata=data[[fmr, "median"]],
                hovertemplate=(
                    "%{y}<br>one-bedroom rent $%{customdata[0]:,.0f}/month = %{x:.0%} "
                    + name
                    + "<extra></extra>"
                ),
            )
        )
    fig.add_vline(x=0.3, line={"dash": "dot", "color": "gray"}, annotation_text="30% rule")
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickformat=".0%", title="Rent, share of gross pay")
    fig.update_yaxes(title=None)
    return style(fig, money=None, height=max(280, 44 * len(data) + 120))
