"""Data & methods: where every number comes from, how it is computed, and the tables."""

import streamlit as st

from analysis import catalog
from analysis.load import TABLES, DataUnavailable
from ui import data, layout

st.title("Data & methods")
st.write(
    "Every figure in AI Pay Atlas comes from a public source through the project's own build "
    "(`python -m analysis.build`). Nothing is typed in or simulated."
)

try:
    manifest = data.manifest()
except DataUnavailable as err:
    layout.empty_state(str(err))
    st.stop()

st.subheader("Sources")
sources = catalog.sources_table(manifest)
st.dataframe(
    sources,
    hide_index=True,
    column_config={
        "url": st.column_config.LinkColumn("Official URL"),
        "rows_read": st.column_config.NumberColumn("Rows read", format="localized"),
        "rows_written": st.column_config.NumberColumn("Rows written", format="localized"),
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

st.subheader("Definitions")
for term, meaning in catalog.DEFINITIONS:
    st.markdown(f"**{term}.** {meaning}")

st.subheader("Processed tables")
st.write("Download any table the dashboard reads (CSV, formulas escaped).")
columns = st.columns(4)
for i, name in enumerate(TABLES):
    with columns[i % 4]:
        try:
            frame = data.table(name)
        except DataUnavailable:
            st.caption(f"{name}: not built")
            continue
        layout.download(
            frame, f"{name}.csv", key=f"data_methods_{name}", label=f"{name} ({len(frame):,} rows)"
        )

with st.expander("Input files and their sha256"):
    st.dataframe(catalog.inputs_table(manifest), hide_index=True, key="data_methods_inputs")
    st.code(str(manifest.get("build_command", "")), language="bash")
