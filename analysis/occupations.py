"""Which BLS occupations employers file the salary index's job titles under (certified LCAs)."""

from __future__ import annotations


def lca_title(title: str) -> str:
    """A job title cleaned the way the LCA titles are: upper-cased, ends stripped, then '.' and
    ',' removed ('Sr. Data Scientist' -> 'SR DATA SCIENTIST'), the publisher's `clean_text`."""
    return str(title).upper().strip().replace(".", "").replace(",", "")
