"""Charts for the Overview page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui.charts import WHISKER, palette, style

# Opaque greys readable on both themes' backgrounds, each with a label colour that keeps WCAG
# contrast above 4.5 on it (plotly's automatic inside-text colour misjudges translucent bars:
# it drew dark labels on dark-grey bars in the dark theme).
NEUTRAL = "#6B6F76"  # white labels: contrast 5.1
CONTEXT = "#9A9EA5"  # dark labels: contrast 5.8
LABEL_ON = {NEUTRAL: "#FFFFFF", CONTEXT: "#1B2430"}


def national_medians_chart(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of national median pay, sorted by median, one colour per group.

    `frame` is analysis.overview.national_medians output. The two occupations closest to
    AI/ML take the theme's first colour, related occupations a mid grey, the all-occupation
    context a light grey (labels white, dark on the light grey); the legend names each group.
    Each occupation's name and jobs sit on a line above its bar (no tick labels: long names
    took half of a phone's width), the median inside the bar. The whiskers are approximate:
    ±1.96 × BLS's relative standard error of the *mean* wage, applied to the median (BLS
    publishes none for it).
    """
    colours = {
        "Closest to AI/ML (BLS)": palette()[0],
        "Related occupation": NEUTRAL,
        "All-occupation context": CONTEXT,
    }
    rows = frame.sort_values("median", ascending=True, na_position="first")
    fig = go.Figure()
    for group, colour in colours.items():
        part = rows.loc[rows["group"] == group]
        if part.empty:
            continue
        half = 1.96 * part["mean_prse"] / 100 * part["median"]
        fig.add_trace(
            go.Bar(
                x=part["median"],
                y=part["occ_title"],
                orientation="h",
                name=group,
                marker_color=colour,
                width=0.5,
                error_x={
                    "type": "data",
                    "array": half,
                    "thickness": 1.5,
                    "width": 4,
                    "color": WHISKER,
                },
                text=[f"${m:,.0f}" for m in part["median"]],
                textposition="inside",
                insidetextanchor="start",
                insidetextfont={"color": LABEL_ON.get(colour, "#FFFFFF"), "size": 13},
                customdata=part[["employment", "vs_all"]],
                hovertemplate=(
                    "%{y}<br>Median $%{x:,.0f} (whisker: approx. 95% range)"
                    "<br>Employment %{customdata[0]:,.0f}"
                    "<br>%{customdata[1]:.2f}× all occupations<extra></extra>"
                ),
            )
        )
    for row in rows.itertuples():
        jobs = "" if row.employment != row.employment else f" · {row.employment:,.0f} jobs"
        fig.add_annotation(
            x=0,
            y=row.occ_title,
            xref="x",
            yref="y",
            text=f"{row.occ_title}{jobs}",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            yshift=13,
            font={"size": 12},
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(rows["occ_title"]),
        title=None,
        showticklabels=False,
    )
    fig = style(fig, money="x", height=420, legend=True)
    fig.update_xaxes(nticks=4)
    return fig
