"""Errors raised at the data boundary, with enough context for a maintainer to act."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A raw source file failed validation.

    Carries the file, the 1-based line in that file (None when the problem is not one line,
    e.g. a missing column), and the column name. `str()` gives one readable sentence.
    """

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        where = [str(self.path)]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")
