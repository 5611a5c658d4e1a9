"""One reader per raw source format: a module, or a package whose modules each do one job
(`oews`, `bea_rpp`).

Every reader module (or package) exposes:

- ``SOURCE``: a `SourceInfo` (publisher, official URL, licence, vintage, raw folder).
- ``TABLES``: ``{table_name: {column: ColumnDoc}}``, the processed tables it writes, with
  their columns in output order. `databuild.build` writes `data/README.md` from these docs and
  checks every table against them, so docs and data cannot drift apart.
- ``read(raw_dir: Path) -> ReadResult``: read and validate the raw files under
  ``raw_dir / SOURCE.folder``; raise `databuild.errors.SourceError` on bad input.
"""
