"""The answer texts of the Stack Overflow Developer Survey questions `so_survey` keeps.

The reader checks every kept multiple-choice cell against these (`so_survey._check_answers`):
a cell holding anything else stops the build at its line, because the analyses match the texts
exactly (a renamed "Online Courses or Certification" would otherwise count every respondent as
not having learned that way). Texts as the 2024 questionnaire publishes them; EdLevel also
with the 2025 wording of its last answer.
"""

from __future__ import annotations

REMOTE_2024 = ("Remote", "Hybrid (some remote, some in-person)", "In-person")
IC_OR_PM_2024 = ("Individual contributor", "People manager")
# Multiple-choice questions kept as ';' lists.
EMPLOYMENT_2024 = (
    "Employed, full-time",
    "Employed, part-time",
    "Independent contractor, freelancer, or self-employed",
    "Not employed, but looking for work",
    "Not employed, and not looking for work",
    "Student, full-time",
    "Student, part-time",
    "Retired",
    "I prefer not to say",
)
LEARN_CODE_2024 = (
    "Books / Physical media",
    "Coding Bootcamp",
    "Colleague",
    "Friend or family member",
    "On the job training",
    "Online Courses or Certification",
    "Other online resources (e.g., videos, blogs, forum, online community)",
    "School (i.e., University, College, etc)",
    "Other (please specify):",
)
ED_LEVELS = (
    "Primary/elementary school",
    "Secondary school (e.g. American high school, German Realschule or Gymnasium, etc.)",
    "Some college/university study without earning a degree",
    "Associate degree (A.A., A.S., etc.)",
    "Bachelor’s degree (B.A., B.S., B.Eng., etc.)",
    "Master’s degree (M.A., M.S., M.Eng., MBA, etc.)",
    "Professional degree (JD, MD, Ph.D, Ed.D, etc.)",
    "Something else",  # 2024's wording
    "Other (please specify):",  # 2025's wording of the same answer
)
