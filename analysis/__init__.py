"""AI Pay Atlas analysis package: what the pages call. Pure pandas, no streamlit.

Data flows one way: raw files -> `databuild` (readers, checks, parquet) -> `data/` ->
`analysis.data.Tables` -> question modules (hubs, living, levels, ...) -> pages. Every question
function takes the `Tables` first and returns new frames or frozen dataclasses; none reads a
file or mutates its inputs.
"""
