"""Tech hubs: which US metros pay most for an occupation, in dollars and after local prices?"""

import streamlit as st

from analysis import hubs
from ui import cached, layout, state
from ui.charts import hubs as charts

PAGE = "hubs"
VIEWS = {"nominal": "In dollars", "real": "After cost of living"}
TOP_NOTE = "BLS publishes wages of $239,200 or more only as “≥ $239,200”; they are drawn as such"

st.title("Tech hubs")
st.write("Which US metros pay most for AI and data work — in dollars, and after local prices?")

occs = cached.occupation_options()
titles = dict(zip(occs["occ_code"], occs["occ_title"], strict=True))
left, right = st.columns([1, 2])
with left:
    occ = state.choice(
        "Occupation",
        list(titles),
        page=PAGE,
        param="occ",
        default=hubs.OCCUPATION,
        format_func=lambda c: f"{titles[c]} ({c})",
    )
options = cached.metro_options(occ)
labels = dict(zip(options["cbsa"], options["label"], strict=True))
with right:
    chosen = state.choices(
        "Metros",
        list(labels),
        page=PAGE,
        param="metros",
        default=[c for c in hubs.DEFAULT_HUBS if c in labels],
        format_func=labels.get,
        placeholder="Add metros",
    )
view = state.choice(
    "Show pay",
    list(VIEWS),
    page=PAGE,
    param="view",
    default="nominal",
    widget=st.segmented_control,
    format_func=VIEWS.get,
)
real = view == "real"
if not chosen:
    layout.empty_state("Pick at least one metro to compare (the ten default hubs are a start).")
    st.stop()

with layout.friendly_errors():
    result = cached.compare_hubs(occ, tuple(chosen))
    points = cached.all_metros_for_map(occ)
table = result.table
if result.missing:
    st.info(f"No published {result.occ_title} wages for: {', '.join(result.missing)}.")

top = table.sort_values("rank_nominal").iloc[0]
top_real = table.sort_values("rank_real").iloc[0]
national = cached.national_median(occ)
m1, m2, m3 = st.columns(3)
m1.metric(f"Highest median: {top['label']}", layout.money(top["median"]), border=True)
m2.metric(
    f"Top after prices: {top_real['label']}",
    layout.money(top_real["real_median"]),
    border=True,
    help="Median divided by the metro's price level (BEA RPP 2024, US = 100)",
)
m3.metric(f"US median, {result.occ_title}", layout.money(national), border=True)

st.subheader(f"{result.occ_title}: pay range by metro")
layout.chart(charts.percentile_ranges(table, real=real), key="hubs_ranges")
layout.source_caption(
    layout.OEWS + (f" · {layout.RPP}" if real else ""),
    n=int(table["n"].sum()),
    note=f"n = jobs (OEWS employment) · bars: 10th–90th and 25th–75th percentiles, dot: median"
    f" · {TOP_NOTE}",
)

st.subheader("Where the jobs are")
layout.chart(charts.metro_map(points, real=real, highlight=chosen), key="hubs_map")
layout.source_caption(
    layout.OEWS,
    n=int(points["employment"].sum()),
    note=f"{len(points)} metros with published {result.occ_title} wages · bubble = jobs, "
    "colour = median" + (" in national-average dollars" if real else ""),
)

st.subheader("Pay against price level")
line = hubs.equal_power_line(national, points["rpp"].min(), points["rpp"].max())
layout.chart(charts.pay_vs_prices(table, points, line), key="hubs_scatter")
layout.source_caption(
    f"{layout.OEWS} · {layout.RPP}",
    n=int(table["n"].sum()),
    note="Above the dashed line, a metro's median buys more than the US median does at US prices",
)

st.subheader("The numbers")
rounded = {c: 0 for c in ("median_ci_low", "median_ci_high", "real_median", "hw_median")}
show = (
    table[list(hubs.TABLE_COLUMNS)]
    .sort_values("rank_real" if real else "rank_nominal")
    .round(rounded)
)
usd = st.column_config.NumberColumn
st.dataframe(
    show,
    hide_index=True,
    column_config={
        "label": "Metro",
        "employment": st.column_config.NumberColumn("Jobs", format="localized"),
        **{
            c: usd(c.replace("p", "") + "th pct ($)", format="localized")
            for c in ("p10", "p25", "p75", "p90")
        },
        "median": usd("Median ($)", format="localized"),
        "median_ci_low": usd("Median 95% low ≈ ($)", format="localized"),
        "median_ci_high": usd("Median 95% high ≈ ($)", format="localized"),
        "rpp": usd("Price level", format="%.1f"),
        "real_median": usd("Median after prices ($)", format="localized"),
        "hw_median": usd(
            f"Median, housing {hubs.HOUSING_WEIGHT:.0%} of budget ($)", format="localized"
        ),
        "rank_nominal": "Rank $",
        "rank_real": "Rank real",
        "emp_prse": usd("Jobs RSE %", format="%.1f"),
        "mean_prse": usd("Mean RSE %", format="%.1f"),
    },
)
layout.download(table, f"tech_hubs_{occ}.csv", key="hubs_csv")
layout.source_caption(
    f"{layout.OEWS} · {layout.RPP}",
    n=int(table["n"].sum()),
    note="RSE = BLS relative standard error. BLS publishes it for jobs and the mean only; the "
    "median interval applies the mean's RSE to the median (an approximation). Housing-weighted: "
    f"prices with housing at {hubs.HOUSING_WEIGHT:.0%} of the budget, the rest goods and services",
)
