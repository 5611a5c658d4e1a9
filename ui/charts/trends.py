"""Charts for the Trends page: raw vs composition-adjusted medians, records per year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.trends import REFERENCE_YEAR
from ui.charts import interval_bars, palette, style


def trend_chart(
    series: pd.DataFrame,
    composition: pd.DataFrame,
    reference_year: int = REFERENCE_YEAR,
    break_year: int = 2024,
    dollars: str = "",
) -> go.Figure:
    """Median pay per year, raw and adjusted, with 95% intervals; records per year below.

    `series` is analysis.trends.adjusted_trend output, `composition` analysis.trends
    .composition output. Partial years are drawn hollow; low-confidence points (status from
    the effective sample size for the adjusted series) are faded. Record bars are orange in
    the years `composition` flags as a sharp change of sample. From `break_year` on the
    background is shaded: the index then collects mostly job listings, so a change across
    that line is partly a change of source. `dollars` names the dollars of the y axis
    ("2025 dollars"). The x axis covers exactly the years in the data.
    """
    colours = palette()
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.74, 0.26], vertical_spacing=0.06
    )
    for i, (name, rows) in enumerate(series.groupby("series", sort=False)):
        colour = colours[i % len(colours)]
        rows = rows.loc[rows["status"] != "hidden"]
        partial = rows["partial"].astype(bool)
        faint = rows["status"] == "low confidence"
        label = "Raw median" if name == "Raw" else f"Adjusted to the {reference_year} mix"
        notes = [
            ", ".join(t for t, on in (("partial year", p), ("low confidence", f)) if on)
            for p, f in zip(partial, faint, strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["median"],
                name=label,
                mode="lines+markers",
                line={"color": colour, "width": 3, "dash": "solid" if i == 0 else "dash"},
                marker={
                    "size": 10,
                    "color": ["rgba(0,0,0,0)" if p else colour for p in partial],
                    "opacity": [0.4 if f else 1.0 for f in faint],
                    "line": {"color": colour, "width": 2},
                },
                error_y=interval_bars(rows["median"], rows["ci_low"], rows["ci_high"], colour),
                customdata=list(zip(rows["n"], rows["n_eff"], notes, strict=True)),
                hovertemplate=(
                    f"{label} %{{x}}: $%{{y:,.0f}}<br>n = %{{customdata[0]:,}} records, "
                    "effective n = %{customdata[1]:,.0f}<br>%{customdata[2]}<extra></extra>"
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
    years = composition["year"].astype(int)
    if break_year <= years.max():
        fig.add_vrect(
            x0=break_year - 0.5,
            x1=years.max() + 0.5,
            fillcolor="rgba(128,128,128,0.14)",
            line_width=0,
            row="all",
            col=1,
        )
        # One label, in the pay panel's top corner above the lines: with row="all" plotly
        # repeated it in the records panel, over the bar of the break year.
        fig.add_annotation(
            x=years.max() + 0.5,
            y=1,
            xref="x",
            yref="y domain",
            text="mostly job listings",
            showarrow=False,
            xanchor="right",
            yanchor="top",
            font={"size": 11, "color": "rgb(128,128,128)"},
            row=1,
            col=1,
        )
    fig.update_xaxes(dtick=1, range=[years.min() - 0.5, years.max() + 0.5])
    fig.update_yaxes(title=f"Median pay{', ' + dollars if dollars else ''}", row=1, col=1)
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
