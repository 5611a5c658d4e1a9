"""What one career level earns in one place: the method behind the offer verdict, the ask and
the pay bands by level.

BLS publishes pay by place but not by level; the salary index has levels but no places (and
is mostly high-paying US job listings). One method joins them, used everywhere:

1. Take the salary-index records of the level and track (US companies, full-time, 2023-2025,
   the one filter `analysis.filters.comparable_rows`) and their quantiles (e.g. the 25th,
   50th and 75th percentile of the level's pay).
2. Place each quantile in a REFERENCE BLS wage distribution of the track's occupations
   (log-linear between published percentiles): "a senior data scientist's median sits at the
   71st percentile of all US data scientists". The reference is the nation's ("national",
   the default) or the pay-transparency states' ("states"); the occupations are one SOC code
   or the mixture employers file the track's titles under (`analysis.populations`).
3. Read the same percentile off the AREA's distribution of those occupations (the metro's;
   where BLS publishes too little there, its state's, then the nation's): the level's pay
   there.

A position outside what the published percentiles pin down (the 10th-90th of one occupation)
has no number: that edge is *open* ("above the 90th percentile, ≥ $X"), never extrapolated.

Dates (`as_of`): with a date, each record is first carried from its work year to BLS's
reference month, and the area's wages from that month to `as_of`, at `rate` a year
(`analysis.ageing`); without one nothing is aged.

Uncertainty combines both sources by simulation (`n_draws`, seeded): the level's records are
resampled (bootstrap), and each BLS ladder is scaled by one random factor with the relative
standard error BLS publishes for the mean wage (BLS publishes none for percentiles, so this
is an approximation, stated wherever it is shown). Each edge gets the 2.5-97.5% interval of
its draws, widened to take in the reading against the other reference population: which
population the records follow cannot be known, and the truth lies between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis import ageing, stats
from analysis.data import Tables
from analysis.filters import (
    LEVELS,
    comparable_rows,
    comparable_scope,
)
from analysis.populations import (
    BY_EVIDENCE,
    REFERENCES,
    area_ladder,
    mix_title,
    occupation_mix,
    reference_ladder,
)
from analysis.stats import Ladder
from analysis.taxonomy import TRACK_OCCUPATION

RANGE = (0.25, 0.5, 0.75)
"""The quantiles of the level's pay that make its range: low, middle, high."""
N_DRAWS = 300


def _published(rung: Ladder) -> tuple[np.ndarray, np.ndarray]:
    points = rung.published
    return np.array([p for p, _ in points], float), np.log([w for _, w in points])


def position(amounts: np.ndarray, rung: Ladder) -> np.ndarray:
    """Percentile (0-100) of each amount in `rung`, log-linear between published points; NaN
    outside them (an open end). Works on any array shape."""
    pcts, logs = _published(rung)
    x = np.log(np.asarray(amounts, dtype=float))
    out = np.interp(x, logs, pcts)
    return np.where((x < logs[0]) | (x > logs[-1]), np.nan, out)


def wage_at(pcts: np.ndarray, rung: Ladder) -> np.ndarray:
    """Wage (USD) at each percentile in `rung`, log-linear between published points; NaN
    outside them."""
    known, logs = _published(rung)
    p = np.asarray(pcts, dtype=float)
    out = np.exp(np.interp(p, known, logs))
    return np.where(np.isnan(p) | (p < known[0]) | (p > known[-1]), np.nan, out)


