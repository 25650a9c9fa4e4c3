"""About CareTrack: versions (app, rules, symptom list), the licence, and the licences of what
the bundles carry, with where Qt's source is and how to replace it (LGPL-3.0)."""

from __future__ import annotations

import platform
import sqlite3
from dataclasses import dataclass
from importlib import metadata

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caretrack import __version__
from caretrack.ui.widgets.common import label


@dataclass(frozen=True)
class Component:
    name: str
    distribution: str  # the PyPI name, for its version; "" when it has none
    licence: str
    source: str


COMPONENTS: tuple[Component, ...] = (
    Component("Qt 6", "", "LGPL-3.0-only", "https://download.qt.io/official_releases/qt/"),
    Component(
        "PySide6 and shiboken6",
        "PySide6-Essentials",
        "LGPL-3.0-only",
        "https://code.qt.io/cgit/pyside/pyside-setup.git/",
    ),
    Component("SQLAlchemy", "SQLAlchemy", "MIT", "https://github.com/sqlalchemy/sqlalchemy"),
    Component("Alembic", "alembic", "MIT", "https://github.com/sqlalchemy/alembic"),
    Component("Mako", "Mako", "MIT", "https://github.com/sqlalchemy/mako"),
    Component("MarkupSafe", "MarkupSafe", "BSD-3-Clause", "https://github.com/pallets/markupsafe"),
    Component("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    Component("tzlocal", "tzlocal", "MIT", "https://github.com/regebro/tzlocal"),
    Component("Python", "", "PSF-2.0", "https://www.python.org/downloads/source/"),
    Component("SQLite", "", "Public domain", "https://sqlite.org/download.html"),
)


def component_version(c: Component) -> str:
    if c.name == "Qt 6":
        return qVersion()
    if c.name == "Python":
        return platform.python_version()
    if c.name == "SQLite":
        return sqlite3.sqlite_version
    try:
        return metadata.version(c.distribution)
    except metadata.PackageNotFoundError:
        return ""


class AboutDialog(QDialog):
    def __init__(
        self, rules_version: str, catalogue_version: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About CareTrack"))
        self.setMinimumWidth(860)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 24, 16)
        box.setSpacing(10)
        box.addWidget(label(self.tr("CareTrack {version}").format(version=__version__), "h1"))
        box.addWidget(
            label(
                self.tr(
                    "A home log for children on leukemia immunotherapy. It does not replace "
                    "your care team: if you are worried, call them."
                ),
                "lead",
            )
        )
        self.versions = label(
            self.tr("Warning rules: {rules} · Symptom list: {catalogue}").format(
                rules=rules_version or self.tr("not loaded"), catalogue=catalogue_version
            ),
            "muted",
            selectable=True,
        )
        box.addWidget(self.versions)
        box.addWidget(
            label(
                self.tr(
                    "CareTrack is free software under the GNU General Public License, version 3 "
                    "or later. It comes with no warranty."
                ),
                "",
            )
        )
        box.addWidget(label(self.tr("Built with"), "card-title"))
        self.components = QWidget()
        self.components.setAccessibleName(self.tr("Components and their licences"))
        grid = QGridLayout(self.components)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for row, c in enumerate(COMPONENTS):
            cells = (c.name, component_version(c), c.licence, c.source)
            for col, text in enumerate(cells):
                cell = label(text, "muted" if col == 3 else "", wrap=False, selectable=True)
                grid.addWidget(cell, row, col)
        grid.setColumnStretch(3, 1)
        scroll = QScrollArea()  # a small screen scrolls the list instead of squeezing it
        scroll.setWidget(self.components)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFixedHeight(min(self.components.sizeHint().height() + 4, 170))
        box.addWidget(scroll)
        self.qt_note = label(
            self.tr(
                "Qt and PySide6 are used under the LGPL, version 3. Their source is at the "
                "addresses above. You may replace them with your own build of the same version: "
                "in an installed CareTrack they are the PySide6 folder and the libQt6 files "
                "inside CareTrack's own folder (on Linux /opt/caretrack)."
            ),
            "muted",
            selectable=True,
        )
        box.addWidget(self.qt_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
