"""Editing the care team's numbers and its warning settings (view) from the top bar at any time."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import CareTeam
from caretrack.rules import CareSettings, RuleSet
from caretrack.ui.care_settings_form import CareSettingsForm
from caretrack.ui.care_team_form import CareTeamForm
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, label


class CareTeamPage(QWidget):
    save_requested = Signal()
    cancel_requested = Signal()

    def __init__(
        self,
        team: CareTeam,
        settings: CareSettings | None = None,
        rules: RuleSet | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Two cards no longer fit the smallest window: the cards scroll, the buttons stay put.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)
        holder = QWidget()
        holder.setProperty("role", "page")
        self.scroll_area.setWidget(holder)
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(28, 22, 28, 22)
        column_widget = QWidget()
        column_widget.setMaximumWidth(720)
        centre.addWidget(
            column_widget, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
        )
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
        settings_card = Card(self.tr("Settings from your care team"))
        self.settings_form = CareSettingsForm(settings or CareSettings(), rules)
        settings_card.body.addWidget(self.settings_form)
        box.addWidget(settings_card)
        box.addStretch(1)

        # Action bar, as on the check-in form: always visible under the scrolling cards.
        bar = QFrame()
        bar.setProperty("role", "action-bar")
        buttons = QHBoxLayout(bar)
        buttons.setContentsMargins(24, 12, 24, 12)
        buttons.setSpacing(12)
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel and go back"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.tr("Save numbers and settings"))
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addWidget(bar)

        for sequence, signal in (
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_requested),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel_requested),
        ):
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(signal)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, "error")
        self.reveal(self.banner)

    def reveal(self, widget: QWidget) -> None:
        """Scroll so a message is in view, even in the smallest window.

        Deferred: a message that was just shown has its place once the layout has run.
        """
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(widget, 50, 80))
