"""Figures and display tables for the Certifications & career paths page: the certification
pay difference per comparison, and median pay by career path against experience (survey) or
level (salary index), with BLS national medians for scale."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.taxonomy import PATHS
from ui.charts import GREY, MONEY_HOVER, interval_bars, palette, style

HOLLOW = "rgba(0,0,0,0)"


def certification_chart(table: pd.DataFrame) -> go.Figure:
    """Pay difference of learners vs non-learners per comparison: dot + 95% whisker, zero
    line, n in the labels. Input: `certifications.certification_pay` output; hidden rows are
    dropped. Filled dots hold after the Holm correction; hollow ones do not."""
    shown = table[table["status"] != "hidden"].iloc[::-1]
    # "AI/ML · AWS (81 vs 61)": short enough to leave the dots room on a 390 px phone.
    labels = [
        f"{r.comparison.replace(' roles', '').replace(' users', '')} "
        f"({r.n_learned:,} vs {r.n_other:,})"
        + (" · under 30" if r.status == "low confidence" else "")
        for r in shown.itertuples()
    ]
    frame = shown.assign(label=labels)
    colour = palette()[0]
    fig = go.Figure()
    holds = frame["holm_reject"].fillna(False).astype(bool)
    for name, part, filled in (
        ("Holds after Holm correction", frame[holds], True),
        ("Could be 0 after correction", frame[~holds], False),
    ):
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["premium"],
                y=part["label"],
                mode="markers",
                name=name,
                marker={
                    "size": 11,
                    "color": colour if filled else HOLLOW,
                    "line": {"color": colour, "width": 2},
                },
                error_x=interval_bars(
                    part["premium"], part["ci_low"], part["ci_high"], colour, width=4
                ),
                hovertext=[
                    f"<b>{r.comparison}</b><br>{r.premium:+.1%} (95% interval {r.ci_low:+.1%} "
                    f"to {r.ci_high:+.1%})<br>n = {r.n_learned:,} learned through courses or "
                    f"certification, {r.n_other:,} did not<br>Holm-adjusted p = {r.p_holm:.2f}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
            )
        )
    fig.add_vline(x=0, line_width=1.5, line_dash="dash", line_color=GREY)
    style(fig, money=None, height=max(320, 40 * len(frame) + 120))
    fig.update_xaxes(tickformat=".0%", title="Pay difference")
    fig.update_yaxes(categoryorder="array", categoryarray=labels, title=None)
    return fig


def _path_lines(frame: pd.DataFrame, x: str, scale: pd.DataFrame, title: str) -> go.Figure:
    """One line per path with a shown cell: medians with 95% whiskers, hollow under 30
    records, gaps where a cell has under 10; BLS national medians as dashed lines."""
    colours = palette()
    fig = go.Figure()
    drawn = set(frame.loc[frame["status"] != "hidden", "path"])
    order = list(dict.fromkeys(frame[x]))
    for path in (p for p in PATHS if p in drawn):
        part = frame[frame["path"] == path]
        shown = part["status"] != "hidden"
        y = part["median"].where(shown)
        colour = colours[PATHS.index(path) % len(colours)]  # a path's colour on every chart
        low = part["status"].eq("low confidence").to_numpy()
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=y,
                mode="lines+markers",
                name=str(path),
                line={"color": colour, "width": 2},
                marker={
                    "size": 10,
                    "color": [HOLLOW if h else colour for h in low],
                    "line": {"color": colour, "width": 2},
                },
                error_y=interval_bars(
                    y, part["ci_low"].where(shown), part["ci_high"].where(shown), colour
                ),
                customdata=part[["n", "status"]].to_numpy(),
                hovertemplate=f"{path}<br>%{{x}}: {MONEY_HOVER}<br>n = %{{customdata[0]:,}}"
                " (%{customdata[1]})<extra></extra>",
            )
        )
    for row in scale.itertuples():
        if row.median == row.median:  # top-coded or unpublished medians have no line
            fig.add_hline(
                y=row.median,
                line_dash="dot",
                line_color=GREY,
                # The value only: the line above the chart names each occupation.
                annotation_text=f"BLS {row.text}",
                annotation_position="top left",
                annotation_font_size=11,
            )
    style(fig, height=440)
    fig.update_xaxes(categoryorder="array", categoryarray=order, title=title)
    fig.update_yaxes(title=None, rangemode="tozero", tickformat="~s")
    return fig


def path_experience_chart(frame: pd.DataFrame, scale: pd.DataFrame) -> go.Figure:
    """Survey median pay by path and years of professional coding (`career_paths.
    path_by_experience` output; `scale`: `career_paths.bls_scale` output)."""
    return _path_lines(frame, "band", scale, "Years of professional coding")


def path_level_chart(frame: pd.DataFrame, scale: pd.DataFrame) -> go.Figure:
    """Salary-index median pay by path and experience level (`career_paths.path_by_level`
    output; `scale`: `career_paths.bls_scale` output)."""
    return _path_lines(frame, "level", scale, "Experience level (salary index)")
