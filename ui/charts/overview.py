"""Charts for the Overview page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import cached_figure, palette, style


@cached_figure
def national_medians(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of national median pay, AI occupations highlighted.

    `frame` is analysis.overview.national_medians output. Error bars are ±1.96 × the BLS
    relative standard error of the mean wage applied to the median (an approximation BLS's
    published errors allow; labelled in the caption).
    """
    rows = frame.iloc[::-1]
    colours = [
        palette()[0] if code not in ("15-0000", "00-0000") else "rgba(128,128,128,0.55)"
        for code in rows["occ_code"]
    ]
    half = 1.96 * rows["mean_prse"] / 100 * rows["median"]
    fig = go.Figure(
        go.Bar(
            x=rows["median"],
            y=rows["occ_title"],
            orientation="h",
            marker_color=colours,
            error_x={"type": "data", "array": half, "thickness": 1.2, "width": 4},
            text=[f"${m:,.0f}" for m in rows["median"]],
            textposition="inside",
            insidetextanchor="middle",
            customdata=rows[["employment", "vs_all"]],
            hovertemplate=(
                "%{y}<br>Median $%{x:,.0f}<br>Employment %{customdata[0]:,.0f}"
                "<br>%{customdata[1]:.2f}× all occupations<extra></extra>"
            ),
        )
    )
    return style(fig, money="x", height=300, legend=False)
