"""Data & methods: where every number comes from, how it is computed, and the tables."""

import streamlit as st

from analysis import catalog
from analysis.data import TABLES, DataUnavailable
from ui import cache, layout
from ui.text import DEFINITIONS, LIMITATIONS

st.title("Data & methods")
st.write(
    "Every figure in AI Pay Atlas comes from a public source through the project's own build "
    "(`python -m databuild`). No figure is typed in or simulated; the few settings you "
    "can change (such as the geo-pay tiers on Remote work) are labelled as your inputs."
)

try:
    data = cache.tables()
    facts = data.facts
except DataUnavailable as err:
    layout.empty_state(str(err))
    st.stop()

st.subheader("Sources")
sources = cache.run(catalog.sources_table, data)
st.dataframe(
    sources[["source", "vintage", "licence", "publisher", "rows_written", "url", "caveats"]],
    hide_index=True,
    column_config={
        "source": st.column_config.TextColumn("Source", width="medium"),
        "vintage": st.column_config.TextColumn("Vintage"),
        "licence": st.column_config.TextColumn("Licence"),
        "publisher": st.column_config.TextColumn("Publisher"),
        "rows_written": st.column_config.NumberColumn("Rows", format="localized"),
        "url": st.column_config.LinkColumn("Official URL"),
        "caveats": st.column_config.TextColumn("Caveats", width="large"),
    },
    key="data_methods_sources",
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

st.subheader("Definitions")
for term, meaning in DEFINITIONS:
    st.markdown(f"**{term}.** {meaning.format(top_code=f'${facts.top_code:,.0f}')}")

st.subheader("Processed tables")
st.write("Download any table the dashboard reads (CSV, spreadsheet formulas escaped).")
columns = st.columns(4)
for i, name in enumerate(TABLES):
    with columns[i % 4]:
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
