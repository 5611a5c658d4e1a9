"""Figures and display tables for the Industries page: pay by industry group or NAICS industry,
with employment. Money on bars is rounded to $1k and in tables to $100 (group averages) or
the published dollar (BLS values): the estimates carry no more precision than that."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from analysis.wages import TOP_CODED
from ui.charts import DASH, palette, style
from ui.text import at_least, money


def thousands(value: float) -> str:
    """'$141k' for a bar label (rounded to $1,000)."""
    return f"${value / 1000:,.0f}k"


def wrap_label(name: str, width: int = 22, lines: int = 2) -> str:
    """A long industry name on at most `lines` lines of about `width` characters ('<br>'
    between them), the last cut with '…' when the name runs on: tick labels stay narrow
    enough for a 390 px phone (the full name is in the hover and the table)."""
    rows = textwrap.wrap(name, width) or [""]
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip(" ,&") + "…"
    return "<br>".join(rows)


def _label(name: str, jobs: float, thin: bool, code: str = "") -> str:
    """A bar's tick label: the (wrapped) name, then in grey on a line of its own the NAICS
    `code` (when given), its jobs and 'thin' when flagged."""
    note = " · ".join(
        part
        for part in (code, f"{jobs:,.0f} jobs" if pd.notna(jobs) else "jobs n/a", thin * "thin")
        if part
    )
    return f"{wrap_label(name)}<br><span style='color:{JOBS_GREY}'>{note}</span>"


JOBS_GREY = "rgb(128,128,128)"
"""The jobs line under each label: a mid grey read on the light and the dark theme."""


def _pay_and_jobs(
    labels: list[str],
    pay: pd.Series,
    jobs: pd.Series,
    hover: list[str],
    pay_title: str,
    *,
    error: tuple[pd.Series, pd.Series] | None = None,
    faint: list[bool] | None = None,
    us_median: float | None = None,
    codes: list[str] | None = None,
) -> go.Figure:
    """Horizontal pay bars, one per industry, best paid on top; each tick label names the
    industry (wrapped on two lines) and its jobs on a third, so one panel reads on a phone.

    `error` (low, high) draws an interval whisker on each pay bar; `faint` bars are hatched
    (thin groups); `us_median` draws a dashed line at the occupation's US median; `codes`
    (NAICS) go on each label's jobs line."""
    faint = faint or [False] * len(labels)
    codes = codes or [""] * len(labels)
    ticks = [_label(*row) for row in zip(labels, jobs, faint, codes, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=pay,
            y=ticks,
            orientation="h",
            marker_color=palette()[0],
            # Thin groups hatched, not faded: a faded bar lost its white label in the light theme.
            marker_pattern_shape=["/" if f else "" for f in faint],
            marker_pattern_fgcolor="rgba(255,255,255,0.55)",
            marker_pattern_fillmode="overlay",  # the stripes over the bar's own colour
            insidetextfont={"color": "#FFFFFF"},
            error_x=(
                {
                    "type": "data",
                    "symmetric": False,
                    "array": (error[1] - pay).clip(lower=0).to_numpy(),
                    "arrayminus": (pay - error[0]).clip(lower=0).to_numpy(),
                    "color": "rgba(128,128,128,0.95)",
                    "thickness": 1.5,
                    "width": 4,
                }
                if error is not None
                else None
            ),
            text=[thousands(v) for v in pay],
            textposition="inside",
            # Labels at the bar's base, clear of the interval whisker at its end.
            insidetextanchor="start",
            hovertext=hover,
            hoverinfo="text",
            name=pay_title,
        )
    )
    if us_median is not None and us_median == us_median:
        fig.add_vline(
            x=us_median,
            line={"dash": "dash", "color": "rgba(128,128,128,0.9)", "width": 1.5},
            annotation_text=f"US median {thousands(us_median)}",
            annotation_position="top",
            annotation_font_size=12,
        )
    style(fig, money=None, height=max(300, 52 * len(labels) + 80), legend=False)
    fig.update_layout(bargap=0.35)
    fig.update_xaxes(tickprefix="$", tickformat="~s", nticks=5, tickangle=0)
    fig.update_yaxes(
        categoryorder="array", categoryarray=ticks[::-1], automargin=True, tickfont_size=12
    )
    return fig


def group_pay_chart(
    groups: pd.DataFrame, *, top_code: float, us_median: float | None = None
) -> go.Figure:
    """Industry groups sorted by the employment-weighted average of member medians.

    Input: `analysis.industries.industry_groups` output. Whiskers: the approximate 95%
    interval; thin groups are hatched and labelled. Hover gives the member range, number of
    industries combined and any excluded (top-coded / not released) members.
    """
    top_text = at_least(top_code)
    shown = groups[groups["weighted_median"].notna()]
    hover = [
        f"<b>{r.industry_group}</b><br>{money(r.weighted_median, 100)} employment-weighted "
        f"average of {r.n_used} industry median{'s' if r.n_used != 1 else ''}"
        f"<br>approx. 95% interval {money(r.ci_low, 100)}–{money(r.ci_high, 100)}"
        f"<br>member medians {money(r.min_median)}–"
        f"{top_text if r.any_topcoded else money(r.max_median)}"
        f"<br>{r.tot_emp:,.0f} jobs ({r.emp_share:.0%} of the occupation)"
        + (f"<br>{r.n_excluded} member(s) not averaged" if r.n_excluded else "")
        + ("<br><i>thin: few jobs or one industry</i>" if r.thin else "")
        for r in shown.itertuples()
    ]
    labels = shown["industry_group"].astype(str).tolist()
    return _pay_and_jobs(
        labels,
        shown["weighted_median"],
        shown["tot_emp"],
        hover,
        "Pay",
        error=(shown["ci_low"], shown["ci_high"]),
        faint=shown["thin"].tolist(),
        us_median=us_median,
    )


