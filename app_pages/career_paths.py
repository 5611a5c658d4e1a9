"""Certifications & career paths: do certifications go with higher pay, and what do managers,
architects, researchers and consultants earn as experience grows?"""

import streamlit as st

from analysis import career_paths, certifications, stats
from analysis.filters import RECENT_YEARS
from analysis.levels import SURVEY_PAY_RANGE
from ui import cache, columns, layout, state
from ui.charts import career_paths as charts
from ui.text import certification_headline, index_paths_line, paths_headline, wage

st.title("Certifications & career paths")
st.write(
    "Do online courses and certifications go with higher pay for AI/ML people, and what do the "
    "paths beyond engineering (management, architecture, research, consulting) pay?"
)
data = cache.tables()
cache.require(data, "survey", "salaries", "wages")
facts = data.facts
low, high = SURVEY_PAY_RANGE

st.subheader("Do certifications go with higher pay?")
with layout.friendly_errors():
    certs = cache.run(certifications.stored_certification_pay, data)
st.markdown(certification_headline(certs))
layout.chart(charts.certification_chart, certs, key="career_paths_certs")
hidden = certs.loc[certs["status"] == "hidden", "comparison"].tolist()
layout.source_caption(
    facts.caption("so_survey"),
    n=certs.attrs["n_respondents"],
    note=f"2024 respondents with pay \\${low:,.0f}–\\${high:,.0f} who answered how they learned "
    "to code · difference = log-pay regression on all of them holding "
    f"{', '.join(certifications.CONTROLS)} fixed, compared within each group; robust 95% "
    f"interval · {certs.attrs['n_compared']} comparisons, so filled dots are the ones that "
    "still differ from 0 after a Holm correction · association, not effect · a non-random "
    "subset of the survey"
    + (f" · not shown (under {stats.MIN_SHOWN} on a side): {', '.join(hidden)}" if hidden else ""),
)
st.caption(
    "What the survey measures: whether someone *learned to code* through “Online Courses or "
    "Certification” (one answer among school, books, on-the-job training…). It does not ask "
    "which certificate anyone holds, so it cannot say what an AWS, Google Cloud, Azure, "
    "TensorFlow or management certificate is worth; the cloud rows compare learners with "
    "non-learners among the users of each cloud."
)
st.dataframe(
    certs,
    hide_index=True,
    placeholder="—",
    column_order=list(columns.certification_columns()),
    column_config=columns.certification_columns(),
)
layout.download(certs, "certification_pay.csv", key="career_paths_dl_certs")

st.subheader("Career paths beyond engineering")
country = state.choice(
    "Country",
    list(career_paths.COUNTRIES),
    key="country",
    default=career_paths.DEFAULT_COUNTRY,
    format_func=lambda code: career_paths.COUNTRIES[code].label,
)
where = career_paths.COUNTRIES[country].words
with layout.friendly_errors():
    paths = cache.run(career_paths.path_by_experience, data, country)
    index = cache.run(career_paths.path_by_level, data, country)
    scale = cache.run(career_paths.bls_scale, data)
scale = scale.assign(text=[wage(r.median, r.note, facts.top_code) for r in scale.itertuples()])
cells = cache.run(career_paths.at_years, paths)
st.markdown(paths_headline(cells, where))
st.markdown(index_paths_line(index))
for col, row in zip(st.columns(len(scale)), scale.itertuples(), strict=True):
    col.metric(
        f"BLS US median: {row.occ_title}",
        row.text,
        help=f"{facts.caption('oews')}, all US employers, annual wage; {row.employment:,.0f} jobs",
    )
st.caption("\\* fewer than 30 respondents: read as rough · — fewer than 10: not shown")
st.markdown("##### Stack Overflow survey: median pay by path and years of professional coding")
layout.chart(charts.path_experience_chart, paths, scale, key="career_paths_survey")
thin = career_paths.undrawn_paths(paths)
layout.source_caption(
    facts.caption("so_survey", "oews"),
    n=paths.attrs["n_placed"],
    note=f"2024 respondents in {where} with pay \\${low:,.0f}–\\${high:,.0f}, placed on a path by "
    "developer type, individual contributor / people manager and employment (rules below) · "
    f"{paths.attrs['n_unplaced']:,} more match no path (skipped the IC/manager question) · "
    "medians with 95% intervals, hollow = under 30 · the 2024 survey has no architect role"
    + (" · too few to draw: " + ", ".join(f"{p} ({n})" for p, n in thin) if thin else "")
    + " · dotted: BLS national medians for scale",
)
st.dataframe(
    paths,
    hide_index=True,
    placeholder="—",
    column_order=list(columns.career_path_columns("band", "Years of coding")),
    column_config=columns.career_path_columns("band", "Years of coding"),
)
layout.download(paths, "career_paths_survey.csv", key="career_paths_dl_survey")

st.markdown("##### Salary index: median pay by path and experience level")
layout.chart(charts.path_level_chart, index, scale, key="career_paths_index")
thin = career_paths.undrawn_paths(index)
layout.source_caption(
    facts.caption("aijobs", "oews"),
    n=index.attrs["n_records"],
    note=f"companies in {where}, work years {min(RECENT_YEARS)}–{max(RECENT_YEARS)}, "
    "full-time, contract and freelance, exact duplicates dropped · path from the job title "
    "(architect, head of / director / manager, research scientist, consultant; contract and "
    "freelance records count as independent) · the index records levels, not years · medians "
    "with 95% intervals, hollow = under 30"
    + (" · too few to draw: " + ", ".join(f"{p} ({n})" for p, n in thin) if thin else ""),
)
layout.download(index, "career_paths_index.csv", key="career_paths_dl_index")
with st.expander("How people are put on a path"):
    st.dataframe(career_paths.rules_table(), hide_index=True)