@dataclass(frozen=True)
class LevelPay:
    """The pay of `level` (`track` records) for `occupation` in an area, at `quantiles`.

    `wages`: USD at each quantile in the area (NaN = open end); `percentiles`: where each
    quantile sits in the reference population (`reference`: "national" = all US workers of
    the occupations); `index_wages`: the quantiles of the salary-index records themselves
    (USD, national; carried to BLS's reference month when aged); `low`/`high`: the
    uncertainty of each wage: the 95% interval of the simulation (`sample_low`/`sample_high`)
    widened to the reading against the other reference population (`alternative`); NaN where
    an end is open. `open_low`/`open_high` per quantile: the position is below/above what the
    published figures pin down. `n`/`status`: records behind it; `area_*`, `fallback`: where
    the BLS figures come from and why they are not the metro's own; `area_top`: the area's
    highest known wage (USD) and `area_top_pct` its percentile, the floor an open top end is
    at least. `occupation`: a SOC code or `populations.BY_EVIDENCE`; `mix`: the occupations
    and weights used (`occ_title` names them). `as_of`, `rate`, `factor`: the date the wages
    are carried to, the annual rate and the factor applied to BLS's wages (1 when not aged).
    `ref_bottom_pct`/`ref_top_pct`: the lowest/highest percentile the reference distribution
    pins down (an open end is below/above it). Readings without simulation (`n_draws=0`) have
    NaN intervals and no `alternative`.
    """

    occupation: str
    occ_title: str
    level: str
    track: str
    quantiles: tuple[float, ...]
    wages: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    percentiles: tuple[float, ...]
    index_wages: tuple[float, ...]
    open_low: tuple[bool, ...]
    open_high: tuple[bool, ...]
    n: int
    status: str
    scope: str
    area_name: str
    area_type: str
    fallback: str
    area_top: float
    area_top_pct: int
    area_bottom: float
    area_bottom_pct: int
    reference: str = "national"
    mix: tuple[tuple[str, float], ...] = ()
    sample_low: tuple[float, ...] = ()
    sample_high: tuple[float, ...] = ()
    alternative: LevelPay | None = None
    as_of: dt.date | None = None
    rate: float = 0.0
    factor: float = 1.0
    notes: tuple[str, ...] = field(default_factory=tuple)
    ref_bottom_pct: int = 10
    ref_top_pct: int = 90


def _simulate(
    values: np.ndarray,
    quantiles: Sequence[float],
    nat: Ladder,
    area: Ladder,
    rse: tuple[float, float],
    n_draws: int,
    seed: int,
) -> np.ndarray:
    """Draws x quantiles of the area wage: records resampled, each ladder scaled by one
    lognormal factor per draw with the given relative standard errors (national, area). A
    draw past the top of the published range is +inf, past the bottom -inf (open ends)."""
    rng = np.random.default_rng(seed)
    picks = values[rng.integers(0, len(values), (n_draws, len(values)))]
    q = np.quantile(picks, quantiles, axis=1).T  # draws x quantiles
    nat_shift = np.exp(rng.normal(0.0, rse[0], (n_draws, 1)))
    area_shift = np.exp(rng.normal(0.0, rse[1], (n_draws, 1)))
    # Scaling a ladder by f is the same as placing q / f in the unscaled ladder.
    scaled = q / nat_shift
    pcts = position(scaled, nat)
    wages = wage_at(pcts, area) * area_shift
    _, nat_logs = _published(nat)
    area_pcts, _ = _published(area)
    high = (np.log(scaled) > nat_logs[-1]) | (pcts > area_pcts[-1])
    low = (np.log(scaled) < nat_logs[0]) | (pcts < area_pcts[0])
    return np.where(high, np.inf, np.where(low, -np.inf, wages))


def _open(amounts: np.ndarray, nat: Ladder, area: Ladder) -> tuple[np.ndarray, np.ndarray]:
    """Per amount: below / above what `nat` pins down, or placed past `area`'s known range."""
    pcts = position(amounts, nat)
    _, nat_logs = _published(nat)
    area_pcts, _ = _published(area)
    below = np.log(amounts) < nat_logs[0]
    above = np.log(amounts) > nat_logs[-1]
    # An exact reference position can still fall outside the area's known points.
    return (
        below | (~np.isnan(pcts) & (pcts < area_pcts[0])),
        above | (~np.isnan(pcts) & (pcts > area_pcts[-1])),
    )


def _widen(sample: np.ndarray, other: LevelPay, side: str, fn: np.ufunc) -> tuple[float, ...]:
    """The sample interval's `side` ("low" or "high") taken out to the other reading: NaN
    (unbounded) where the other reading is open on that side."""
    wages = np.asarray(other.wages, dtype=float)
    opened = np.asarray(other.open_low if side == "low" else other.open_high, dtype=bool)
    # An open (NaN) sample end stays open: it is unbounded already.
    both = np.where(np.isfinite(wages) & np.isfinite(sample), fn(sample, wages), sample)
    return tuple(float(v) for v in np.where(opened, np.nan, both))


