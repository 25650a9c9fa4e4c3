"""A message shown right under the field it is about, with an optional one-click fix."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from caretrack.ui.widgets.common import label, set_role


class FieldMessage(QWidget):
    """Hidden until there is something to say; 'error' or 'confirm' decides the colour."""

    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "field-message")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.text_label = label("", "field-error")
        self.text_label.setAccessibleName(self.tr("Message"))
        row.addWidget(self.text_label, 1)
        self.action_button = QPushButton()
        self.action_button.setProperty("role", "secondary-small")
        self.action_button.hide()
        self.action_button.clicked.connect(self.action_clicked)
        row.addWidget(self.action_button)
        self.hide()

    def show_text(self, text: str, kind: str = "error", action: str = "") -> None:
        set_role(self.text_label, "field-error" if kind == "error" else "field-note")
        self.text_label.setText(text)
        self.text_label.setAccessibleName(text)
        if action:
            self.action_button.setText(action)
            self.action_button.setAccessibleName(action)
            self.action_button.show()
        else:
            self.action_button.hide()
        self.show()

    def text(self) -> str:
        return "" if self.isHidden() else self.text_label.text()

    def clear(self) -> None:
        self.text_label.clear()
        self.action_button.hide()
        self.hide()