def detail_pay_chart(
    detail: pd.DataFrame, *, top_code: float, top: int = 20, us_median: float | None = None
) -> go.Figure:
    """The `top` best-paid NAICS industries with a published median (bars) and employment.

    Input: `analysis.industries.industry_detail` output (sorted by median).
    """
    top_text = at_least(top_code)
    topcoded = detail["a_median_note"].eq(TOP_CODED).fillna(False)
    shown = detail[detail["a_median"].notna() | topcoded].head(top)
    capped = shown["a_median_note"].eq(TOP_CODED).fillna(False)
    thin = shown["thin"].astype(bool).tolist() if "thin" in shown else [False] * len(shown)
    labels = [str(n) for n in shown["industry_name"]]
    # Top-coded medians are drawn at the cap and labelled as a lower bound, never as exact.
    pay = shown["a_median"].where(~capped, top_code)
    hover = [
        f"<b>{r.industry_name}</b> ({r.industry_code})<br>median "
        f"{top_text + ' (top-coded)' if cap else money(r.a_median)}"
        f"<br>{r.tot_emp:,.0f} jobs (relative standard error {r.emp_prse:.0f}%)"
        for r, cap in zip(shown.itertuples(), capped, strict=True)
    ]
    fig = _pay_and_jobs(
        labels,
        pay,
        shown["tot_emp"],
        hover,
        "Pay",
        faint=thin,
        us_median=us_median,
        codes=[f"NAICS {c.rstrip('0') or c}" for c in shown["industry_code"].astype(str)],
    )
    fig.data[0].text = [
        top_text if cap else thousands(v) for v, cap in zip(pay, capped, strict=True)
    ]
    return fig


def _share(value: object) -> str:
    """'22%' (whole percent), '<1%' for a small non-zero share, '—' when missing."""
    if value is None or pd.isna(value):
        return DASH
    return "<1%" if 0 < float(value) < 0.005 else f"{float(value):.0%}"


GROUP_TABLE = {
    "industry_group": "Industry group",
    "weighted_median": "Pay (weighted)",
    "interval_text": "≈95% interval",
    "tot_emp": "Jobs",
    "emp_share": "Share of jobs",
    "n_codes": "Industries",
    "range_text": "Member medians",
    "thin_text": "Flag",
}
"""Group table column -> header."""


def group_table(groups: pd.DataFrame, *, top_code: float) -> Styler:
    """The groups view's table: human columns, $ rounded to $100, whole percents, '—' blanks.

    Input: `industry_groups` output; columns of `GROUP_TABLE`. The full frame (members
    included) is the CSV download.
    """
    top_text = at_least(top_code)
    frame = groups.assign(
        interval_text=[
            f"{money(lo, 100)}–{money(hi, 100)}" if pd.notna(lo) else DASH
            for lo, hi in zip(groups["ci_low"], groups["ci_high"], strict=True)
        ],
        range_text=[
            DASH
            if pd.isna(lo)
            else money(lo)
            if n == 1
            else f"{money(lo)}–{top_text if t else money(hi)}"
            for lo, hi, t, n in zip(
                groups["min_median"],
                groups["max_median"],
                groups["any_topcoded"],
                groups["n_codes"],
                strict=True,
            )
        ],
        thin_text=["thin" if t else "" for t in groups["thin"]],
    )[list(GROUP_TABLE)]
    return frame.style.format(
        {
            "weighted_median": lambda v: money(v, 100),
            "tot_emp": "{:,.0f}",
            "emp_share": _share,
        },
        na_rep=DASH,
    )


DETAIL_TABLE = {
    "industry_code": "NAICS",
    "industry_name": "Industry",
    "group_text": "Group",
    "median_text": "Median",
    "a_pct10": "10th pct.",
    "a_pct90": "90th pct.",
    "tot_emp": "Jobs",
    "emp_prse": "Jobs RSE",
    "thin_text": "Note",
}
"""Detail table column -> header (RSE = BLS relative standard error)."""


def detail_table(detail: pd.DataFrame, *, top_code: float) -> Styler:
    """The NAICS detail view's table: published dollars, top-coded as '≥ <top-code>', '—'
    blanks.

    Input: `industry_detail` output; columns in `DETAIL_TABLE` order.
    """
    top_text = at_least(top_code)
    frame = detail.assign(
        thin_text=["thin: few jobs, a noisy median" if t else "" for t in detail["thin"]],
        group_text=detail["industry_group"].fillna(DASH),
        median_text=[
            top_text if n == TOP_CODED else money(v)
            for v, n in zip(detail["a_median"], detail["a_median_note"].fillna(""), strict=True)
        ],
    )
    for col in ("a_pct10", "a_pct90"):
        frame[col] = [
            top_text if n == TOP_CODED else money(v)
            for v, n in zip(frame[col], frame[f"{col}_note"].fillna(""), strict=True)
        ]
    frame = frame[list(DETAIL_TABLE)]
    return frame.style.format(
        {"tot_emp": "{:,.0f}", "emp_prse": "{:.0f}%"},
        na_rep=DASH,
    )
