"""Figures for the Pay bands page: market bands per metro, the talent map, upload gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.bands import PCT_COLUMNS
from analysis.wages import TOP_CODED
from ui.charts import GREY, WHISKER, interval_bars, palette, sequential, style
from ui.text import at_least, money


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
                    text=["", at_least(top_code)],
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
                "colorscale": sequential(),
                # Under the map, across: beside it, it took a third of a phone's width.
                "colorbar": {
                    "title": {"text": "Location quotient", "side": "top"},
                    "orientation": "h",
                    "y": -0.02,
                    "yanchor": "top",
                    "thickness": 12,
                    "len": 0.9,
                },
                "line": {"width": 0.5, "color": "white"},
            },
            hovertemplate=(
                "%{text}<br>%{customdata[0]:,.0f} jobs<br>location quotient %{customdata[1]:.2f}"
                "<br>median $%{customdata[2]:,.0f}<extra></extra>"
            ),
        )
    )
    # A transparent map background: plotly's white one is a white box on the dark theme.
    fig.update_geos(
        scope="usa",
        showland=True,
        landcolor="rgba(128,128,128,0.12)",
        bgcolor="rgba(0,0,0,0)",
        showlakes=False,
        subunitcolor="rgba(128,128,128,0.5)",
        countrycolor="rgba(128,128,128,0.5)",
    )
    return style(fig, money=None, height=460, legend=False)


def level_bands_chart(bands: pd.DataFrame) -> go.Figure:
    """Bands by level: for each level and area (region first, then each metro) a bar from the
    band's minimum to its maximum with the midpoint marked (a region midpoint known only
    within ± carries that range as a whisker); an open band is a dotted arrow from what it is
    at least, labelled "≥ $282k" inside the plot; a band with no figure is named with its
    reason, in words. Rows are named by area, the level only on its group's first row (colour
    and legend carry it), so the names stay short on a phone.

    `bands`: `analysis.level_bands.level_bands` output (rows of area "All", levels with too
    few records, are left to the table).
    """
    colors = palette()
    shown = bands[bands["area"] != "All"].reset_index(drop=True)
    shown["row"] = shown.index.astype(float)
    first = ~shown["level"].duplicated()
    names = [
        f"<b>{lv}</b> · {area}" if top else str(area)
        for lv, area, top in zip(shown["level"], shown["area"], first, strict=True)
    ]
    fig = go.Figure()
    for i, level in enumerate(shown["level"].unique()):
        part = shown[shown["level"] == level]
        have = part[part["mid"].notna()]
        colour = colors[i % len(colors)]
        hover = [
            f"{r.level} · {r.area}<br>min {money(r.minimum)} · mid {money(r.mid)}"
            + (f" ± {r.pm:.1%}" if r.pm == r.pm and r.pm > 0 else "")
            + f" · max {money(r.maximum)}<br>n = {r.n:,} records"
            for r in have.itertuples()
        ]
        fig.add_trace(
            go.Bar(
                y=have["row"], x=have["maximum"] - have["minimum"], base=have["minimum"],
                orientation="h", name=level, marker={"color": colour, "opacity": 0.75},
                hovertext=hover, hoverinfo="text",
            )
        )  # fmt: skip
        bounds = have[have["pm"].fillna(0) > 0]
        fig.add_trace(
            go.Scatter(
                y=have["row"], x=have["mid"], mode="markers", showlegend=False,
                marker={"symbol": "line-ns", "size": 18, "color": "#333",
                        "line": {"width": 3, "color": "#333"}},
                hoverinfo="skip",
            )
        )  # fmt: skip
        if len(bounds):
            fig.add_trace(
                go.Scatter(
                    y=bounds["row"], x=bounds["mid"], mode="markers", showlegend=False,
                    marker={"size": 1, "color": WHISKER},
                    error_x=interval_bars(bounds["mid"], bounds["bound_low"],
                                          bounds["bound_high"], WHISKER),
                    hoverinfo="skip",
                )
            )  # fmt: skip
        for row in part[(part["open"] == "above") & part["floor"].notna()].itertuples():
            fig.add_trace(
                go.Scatter(
                    x=[row.floor, row.floor * 1.12], y=[row.row, row.row], mode="lines",
                    line={"color": colour, "width": 3, "dash": "dot"}, showlegend=False,
                    hovertext=f"{row.level} · {row.area}: at least {money(row.floor)}",
                    hoverinfo="text",
                )
            )  # fmt: skip
            # The "≥" label sits left of the arrow's start: inside the plot on any width.
            fig.add_annotation(
                x=row.floor, y=row.row, text=f"≥ ${row.floor / 1000:,.0f}k", showarrow=False,
                xanchor="right", xshift=-4, font={"size": 11, "color": colour},
            )  # fmt: skip
    empty = shown[shown["mid"].isna() & ~((shown["open"] == "above") & shown["floor"].notna())]
    if len(empty):
        anchor = float(np.nanmin(shown[["minimum", "floor", "ceiling"]].to_numpy(dtype=float),
                                 initial=np.inf))  # fmt: skip
        fig.add_trace(
            go.Scatter(
                y=empty["row"], x=[anchor if np.isfinite(anchor) else 0] * len(empty),
                mode="text", showlegend=False, textposition="middle right",
                text=[_short(n, 36) or "no band" for n in empty["note"]],
                hovertext=[str(n) for n in empty["note"]], hoverinfo="text",
            )
        )  # fmt: skip
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(
        tickvals=shown["row"].tolist(), ticktext=names, range=[len(shown) - 0.5, -0.5],
        showgrid=False,
    )  # fmt: skip
    fig = style(fig, money="x", height=max(300, 26 * len(shown) + 110))
    return fig.update_xaxes(tickformat="~s", nticks=6)


def _short(note: object, most: int = 70) -> str:
    """A note cut to `most` characters for a chart label ("" for a missing one)."""
    text = note if isinstance(note, str) else ""
    return text if len(text) <= most else text[: most - 1] + "…"


def upload_check_chart(checked: pd.DataFrame) -> go.Figure:
    """Per uploaded row (one page of them): your band (min-max bar, mid diamond) over the
    market band at the target (a thinner grey bar; absent, with its reason in the table,
    where there is none), named by row, role, level and metro.

    `checked`: rows of `analysis.band_check.check_bands` output.
    """
    colors = palette()
    label = [
        f"row {r.row}: {r.role or r.occ_title} · {r.level if isinstance(r.level, str) else 'all'}"
        f" · {r.metro}"
        for r in checked.itertuples()
    ]
    checked = checked.assign(label=label)
    market = checked[checked["market_mid"].notna()]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=market["label"], x=market["market_max"] - market["market_min"],
            base=market["market_min"], orientation="h", name="Market band at your target",
            width=0.35, marker={"color": GREY},
            customdata=np.stack([market["market_min"], market["market_max"]], axis=-1),
            hovertemplate="%{y}<br>market $%{customdata[0]:,.0f} – $%{customdata[1]:,.0f}"
            "<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Bar(
            y=checked["label"], x=checked["max"] - checked["min"], base=checked["min"],
            orientation="h", name="Your band", width=0.7,
            marker={"color": colors[0], "opacity": 0.6},
            customdata=np.stack([checked["min"], checked["mid"], checked["max"]], axis=-1),
            hovertemplate="%{y}<br>yours: $%{customdata[0]:,.0f} · $%{customdata[1]:,.0f} · "
            "$%{customdata[2]:,.0f}<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            y=checked["label"], x=checked["mid"], mode="markers", name="Your mid",
            marker={"symbol": "diamond", "size": 11, "color": colors[1]},
            hovertemplate="%{y}: your mid $%{x:,.0f}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(autorange="reversed", type="category")
    return style(fig, money="x", height=max(260, 46 * len(checked) + 110))
