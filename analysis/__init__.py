"""AI Pay Atlas analysis package: pure pandas, no streamlit.

Data flows one way: raw files -> `analysis.sources` -> `analysis.build` -> `data/` ->
`analysis.load` -> question modules (hubs, living, levels, ...) -> pages.
"""
