"""Offline generator of the after-tax take-home schedule, data/take_home.parquet (+ .json), in
its own virtualenv (requirements-tax.txt): `law` (what is modelled), `grid` (the incomes and
the interpolation check), `simulate` (policyengine-us), `schedule` (the run and its sidecar).
`python -m databuild.taxes --out data/take_home.parquet`; see `schedule` for the details."""
