"""Job title -> track and specialization; NAICS industry code -> industry group.

Everything here is table-driven: each classifier is an ordered tuple of ``(pattern, label)``
rules, matched case-insensitively against the text, and the **first matching rule wins**.
The tables were written against all 290 distinct ``job_title`` values in the aijobs.net
snapshot of 2025-01-19, and against the 444 industry codes of the BLS OEWS May 2025 extract.

Track decisions worth knowing (each is one rule in `TRACK_RULES`):

- Product managers/owners and sales titles are ``Other``: product management and sales are
  other job families, not people leadership, even when the title says "Manager".
- Any other "Manager", "Head of", "Director", "Chief" or "VP" title is ``Leadership``, whatever
  the discipline ("Machine Learning Manager", "Head of AI").
- "<function> Lead" titles without a role noun ("Data Lead", "Tech Lead", "AI Lead") are
  ``Leadership``; a lead that names a role ("Lead Data Scientist", "Data Analyst Lead") keeps
  the role, since seniority is already in the record's experience level.
- Research roles: "Research Scientist/Engineer", "...Researcher", and scientist titles that are
  not data-science titles: "Applied Scientist" (Amazon/Microsoft's research-science ladder,
  median pay between Data Scientist and Research Scientist), "Machine Learning Scientist",
  "AI Scientist". Academic research posts (research associate/assistant, postdoc) too.
- "Quantitative Researcher" (market modelling on data) and "Decision Scientist",
  "Statistician", bioinformatics/computational biology are ``Data scientist``.
- "Analytics Engineer", ETL, data architecture, data platform/pipeline/integration *engineering*
  are ``Data engineer``. Business-intelligence titles (including Amazon's "Business Intelligence
  Engineer"), reporting, visualization, and data governance/quality/management roles that are
  not engineering are ``Analyst``.
- Robotics engineering is ``ML engineer`` (on an AI job board it means autonomy/perception work).
- "Software Engineer", "Engineer", "Developer", "Architect", "Consultant", "Associate",
  "Member of Technical Staff" are ``Other``: the title does not say the work is AI/ML or data,
  and mixing 7,930 Software Engineer records into "ML engineer" would swamp it.
- "Bear Robotics" is a company name in the title field and "Stage" (French/Dutch: internship)
  says nothing about the work: both ``Other`` and ``General``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

TRACKS: tuple[str, ...] = (
    "ML engineer",
    "AI engineer",
    "Data scientist",
    "Research scientist",
    "Data engineer",
    "Analyst",
    "Leadership",
    "Other",
)
DEFAULT_TRACK = "Other"

TRACK_OCCUPATION: dict[str, str] = {
    "ML engineer": "15-2051",  # BLS has no ML-engineer code; Data Scientists is the nearest
    "AI engineer": "15-2051",
    "Data scientist": "15-2051",
    "Research scientist": "15-1221",  # Computer and Information Research Scientists
    "Data engineer": "15-1243",  # Database Architects (designs data systems and pipelines)
    "Analyst": "15-2051",  # SOC 2018 files data analysts under Data Scientists
    "Leadership": "11-3021",  # Computer and Information Systems Managers
    "Other": "15-1252",  # Software Developers
}
"""The BLS occupation (SOC 2018) whose wages stand in for each salary-index track: the
default occupation of an offer of that track. A choice, stated wherever it is used."""

SPECIALIZATIONS: tuple[str, ...] = (
    "NLP",
    "Computer vision",
    "Deep learning",
    "Generative AI / LLM",
    "MLOps / ML infrastructure",
    "Reinforcement learning",
    "Robotics / autonomy",
    "General",
)
DEFAULT_SPECIALIZATION = "General"

INDUSTRY_GROUPS: tuple[str, ...] = (
    "Software and internet",
    "Finance and insurance",
    "Healthcare and pharma",
    "Automotive",
    "Defense and aerospace",
    "Retail and e-commerce",
    "Logistics",
    "Media and entertainment",
    "Consulting and professional services",
    "Manufacturing",
    "Government",
    "Education",
)

# Role nouns: a "lead" title naming one of these keeps the role rather than becoming Leadership.
_ROLE_NOUN = r"(?:scientist|analyst|engineer|developer|analista)"

TRACK_RULES: tuple[tuple[str, str], ...] = (
    # Not a job title, or says nothing about the work.
    (r"^bear robotics$", "Other"),
    (r"^stage$", "Other"),
    # Product and sales job families, before the generic "manager" rule.
    (r"\bproduct (?:manager|owner)\b", "Other"),
    (r"\b(?:account executive|sales development|business development)\b", "Other"),
    # People leadership.
    (r"\b(?:head of|director|chief|vp|vice president)\b", "Leadership"),
    (r"\bmanager\b", "Leadership"),
    (rf"^(?!.*\b{_ROLE_NOUN}\b).*\blead\b", "Leadership"),
    # Research track.
    (r"\bresearch (?:scientist|engineer|associate|assistant)\b", "Research scientist"),
    (r"\bquantitative researcher\b", "Data scientist"),
    (r"\bresearcher\b", "Research scientist"),
    (r"\bpostdoc", "Research scientist"),
    (r"\b(?:applied|machine learning|ml|ai) scientist\b", "Research scientist"),
    # Data science.
    (r"\bdata scientist\b", "Data scientist"),
    (r"\b(?:decision scientist|statistician)\b", "Data scientist"),
    (r"\b(?:bioinformatic|computational biologist)", "Data scientist"),
    (r"\bmachine learning modeler\b", "Data scientist"),
    # Data engineering (an explicit "data engineer" beats AI/ML words: "AI Data Engineer").
    (r"\bdata engineer\b", "Data engineer"),
    (r"\bbig data (?:engineer|developer|architect)\b", "Data engineer"),
    (r"\b(?:etl|dataops|data devops|scala spark|databricks)\b", "Data engineer"),
    (r"\banalytics engineer\b", "Data engineer"),
    (r"\bdata (?:architect|modeler|developer)\b", "Data engineer"),
    (
        r"\bdata (?:infrastructure|integration|pipeline|platform|operations|quality|governance)"
        r" (?:engineer|developer|architect)\b",
        "Data engineer",
    ),
    (r"\bdatabase engineer\b", "Data engineer"),
    # Machine learning engineering.
    (r"\b(?:machine learning|ml|mlops)\b", "ML engineer"),
    (r"\b(?:computer vision|machine vision|nlp|deep learning)\b", "ML engineer"),
    (r"\brobotics (?:software )?engineer\b", "ML engineer"),
    # AI engineering: AI-titled builder roles and prompt/LLM/chatbot work.
    (r"\b(?:ai|artificial intelligence|generative ai|genai|llm)\b", "AI engineer"),
    (r"\b(?:prompt engineer|chatbot)\b", "AI engineer"),
    # Analysis, BI, reporting, data governance and management.
    (r"\b(?:analyst|analista)\b", "Analyst"),
    (r"\b(?:business intelligence|bi|power bi)\b", "Analyst"),
    (r"\bdata (?:visuali[sz]ation|reporter|strategist)\b", "Analyst"),
    (r"\breporting\b", "Analyst"),
    (r"\banalytics\b", "Analyst"),
    (r"\bstatistical programmer\b", "Analyst"),
    (
        r"\b(?:data|master data|encounter data|clinical data)\b.*"
        r"\b(?:specialist|professional|associate|coordinator|consultant|operator)\b",
        "Analyst",
    ),
    (r"^(?:data governance|master data management)$", "Analyst"),
)

SPECIALIZATION_RULES: tuple[tuple[str, str], ...] = (
    (r"^bear robotics$", "General"),
    (r"\b(?:generative ai|genai|llm|prompt engineer)\b", "Generative AI / LLM"),
    (r"\b(?:nlp|natural language|chatbot)\b", "NLP"),
    (r"\b(?:computer vision|machine vision)\b", "Computer vision"),
    (r"\bdeep learning\b", "Deep learning"),
    (r"\breinforcement learning\b", "Reinforcement learning"),
    (r"\b(?:robotics?|autonomous|self-driving)\b", "Robotics / autonomy"),
    (r"\b(?:mlops|ml ?ops)\b", "MLOps / ML infrastructure"),
    (
        r"\b(?:machine learning|ml) (?:infrastructure|platform|performance)\b",
        "MLOps / ML infrastructure",
    ),
)

PATHS: tuple[str, ...] = (
    "Individual contributor", "People manager", "Architect", "Research",
    "Consultant or independent", "Founder or executive",
)  # fmt: skip
DEFAULT_PATH = "Individual contributor"
# Title -> long-term career path (the Career paths page), first match wins, as above. Unlike
# TRACK_RULES, a path says how someone works, not in which discipline: "Data Architect" is an
# Architect, "Research Scientist" Research, "Head of Data" a People manager. Product/sales
# "managers" manage no reports; "Lead" titles (tech leads) stay individual contributors.
PATH_RULES: tuple[tuple[str, str], ...] = (
    (r"\b(?:chief|cto|ceo|founder|co-founder|vp|vice president)\b", "Founder or executive"),
    (r"\bproduct (?:manager|owner)\b", "Individual contributor"),
    (r"\b(?:account executive|sales development|business development)\b", "Individual contributor"),
    (r"\b(?:head of|director|manager)\b", "People manager"),
    (r"\barchitect\b", "Architect"),
    (r"\bresearch (?:scientist|engineer)\b", "Research"),
    (r"\bquantitative researcher\b", "Individual contributor"),  # market modelling, as above
    (r"\b(?:researcher|postdoc)", "Research"),
    (r"\b(?:applied|machine learning|ml|ai) scientist\b", "Research"),
    (r"\b(?:consultant|freelancer?|contractor)\b", "Consultant or independent"),
)
INDEPENDENT_EMPLOYMENT: tuple[str, ...] = ("Freelance", "Contract")
"""Salary-index employment types that make a record "Consultant or independent" whatever its
title (but a founder's or executive's)."""


def _compile(rules: Iterable[tuple[str, str]]) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(pattern, re.IGNORECASE), pattern, label) for pattern, label in rules)


_TRACK = _compile(TRACK_RULES)
_SPECIALIZATION = _compile(SPECIALIZATION_RULES)
_PATH = _compile(PATH_RULES)
_DEFAULT_RULE = "(default)"


def _first_match(
    title: str, rules: tuple[tuple[re.Pattern[str], str, str], ...], default: str
) -> tuple[str, str]:
    """Return (pattern, label) of the first rule matching `title`, or the default."""
    text = " ".join(str(title).split())
    for regex, pattern, label in rules:
        if regex.search(text):
            return pattern, label
    return _DEFAULT_RULE, default


def title_track(title: str) -> str:
    """Career track of a job title, one of `TRACKS` ("Other" when no rule matches)."""
    return _first_match(title, _TRACK, DEFAULT_TRACK)[1]


def title_specialization(title: str) -> str:
    """Specialization named in a job title, one of `SPECIALIZATIONS` ("General" if none)."""
    return _first_match(title, _SPECIALIZATION, DEFAULT_SPECIALIZATION)[1]


def title_path(title: str, employment_type: str = "Full-time") -> str:
    """Career path of a salary record, one of `PATHS`: `PATH_RULES` on the title, then
    `INDEPENDENT_EMPLOYMENT` (a contract or freelance record is "Consultant or independent")."""
    path = _first_match(title, _PATH, DEFAULT_PATH)[1]
    independent = employment_type in INDEPENDENT_EMPLOYMENT and path != "Founder or executive"
    return "Consultant or independent" if independent else path


def rule_counts(titles: pd.Series) -> pd.DataFrame:
    """How many records each rule took, for the build log.

    Input: one title per record. Output columns: ``table`` ("track" / "specialization"),
    ``rule`` (the regex, or "(default)"), ``label``, ``records``, ``titles`` (distinct
    titles); rules in table order, default last, rules that took nothing included with 0.
    """
    counts = titles.astype("string").value_counts(dropna=True)
    rows: list[dict[str, object]] = []
    for table, compiled, default in (
        ("track", _TRACK, DEFAULT_TRACK),
        ("specialization", _SPECIALIZATION, DEFAULT_SPECIALIZATION),
    ):
        taken: dict[str, list[int]] = {pattern: [0, 0] for _, pattern, _ in compiled}
        taken[_DEFAULT_RULE] = [0, 0]
        for title, n in counts.items():
            pattern, _ = _first_match(str(title), compiled, default)
            taken[pattern][0] += int(n)
            taken[pattern][1] += 1
        labels = {pattern: label for _, pattern, label in compiled}
        labels[_DEFAULT_RULE] = default
        for pattern, (records, distinct) in taken.items():
            rows.append(
                {
                    "table": table,
                    "rule": pattern,
                    "label": labels[pattern],
                    "records": records,
                    "titles": distinct,
                }
            )
    return pd.DataFrame(rows, columns=["table", "rule", "label", "records", "titles"])


def unmapped_titles(titles: pd.Series) -> pd.DataFrame:
    """Titles that no track rule matched (they fell to the default "Other"), with counts.

    Output columns ``title``, ``records``; most frequent first, ties by title.
    """
    counts = titles.astype("string").value_counts(dropna=True)
    rows = [
        {"title": str(title), "records": int(n)}
        for title, n in counts.items()
        if _first_match(str(title), _TRACK, DEFAULT_TRACK)[0] == _DEFAULT_RULE
    ]
    frame = pd.DataFrame(rows, columns=["title", "records"])
    return frame.sort_values(["records", "title"], ascending=[False, True], ignore_index=True)


# Survey tool lists, names exactly as Stack Overflow 2024 publishes them (checked against
# data/survey.parquet). The 2024 `frameworks` question (MiscTechHaveWorkedWith) mixes ML
# libraries with .NET, Spring, Kafka, RabbitMQ, Flutter, Qt...; only these are ML libraries.
# Pandas and NumPy are in as the data layer of nearly all Python ML code; big-data engines
# (Apache Spark, Hadoop) and R's Tidyverse are left out: they are data tools, not ML ones.
ML_LIBRARIES: tuple[str, ...] = (
    "Torch/PyTorch",
    "TensorFlow",
    "Keras",
    "JAX",
    "Scikit-Learn",
    "Hugging Face Transformers",
    "Opencv",
    "CUDA",
    "mlflow",
    "Pandas",
    "NumPy",
)
# General-purpose and data/ML clouds, where ML training and serving run. Web-hosting and
# app-backend services in the same question (Vercel, Netlify, Heroku, Firebase, Supabase,
# Digital Ocean, Cloudflare...) are left out.
ML_CLOUDS: tuple[str, ...] = (
    "Amazon Web Services (AWS)",
    "Microsoft Azure",
    "Google Cloud",
    "Oracle Cloud Infrastructure (OCI)",
    "IBM Cloud Or Watson",
    "Alibaba Cloud",
    "Databricks",
)


# NAICS prefix -> industry group. The longest matching prefix wins; a None row carves an
# exception out of a broader prefix. Codes use NAICS 2022 (OEWS May 2025) and keep the 2017
# codes that moved (5112 software publishers, 515 broadcasting, 4541 electronic shopping).
NAICS_RULES: tuple[tuple[str, str | None], ...] = (
    ("5112", "Software and internet"),
    ("5132", "Software and internet"),
    ("518", "Software and internet"),
    ("519", "Software and internet"),
    ("5415", "Software and internet"),
    # Social networks and streaming platforms (NAICS 2022 516210: "Media Streaming
    # Distribution Services, Social Networks, and Other Media Networks and Content Providers")
    # are internet companies; 5161 radio and TV broadcasting stays in Media.
    ("5162", "Software and internet"),
    # Taxi and limousine service is where NAICS classifies ride-hail apps (Uber, Lyft). Taxi
    # and limo firms employ almost no data scientists; the tech occupations OEWS counts there
    # (for data scientists about 2,000 jobs, paid above every other transport industry with
    # 100+ jobs) do platform tech work, so 4853 counts as Software and internet rather than
    # Logistics (the Industries page caption says so; tests/test_industries.py checks this).
    ("4853", "Software and internet"),
    ("52", "Finance and insurance"),
    ("62", "Healthcare and pharma"),
    ("624", None),  # social assistance (child care, food banks) is not health care
    ("3254", "Healthcare and pharma"),
    ("3391", "Healthcare and pharma"),  # medical equipment and supplies
    ("3361", "Automotive"),
    ("3362", "Automotive"),
    ("3363", "Automotive"),
    ("3364", "Defense and aerospace"),
    ("44", "Retail and e-commerce"),
    ("45", "Retail and e-commerce"),
    ("4541", "Retail and e-commerce"),
    # Transportation: listed by subsector, because 485 (ground passenger transport) and the
    # sector span 48-49 also hold 4853 ride-hail: those two aggregates mix groups -> None.
    ("481", "Logistics"),
    ("482", "Logistics"),
    ("483", "Logistics"),
    ("484", "Logistics"),
    ("4851", "Logistics"),
    ("4852", "Logistics"),
    ("4854", "Logistics"),
    ("4855", "Logistics"),
    ("4859", "Logistics"),
    ("486", "Logistics"),
    ("487", "Logistics"),
    ("488", "Logistics"),
    ("49", "Logistics"),
    ("512", "Media and entertainment"),
    ("5131", "Media and entertainment"),  # newspaper, periodical and book publishers
    ("515", "Media and entertainment"),
    ("5161", "Media and entertainment"),  # radio and TV broadcasting (516 aggregate: mixed)
    ("711", "Media and entertainment"),
    ("541", "Consulting and professional services"),
    ("31", "Manufacturing"),
    ("32", "Manufacturing"),
    ("33", "Manufacturing"),
    ("61", "Education"),
    ("92", "Government"),
    ("99", "Government"),
)
_NAICS = dict(NAICS_RULES)
_SECTOR_CODE = re.compile(r"^(\d{2})-+\d+$")  # OEWS sector codes: "31--34", "99-100"
_LEADING_DIGITS = re.compile(r"^\d+")


def naics_prefix(code: str) -> str:
    """The NAICS digits an OEWS industry code stands for.

    "541500" -> "5415", "336100" -> "3361", "3250A1" -> "325" (OEWS partial aggregate),
    "31--34" -> "31" (sector span 31-33), "99-100" -> "99", "000000" -> "" (cross-industry).
    """
    text = str(code).strip()
    sector = _SECTOR_CODE.match(text)
    if sector:
        return sector.group(1)
    digits = _LEADING_DIGITS.match(text)
    if not digits:
        return ""
    return digits.group(0).rstrip("0")


def industry_group(naics_code: str) -> str | None:
    """Industry group of an OEWS/NAICS industry code, or None when it is outside every group.

    The most specific (longest) matching prefix in `NAICS_RULES` wins, so 3361 is Automotive
    although 33 is Manufacturing. Aggregates map by their own prefix: "541000" (all of 541,
    computer systems design included) is Consulting; "513000" (software and newspaper
    publishers together), "516000" (broadcasting with streaming and social networks),
    "485000" (transit with ride-hail), the sector span "48--50" and sector 51 are None,
    because they mix groups.
    """
    prefix = naics_prefix(naics_code)
    for length in range(len(prefix), 1, -1):
        if prefix[:length] in _NAICS:
            return _NAICS[prefix[:length]]
    return None


def classify_industries(codes: pd.Series) -> pd.Series:
    """`industry_group` of every code in `codes` (string dtype, NA where None), same index."""
    return codes.map(lambda code: industry_group(str(code))).astype("string")
