"""`python -m benchmarks.analysis`: time every analysis function a page calls, as the page calls
it (default inputs), on the full processed tables.

Target (issue 4): each function answers in under 50 ms once the tables are loaded; those that
cannot (regressions, bootstraps, LOWESS) rely on the pages' cache (`ui.cache.run`), computed
once per input, or, where their inputs are few and fixed, are computed by the build
(`databuild.precomputed`) and the page times reading the stored rows (`stored_*`). The floor
is one groupby median over the salary table, interleaved with the cases (floor, case 1, ...,
case N, floor, ...), so its ratios survive a busy machine.

`CASES` lists the calls page by page; `page_calls()` reads app_pages/ for the analysis
functions the pages call, so tests/test_benchmarks_smoke.py can fail when a page calls one no
case times (and runs every case once, so a changed signature fails the build, not the next
benchmark). Options: --runs N (default 5), --quick (one run, no warm-up: the CI smoke).
Prints a markdown table.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "app_pages"
RUNS = 5
TARGET_MS = 50.0
DS = "15-2051"  # Data Scientists: every page's default occupation
SF, SJ, AUSTIN, NYC = "41860", "41940", "12420", "35620"


@dataclass(frozen=True)
class Case:
    """One analysis call as a page makes it: `call(data, done)`, where `done` maps the names of
    earlier cases to their results (for functions that take another's output)."""

    page: str
    name: str  # "module.function", as app_pages/ spells it
    call: Callable[[object, dict[str, object]], object]


START = dt.date(2027, 1, 1)


def _offer_specs(data) -> list[object]:
    """The Offer check's two default offers (San Francisco and New York, the occupations
    employers file the track's titles under, each metro's published median of the largest
    as the base), as the page builds them."""
    from analysis import comparison
    from analysis.compensation import OfferTerms
    from analysis.populations import BY_EVIDENCE

    occ = BY_EVIDENCE
    return [
        comparison.OfferSpec(
            label=f"Offer {letter}",
            cbsa=cbsa,
            occupation=occ,
            track="ML engineer",
            level="Senior",
            terms=OfferTerms(base=comparison.default_base(data, cbsa, occ)),
        )
        for letter, cbsa in (("A", SF), ("B", NYC))
    ]


_MANY: dict[int, bytes] = {}


def _many_bands(data, rows: int = 5_000) -> bytes:
    """An upload of `rows` band rows made from the data (issue 21: 5,000 rows in under 2 s):
    each metro's published Data Scientist 25th / median / 75th percentile, by CBSA code, at
    each level and with none, cycling over the metros (the midpoint + 1 dollar a cycle, so
    no row repeats another and every row is checked)."""
    from analysis.wages import PLACES, cross_industry

    if id(data) in _MANY:  # made once: the case times reading it, not writing it
        return _MANY[id(data)]
    found = cross_industry(data.wages, DS, PLACES).dropna(subset=["a_pct25", "a_median", "a_pct75"])
    levels = ("Entry", "Mid", "Senior", "")
    lines = ["role,metro,level,min,mid,max"]
    for i in range(rows):
        r = found.iloc[i % len(found)]
        lines.append(
            f"{DS},{r['cbsa']},{levels[i // len(found) % 4]},{r['a_pct25']:.0f},"
            f"{r['a_median'] + i // len(found):.0f},{r['a_pct75']:.0f}"  # no row repeats
        )
    return _MANY.setdefault(id(data), ("\n".join(lines) + "\n").encode())


def cases() -> list[Case]:
    """Every analysis call of every page, with the page's default inputs, in page order."""
    from analysis import (
        ageing,
        band_check,
        band_structure,
        bands,
        career_paths,
        catalog,
        certifications,
        company_size,
        comparison,
        filters,
        hubs,
        industries,
        level_bands,
        level_checks,
        levels,
        living,
        metros,
        offer_risk,
        overview,
        pooled,
        populations,
        prices,
        remote,
        specialties,
        stats,
        take_home,
        tools,
        trends,
        visa,
        wages,
        zones,
    )

    hub_list = list(metros.DEFAULT_HUBS)
    tracks = ["ML engineer", "Data scientist"]
    specs = {"baseline": "General", "tracks": list(specialties.DEFAULT_TRACKS)}
    trend = {"level": None, "country_group": "All countries", "drop_duplicates": True}
    tiers = remote.Tiers()
    template = (
        b"role,metro,min,mid,max\n15-2051,San Jose,150000,180000,210000\n"
        b"Data scientist,Austin,100000,120000,140000\n"
    )
    c = Case
    return [
        c("overview", "overview.national_medians", lambda d, r: overview.national_medians(d)),
        c("overview", "overview.headline", lambda d, r: overview.headline(d)),
        c("hubs", "wages.occupations", lambda d, r: wages.occupations(d)),
        c("hubs", "metros.metro_options", lambda d, r: metros.metro_options(d, DS)),
        c("hubs", "hubs.compare_hubs", lambda d, r: hubs.compare_hubs(d, DS, hub_list)),
        c("hubs", "hubs.all_metros_for_map", lambda d, r: hubs.all_metros_for_map(d, DS)),
        c("hubs", "wages.national_median", lambda d, r: wages.national_median(d, DS)),
        c("hubs", "hubs.equal_power_line", lambda d, r: hubs.equal_power_line(d, DS)),
        c("hubs", "hubs.rank_intervals", lambda d, r: hubs.rank_intervals(d, DS, hub_list)),
        c(
            "cost_of_living",
            "living.equivalent_salary",
            lambda d, r: living.equivalent_salary(d, 150_000, SJ, AUSTIN, DS),
        ),
        c(
            "cost_of_living",
            "living.equivalent_after_tax",
            lambda d, r: living.equivalent_after_tax(d, 150_000, SJ, AUSTIN),
        ),
        c(
            "cost_of_living",
            "living.price_components",
            lambda d, r: living.price_components(d, [SJ, AUSTIN]),
        ),
        c(
            "cost_of_living",
            "living.price_history",
            lambda d, r: living.price_history(d, [SJ, AUSTIN]),
        ),
        c(
            "cost_of_living",
            "living.rent_burden",
            lambda d, r: living.rent_burden(d, [SJ, AUSTIN], DS, salary=150_000.0),
        ),
        c("levels", "levels.progression", lambda d, r: levels.progression(d, tracks, "US")),
        c(
            "levels",
            "levels.step_up",
            lambda d, r: levels.step_up(d, "ML engineer", "Entry", "Senior", "US"),
        ),
        c("levels", "filters.duplicate_share", lambda d, r: filters.duplicate_share(d)),
        c(
            "levels",
            "company_size.pay_by_company_size",
            lambda d, r: company_size.pay_by_company_size(d, tracks, "US"),
        ),
        c(
            "levels",
            "company_size.size_recording",
            lambda d, r: company_size.size_recording(d, tracks, "US"),
        ),
        c(
            "levels",
            "levels.stored_experience_curve",
            lambda d, r: levels.stored_experience_curve(d, True, True),
        ),
        c("levels", "levels.market_spread", lambda d, r: levels.market_spread(d, DS)),
        c(
            "levels",
            "stats.ratio_intervals",
            lambda d, r: stats.ratio_intervals(
                *(r["levels.progression"][k] for k in ("step_up", "step_low", "step_high"))
            ),
        ),
        c(
            "career_paths",
            "certifications.stored_certification_pay",
            lambda d, r: certifications.stored_certification_pay(d),
        ),
        c(
            "career_paths",
            "career_paths.path_by_experience",
            lambda d, r: career_paths.path_by_experience(d, "US"),
        ),
        c(
            "career_paths",
            "career_paths.path_by_level",
            lambda d, r: career_paths.path_by_level(d, "US"),
        ),
        c("career_paths", "career_paths.bls_scale", lambda d, r: career_paths.bls_scale(d)),
        c(
            "career_paths",
            "career_paths.at_years",
            lambda d, r: career_paths.at_years(r["career_paths.path_by_experience"]),
        ),
        c(
            "career_paths",
            "career_paths.undrawn_paths",
            lambda d, r: career_paths.undrawn_paths(r["career_paths.path_by_experience"]),
        ),
        c("career_paths", "career_paths.rules_table", lambda d, r: career_paths.rules_table()),
        c(
            "specializations",
            "specialties.raw_premiums",
            lambda d, r: specialties.raw_premiums(d, **specs),
        ),
        c(
            "specializations",
            "specialties.adjusted_premiums",
            lambda d, r: specialties.adjusted_premiums(d, **specs),
        ),
        c(
            "specializations",
            "specialties.premium_comparison",
            lambda d, r: specialties.premium_comparison(
                r["specialties.raw_premiums"], r["specialties.adjusted_premiums"]
            ),
        ),
        c(
            "specializations",
            "specialties.controls_text",
            lambda d, r: specialties.controls_text(r["specialties.adjusted_premiums"]),
        ),
        c(
            "specializations",
            "tools.stored_tool_premiums",
            lambda d, r: tools.stored_tool_premiums(d, "ml"),
        ),
        c("industries", "industries.occupations", lambda d, r: industries.occupations(d)),
        c("industries", "industries.national_total", lambda d, r: industries.national_total(d, DS)),
        c(
            "industries",
            "industries.industry_groups",
            lambda d, r: industries.industry_groups(d, DS),
        ),
        c(
            "industries",
            "industries.industry_detail",
            lambda d, r: industries.industry_detail(d, DS, industries.GROUP_DEPTH),
        ),
        c("remote", "filters.salary_years", lambda d, r: filters.salary_years(d)),
        c(
            "remote",
            "remote.pay_by_remote",
            lambda d, r: remote.pay_by_remote(d, None, r["filters.salary_years"][1], "US"),
        ),
        c("remote", "remote.remote_share", lambda d, r: remote.remote_share(d, "US")),
        c("remote", "metros.hub_names", lambda d, r: metros.hub_names(d)),
        c("remote", "remote.hq_median", lambda d, r: remote.hq_median(d, remote.DEFAULT_HQ)),
        c("remote", "remote.ordered_tiers", lambda d, r: remote.ordered_tiers(tiers)),
        c(
            "remote",
            "remote.geo_policy",
            lambda d, r: remote.geo_policy(d, r["remote.hq_median"], remote.DEFAULT_HQ, tiers),
        ),
        c(
            "remote",
            "remote.policy_table",
            lambda d, r: remote.policy_table(
                d, r["remote.hq_median"], remote.DEFAULT_HQ, tiers, "pay"
            ),
        ),
        c("trends", "prices.latest_year", lambda d, r: prices.latest_year(d)),
        c("trends", "trends.adjusted_trend", lambda d, r: trends.adjusted_trend(d, **trend)),
        c("trends", "trends.composition", lambda d, r: trends.composition(d, **trend)),
        c(
            "trends",
            "trends.trend_table",
            lambda d, r: trends.trend_table(r["trends.adjusted_trend"], r["trends.composition"]),
        ),
        c(
            "trends",
            "trends.select_series",
            lambda d, r: trends.select_series(r["trends.adjusted_trend"], "both"),
        ),
        c(
            "trends",
            "trends.pay_change",
            lambda d, r: trends.pay_change(d, 2021, 2023, None, "All countries"),
        ),
        c("offer_check", "metros.metro_labels", lambda d, r: metros.metro_labels(d)),
        c(
            "offer_check",
            "comparison.default_base",
            lambda d, r: comparison.default_base(d, SF, populations.BY_EVIDENCE),
        ),
        c(
            "offer_check",
            "comparison.filed_occupation",
            lambda d, r: comparison.filed_occupation(d, populations.BY_EVIDENCE, "ML engineer"),
        ),
        c(
            "offer_check",
            "comparison.compare_offers",
            lambda d, r: comparison.compare_offers(d, _offer_specs(d), "US", start=START),
        ),
        c("offer_check", "take_home.state_spans", lambda d, r: take_home.state_spans(d)),
        c(
            "offer_check",
            "offer_risk.standings",
            lambda d, r: offer_risk.standings(r["comparison.compare_offers"]),
        ),
        c(
            "offer_check",
            "offer_risk.flip_price",
            lambda d, r: offer_risk.flip_price(d, _offer_specs(d), "US", START),
        ),
        c(
            "offer_check",
            "offer_risk.leaving_early",
            lambda d, r: offer_risk.leaving_early(_offer_specs(d)),
        ),
        c(
            "offer_check",
            "offer_risk.price_scenarios",
            lambda d, r: offer_risk.price_scenarios(d, _offer_specs(d), "US", START),
        ),
        c(
            "offer_check",
            "offer_risk.withholding_rule",
            lambda d, r: offer_risk.withholding_rule(d),
        ),
        c(
            "offer_check",
            "offer_risk.withholding_gaps",
            lambda d, r: offer_risk.withholding_gaps(
                d, _offer_specs(d), START, r["offer_risk.withholding_rule"]
            ),
        ),
        c("offer_check", "visa.wage_level", lambda d, r: visa.wage_level(d, SF, DS, 170_000.0)),
        c(
            "offer_check",
            "take_home.left_out_first",
            lambda d, r: take_home.left_out_first(catalog.tax_coverage(d), ["CA", "NY"]),
        ),
        c("offer_check", "take_home.describe", lambda d, r: take_home.describe("NJ|NY")),
        c(
            "offer_check",
            "take_home.worth_in_hubs",
            lambda d, r: take_home.worth_in_hubs(d, 170_000.0, SF, DS),
        ),
        c("pay_bands", "level_bands.reference_date", lambda d, r: level_bands.reference_date(d)),
        c("pay_bands", "bands.regions", lambda d, r: bands.regions(d)),
        c("pay_bands", "bands.region_states", lambda d, r: bands.region_states(d, None)),
        c("pay_bands", "bands.region_metros", lambda d, r: bands.region_metros(d, None, None)),
        c(
            "pay_bands",
            "level_bands.placements",
            lambda d, r: level_bands.placements(d, DS, "Data scientist", 50),
        ),
        c(
            "pay_bands",
            "level_bands.level_bands",
            lambda d, r: level_bands.level_bands(d, hub_list, r["level_bands.placements"], 0.2),
        ),
        c(
            "pay_bands",
            "pooled.regional_ladder",
            lambda d, r: pooled.regional_ladder(d, hub_list, DS),
        ),
        c(
            "pay_bands",
            "band_structure.band_structure",
            lambda d, r: band_structure.band_structure(r["level_bands.level_bands"]),
        ),
        c(
            "pay_bands",
            "zones.geo_zones",
            lambda d, r: zones.geo_zones(d, r["level_bands.level_bands"], hub_list[0]),
        ),
        c(
            "pay_bands",
            "bands.labelled_bands",
            lambda d, r: bands.labelled_bands(d, hub_list, [DS]),
        ),
        c(
            "pay_bands",
            "bands.talent_pools",
            lambda d, r: bands.talent_pools(d, list(r["bands.region_metros"]["cbsa"]), DS),
        ),
        c(
            "pay_bands",
            "bands.upload_template",
            lambda d, r: bands.upload_template(r["bands.labelled_bands"]),
        ),
        c(
            "pay_bands",
            "band_check.read_bands",
            lambda d, r: band_check.read_bands(d, template, DS),
        ),
        c(
            "pay_bands",
            "band_check.check_bands",
            lambda d, r: band_check.check_bands(d, r["band_check.read_bands"]),
        ),
        c(
            "pay_bands",
            "band_check.summary",
            lambda d, r: band_check.summary(
                r["band_check.read_bands"], r["band_check.check_bands"]
            ),
        ),
        c(
            "pay_bands",
            "band_check.read_bands (5,000 rows; target with check: 2 s)",
            lambda d, r: band_check.read_bands(d, _many_bands(d), DS),
        ),
        c(
            "pay_bands",
            "band_check.check_bands (5,000 rows)",
            lambda d, r: band_check.check_bands(
                d, r["band_check.read_bands (5,000 rows; target with check: 2 s)"]
            ),
        ),
        c("data_methods", "catalog.sources_table", lambda d, r: catalog.sources_table(d)),
        c("data_methods", "ageing.price_rate", lambda d, r: ageing.price_rate(d)),
        c(
            "data_methods",
            "level_checks.stored_backtest",
            lambda d, r: level_checks.stored_backtest(d),
        ),
        c(
            "data_methods",
            "level_checks.sensitivity",
            lambda d, r: level_checks.sensitivity(d, as_of=START, other_rate=0.026),
        ),
        c(
            "data_methods",
            "level_checks.sensitivity_summary",
            lambda d, r: level_checks.sensitivity_summary(r["level_checks.sensitivity"]),
        ),
        c(
            "data_methods",
            "populations.evidence_table",
            lambda d, r: populations.evidence_table(d, top=3),
        ),
        c("data_methods", "catalog.inputs_table", lambda d, r: catalog.inputs_table(d)),
        c("data_methods", "catalog.tax_coverage", lambda d, r: catalog.tax_coverage(d)),
    ]


def page_calls(pages_dir: Path = PAGES_DIR) -> dict[str, set[str]]:
    """ "module.function" -> the pages calling it, for every call of a public function of an
    `analysis` module in app_pages/*.py (directly or through `cache.run(module.function, ...)`).
    Classes (capitalized names, e.g. remote.Tiers) are not calls to time."""
    found: dict[str, set[str]] = {}
    for path in sorted(pages_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "analysis"
            for alias in node.names
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            targets = [node.func]
            if isinstance(node.func, ast.Attribute) and node.func.attr == "run" and node.args:
                targets.append(node.args[0])  # cache.run(module.function, ...)
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in modules
                    and not target.attr[:1].isupper()
                    and not target.attr.startswith("_")
                ):
                    found.setdefault(f"{target.value.id}.{target.attr}", set()).add(path.stem)
    return found


def load_tables():
    """The processed tables of data/ (ATLAS_DATA_DIR), every table read (a missing one is
    left for the case that needs it to report), and the seconds that took."""
    from analysis.data import TABLES, DataUnavailable, Tables
    from analysis.paths import DATA_DIR

    start = time.perf_counter()
    data = Tables.open(DATA_DIR)
    for name in TABLES:
        try:
            data.table(name)
        except DataUnavailable as err:
            print(f"  not loaded: {err}", file=sys.stderr)
    return data, time.perf_counter() - start


@dataclass
class Timing:
    """The seconds of one case's calls, or why it failed (its first call raised)."""

    name: str
    page: str
    seconds: list[float]
    error: str | None = None


def run_cases(data, runs: int, warm_up: bool = True) -> list[Timing]:
    """Each case and the floor (first), `runs` interleaved repetitions (floor, case 1, ...,
    floor, ...). The first call fills the results later cases take; with `warm_up` it is not
    timed. A case that raises is reported with its error and not repeated."""
    salaries = data.salaries
    floor = Case("", "floor", lambda d, r: salaries.groupby("level")["salary_usd"].median())
    todo = [floor, *cases()]
    done: dict[str, object] = {}
    timings = [Timing(case.name, case.page, []) for case in todo]
    for case, timing in zip(todo, timings, strict=True):
        start = time.perf_counter()
        try:
            done[case.name] = case.call(data, done)
        except Exception as err:  # a changed signature or a missing table: say which
            timing.error = f"{type(err).__name__}: {err}"[:300]
            continue
        if not warm_up:
            timing.seconds.append(time.perf_counter() - start)
    for _ in range(runs - (0 if warm_up else 1)):
        for case, timing in zip(todo, timings, strict=True):
            if timing.error is None:
                start = time.perf_counter()
                case.call(data, done)
                timing.seconds.append(time.perf_counter() - start)
    return timings


def report(timings: list[Timing], load_s: float, runs: int) -> str:
    """Markdown: min and median ms per call, median × the floor's median, under 50 ms."""
    floor = statistics.median(timings[0].seconds)
    lines = [
        f"Loaded every table in {load_s:.2f} s (target 0.5 s). {runs} run(s) per call.",
        "",
        "| page | function | min ms | median ms | / floor | under 50 ms |",
        "|---|---|---:|---:|---:|:---:|",
    ]
    for t in timings:
        page = t.page or "floor: salaries groupby median"
        if t.error:
            lines.append(f"| {page} | {t.name} | – | – | – | failed: {t.error} |")
            continue
        median = statistics.median(t.seconds)
        ok = "" if t.name == "floor" else ("yes" if median * 1000 < TARGET_MS else "no")
        lines.append(
            f"| {page} | {t.name} | {min(t.seconds) * 1000:.1f} | {median * 1000:.1f} "
            f"| {median / floor:.0f}× | {ok} |"
        )
    missing = sorted(set(page_calls()) - {t.name for t in timings})
    if missing:
        lines += ["", f"Not timed (no case yet): {', '.join(missing)}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--quick", action="store_true", help="one run, no warm-up (CI smoke)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    data, load_s = load_tables()
    timings = run_cases(data, runs, warm_up=not args.quick)
    print(report(timings, load_s, runs))
    return 1 if any(t.error for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
