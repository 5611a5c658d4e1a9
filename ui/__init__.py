"""Streamlit-side helpers shared by the pages: URL-bound widgets, cached data, captions.

Everything that imports streamlit lives here or in app_pages/; `analysis/` never does.
"""
