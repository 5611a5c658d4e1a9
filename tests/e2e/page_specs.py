"""What the browser tests expect of each page's default view. Page authors: fill in your row.

One PageSpec per st.Page in dashboard.py (tests/e2e/test_page_specs.py checks the list matches).

- title: the text of the page's `st.title(...)` (exact).
- known_text: a figure or phrase that must be visible in the default view, taken from a
  published source (e.g. "$185,080", San Jose's OEWS Data Scientists median) or the page's
  own wording; None = only the title is checked. Tables are drawn on a canvas: their cells
  are not page text, so pick a metric, a caption or Markdown.
- min_charts: how many plotly charts the default view draws at least.
- filter: a selectbox bound to the URL (ui.state.choice), or None:
  Filter(param="to", value="Indianapolis, IN", label="To metro"). `value` is what the URL
  holds for the option: the option as the widget shows it (format_func(option)), which is
  also the widget's text unless `shown` says otherwise. `value` must not be the widget's
  default: the test picks it in the widget and expects the URL to change.
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
        filter=Filter("occ", "Software Developers (15-1252)", "Occupation"),
    ),
    PageSpec(
        "app_pages/cost_of_living.py",
        "cost_of_living",
        title="Cost of living",
        known_text="Same purchasing power",
        min_charts=4,
        filter=Filter("to", "Indianapolis, IN", "To metro"),
    ),
    # OEWS national Data Scientists employment: 262,440 jobs (the market-spread caption).
    PageSpec(
        "app_pages/levels.py",
        "levels",
        title="Career levels",
        known_text="262,440 jobs",
        min_charts=3,
        filter=Filter("country", "All countries", "Company country"),
    ),
    # BLS OEWS May 2025: US Computer and Information Systems Managers (11-3021) median
    # $175,140 (the scale tile under the career paths).
    PageSpec(
        "app_pages/career_paths.py",
        "career_paths",
        title="Certifications & career paths",
        known_text="$175,140",
        min_charts=3,
        filter=Filter("country", "Germany", "Country"),
    ),
    PageSpec(
        "app_pages/specializations.py",
        "specializations",
        title="Specializations",
        known_text="Association, not causation",
        min_charts=2,
        filter=Filter("base", "MLOps / ML infrastructure", "Compare against"),
    ),
    # OEWS national Data Scientists employment 262,440.
    PageSpec(
        "app_pages/industries.py",
        "industries",
        title="Industries",
        known_text="262,440",
        min_charts=1,
        filter=Filter("occ", "Software Developers (15-1252)", "Occupation"),
    ),
    # San Francisco Data Scientists median $170,110 is the default HQ salary.
    PageSpec(
        "app_pages/remote.py",
        "remote",
        title="Remote work",
        known_text="$170,110",
        min_charts=3,
        filter=Filter("hq", "New York, NY", "HQ metro"),
    ),
    # aijobs.net salaries.csv: 27,424 full-time 2024 records once exact repeats are dropped.
    PageSpec(
        "app_pages/trends.py",
        "trends",
        title="Trends",
        known_text="27,424 records",
        min_charts=1,
        filter=Filter("level", "Senior", "Level"),
    ),
    # Each offer's range is read against all US workers and against the pay-transparency
    # states. Its filter: the prices to compare in (bound to the URL like every page's).
    PageSpec(
        "app_pages/offer_check.py",
        "offer_check",
        title="Offer check",
        known_text="Read against the pay-transparency states",
        min_charts=3,
        filter=Filter("ref", "New York, NY", "Compare take-home in the prices of"),
    ),
    # The ten hubs' published OEWS Data Scientists jobs add up to 67,510.
    PageSpec(
        "app_pages/pay_bands.py",
        "pay_bands",
        title="Pay bands by region",
        known_text="n = 67,510",
        min_charts=3,
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
