"""Safe table export: CSV with spreadsheet formula injection neutralised."""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote.

    Numbers are left alone (a negative number is data, not a formula); only strings that
    start with = + - @ (or a tab / carriage return) are escaped, following OWASP's advice,
    also when leading spaces hide the prefix.
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8, no index) of `frame` with every text cell formula-escaped."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(escape_cell)
    safe.columns = [escape_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8")
