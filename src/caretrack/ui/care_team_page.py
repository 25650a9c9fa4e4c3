"""Editing the care team's numbers (view) from the top bar at any time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from caretrack.domain.model import CareTeam
from caretrack.ui.care_team_form import CareTeamForm
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, label


class CareTeamPage(QWidget):
    save_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, team: CareTeam, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(28, 22, 28, 22)
        column_widget = QWidget()
        column_widget.setMaximumWidth(720)
        outer.addWidget(column_widget, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        box = QVBoxLayout(column_widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)
        box.addWidget(label(self.tr("Care team numbers"), "h1"))
        self.banner = Banner()
        box.addWidget(self.banner)
        card = Card()
        self.form = CareTeamForm()
        self.form.set_team(team)
        card.body.addWidget(self.form)
        box.addWidget(card)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel and go back"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.save_button = QPushButton(self.tr("Save numbers"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.tr("Save numbers"))
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        box.addLayout(buttons)
        box.addStretch(1)
        for sequence, signal in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_requested),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel_requested),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(signal)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, "error")
