"""Figures for the Industries page: pay by industry group or NAICS industry, with employment."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.industries import TOP_CODE
from ui.charts import cached_figure, palette, style


def _pay_and_jobs(
    labels: list[str],
    pay: pd.Series,
    jobs: pd.Series,
    hover: list[str],
    pay_title: str,
) -> go.Figure:
    """Two panels sharing the category axis: pay bars (left, wide) and employment (right)."""
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        column_widths=[0.72, 0.28],
        horizontal_spacing=0.03,
        subplot_titles=(pay_title, "Employment (jobs)"),
    )
    colours = palette()
    fig.add_trace(
        go.Bar(
            x=pay,
            y=labels,
            orientation="h",
            marker_color=colours[0],
            text=[f"${v:,.0f}" for v in pay],
            textposition="inside",
            insidetextanchor="end",
            hovertext=hover,
            hoverinfo="text",
            name="Pay",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=jobs,
            y=labels,
            orientation="h",
            marker_color=colours[4 % len(colours)],
            text=[f"{v:,.0f}" if pd.notna(v) else "n/a" for v in jobs],
            textposition="auto",
            hovertext=hover,
            hoverinfo="text",
            name="Employment",
        ),
        row=1,
        col=2,
    )
    style(fig, money=None, height=max(340, 30 * len(labels) + 110), legend=False)
    fig.update_xaxes(tickprefix="$", tickformat="~s", row=1, col=1)
    fig.update_xaxes(tickformat="~s", nticks=3, tickangle=0, row=1, col=2)
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], automargin=True)
    fig.update_annotations(font_size=13)
    return fig


def _short(name: str, limit: int = 42) -> str:
    """Long NAICS names cut to `limit` characters (the full name is in the hover)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip(" ,&") + "…"


@cached_figure
def group_pay_chart(groups: pd.DataFrame) -> go.Figure:
    """Industry groups sorted by the employment-weighted average of member medians.

    Input: `analysis.industries.industry_groups` output. Hover gives the member range,
    number of industries combined and any excluded (top-coded / not released) members.
    """
    shown = groups[groups["weighted_median"].notna()]
    hover = [
        f"<b>{r.industry_group}</b><br>${r.weighted_median:,.0f} employment-weighted average "
        f"of {r.n_used} industry medians<br>member medians ${r.min_median:,.0f}–"
        f"{'≥ $239,200' if r.any_topcoded else f'${r.max_median:,.0f}'}"
        f"<br>{r.tot_emp:,.0f} jobs ({r.emp_share:.1%} of the occupation)"
        + (f"<br>{r.n_excluded} member(s) not averaged" if r.n_excluded else "")
        for r in shown.itertuples()
    ]
    return _pay_and_jobs(
        list(shown["industry_group"]),
        shown["weighted_median"],
        shown["tot_emp"],
        hover,
        "Employment-weighted average of industry medians",
    )


@cached_figure
def detail_pay_chart(detail: pd.DataFrame, *, top: int = 20) -> go.Figure:
    """The `top` best-paid NAICS industries with a published median (bars) and employment.

    Input: `analysis.industries.industry_detail` output (sorted by median).
    """
    topcoded = detail["a_median_note"].eq("top-coded").fillna(False)
    shown = detail[detail["a_median"].notna() | topcoded].head(top)
    capped = shown["a_median_note"].eq("top-coded").fillna(False)
    labels = [
        f"{_short(n)} ({c})"
        for n, c in zip(shown["industry_name"], shown["industry_code"], strict=True)
    ]
    # Top-coded medians are drawn at the cap and labelled as a lower bound, never as exact.
    pay = shown["a_median"].where(~capped, TOP_CODE)
    hover = [
        f"<b>{r.industry_name}</b> ({r.industry_code})<br>median "
        f"{'≥ $239,200 (top-coded)' if cap else f'${r.a_median:,.0f}'}"
        f"<br>{r.tot_emp:,.0f} jobs (RSE {r.emp_prse}%)"
        for r, cap in zip(shown.itertuples(), capped, strict=True)
    ]
    fig = _pay_and_jobs(labels, pay, shown["tot_emp"], hover, "Median annual wage")
    fig.data[0].text = [
        "≥ $239,200" if cap else f"${v:,.0f}" for v, cap in zip(pay, capped, strict=True)
    ]
    return fig
