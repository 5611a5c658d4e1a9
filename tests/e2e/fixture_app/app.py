"""A two-page app for the browser tests' own checks (URL-bound selectbox, navigation).

Not product code: the browser tests use it to prove the filter round trip works before any
dashboard page declares a filter in tests/e2e/page_specs.py.
"""

import streamlit as st

st.navigation(
    [
        st.Page("pages/home.py", title="Home", default=True),
        st.Page("pages/picker.py", title="Picker"),
    ]
).run()
