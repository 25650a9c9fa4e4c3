"""The Treatment page's way into the daily neuro check (CAR T and blinatumomab)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import label


class NeuroCheckSection(QWidget):
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.text = label("", "muted")
        row.addWidget(self.text, 1)
        self.button = QPushButton(self.tr("Do the neuro check"))
        self.button.setProperty("role", "secondary")
        self.button.setIcon(icon("brain"))
        self.button.setIconSize(QSize(18, 18))
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.check_requested)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_child(self, name: str, due: bool) -> None:
        if due:
            text = self.tr(
                "Two minutes a day: is {name} talking, moving and behaving as usual? "
                "For children who write, a short sentence shows changes in writing."
            ).format(name=name)
        else:
            text = self.tr(
                "The daily check is not needed every day now, but you can still do it "
                "whenever something seems different."
            )
        self.text.setText(text)
        self.button.setAccessibleName(self.tr("Do the neuro check for {name}").format(name=name))
