"""AI Pay Atlas data build: official raw sources -> the validated tables in `data/`.

    python -m databuild --raw-dir ../shared/data/raw     # the build (see databuild.build)
    python -m databuild.taxes --out data/take_home.parquet  # offline tax schedule, own venv

Data flows one way: raw files -> `databuild.sources` readers -> `databuild.build` -> `data/`.
The build may import `analysis.paths` and `analysis.taxonomy` (shared with the app), and the
tax schedule generator `analysis.taxes` (the stored table's columns and its interpolation, which
its check exercises); the `analysis` package never imports `databuild`.
"""
