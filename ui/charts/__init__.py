"""The one place that builds plotly figures. Topic modules (ui.charts.hubs, ...) use these
helpers so every chart shares the palette from .streamlit/config.toml, dollar axes and hovers,
and a layout that stays readable in light and dark themes and on a narrow window.

Every figure builder is named `<what>_chart` and is pure: the same inputs give the same
figure. Pages draw them through `ui.layout.chart`, which builds each one once per input.
"""

from __future__ import annotations

import html
import tomllib
from functools import cache
from pathlib import Path

import plotly.graph_objects as go

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
FALLBACK = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
MONEY_HOVER = "$%{y:,.0f}"


def visitor_text(text: object) -> str:
    """Text a visitor typed (an employer's name), safe as a plotly label, legend entry or
    hover: HTML characters escaped (plotly renders <a>, <b>, <img>... in labels), so no link
    or image can come out of it."""
    return html.escape(str(text), quote=True)


GREY = "rgba(128,128,128,0.45)"
WHISKER = "rgba(128,128,128,0.95)"
SEQUENTIAL = "Cividis"
SEQUENTIAL_RANGE = (0.2, 0.8)
"""Colour scales run over the middle of Cividis (colour-blind safe): its darkest end vanishes
on the dark theme and its lightest on the light one."""
"""Interval whiskers on bars: a mid grey that stands out on the light and the dark theme
(plotly's default dark grey vanishes on the dark background)."""
"""Neutral marks (context, not the point of the chart), visible on light and dark."""
DASH = "—"
"""A missing value in a table."""


@cache
def palette() -> tuple[str, ...]:
    """Categorical colours from the theme (Okabe-Ito: colour-blind safe)."""
    try:
        theme = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("theme", {})
    except (OSError, tomllib.TOMLDecodeError):
        return FALLBACK
    return tuple(theme.get("chartCategoricalColors", FALLBACK))


def style(
    fig: go.Figure,
    *,
    money: str | None = "y",
    height: int = 420,
    legend: bool = True,
) -> go.Figure:
    """Apply the shared look: palette, compact margins, horizontal legend, dollar axis.

    `money` names the axis ('x' or 'y') holding USD, or None. Backgrounds are transparent so
    the chart follows Streamlit's light or dark theme.
    """
    fig.update_layout(
        colorway=list(palette()),
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        hoverlabel={"namelength": -1},
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        font={"size": 13},
    )
    if money == "y":
        fig.update_yaxes(tickprefix="$", tickformat=",.0f", separatethousands=True)
    elif money == "x":
        fig.update_xaxes(tickprefix="$", tickformat=",.0f", separatethousands=True)
    fig.update_xaxes(gridcolor="rgba(128,128,128,0.18)", zeroline=False)
    fig.update_yaxes(gridcolor="rgba(128,128,128,0.18)", zeroline=False)
    return fig


def interval_bars(
    estimate: object, low: object, high: object, colour: str, *, width: int = 5, **extra: object
) -> dict[str, object]:
    """plotly `error_y` (or `error_x`) spec drawing an asymmetric interval [low, high] around
    `estimate` (array-likes of equal length, same unit)."""
    return {
        "type": "data",
        "symmetric": False,
        "array": high - estimate,
        "arrayminus": estimate - low,
        "color": colour,
        "width": width,
        **extra,
    }


def floor_figure(x: list[float], y: list[float]) -> go.Figure:
    """The benchmark floor: one plotly line of a few points, styled like every other chart."""
    return style(go.Figure(go.Scatter(x=x, y=y, mode="lines+markers")), money=None)


def sequential() -> list[list[object]]:
    """The sequential colour scale of maps: `SEQUENTIAL` trimmed to `SEQUENTIAL_RANGE`."""
    import plotly.colors as pc

    low, high = SEQUENTIAL_RANGE
    steps = [low + (high - low) * i / 8 for i in range(9)]
    return [[i / 8, c] for i, c in enumerate(pc.sample_colorscale(SEQUENTIAL, steps))]
