"""Tests for databuild.taxes, the offline take-home schedule generator.

They run without policyengine-us (CI installs requirements-dev.txt only): the generator's
grid and axes logic on small inputs, the committed data/take_home.parquet and its sidecar
against the generator's constants, and that the tax library is only imported lazily.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.taxes import read_schedule
from databuild import taxes
from databuild.taxes import DEFAULT_OUT, JURISDICTIONS

LOCAL_STATE = {"NYC": "NY", "IN-MARION": "IN", "MO-KCMO": "MO", "CO-DENVER": "CO"}


@pytest.fixture(scope="module")
def schedule():
    return read_schedule()


def test_schedule_holds_the_generators_jurisdictions(schedule):
    assert set(schedule["jurisdiction"]) == set(JURISDICTIONS)
    assert len(JURISDICTIONS) == 55  # 50 states + DC + NYC, Marion County, Kansas City, Denver
    assert {name: spec.state for name, spec in taxes.LOCAL.items()} == LOCAL_STATE


def test_sidecar_matches_table(schedule):
    side = json.loads(DEFAULT_OUT.with_suffix(".json").read_text(encoding="utf-8"))
    assert side["library"] == "policyengine-us"
    assert side["version"]
    assert side["tax_year"] == 2025
    assert side["rows"] == len(schedule)
    assert side["jurisdictions"] == 55
    assert set(side["local"]) == set(LOCAL_STATE)
    assert side["grid"]["min"] == 20_000 and side["grid"]["max"] == 1_000_000
    assert side["grid"]["points"] == schedule["gross"].nunique()
    assert side["command"] == "python -m databuild.taxes --out data/take_home.parquet"


def test_linear_runs_split_grid_into_axes():
    assert taxes.linear_runs([40_000, 20_000, 30_000, 45_000, 30_000]) == [
        (20_000.0, 40_000.0, 3),
        (45_000.0, 45_000.0, 1),
    ]
    runs = taxes.linear_runs(taxes.default_grid())
    assert [(lo, hi) for lo, hi, _ in runs] == [
        (20_000, 100_000),
        (102_500, 300_000),
        (310_000, 1_000_000),
    ]
    assert sum(count for *_, count in runs) == len(taxes.default_grid())


def test_module_imports_without_policyengine():
    # A None entry in sys.modules makes `import policyengine_us` fail, as if not installed.
    code = (
        "import sys\n"
        "sys.modules['policyengine_us'] = None\n"
        "sys.modules['policyengine_core'] = None\n"
        "from analysis import taxes as runtime\n"
        "from databuild import taxes\n"
        "s = runtime.read_schedule()\n"
        "print(round(runtime.take_home(100000, 'CA', s)['take_home']))\n"
        "try:\n"
        "    taxes.build_schedule([50000, 60000], 2025)\n"
        "except ImportError:\n"
        "    print('lazy')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=taxes.REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = done.stdout.split()
    assert 0 < int(first) < 100_000
    assert second == "lazy"
