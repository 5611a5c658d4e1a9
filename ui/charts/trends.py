"""Charts for the Trends page: raw vs composition-adjusted medians, records per year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.charts import cached_figure, palette, style


@cached_figure
def trend(series: pd.DataFrame, composition: pd.DataFrame) -> go.Figure:
    """Median pay per year, raw and adjusted, with 95% intervals; records per year below.

    `series` is analysis.trends.adjusted_trend output, `composition` analysis.trends
    .composition output. A shaded band marks 2024 (the collection change) and the partial
    2025 points are drawn hollow with a dotted segment.
    """
    colours = palette()
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.74, 0.26], vertical_spacing=0.06
    )
    for i, (name, rows) in enumerate(series.groupby("series", sort=False)):
        colour = colours[i % len(colours)]
        rows = rows.loc[rows["status"] != "hidden"]
        partial = rows["partial"].astype(bool)
        label = "Raw median" if name == "Raw" else "Adjusted to 2024 mix"
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["median"],
                name=label,
                mode="lines+markers",
                line={"color": colour, "width": 3, "dash": "solid" if i == 0 else "dash"},
                marker={
                    "size": 10,
                    "color": ["white" if p else colour for p in partial],
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
                customdata=list(
                    zip(rows["n"], ["partial year" if p else "" for p in partial], strict=True)
                ),
                hovertemplate=(
                    f"{label} %{{x}}: $%{{y:,.0f}}<br>n = %{{customdata[0]:,}} "
                    "%{customdata[1]}<extra></extra>"
                ),
            ),
            row=1,
            col=1,
        )
    changed = composition.loc[composition["composition_changed"].astype(bool), "year"]
    fig.add_trace(
        go.Bar(
            x=composition["year"],
            y=composition["n"],
            name="Records",
            marker={
                "color": [
                    "#D55E00" if y in set(changed) else "#999999" for y in composition["year"]
                ]
            },
            customdata=composition["us_share"] * 100,
            hovertemplate="%{x}: %{y:,} records, %{customdata:.0f}% US companies<extra></extra>",
            showlegend=False,
        ),
        row=2,
        col=1,
    )
    if (composition["year"] == 2024).any():
        band = {"x0": 2023.5, "x1": 2024.5, "fillcolor": "rgba(213,94,0,0.08)", "line_width": 0}
        fig.add_vrect(
            **band,
            row=1,
            col=1,
            annotation_text="2024: collection changed",
            annotation_position="top left",
        )
        fig.add_vrect(**band, row=2, col=1)
    fig.update_xaxes(dtick=1, row=2, col=1)
    fig.update_yaxes(title="Median pay", row=1, col=1)
    fig.update_yaxes(
        title="Records",
        type="log",
        row=2,
        col=1,
        tickvals=[100, 1_000, 10_000, 100_000],
        tickformat=",.0f",
    )
    style(fig, money=None, height=520)
    fig.update_yaxes(tickprefix="$", tickformat=",.0f", row=1, col=1)
    return fig
