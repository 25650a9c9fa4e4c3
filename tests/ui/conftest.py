"""The real window on a real database: a MainWindow driven by the AppController."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from caretrack.app import Startup
from caretrack.services import Services
from caretrack.services.clock import FixedClock
from caretrack.ui.checkin_form import CheckinForm
from caretrack.ui.controller import AppController
from caretrack.ui.main_window import MainWindow
from caretrack.ui.theme import apply_theme


@dataclass
class Ui:
    window: MainWindow
    controller: AppController

    def form(self) -> CheckinForm:
        assert self.controller.checkin is not None, "no check-in form is open"
        return self.controller.checkin.form

    def choose_more(self, action: QAction) -> None:
        """What clicking "More" and then one of its items does. The real menu runs its own event
        loop, so it is opened for real only in test_visit_page's keyboard test."""
        more = self.window.more_button
        assert more.isVisible() and more.isEnabled(), "the More button is not there to click"
        menu = more.menu()
        assert menu is not None and action in menu.actions() and action.isEnabled()
        action.trigger()


@dataclass
class Dialogs:
    """Stands in for the modal message boxes: answers Yes unless told 'no' next."""

    replies: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)


@pytest.fixture(scope="session", autouse=True)
def _themed(qapp: QApplication) -> None:
    """Tests run with the real style sheet, so a broken sheet shows up here too."""
    apply_theme(qapp)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def question(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        record.asked.append(str(args[2]))
        reply = record.replies.pop(0) if record.replies else "yes"
        if reply == "yes":
            return QMessageBox.StandardButton.Yes
        return QMessageBox.StandardButton.No

    def information(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        record.shown.append(str(args[2]))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(information))
    return record


@pytest.fixture
def ui(qtbot: QtBot, services: Services, dialogs: Dialogs) -> Iterator[Ui]:
    window = MainWindow()
    qtbot.addWidget(window)
    controller = AppController(window, services)
    with qtbot.waitExposed(window):
        window.show()
    yield Ui(window, controller)
    window.close_guard = None  # never ask "leave without saving?" while tearing down


def start_app(qtbot: QtBot, folder: Path, clock: FixedClock | None = None) -> Startup:
    """The real start-up path (catalogue, database, controller) on `folder`, window shown."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, folder, clock=clock)
    startup.load()
    return startup
