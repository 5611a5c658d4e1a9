"""How a set of bands hangs together: its width in both conventions practitioners use, the
step between adjacent levels' midpoints, and how much adjacent bands overlap, each flagged
outside the range compensation practice commonly quotes.

Conventions (a band is minimum, midpoint, maximum; levels in `LEVELS` order):

- ± % of midpoint (`pm`): (maximum - minimum) / (2 x midpoint). A band midpoint x (1 ± s)
  has pm = s.
- range spread (`width`): maximum / minimum - 1. For midpoint x (1 ± s) it is 2s / (1 - s),
  so ±20% is a 50% spread and ±13% about 30%.
- midpoint progression (`progression`): a level's midpoint / the midpoint of the level just
  below - 1.
- overlap (`overlap`): (maximum of the lower level - minimum of the higher level) / (maximum -
  minimum of the lower level): the share of the lower band the next one also covers;
  negative when there is a gap between them.

`COMMON_RANGES` are practitioners' rules of thumb, not a standard and not a law: spreads of
30-50% for professional roles, midpoint steps of 10-18% between adjacent grades and overlaps
of 50-70% are the figures compensation tools and guides commonly quote (the ranges issue 21
of this project names). Sources differ: some guides put professional spreads at 40-60%, or
midpoint differentials at 7% for clerical and 15% for management grades (R. A. Richards,
HRWorks Handbook: Salary Administration). Career levels of the salary index are broader
than a company's grades, so the market's steps between them are wider: a flag here says
"look", not "wrong".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.filters import LEVELS

COMMON_RANGES: dict[str, tuple[float, float]] = {
    "width": (0.30, 0.50),
    "progression": (0.10, 0.18),
    "overlap": (0.50, 0.70),
    "compa_ratio": (0.95, 1.05),
}
"""measure -> (low, high), fractions: the common ranges of the module docstring, and the
compa-ratio (pay / the band's midpoint) that compensation teams commonly treat as "at
market" (0.95-1.05), a rule of thumb of the same kind."""
MEASURES = ("width", "progression", "overlap")


def flag(value: float, measure: str) -> str:
    """ "" inside COMMON_RANGES[measure] (ends included, to 0.1 percentage point) or when
    `value` is NaN; else "below 30–50%" / "above 30–50%"."""
    low, high = COMMON_RANGES[measure]
    if not np.isfinite(value):
        return ""
    shown = f"{low:.0%}–{high:.0%}"
    value = round(float(value), 3)
    if value < low:
        return f"below {shown}"
    return f"above {shown}" if value > high else ""


def band_structure(bands: pd.DataFrame, by: Sequence[str] = ("area",)) -> pd.DataFrame:
    """Per group of `by` and level with a whole band (minimum, mid, maximum all present):
    pm, width, and against the level just below it in LEVELS when that level has a band in
    the group (`below`, else "" and NaN): progression and overlap; then a flag per measure
    (`<measure>_flag`, see `flag`). Groups and levels keep the order they first appear in,
    levels sorted junior to senior. Input columns: *by, level, minimum, mid, maximum."""
    by = list(by)
    rank = {level: i for i, level in enumerate(LEVELS)}
    whole = bands.dropna(subset=["minimum", "mid", "maximum"])
    whole = whole[whole["level"].isin(rank)]
    whole = whole.drop_duplicates([*by, "level"])
    order = pd.Series(range(len(whole)), index=whole.index)
    first = order.groupby([whole[c] for c in by], sort=False, dropna=False).transform("min")
    frame = whole.assign(_group=first, _rank=whole["level"].map(rank))
    frame = frame.sort_values(["_group", "_rank"], kind="stable")
    lower = frame.groupby("_group", sort=False)[["_rank", "level", "minimum", "mid", "maximum"]]
    prev = lower.shift(1)
    adjacent = (frame["_rank"] - prev["_rank"]) == 1
    out = frame[[*by, "level"]].copy()
    out["below"] = prev["level"].where(adjacent, "").fillna("").astype(str)
    out["pm"] = (frame["maximum"] - frame["minimum"]) / (2 * frame["mid"])
    out["width"] = frame["maximum"] / frame["minimum"] - 1
    out["progression"] = (frame["mid"] / prev["mid"] - 1).where(adjacent)
    span = prev["maximum"] - prev["minimum"]
    out["overlap"] = ((prev["maximum"] - frame["minimum"]) / span).where(adjacent & (span > 0))
    for measure in MEASURES:
        out[f"{measure}_flag"] = [flag(v, measure) for v in out[measure]]
    return out.reset_index(drop=True)
