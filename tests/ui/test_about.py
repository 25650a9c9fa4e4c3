"""About CareTrack: versions, the licence, and what the bundles carry under which licence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from caretrack import __version__
from caretrack.domain.model import Child
from caretrack.ui.about_dialog import COMPONENTS, AboutDialog, component_version
from tests.ui.conftest import Ui


def test_about_opens_from_the_more_menu_and_names_versions_and_licences(
    ui: Ui, child: Child, monkeypatch: pytest.MonkeyPatch
) -> None:
    ui.controller.start()
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AboutDialog)
        seen.append(dialog.versions.text())
        seen.append(" ".join(w.text() for w in dialog.components.findChildren(QLabel)))
        seen.append(dialog.qt_note.text())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    ui.choose_more(ui.window.about_action)
    versions, components, qt_note = seen
    assert ui.controller.services.flags.rules_version in versions
    assert ui.controller.catalogue.version in versions
    for c in COMPONENTS:
        assert c.name in components and c.licence in components
    assert "LGPL" in qt_note and "replace" in qt_note


def test_every_bundled_component_reports_its_version(qapp: QApplication) -> None:
    for c in COMPONENTS:
        assert component_version(c), c.name
    dialog = AboutDialog("2026.11.1", "1")
    assert __version__ in dialog.findChildren(type(dialog.versions))[0].text()
