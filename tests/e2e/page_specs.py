"""What the browser tests expect of each page's default view. Page authors: fill in your row.

One PageSpec per st.Page in dashboard.py (tests/e2e/test_page_specs.py checks the list matches).

- title: the text of the page's `st.title(...)` (exact).
- known_text: a figure or phrase that must be visible in the default view, taken from the real
  data (e.g. "$185,080" for a known OEWS median); None = only the title is checked.
- min_charts: how many plotly charts the default view draws at least.
- filter: a selectbox bound to the URL with ui.state.choice, or None:
  Filter(param="metro", value="41940", label="Metro", shown="San Jose") where `value` is how
  the option appears in the URL (str(option)), `label` is the widget's label and `shown` the
  option's text in the widget (format_func(option); defaults to `value`). `value` must not
  be the widget's default: the test picks it in the widget and expects the URL to change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filter:
    """A URL-bound selectbox: URL parameter, a non-default value, widget label, shown text."""

    param: str
    value: str
    label: str
    shown: str | None = None

    @property
    def text(self) -> str:
        """The option's text as the widget shows it."""
        return self.shown if self.shown is not None else self.value


@dataclass(frozen=True)
class PageSpec:
    """Expectations for one page; `url_path` is Streamlit's path ("" = the default page)."""

    file: str
    url_path: str
    title: str
    known_text: str | None = None
    min_charts: int = 0
    filter: Filter | None = None

    @property
    def name(self) -> str:
        """Short id used for test ids and screenshots (the page file's stem)."""
        return self.file.rsplit("/", 1)[-1].removesuffix(".py")


# Titles are what each page shows in its st.title (the default page is titled after the app).
PAGE_SPECS: list[PageSpec] = [
    # BLS OEWS May 2025: US Data Scientists median $120,230.
    PageSpec(
        "app_pages/overview.py", "", title="AI Pay Atlas", known_text="$120,230", min_charts=1
    ),
    # San Jose Data Scientists median $185,080.
    PageSpec(
        "app_pages/hubs.py",
        "hubs",
        title="Tech hubs",
        known_text="$185,080",
        min_charts=3,
        filter=Filter("occ", "15-1252", "Occupation", "Software Developers (15-1252)"),
    ),
    PageSpec(
        "app_pages/cost_of_living.py",
        "cost_of_living",
        title="Cost of living",
        known_text="Same purchasing power",
        min_charts=3,
        filter=Filter("to", "26900", "To metro", "Indianapolis, IN"),
    ),
    # aijobs.net US ML engineer Senior median, full-time 2023-2025, duplicates dropped.
    PageSpec(
        "app_pages/levels.py",
        "levels",
        title="Career levels",
        known_text="$195,000",
        min_charts=2,
        filter=Filter("country", "ALL", "Company country", "All countries"),
    ),
    # Median of the deduplicated full-time General ML/AI-engineer records (aijobs.net).
    PageSpec(
        "app_pages/specializations.py",
        "specializations",
        title="Specializations",
        known_text="$170,000",
        min_charts=1,
        filter=Filter("base", "MLOps / ML infrastructure", "Compare against"),
    ),
    # OEWS national Data Scientists employment 262,440.
    PageSpec(
        "app_pages/industries.py",
        "industries",
        title="Industries",
        known_text="262,440",
        min_charts=1,
        filter=Filter("occ", "15-1252", "Occupation", "Software Developers (15-1252)"),
    ),
    # San Francisco Data Scientists median $170,110 is the default HQ salary.
    PageSpec(
        "app_pages/remote.py",
        "remote",
        title="Remote work",
        known_text="$170,110",
        min_charts=2,
        filter=Filter("hq", "35620", "HQ metro", "New York, NY"),
    ),
    # aijobs.net 2023 full-time median reweighted to the 2024 mix, duplicates dropped.
    PageSpec(
        "app_pages/trends.py",
        "trends",
        title="Trends",
        known_text="$135,960",
        min_charts=1,
        filter=Filter("level", "Senior", "Level"),
    ),
    PageSpec(
        "app_pages/offer_check.py",
        "offer_check",
        title="Offer check",
        known_text="$170,110",
        min_charts=3,
        filter=Filter("metro", "35620", "Metro", "New York, NY"),
    ),
    PageSpec(
        "app_pages/pay_bands.py",
        "pay_bands",
        title="Pay bands by region",
        known_text="approximation",
        min_charts=1,
        filter=Filter("region", "West", "Census region"),
    ),
    # aijobs.net salary index: 74,301 records.
    PageSpec(
        "app_pages/data_methods.py",
        "data_methods",
        title="Data & methods",
        known_text="74,301 rows",
    ),
]
