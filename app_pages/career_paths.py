"""Certifications & career paths: do certifications go with higher pay, and what do managers,
architects, researchers and consultants earn as experience grows?"""

import streamlit as st

from analysis import career_paths, certifications, stats
from analysis.filters import RECENT_YEARS
from analysis.levels import SURVEY_PAY_RANGE
from ui import cache, columns, layout, state
from ui.career_text import certification_takeaway, paths_answer
from ui.charts import career_paths as charts
from ui.text import index_paths_line, paths_headline, plain, wage

st.title("Certifications & career paths")
slot = st.container()  # the answer, once the filter below is read
data = cache.tables()
cache.require(data, "survey", "salaries", "wages")
facts = data.facts
low, high = SURVEY_PAY_RANGE
with layout.filters("country"):
    country = state.choice(
        "Country",
        list(career_paths.COUNTRIES),
        key="country",
        default=career_paths.DEFAULT_COUNTRY,
        format_func=lambda code: career_paths.COUNTRIES[code].label,
    )
where = career_paths.COUNTRIES[country].words
with layout.friendly_errors():
    certs = cache.run(certifications.stored_certification_pay, data)
    paths = cache.run(career_paths.path_by_experience, data, country)
    index = cache.run(career_paths.path_by_level, data, country)
    scale = cache.run(career_paths.bls_scale, data)
scale = scale.assign(text=[wage(r.median, r.note, facts.top_code) for r in scale.itertuples()])
cells = cache.run(career_paths.at_years, paths)
with slot:
    layout.answer(paths_answer(cells, certs, where))

st.subheader("Career paths beyond engineering")
# For scale (the dotted lines): one line, not metric tiles whose long labels a phone cuts.
st.markdown(
    "For scale, BLS US medians (dotted lines): "
    + "; ".join(
        f"{r.occ_title} **{plain(r.text)}** ({r.employment:,.0f} jobs)" for r in scale.itertuples()
    )
    + f" ({facts.caption('oews')})."
)
st.markdown("##### Survey: median pay by path and years of coding")
layout.takeaway(paths_headline(cells, where))
layout.chart(charts.path_experience_chart, paths, scale, key="career_paths_survey")
thin = career_paths.undrawn_paths(paths)
layout.source_caption(
    facts.caption("so_survey", "oews"),
    n=paths.attrs["n_placed"],
    note=f"2024 respondents in {where} paid \\${low:,.0f}–\\${high:,.0f}, on a path by role "
    "(rules below) · medians, 95% intervals, hollow, or \\* above: under 30 · no architect "
    "role in the 2024 survey"
    + (" · too few to draw: " + ", ".join(f"{p} ({n})" for p, n in thin) if thin else "")
    + " · dotted: BLS medians",
)
path_columns = columns.career_path_columns("band", "Years of coding")
st.dataframe(
    layout.whole_dollars(paths, path_columns),
    hide_index=True,
    placeholder="—",
    # The quartiles are in the CSV: with them the Confidence column was cut at 1400 px.
    column_order=[c for c in path_columns if c not in ("p25", "p75")],
    column_config=path_columns,
)
layout.download(paths, "career_paths_survey.csv", key="career_paths_dl_survey")

st.markdown("##### Salary index: median pay by path and level")
line = index_paths_line(index)
if line:
    layout.takeaway(line)
layout.chart(charts.path_level_chart, index, scale, key="career_paths_index")
thin = career_paths.undrawn_paths(index)
layout.source_caption(
    facts.caption("aijobs", "oews"),
    n=index.attrs["n_records"],
    note=f"companies in {where}, {min(RECENT_YEARS)}–{max(RECENT_YEARS)}, exact duplicates "
    "dropped · path from the job title (rules below) · medians, 95% intervals, hollow = under 30"
    + (" · too few to draw: " + ", ".join(f"{p} ({n})" for p, n in thin) if thin else ""),
)
layout.download(index, "career_paths_index.csv", key="career_paths_dl_index")
with st.expander("How people are put on a path"):
    st.dataframe(career_paths.rules_table(), hide_index=True)

st.subheader("Do certifications go with higher pay?")
layout.takeaway(certification_takeaway(certs))
layout.chart(charts.certification_chart, certs, key="career_paths_certs")
hidden = certs.loc[certs["status"] == "hidden", "comparison"].tolist()
layout.source_caption(
    facts.caption("so_survey"),
    n=certs.attrs["n_respondents"],
    note=f"2024 respondents, all countries, paid \\${low:,.0f}–\\${high:,.0f} · regression "
    f"holding {', '.join(certifications.CONTROLS)} fixed, 95% intervals; filled: holds after "
    "a Holm correction · association, not effect"
    + (f" · not shown (under {stats.MIN_SHOWN} on a side): {', '.join(hidden)}" if hidden else ""),
)
st.caption(
    "The survey asks whether someone *learned to code* through “Online Courses or "
    "Certification”, not which certificate they hold: it cannot price an AWS or Azure "
    "certificate."
)
st.dataframe(
    layout.whole_dollars(certs, columns.certification_columns()),
    hide_index=True,
    placeholder="—",
    column_order=list(columns.certification_columns()),
    column_config=columns.certification_columns(),
)
layout.download(certs, "certification_pay.csv", key="career_paths_dl_certs")
