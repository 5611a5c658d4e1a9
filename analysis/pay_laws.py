"""Where a job posting must state its pay range: US state and city pay-transparency laws.

`POSTING_LAWS` is law text, not data: each entry names a statute that requires employers to
put a pay (or wage) range in job postings, the date it took effect and the employers it
covers. It was compiled by hand from the statutes as enacted and in effect on or before
`AS_OF` (the latest date in the list) and is not updated by the build:

- laws enacted later, bills still pending and most local ordinances (Jersey City,
  Westchester County, Ithaca, Cleveland, Toledo...) are not listed;
- laws that require a range only on request or before an offer (Connecticut, Nevada, Rhode
  Island) are not posting requirements and are left out;
- coverage (remote jobs, employers outside the state, thresholds) differs by law and is
  summarised in one phrase. This is a prompt to check, not legal advice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

AS_OF = dt.date(2025, 10, 29)
"""The posting requirements listed are those in effect on or before this date."""


@dataclass(frozen=True)
class PostingLaw:
    """A pay-range posting requirement: `place` it applies in, its `state` (USPS code),
    the `statute`, the date it took effect (`since`), who it covers (`employers`) and, for
    a city's law, the CBSA code of the metro the city lies in (`cbsa`, "" for a state law)."""

    place: str
    state: str
    statute: str
    since: dt.date
    employers: str
    cbsa: str = ""


POSTING_LAWS: tuple[PostingLaw, ...] = (
    PostingLaw("Colorado", "CO", "Colo. Rev. Stat. § 8-5-201 (Equal Pay for Equal Work Act)",
               dt.date(2021, 1, 1), "employers with 1 or more employees in Colorado"),
    PostingLaw("New York City", "NY", "N.Y.C. Admin. Code § 8-107(32) (Local Law 32 of 2022)",
               dt.date(2022, 11, 1), "employers with 4 or more employees", cbsa="35620"),
    PostingLaw("California", "CA", "Cal. Lab. Code § 432.3 (as amended by SB 1162)",
               dt.date(2023, 1, 1), "employers with 15 or more employees"),
    PostingLaw("Washington", "WA", "Rev. Code Wash. § 49.58.110", dt.date(2023, 1, 1),
               "employers with 15 or more employees"),
    PostingLaw("New York", "NY", "N.Y. Lab. Law § 194-b", dt.date(2023, 9, 17),
               "employers with 4 or more employees"),
    PostingLaw("Hawaii", "HI", "Haw. Rev. Stat. § 378-2.8 (Act 203 of 2023)", dt.date(2024, 1, 1),
               "employers with 50 or more employees"),
    PostingLaw("District of Columbia", "DC", "D.C. Code § 32-1451 et seq. (Wage Transparency "
               "Omnibus Amendment Act of 2023)", dt.date(2024, 6, 30),
               "employers with 1 or more employees in the District"),
    PostingLaw("Maryland", "MD", "Md. Code, Lab. & Empl. § 3-304.2 (Wage Range Transparency "
               "Act)", dt.date(2024, 10, 1), "all employers"),
    PostingLaw("Illinois", "IL", "820 ILCS 112/10(b-25) (Equal Pay Act of 2003, as amended by "
               "P.A. 103-0539)", dt.date(2025, 1, 1), "employers with 15 or more employees"),
    PostingLaw("Minnesota", "MN", "Minn. Stat. § 181.173", dt.date(2025, 1, 1),
               "employers with 30 or more employees in Minnesota"),
    PostingLaw("New Jersey", "NJ", "N.J. P.L. 2024, c. 91", dt.date(2025, 6, 1),
               "employers with 10 or more employees over 20 calendar weeks"),
    PostingLaw("Vermont", "VT", "Vt. Stat. Ann. tit. 21, § 495p (Act 155 of 2024)",
               dt.date(2025, 7, 1), "employers with 5 or more employees"),
    PostingLaw("Massachusetts", "MA", "Mass. Gen. Laws ch. 149, § 105F (St. 2024, c. 141)",
               dt.date(2025, 10, 29), "employers with 25 or more employees in Massachusetts"),
)  # fmt: skip
"""Pay-range posting requirements in effect on or before AS_OF (see the module docstring)."""


def posting_laws(states: Iterable[str], cbsa: str = "") -> list[PostingLaw]:
    """The laws of POSTING_LAWS that reach a job in a metro spanning `states` (USPS codes,
    e.g. "NY-NJ-PA".split("-")) with CBSA code `cbsa`: every state law of those states and
    every city law of that metro, in the order listed."""
    wanted = set(states)
    return [law for law in POSTING_LAWS if law.state in wanted and law.cbsa in ("", cbsa)]
