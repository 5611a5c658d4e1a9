"""`python -m benchmarks.analysis`: time every analysis function a page calls, on the full tables.

Target (issue 4): each function answers in under 50 ms once the tables are loaded; those that
cannot (regressions, bootstraps, LOWESS) are marked "cached" — the pages compute them once per
input through st.cache_data. The floor is one groupby median over the salary table, run in the
same process, so the ratios survive a busy machine. Prints a markdown table.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TARGET_MS = 50.0


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall-clock milliseconds of `runs` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cases(t: dict) -> list[tuple[str, Callable[[], object], bool]]:
    """(name, call, cached at the page) for each function the pages use."""
    from analysis import (
        bands,
        hubs,
        industries,
        levels,
        living,
        offers,
        overview,
        remote,
        specialties,
        trends,
    )

    w, m, p, r = t["wages"], t["metros"], t["price_parities"], t["rents"]
    s, sv, th = t["salaries"], t["survey"], t["take_home"]
    hub_list = list(hubs.DEFAULT_HUBS)
    names = hubs.hub_names(m)
    ds = "15-2051"
    offer = {"occ": ds, "cbsa": "41860", "level": "Senior", "track": "Data scientist"}
    return [
        ("hubs.compare_hubs", lambda: hubs.compare_hubs(w, m, p), False),
        ("hubs.all_metros_for_map", lambda: hubs.all_metros_for_map(w, m, p, occupation=ds), False),
        (
            "living.equivalent_salary",
            lambda: living.equivalent_salary(150_000, "41940", "12420", w, m, p, occupation=ds),
            False,
        ),
        (
            "living.rent_burden",
            lambda: living.rent_burden(w, m, p, r, hub_list, occupation=ds),
            False,
        ),
        ("living.price_history", lambda: living.price_history(p, m, hub_list), False),
        (
            "levels.progression",
            lambda: levels.progression(s, ["ML engineer", "Data scientist"]),
            True,
        ),
        ("levels.experience_curve", lambda: levels.experience_curve(sv), True),
        ("levels.market_spread", lambda: levels.market_spread(w), False),
        ("specialties.raw_premiums", lambda: specialties.raw_premiums(s), True),
        ("specialties.adjusted_premiums", lambda: specialties.adjusted_premiums(s), True),
        ("specialties.tool_premiums", lambda: specialties.tool_premiums(sv), True),
        ("industries.industry_groups", lambda: industries.industry_groups(w), False),
        ("industries.industry_detail", lambda: industries.industry_detail(w), False),
        ("remote.pay_by_remote", lambda: remote.pay_by_remote(s), True),
        ("remote.remote_share", lambda: remote.remote_share(s), False),
        ("remote.geo_policy", lambda: remote.geo_policy(p, 170_110, names), False),
        ("trends.adjusted_trend", lambda: trends.adjusted_trend(s), True),
        ("trends.composition", lambda: trends.composition(s), True),
        ("offers.check_offer", lambda: offers.check_offer(w, s, m, **offer, base=170_000), False),
        (
            "offers.worth_in_hubs",
            lambda: offers.worth_in_hubs(170_000, "41860", hub_list, p, w, ds, th, m),
            False,
        ),
        ("bands.market_bands", lambda: bands.market_bands(w, m, p, hub_list, [ds]), False),
        ("overview.headline", lambda: overview.headline(w, m, p, s), True),
    ]


def main() -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from analysis import load

    start = time.perf_counter()
    tables = {name: load.load_table(name) for name in load.TABLES}
    load_s = time.perf_counter() - start
    salaries = tables["salaries"]
    floor = median_ms(lambda: salaries.groupby("level")["salary_usd"].median())
    print(f"Loaded all {len(tables)} tables in {load_s:.2f} s (target 0.5 s).\n")
    print("| function | median ms | / floor | under 50 ms | cached at page |")
    print("|---|---:|---:|:---:|:---:|")
    print(f"| floor: salaries groupby median | {floor:.1f} | 1.0× | | |")
    for name, fn, cached in cases(tables):
        ms = median_ms(fn)
        ok = "yes" if ms < TARGET_MS else "no"
        print(f"| {name} | {ms:.1f} | {ms / floor:.0f}× | {ok} | {'yes' if cached else ''} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
