"""Filesystem anchors, resolved from this file so nothing depends on the working directory."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_RAW_DIR = ROOT.parent / "shared" / "data" / "raw"
CACHE_DIR = ROOT / ".cache" / "raw"