def level_pay(
    data: Tables,
    cbsa: str,
    occupation: str,
    level: str,
    track: str,
    quantiles: Sequence[float] = RANGE,
    *,
    reference: str = "national",
    drop_duplicates: bool = True,
    as_of: dt.date | None = None,
    rate: float = 0.0,
    n_draws: int = N_DRAWS,
    seed: int = stats.DEFAULT_SEED,
) -> LevelPay:
    """The pay of `level` in metro `cbsa` (see the module docstring for the method).

    `occupation`: a SOC code, or `populations.BY_EVIDENCE` for the track's filed mixture.
    Raises ValueError when the level has fewer than MIN_SHOWN records, or the occupation,
    metro or reference is unknown. Quantiles are fractions (0.25 = the level's 25th
    percentile).
    """
    if level not in LEVELS:
        raise ValueError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    if reference not in REFERENCES:
        raise ValueError(f"Unknown reference {reference!r}; use one of {', '.join(REFERENCES)}.")
    rows = comparable_rows(data, level, track, drop_duplicates=drop_duplicates)
    values = rows["salary_usd"].to_numpy(dtype=float)
    status = stats.sample_status(len(values))
    if status == "hidden":
        raise ValueError(
            f"Only {len(values)} salary-index records of {level} {track}s at US companies: too "
            "few to place the level. Pick another track or level."
        )
    forward = 1.0
    if as_of is not None and rate != 0:
        bls = ageing.reference_date(data)
        years = rows["year"].astype("int64").to_numpy()
        values = values * ageing.record_factors(years, bls, rate)
        forward = ageing.age_factor(bls, as_of, rate)
    mix = occupation_mix(data, track, occupation)
    nat, nat_rse, note = reference_ladder(data, mix, reference)
    area, area_rse, row, fallback = area_ladder(data, cbsa, mix)
    qs = tuple(float(q) for q in quantiles)
    index_wages = np.quantile(values, qs)
    pcts = position(index_wages, nat)
    wages = wage_at(pcts, area) * forward
    open_low, open_high = _open(index_wages, nat, area)
    area_pcts, area_logs = _published(area)
    ref_pcts, _ = _published(nat)
    nan = (float("nan"),) * len(qs)
    sample_low = sample_high = low = high = nan
    alternative = None
    if n_draws > 0:
        draws = _simulate(values, qs, nat, area, (nat_rse, area_rse), n_draws, seed) * forward
        with np.errstate(invalid="ignore"):  # infinite draws (open ends) give infinite edges
            lo, hi = np.percentile(draws, [2.5, 97.5], axis=0)
        lo, hi = np.where(np.isfinite(lo), lo, np.nan), np.where(np.isfinite(hi), hi, np.nan)
        sample_low, sample_high = tuple(float(v) for v in lo), tuple(float(v) for v in hi)
        other = next(r for r in REFERENCES if r != reference)
        alternative = level_pay(
            data, cbsa, occupation, level, track, qs, reference=other,
            drop_duplicates=drop_duplicates, as_of=as_of, rate=rate, n_draws=0,
        )  # fmt: skip
        low, high = (
            _widen(lo, alternative, "low", np.fmin),
            _widen(hi, alternative, "high", np.fmax),
        )
    scope = comparable_scope(level, track, drop_duplicates=drop_duplicates)
    return LevelPay(
        occupation=occupation,
        occ_title=mix_title(data, mix),
        level=level,
        track=track,
        quantiles=qs,
        wages=tuple(float(w) for w in wages),
        low=low,
        high=high,
        percentiles=tuple(float(p) for p in pcts),
        index_wages=tuple(float(v) for v in index_wages),
        open_low=tuple(bool(b) for b in open_low),
        open_high=tuple(bool(b) for b in open_high),
        n=len(values),
        status=status,
        scope=scope,
        area_name=str(row["area_name"]),
        area_type=str(row["area_type"]),
        fallback=fallback,
        area_top=float(np.exp(area_logs[-1])) * forward,
        area_top_pct=int(area_pcts[-1]),
        area_bottom=float(np.exp(area_logs[0])) * forward,
        area_bottom_pct=int(area_pcts[0]),
        reference=reference,
        mix=mix,
        sample_low=sample_low,
        sample_high=sample_high,
        alternative=alternative,
        as_of=as_of,
        rate=float(rate),
        factor=forward,
        notes=tuple(n for n in (note,) if n),
        ref_bottom_pct=int(ref_pcts[0]),
        ref_top_pct=int(ref_pcts[-1]),
    )


