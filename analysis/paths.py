"""Filesystem anchors, resolved from this file so nothing depends on the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data")
"""The processed tables: data/ beside the code, or $ATLAS_DATA_DIR (e.g. a read-only volume)."""
DEFAULT_RAW_DIR = ROOT.parent / "shared" / "data" / "raw"
CACHE_DIR = ROOT / ".cache" / "raw"
