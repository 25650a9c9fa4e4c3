"""Finding files under resources/ from a source checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon


@cache
def resource_dir() -> Path:
    """sys._MEIPASS/resources in a bundle, else the repository's resources/ folder."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    # src/caretrack/ui/resources.py -> repo/resources
    return Path(__file__).resolve().parents[3] / "resources"


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons; an empty icon when the file is missing."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
