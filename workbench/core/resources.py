"""Find the bundled ``resources/`` and ``seeds/`` folders wherever we run from.

Three layouts: a source checkout (folders beside the package), an installed
wheel (copied into ``workbench/_data/`` by the build), and a frozen app
(PyInstaller unpacks data under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        found.insert(0, Path(frozen) / "workbench" / "_data" / name)
        found.insert(1, Path(frozen) / name)
    return found


def data_dir(name: str) -> Path:
    """Return the first existing folder called ``name`` in the known layouts."""
    for path in _candidates(name):
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in _candidates(name))
    raise FileNotFoundError(f"Bundled folder {name!r} not found (looked in {tried})")


def resources_dir() -> Path:
    return data_dir("resources")


def seeds_dir() -> Path:
    return data_dir("seeds")
