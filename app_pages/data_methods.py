"""Data & methods: where every number comes from, how it is computed, and the tables."""

import datetime as dt

import streamlit as st

from analysis import ageing, catalog, level_checks, occupations, populations, take_home
from analysis.data import TABLES, DataUnavailable
from ui import cache, columns, layout
from ui.method_text import data_answer, sensitivity_sentence
from ui.text import DEFINITIONS, LEVEL_METHOD, LIMITATIONS, plain

st.title("Data & methods")

try:
    data = cache.tables()
    facts = data.facts
except DataUnavailable as err:
    layout.empty_state(str(err))
    st.stop()

sources = cache.run(catalog.sources_table, data)
layout.answer(data_answer(sources, facts.captions))
st.caption("Built by the project's own `python -m databuild` from each source as published.")

st.subheader("Sources")
st.markdown(  # a list, not a grid: every title and vintage shown whole, on any screen
    "\n".join(
        f"- **{plain(r.source)}** · {plain(r.publisher)} · {plain(r.vintage)} · "
        f"{plain(r.licence)} · {r.rows_written:,} rows"
        + (f" · [official page]({r.url.replace(')', '%29')})" if r.url else "")
        for r in sources.itertuples()
    )
)
with st.expander("Caveats of each source, in full"):
    st.markdown(
        "\n".join(f"- **{plain(r.source)}**: {plain(r.caveats)}" for r in sources.itertuples())
    )
layout.download(sources, "ai-pay-atlas-sources.csv", key="data_methods_sources_csv")
st.caption(
    "Licences: BLS, BEA, Census/OMB and HUD data are US public domain; the aijobs.net salary "
    "index is CC0; Stack Overflow survey data is ODbL 1.0 — the derived `survey` table is "
    "shared under ODbL with attribution: “Data from the Stack Overflow Developer Survey "
    "2024/2025, licensed under ODbL”."
)

st.subheader("What the data cannot tell you")
st.markdown("\n".join(f"- {line}" for line in LIMITATIONS))
coverage = cache.run(catalog.tax_coverage, data)
if not coverage.empty:
    included, left_out = coverage[coverage["covered"]], coverage[~coverage["covered"]]
    st.markdown(
        "**Local taxes in the take-home figures**\n"
        + "\n".join(
            f"- {plain(take_home.LOCAL_TAXES.get(r.tax, r.tax))}: {plain(r.detail)}"
            for r in included.itertuples()
        )
        + "\n\n**Left out**\n"
        + "\n".join(f"- {plain(r.tax)}: {plain(r.detail)}" for r in left_out.itertuples())
    )

st.subheader("Definitions")
for term, meaning in DEFINITIONS:
    st.markdown(f"**{term}.** {meaning.format(top_code=f'${facts.top_code:,.0f}')}")

st.subheader("A level's pay in a place, and how well it holds up")
rate = ageing.price_rate(data)
bls = facts.captions["oews"].split(", ")[-1]
states = ", ".join(sorted(law.place for law in populations.TRANSPARENCY_LAWS))
st.markdown(
    LEVEL_METHOD.format(
        min_share=f"{occupations.MIN_WEIGHT:.0%}", slack=populations.SLACK, states=states,
        bls=bls, assumes=ageing.NO_AGEING.assumes, why=ageing.NO_AGEING.source,
        tested=rate.source,
    )
)  # fmt: skip
with layout.friendly_errors():
    check = cache.run(level_checks.stored_backtest, data)
st.dataframe(
    check, hide_index=True, column_config=columns.backtest_columns(), key="data_methods_backtest"
)
layout.source_caption(
    facts.caption("aijobs"),
    n=int(check["n_test"].sum()),
    note="US companies, full-time, ML/AI/data-science/data-engineering tracks, exact "
    "duplicates dropped; each held-back record judged against the 25th–75th range of its own "
    "track and level · random: a seeded 30% of 2023–2025 records held back · 2023 → 2024: the "
    "range from 2023 records, tested on 2024's",
)
layout.download(check, "level_range_backtest.csv", key="data_methods_backtest_csv")

