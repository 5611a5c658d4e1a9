"""SOC codes as employers file them on LCAs -> the SOC 2018 code an analysis can use.

Filings of fiscal years 2022-2025 carry SOC 2018 codes, O*NET-SOC codes (a SOC code plus a
two-digit detail, e.g. '15-1299.08' Computer Systems Engineers/Architects) and, on older
forms, SOC 2010 codes (e.g. '15-1132' Software Developers, Applications), which the 2018 SOC
retired. What counts as SOC 2018 is the OFLC wage library's own occupation list
(`wage_levels/job-index.json`: 848 codes).

A 2010 code is moved to 2018 only where BLS's published 2010-to-2018 crosswalk
(`SOC_2010_CROSSWALK_URL`) moves it whole (`SOC_2010_TO_2018`). Codes the crosswalk splits
between several 2018 occupations (15-1199 Computer Occupations, All Other; 15-1134 Web
Developers; 15-1141 Database Administrators) and codes that are in neither list (OFLC's
'R&D' variants such as 15-1295) are kept as filed and labelled; text that is not a SOC code
at all (a spreadsheet date such as '3021-11-01 00:00:00') gets no code.
"""

from __future__ import annotations

import re

SOC_2010_CROSSWALK_URL = "https://www.bls.gov/soc/2018/soc_2010_to_2018_crosswalk.xlsx"

SOC_2010_TO_2018: dict[str, str] = {
    "15-1111": "15-1221",  # Computer and Information Research Scientists
    "15-1121": "15-1211",  # Computer Systems Analysts
    "15-1122": "15-1212",  # Information Security Analysts
    "15-1131": "15-1251",  # Computer Programmers
    "15-1132": "15-1252",  # Software Developers, Applications -> Software Developers
    "15-1133": "15-1252",  # Software Developers, Systems Software -> Software Developers
    "15-1142": "15-1244",  # Network and Computer Systems Administrators
    "15-1143": "15-1241",  # Computer Network Architects
}
"""SOC 2010 codes that BLS's 2010-to-2018 crosswalk moves whole into one 2018 occupation
(computer occupations only: the ones AI, ML and data titles are filed under)."""

SOC_2018 = "SOC 2018"
ONET_DETAIL = "SOC 2018 (O*NET detail dropped)"
CROSSWALKED = "SOC 2010, moved to 2018 by the BLS crosswalk"
KEPT = "not a SOC 2018 code: kept as filed"
NOT_SOC = "not a SOC code"
BASES = (SOC_2018, ONET_DETAIL, CROSSWALKED, KEPT, NOT_SOC)

_CODE = re.compile(r"(\d\d-\d{4})(\.\d\d)?")


def classify(filed: str, codes_2018: frozenset[str]) -> tuple[str | None, str]:
    """(SOC code to analyse by, basis) of one code as filed; basis is one of `BASES`.

    '15-1252' -> ('15-1252', SOC 2018); '15-1299.08' -> ('15-1299', O*NET detail dropped);
    '15-1132' -> ('15-1252', crosswalk); '15-1199.08' -> ('15-1199.08', kept as filed);
    '3021-11-01 00:00:00' -> (None, not a SOC code). `codes_2018`: the SOC 2018 codes.
    """
    match = _CODE.fullmatch(filed.strip())
    if not match:
        return None, NOT_SOC
    code, detail = match.group(1), match.group(2)
    if code in codes_2018:
        return code, ONET_DETAIL if detail and detail != ".00" else SOC_2018
    if code in SOC_2010_TO_2018:
        return SOC_2010_TO_2018[code], CROSSWALKED
    return match.group(0), KEPT
