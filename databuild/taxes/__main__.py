"""`python -m databuild.taxes`: build data/take_home.parquet and its sidecar."""

from databuild.taxes.schedule import main

main()
