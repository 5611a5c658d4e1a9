"""Figures for the Pay bands page: market bands per metro, the talent map, upload gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.bands import PCT_COLUMNS
from analysis.wages import TOP_CODED
from ui.charts import palette, style


def band_ranges_chart(bands: pd.DataFrame, *, top_code: float) -> go.Figure:
    """Per metro (one row of `bands` each): a thin 10th-90th line, a thick 25th-75th bar, the
    median as a dot, and the target pay (column `target_pay`, when present) as a diamond. A
    top-coded 90th percentile is drawn dotted to `top_code` (USD) and labelled "≥" it (an open
    end, not a value); an unreleased one ends the line at the highest published percentile.

    `bands`: label, a_pct10..a_pct90 (USD, NaN when top-coded), a_pct<..>_note.
    """
    colors = palette()
    shown = bands.reset_index(drop=True)
    target = shown.get("target_pay")
    y = shown["label"]
    fig = go.Figure()
    for i, row in shown.iterrows():
        lo = row["a_pct10"] if np.isfinite(row["a_pct10"]) else row["a_pct25"]
        hi = row["a_pct90"]
        # Only a top-coded 90th is an open end (≥ the top-code); an unreleased one just stops.
        note = row.get("a_pct90_note")
        open_top = isinstance(note, str) and note == TOP_CODED
        if not np.isfinite(hi):
            hi = next((row[c] for c in ("a_pct75", "a_median") if np.isfinite(row[c])), np.nan)
        legend = i == 0
        fig.add_trace(
            go.Scatter(
                x=[lo, hi],
                y=[row["label"]] * 2,
                mode="lines",
                line={"color": colors[0], "width": 2},
                name="10th-90th percentile",
                legendgroup="p1090",
                showlegend=legend,
                hoverinfo="skip",
            )
        )
        if open_top and np.isfinite(hi):
            fig.add_trace(
                go.Scatter(
                    x=[hi, top_code * 1.08],
                    y=[row["label"]] * 2,
                    mode="lines+text",
                    line={"color": colors[0], "width": 2, "dash": "dot"},
                    text=["", f"≥ ${top_code:,.0f}"],
                    textposition="middle right",
                    name="top-coded (open end)",
                    legendgroup="open",
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
    iqr = shown["a_pct75"] - shown["a_pct25"]
    fig.add_trace(
        go.Bar(
            x=iqr,
            base=shown["a_pct25"],
            y=y,
            orientation="h",
            width=0.45,
            marker={"color": colors[0], "opacity": 0.35},
            name="25th-75th percentile",
            customdata=np.stack([shown["a_pct25"], shown["a_pct75"]], axis=-1),
            hovertemplate="%{y}: $%{customdata[0]:,.0f} – $%{customdata[1]:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=shown["a_median"],
            y=y,
            mode="markers",
            marker={"size": 11, "color": colors[0]},
            name="Median",
            hovertemplate="%{y}: median $%{x:,.0f}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_trace(
            go.Scatter(
                x=target.reset_index(drop=True),
                y=y,
                mode="markers",
                marker={"size": 13, "color": colors[5], "symbol": "diamond"},
                name="Target percentile",
                hovertemplate="%{y}: target $%{x:,.0f}<extra></extra>",
            )
        )
    fig.update_yaxes(autorange="reversed", type="category")
    # Room on both sides so the outermost whiskers never touch the frame.
    ends = pd.concat([shown[c] for c in PCT_COLUMNS])
    if target is not None:
        ends = pd.concat([ends, target])
    ends = ends.dropna()
    if len(ends):
        notes = shown.get("a_pct90_note", pd.Series(dtype="string"))
        open_end = bool(notes.eq(TOP_CODED).fillna(False).any())
        high = max(float(ends.max()), top_code * 1.08 if open_end else 0.0)
        pad = 0.06 * (high - float(ends.min()))
        fig.update_xaxes(range=[max(float(ends.min()) - pad, 0.0), high + pad])
    return style(fig, money="x", height=max(300, 34 * len(shown) + 110))


def talent_map_chart(points: pd.DataFrame) -> go.Figure:
    """US bubble map: size = OEWS employment, colour = location quotient (1 = US average share).

    `points`: label, lat, lon, tot_emp, loc_quotient, a_median.
    """
    shown = points[points["lat"].notna() & points["tot_emp"].notna()]
    size = np.sqrt(shown["tot_emp"].to_numpy(dtype=float))
    fig = go.Figure(
        go.Scattergeo(
            lat=shown["lat"],
            lon=shown["lon"],
            text=shown["label"],
            customdata=np.stack(
                [shown["tot_emp"], shown["loc_quotient"], shown["a_median"]], axis=-1
            ),
            mode="markers",
            marker={
                "size": size,
                "sizemode": "area",
                "sizeref": 2.0 * max(size.max(), 1.0) / 40**2,
                "sizemin": 3,
                "color": shown["loc_quotient"],
                "colorscale": "Viridis",
                "colorbar": {"title": "Location<br>quotient"},
                "line": {"width": 0.5, "color": "white"},
            },
            hovertemplate=(
                "%{text}<br>%{customdata[0]:,.0f} jobs<br>location quotient %{customdata[1]:.2f}"
                "<br>median $%{customdata[2]:,.0f}<extra></extra>"
            ),
        )
    )
    fig.update_geos(scope="usa", showland=True, landcolor="rgba(128,128,128,0.12)")
    return style(fig, money=None, height=460, legend=False)


def upload_gaps_chart(comparison: pd.DataFrame) -> go.Figure:
    """Per uploaded row: the band mid's gap to the market median, in % (bars) with $ in hover.

    `comparison`: row, role, metro, mid, market_median, mid_gap_usd, mid_gap_pct.
    """
    shown = comparison[comparison["mid_gap_pct"].notna()]
    labels = [f"row {r}: {role} · {m}" for r, role, m in shown[["row", "role", "metro"]].values]
    colors = [palette()[5] if v < 0 else palette()[2] for v in shown["mid_gap_pct"]]
    fig = go.Figure(
        go.Bar(
            x=shown["mid_gap_pct"],
            y=labels,
            orientation="h",
            marker={"color": colors},
            customdata=np.stack(
                [shown["mid"], shown["market_median"], shown["mid_gap_usd"]], axis=-1
            ),
            text=[f"{v:+.0f}%" for v in shown["mid_gap_pct"]],
            textposition="outside",
            hovertemplate=(
                "%{y}<br>your mid $%{customdata[0]:,.0f} vs market median "
                "$%{customdata[1]:,.0f}<br>gap $%{customdata[2]:,.0f} (%{x:+.1f}%)<extra></extra>"
            ),
        )
    )
    fig.add_vline(x=0, line_color="rgba(128,128,128,0.6)")
    fig.update_xaxes(title="Band mid vs market median (%)", ticksuffix="%")
    fig.update_yaxes(autorange="reversed", type="category")
    return style(fig, money=None, height=max(260, 30 * len(shown) + 100), legend=False)
