"""A large, clear choice of therapy: the name in bold and one plain line on how it is given."""

from __future__ import annotations

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QRadioButton, QVBoxLayout, QWidget

from caretrack.ui.widgets.common import label, set_role


class TherapyChoice(QFrame):
    """The radio button carries focus and keyboard; clicking anywhere on the card picks it."""

    def __init__(
        self, therapy_id: str, title: str, description: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.therapy_id = therapy_id
        self.setProperty("role", "choice")
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(4)
        self.radio = QRadioButton(title)
        self.radio.setProperty("role", "choice-title")
        self.radio.setAccessibleName(title)
        self.radio.setAccessibleDescription(description)
        self.radio.toggled.connect(self._on_radio_toggled)
        box.addWidget(self.radio)
        self.description = label(description, "choice-text")
        self.description.setContentsMargins(30, 0, 0, 0)
        box.addWidget(self.description)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.radio.setChecked(True)
        self.radio.setFocus()
        super().mousePressEvent(event)

    def _on_radio_toggled(self, checked: bool) -> None:
        set_role(self, "choice-selected" if checked else "choice")