st.markdown("**How far each choice of the method moves the ranges**")
if layout.available(data, "wages", "salaries", "lca_titles", "cpi"):
    today = dt.date.today()
    with layout.friendly_errors():
        moves = cache.run(level_checks.sensitivity, data, as_of=today, other_rate=rate.rate)
    summary = level_checks.sensitivity_summary(moves)
    st.write(sensitivity_sentence(summary))
    st.dataframe(
        summary, hide_index=True, column_order=list(columns.sensitivity_summary_columns()),
        column_config=columns.sensitivity_summary_columns(), key="data_methods_sensitivity",
    )  # fmt: skip
    layout.source_caption(
        facts.caption("oews", "aijobs", "oflc_lca", "cpi"),
        n=int(moves.drop_duplicates(["cbsa", "track", "level"])["n"].sum()),
        note=f"{', '.join(moves['area'].unique())}; {', '.join(level_checks.CHECKED_TRACKS)}; "
        f"every level with 10+ records · default: the filed occupations, all US workers, exact "
        f"duplicates dropped, read for {today.isoformat()} at 0% a year · each row flips one "
        "choice: duplicates kept, the pay-transparency states, the track's stand-in occupation "
        f"alone, ageing at the rate of consumer prices ({rate.rate:.1%} a year) · moves of the "
        "25th, 50th and 75th percentile edges with a number both ways",
    )
    with st.expander("Every metro, track, level and choice"):
        st.dataframe(
            moves, hide_index=True, column_order=list(columns.sensitivity_columns()),
            column_config=columns.sensitivity_columns(), placeholder="—",
        )  # fmt: skip
    layout.download(moves, "level_range_sensitivity.csv", key="data_methods_sensitivity_csv")

st.subheader("Which occupations employers file these job titles under")
st.write(
    "BLS has no ML-engineer occupation. Employers' certified H-1B filings name a job title and "
    "the occupation they file it under: each salary-index title is matched exactly to those "
    "titles. Per track: the occupations the Offer check's market range mixes (with their "
    "weights) and the track's three largest, with the stand-in occupation a single-occupation "
    "reading uses."
)
if layout.available(data, "wages", "salaries", "lca_titles"):
    with layout.friendly_errors():
        evidence = cache.run(populations.evidence_table, data, top=3)
    st.dataframe(
        evidence, hide_index=True, column_order=list(columns.evidence_columns()),
        column_config=columns.evidence_columns(), placeholder="—", key="data_methods_occupations",
    )  # fmt: skip
    layout.source_caption(
        facts.caption("oflc_lca", "aijobs"),
        n=int(evidence["filings"].sum()),
        note="filings under the exact (upper-cased) salary-index titles · weight: each title's "
        "shares weighted by its salary-index records · in the range: the weight after occupations "
        f"under {occupations.MIN_WEIGHT:.0%} and those without BLS wages are left out · SOC 2010 "
        "codes moved to 2018 where the BLS crosswalk moves them whole",
    )

st.subheader("Processed tables")
st.write("Download any table the dashboard reads (CSV, spreadsheet formulas escaped).")
cells = st.columns(4)
for i, name in enumerate(TABLES):
    with cells[i % 4]:
        try:
            frame = data.table(name)
        except DataUnavailable:
            st.caption(f"{name}: not built")
            continue
        label = f"{name} ({len(frame):,} rows)"
        layout.download(frame, f"{name}.csv", key=f"data_methods_{name}", label=label)

with st.expander("Input files and their sha256"):
    st.dataframe(cache.run(catalog.inputs_table, data), hide_index=True, key="data_methods_inputs")
    st.code(str(data.manifest.get("build_command", "")), language="bash")