CHOICES: dict[str, str] = {
    "duplicates": "exact duplicate records",
    "reference": "reference population",
    "occupation": "occupations behind the track",
    "ageing": "ageing rate",
}
"""The method's choices a verdict is tested against, one flipped at a time (`variants`)."""


def variants(
    data: Tables,
    cbsa: str,
    occupation: str,
    level: str,
    track: str,
    *,
    reference: str = "national",
    drop_duplicates: bool = True,
    as_of: dt.date | None = None,
    rate: float = 0.0,
    other_rate: float | None = None,
) -> dict[str, LevelPay]:
    """The level's pay with one choice of the method flipped at a time (point readings, no
    simulation), keyed by `CHOICES`: duplicates kept (or dropped), the other reference
    population, the other occupation basis (the track's filed mixture against its stand-in,
    `taxonomy.TRACK_OCCUPATION`), and ageing at `other_rate` instead of `rate` (only with
    `as_of` and a different `other_rate`). A flip that changes nothing (a track with no filed
    titles) is left out."""
    same = {"reference": reference, "drop_duplicates": drop_duplicates, "as_of": as_of}
    same |= {"rate": rate, "n_draws": 0}

    def read(occ: str = occupation, **changed: object) -> LevelPay:
        return level_pay(data, cbsa, occ, level, track, **(same | changed))

    stand_in = TRACK_OCCUPATION.get(track, "15-2051")
    other_occ = stand_in if occupation == BY_EVIDENCE else BY_EVIDENCE
    out = {
        "duplicates": read(drop_duplicates=not drop_duplicates),
        "reference": read(reference=next(r for r in REFERENCES if r != reference)),
    }
    if occupation_mix(data, track, other_occ) != occupation_mix(data, track, occupation):
        out["occupation"] = read(other_occ)
    if as_of is not None and other_rate is not None and other_rate != rate:
        out["ageing"] = read(rate=other_rate)
    return out


@dataclass(frozen=True)
class Verdict:
    """Where a base salary sits against a level's range (`LevelPay` at RANGE).

    `place`: "below", "within" or "above" the range; `near`: "low" / "high" when the base
    lies inside the uncertainty of that edge (the verdict could go either way), else "";
    `gap`: base minus the range's middle (USD; NaN when the middle is open); `share_of_mid`:
    base / middle; `flips`: choice (`CHOICES`) -> the place the base gets when that choice of
    the method is flipped, for the choices that change it (empty: the verdict holds).
    """

    place: str
    near: str
    gap: float
    share_of_mid: float
    flips: Mapping[str, str] = field(default_factory=dict)

    @property
    def either_way(self) -> bool:
        """True when the verdict could go either way: the base is inside an edge's
        uncertainty, or a choice of the method flips it."""
        return bool(self.near or self.flips)


def _place(pay: LevelPay, base: float) -> str:
    low, _, high = pay.wages
    floor = low if np.isfinite(low) else pay.area_bottom if pay.open_low[0] else np.nan
    ceiling = high if np.isfinite(high) else pay.area_top if pay.open_high[2] else np.nan
    if np.isfinite(floor) and base < floor:
        return "below"
    if np.isfinite(ceiling) and base > ceiling and not pay.open_high[2]:
        return "above"
    return "within"


def verdict(pay: LevelPay, base: float, variants: Mapping[str, LevelPay] | None = None) -> Verdict:
    """Below, within or above the level's range: below its low edge, above its high edge, else
    within. An open low edge (the level's 25th percentile under what is published) means
    "below" needs a base under the area's lowest known wage; an open high edge means no base
    is "above" the range short of the area's highest known wage. With `variants` (see
    `variants`), the choices under which the place differs are named in `flips`."""
    place = _place(pay, base)
    near = ""
    if np.isfinite(pay.low[0]) and pay.low[0] <= base <= pay.high[0]:
        near = "low"
    elif np.isfinite(pay.low[2]) and pay.low[2] <= base <= pay.high[2]:
        near = "high"
    flips = {k: p for k, v in (variants or {}).items() if (p := _place(v, base)) != place}
    mid = pay.wages[1]
    gap = base - mid if np.isfinite(mid) else float("nan")
    share = base / mid if np.isfinite(mid) else float("nan")
    return Verdict(place, near, gap, share, flips)
