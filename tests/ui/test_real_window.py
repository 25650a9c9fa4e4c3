"""The real window on a real X server (run by scripts/test.sh under xvfb-run): proves the xcb
libraries are installed and the window actually paints, which offscreen tests cannot show."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from caretrack.domain.model import Child
from caretrack.services import Services
from caretrack.ui.controller import AppController
from caretrack.ui.main_window import MainWindow

pytestmark = pytest.mark.xcb


def test_today_paints_in_a_real_window(qtbot: QtBot, services: Services, child: Child) -> None:
    assert QGuiApplication.platformName() == "xcb"
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 760)
    controller = AppController(window, services)
    with qtbot.waitExposed(window):
        window.show()
    controller.start()
    qtbot.wait(200)
    screen = QGuiApplication.primaryScreen()
    picture = screen.grabWindow(window.winId()).toImage()
    assert picture.width() >= 1000
    colours = {picture.pixel(x, y) for x in range(0, picture.width(), 37)
               for y in range(0, picture.height(), 29)}  # fmt: skip
    assert len(colours) > 5  # text, cards and buttons, not a blank surface
    assert controller.today_view.name_label.text() == "Maya"
    window.close_guard = None
