"""`python -m databuild`: the data build (see `databuild.build`)."""

import sys

from databuild.build import main

sys.exit(main())
