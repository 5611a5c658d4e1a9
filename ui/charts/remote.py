"""Charts for the Remote work page: pay by arrangement, remote share, geo-pay policies."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.levels import LEVELS
from analysis.remote import ARRANGEMENTS, POLICIES
from ui.charts import WHISKER, palette, style


def arrangement_chart(table: pd.DataFrame) -> go.Figure:
    """Grouped bars: median pay by level (x) and arrangement (colour), 95% interval whiskers.

    `table` is analysis.remote.pay_by_remote output. A level x arrangement with fewer than
    10 records (or none) gets no bar but an "n < 10" label in its slot, and an arrangement
    under 10 at every level is left out altogether (the page's caption names it);
    low-confidence bars (n < 30) are hatched. The hover gives the premium vs on-site.
    """
    colours = palette()
    levels = [lv for lv in LEVELS if lv in set(table["level"])]
    fig = go.Figure()
    for i, name in enumerate(ARRANGEMENTS.values()):
        rows = (
            table.loc[table["arrangement"] == name]
            .set_index("level")
            .reindex(levels)
            .assign(n=lambda f: f["n"].fillna(0).astype(int))
        )
        rows["status"] = rows["status"].fillna("hidden")
        shown = rows["status"] != "hidden"
        if not shown.any():
            continue  # an arrangement too thin at every level gets no bar and no legend entry
        low = rows["status"] == "low confidence"
        premium = [
            ""
            if pd.isna(p) or r == 0
            else f"<br>×{p:.2f} vs on-site (95% interval ×{lo:.2f}–{hi:.2f})"
            for p, lo, hi, r in zip(
                rows["premium"],
                rows["premium_low"],
                rows["premium_high"],
                rows["remote_ratio"].fillna(0),
                strict=True,
            )
        ]
        fig.add_trace(
            go.Bar(
                x=levels,
                y=rows["median"].where(shown, 0.0),
                name=name,
                marker={
                    "color": colours[i],
                    "pattern": {"shape": ["/" if lc else "" for lc in low]},
                },
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["ci_high"] - rows["median"]).where(shown, 0.0),
                    "arrayminus": (rows["median"] - rows["ci_low"]).where(shown, 0.0),
                    "color": WHISKER,
                    "thickness": 1.5,
                },
                text=["" if s else "n < 10" for s in shown],
                textposition="outside",
                textfont={"size": 11},
                customdata=list(zip(rows["n"], rows["status"], premium, strict=True)),
                hovertemplate=[
                    (
                        f"{name} · %{{x}}<br>Median $%{{y:,.0f}}<br>n = %{{customdata[0]:,}} "
                        "(%{customdata[1]})%{customdata[2]}<extra></extra>"
                    )
                    if s
                    else f"{name} · %{{x}}<br>n = %{{customdata[0]:,}}: under 10, not shown"
                    "<extra></extra>"
                    for s in shown
                ],
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(categoryorder="array", categoryarray=levels, title=None)
    fig.update_yaxes(title="Median annual pay (USD)")
    return style(fig, money="y", height=420)


def remote_share_chart(share: pd.DataFrame) -> go.Figure:
    """Share of fully-remote records per year with its 95% Wilson band (partial year hollow)."""
    colour = palette()[2]
    rows = share.loc[share["status"] != "hidden"]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=list(rows["year"]) + list(rows["year"])[::-1],
            y=list(rows["ci_high"] * 100) + list(rows["ci_low"] * 100)[::-1],
            fill="toself",
            mode="lines",
            fillcolor="rgba(0,158,115,0.18)",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    partial = rows["partial"].astype(bool)
    fig.add_trace(
        go.Scatter(
            x=rows["year"],
            y=rows["share"] * 100,
            mode="lines+markers",
            name="Fully remote",
            line={"color": colour, "width": 3},
            marker={
                "size": 10,
                "color": ["rgba(0,0,0,0)" if p else colour for p in partial],
                "line": {"color": colour, "width": 2},
            },
            customdata=list(
                zip(
                    rows["n_remote"],
                    rows["n"],
                    ["(partial year)" if p else "" for p in partial],
                    strict=True,
                )
            ),
            hovertemplate=(
                "%{x}: %{y:.1f}% fully remote<br>%{customdata[0]:,} of %{customdata[1]:,} "
                "records %{customdata[2]}<extra></extra>"
            ),
        )
    )
    fig.add_vrect(x0=2023.5, x1=2024.5, fillcolor="rgba(213,94,0,0.08)", line_width=0)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="Fully remote records (%)", ticksuffix="%", rangemode="tozero")
    return style(fig, money=None, height=360, legend=False)


def policy_chart(
    sim: pd.DataFrame, measure: str = "pay", hq_salary: float | None = None
) -> go.Figure:
    """A dot plot per hub (row) of `measure` under each policy (marker), axis not from $0.

    `sim` is analysis.remote.geo_policy output; `measure` is 'pay' or 'purchasing_power'. A
    grey line joins each hub's lowest and highest policy so the gap reads at a glance; a
    dashed line marks the HQ salary when `hq_salary` is given and `measure` is 'pay'.
    """
    colours = palette()
    symbols = ("circle", "diamond", "square")
    title = "Pay (USD/yr)" if measure == "pay" else "Purchasing power (US-average $/yr)"
    order = sim.drop_duplicates("hub").sort_values("rpp")["hub"].tolist()
    span = sim.groupby("hub")[measure].agg(["min", "max"]).reindex(order)
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[str | None] = []
    for hub, row in span.iterrows():
        xs += [row["min"], row["max"], None]
        ys += [hub, hub, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": "rgba(128,128,128,0.45)", "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for i, policy in enumerate(POLICIES):
        rows = sim.loc[sim["policy"] == policy]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows[measure],
                y=rows["hub"],
                mode="markers",
                name=policy,
                marker={
                    "color": colours[i],
                    "size": 12,
                    "symbol": symbols[i % len(symbols)],
                    "line": {"color": "white", "width": 1},
                },
                customdata=list(
                    zip(rows["rpp"], rows["tier"], rows["pay_vs_hq"] * 100, strict=True)
                ),
                hovertemplate=(
                    f"{policy} · %{{y}}<br>{title}: $%{{x:,.0f}}<br>"
                    "%{customdata[2]:.0f}% of HQ pay · price level %{customdata[0]:.1f} "
                    "(US = 100), tier %{customdata[1]}<extra></extra>"
                ),
            )
        )
    if hq_salary is not None and measure == "pay":
        fig.add_vline(
            x=hq_salary,
            line={"dash": "dash", "color": "rgba(128,128,128,0.8)", "width": 1},
            annotation_text="HQ salary",
            annotation_position="top",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None)
    fig.update_xaxes(title=title)
    return style(fig, money="x", height=max(320, 34 * len(order) + 120))
