"""Charts for the Tech hubs page: percentile ranges, a US map, pay against price level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.wages import TOP_CODED
from ui.charts import GREY, palette, sequential, style
from ui.text import money


def _values(table: pd.DataFrame, name: str, real: bool) -> pd.Series:
    return table[f"real_{name}" if real else name]


def _cap(table: pd.DataFrame, real: bool, top_code: float) -> pd.Series:
    """Where a top-coded bar ends: the top-code, or its value in national dollars."""
    cap = pd.Series(top_code, index=table.index)
    return cap / (table["rpp"] / 100.0) if real else cap


def ranges_chart(table: pd.DataFrame, *, top_code: float, real: bool = False) -> go.Figure:
    """Horizontal range per metro: p10-p90 thin bar, p25-p75 thick bar, median dot.

    `table` is `analysis.hubs.compare_hubs(...).table`. With `real`, values are in national-
    average dollars (pay / price level). Top-coded ends stop at `top_code` (USD) with an arrow
    and a "≥" label; they are never drawn as exact values.
    """
    key = "real_median" if real else "median"
    data = table.sort_values(key, ascending=True, na_position="first").reset_index(drop=True)
    cap = _cap(data, real, top_code)
    colour = palette()[0]
    fig = go.Figure()
    ends: dict[str, pd.Series] = {}
    for name in ("p10", "p25", "median", "p75", "p90"):
        values = _values(data, name, real)
        top = data[f"{name}_note"].fillna("") == TOP_CODED
        ends[name] = values.where(~top, cap)
        ends[f"{name}_top"] = top
    for low, high, width, opacity, label in (
        ("p10", "p90", 3, 0.55, "10th–90th percentile"),
        ("p25", "p75", 12, 0.85, "25th–75th percentile"),
    ):
        xs: list[float | None] = []
        ys: list[str | None] = []
        for i, metro in enumerate(data["label"]):
            xs += [ends[low][i], ends[high][i], None]
            ys += [metro, metro, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"width": width, "color": colour},
                opacity=opacity,
                name=label,
                hoverinfo="skip",
            )
        )
    hover = [
        "<b>{}</b><br>{}<br>10th: {} · 25th: {}<br>75th: {} · 90th: {}<br>jobs: {}".format(
            row["label"],
            f"median {_fmt(ends, 'median', i)}",
            _fmt(ends, "p10", i),
            _fmt(ends, "p25", i),
            _fmt(ends, "p75", i),
            _fmt(ends, "p90", i),
            "—" if pd.isna(row["employment"]) else f"{row['employment']:,.0f}",
        )
        for i, row in data.iterrows()
    ]
    fig.add_trace(
        go.Scatter(
            x=ends["median"],
            y=data["label"],
            mode="markers",
            marker={"size": 13, "color": palette()[1], "line": {"width": 1.5, "color": "white"}},
            name="median",
            text=hover,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    for name in ("p75", "p90", "median"):
        for i in np.flatnonzero(ends[f"{name}_top"].to_numpy()):
            fig.add_annotation(
                x=ends[name][i],
                y=data["label"][i],
                ax=-40,
                ay=0,
                showarrow=True,
                arrowhead=2,
                text=f"≥ {money(ends[name][i])}",
                xanchor="left",
                xshift=6,
                font={"size": 11},
            )
    # Short: a longer title ran into the legend beside it and off a phone's screen.
    title = "Pay after prices" if real else "Annual pay"
    fig.update_layout(title={"text": title, "x": 0, "font": {"size": 15}})
    fig.update_yaxes(title=None)
    # Room on both sides so the outermost whiskers (San Jose's 90th) never touch the frame.
    drawn = pd.concat([ends[n] for n in ("p10", "p25", "median", "p75", "p90")]).dropna()
    if len(drawn):
        low, high = float(drawn.min()), float(drawn.max())
        pad = 0.06 * (high - low) or 0.06 * high
        fig.update_xaxes(range=[max(low - pad, 0.0), high + pad])
    fig = style(fig, money="x", height=max(300, 48 * len(data) + 110))
    fig.update_xaxes(nticks=5)  # five dollar ticks fit a phone's width
    return fig


def _fmt(ends: dict[str, pd.Series], name: str, i: int) -> str:
    value = ends[name][i]
    if pd.isna(value):
        return "not released"
    return f"≥ {money(value)}" if ends[f"{name}_top"][i] else money(value)


def metro_map_chart(
    points: pd.DataFrame, *, real: bool = False, highlight: list[str] | None = None
):
    """US map of metros: bubble size = employment, colour = median pay (USD/yr).

    `points` is `analysis.hubs.all_metros_for_map(...)`. `highlight` (CBSA codes) get a label.
    """
    key = "real_median" if real else "median"
    data = points[points[key].notna()].sort_values(
        "employment", ascending=False, na_position="last"
    )
    jobs = data["employment"].fillna(0)
    size = 4 + 30 * np.sqrt(jobs / max(float(jobs.max()), 1.0))
    hover = [
        f"<b>{r.label}</b><br>median {money(getattr(r, key))}"
        + (" (in national-average dollars)" if real else "")
        + f"<br>jobs: {'not released' if pd.isna(r.employment) else f'{r.employment:,.0f}'}"
        for r in data.itertuples()
    ]
    fig = go.Figure(
        go.Scattergeo(
            lon=data["lon"],
            lat=data["lat"],
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            mode="markers",
            marker={
                "size": size,
                "color": data[key],
                "colorscale": sequential(),
                "reversescale": False,
                "line": {"width": 0.5, "color": "white"},
                "opacity": 0.85,
                # Under the map, not beside it: beside, it took a fifth of a phone's width.
                "colorbar": {
                    "title": {"text": "median", "side": "top"},
                    "tickprefix": "$",
                    "tickformat": ",.0f",
                    "thickness": 10,
                    "orientation": "h",
                    "x": 0,
                    "xanchor": "left",
                    "y": -0.02,
                    "yanchor": "top",
                    "len": 0.9,
                    "nticks": 4,
                },
            },
            showlegend=False,
        )
    )
    if highlight:
        # The best paid MAP_LABELLED get a name (more crowd a phone's map; hover names the
        # rest); neighbours (San Francisco and San Jose) alternate above and below their dots.
        marked = data[data["cbsa"].isin(highlight)].nlargest(MAP_LABELLED, key).sort_values("lon")
        fig.add_trace(
            go.Scattergeo(
                lon=marked["lon"],
                lat=marked["lat"],
                text=marked["label"].str.split(",").str[0],
                mode="text",
                textposition=_apart(marked["lon"].tolist(), marked["lat"].tolist()),
                # Dark text with a light halo reads on any bubble, in light and dark themes.
                textfont={"size": 12, "color": "#1b1b1b", "shadow": HALO},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_geos(
        scope="usa",
        bgcolor="rgba(0,0,0,0)",
        showlakes=False,
        landcolor="rgba(128,128,128,0.12)",
        subunitcolor="rgba(128,128,128,0.4)",
    )
    fig = style(fig, money=None, height=400, legend=False)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 10, "b": 60})
    return fig


MAP_LABELLED = 5
"""At most this many picked metros are named on the map, the best paid."""
HALO = "0px 0px 3px #ffffff, 0px 0px 3px #ffffff"


def _apart(lon: list[float], lat: list[float], near: float = 3.0) -> list[str]:
    """Text positions: above each dot, or below it when a label already placed above a dot
    within `near` degrees would collide (San Francisco and San Jose)."""
    positions: list[str] = []
    for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
        taken = {
            positions[j] for j in range(i) if abs(lon[j] - x) < near and abs(lat[j] - y) < near
        }
        positions.append("bottom center" if "top center" in taken else "top center")
    return positions


def _fan(n: int) -> list[str]:
    """Text positions for labels sorted by x: up-left, below, up-right, repeating, so three
    neighbours (Kansas City, Cleveland, Indianapolis) spread out instead of overlapping."""
    return [("top left", "bottom center", "top right")[i % 3] for i in range(n)]


LABELLED = 3
"""With more selected metros than 2 x LABELLED, only the highest and lowest paid are labelled."""


def pay_vs_prices_chart(
    table: pd.DataFrame, background: pd.DataFrame, line: pd.DataFrame
) -> go.Figure:
    """Median pay (y, USD/yr) against price level (x, RPP, US = 100), selected metros labelled.

    `background`: every metro (grey dots); `line`: two points of equal purchasing power
    (`analysis.hubs.equal_power_line`): metros above it pay more than their prices take.
    """
    bg = background[background["median"].notna() & background["rpp"].notna()]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=bg["rpp"],
            y=bg["median"],
            mode="markers",
            marker={"size": 6, "color": GREY},
            name="other metros",
            text=bg["label"],
            hovertemplate="%{text}<br>price level %{x:.1f}<br>median $%{y:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=line["rpp"],
            y=line["pay"],
            mode="lines",
            line={"dash": "dash", "color": palette()[5], "width": 2},
            name="same purchasing power as the US median",
            hoverinfo="skip",
        )
    )
    sel = table[table["median"].notna() & table["rpp"].notna()].sort_values("median")
    named = sel["short_name"].astype(str).to_numpy()
    if len(sel) > 2 * LABELLED:
        named[LABELLED:-LABELLED] = ""  # the middle ones keep their hover label only
    sel = sel.assign(_named=named).sort_values("rpp")
    positions = ["middle center"] * len(sel)
    labelled = [i for i, name in enumerate(sel["_named"]) if name]
    for i, where in zip(labelled, _fan(len(labelled)), strict=True):
        positions[i] = where
    if labelled and positions[labelled[-1]] == "top right":
        positions[labelled[-1]] = "top left"  # the rightmost label stays inside the plot
    fig.add_trace(
        go.Scatter(
            x=sel["rpp"],
            y=sel["median"],
            mode="markers+text",
            marker={"size": 11, "color": palette()[0], "line": {"width": 1, "color": "white"}},
            text=sel["_named"],
            textposition=positions,
            name="selected metros",
            customdata=sel[["label", "real_median"]],
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>price level %{x:.1f} (US = 100)<br>"
                "median $%{y:,.0f}<br>in national dollars $%{customdata[1]:,.0f}<extra></extra>"
            ),
        )
    )
    fig.update_xaxes(title="BEA all-items Regional Price Parity (US = 100)")
    fig.update_yaxes(title="Median annual pay")
    return style(fig, money="y", height=460)
