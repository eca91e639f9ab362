"""What an installed geomap holds: every module and data file of the source tree.

The tests import the source tree, so a module left out of the wheel would pass them all and
fail at the first run of an installed ``geomap`` (as ``geomap.readers`` once did).
"""
from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _installed() -> set[str]:
    try:
        files = metadata.files("geomap") or []
    except metadata.PackageNotFoundError:
        return set()
    return {str(f) for f in files if str(f).startswith(("geomap/", "gazetteer/"))}


def test_every_source_file_is_installed():
    installed = _installed()
    if not any(f.endswith(".py") for f in installed):
        pytest.skip("geomap is installed in editable mode (or not at all): no file list to compare")
    wanted = {str(p.relative_to(ROOT)) for top in ("geomap", "gazetteer") for p in (ROOT / top).rglob("*")
              if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc",)}
    assert sorted(wanted - installed) == []
