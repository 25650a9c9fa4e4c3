"""A row of toggle buttons for one choice (°C/°F, where taken, how bad): big, clear targets."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget


class ChipGroup(QWidget):
    """Exactly one chip on, or none when `allow_none` and nothing was chosen yet."""

    value_changed = Signal(str)

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        accessible_prefix: str = "",
        parent: QWidget | None = None,
        role: str = "chip",
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QPushButton] = {}
        for value, text in choices:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("role", role)
            button.setProperty("value", value)
            name = f"{accessible_prefix}: {text}" if accessible_prefix else text
            button.setAccessibleName(name)
            self._group.addButton(button)
            self._buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self._group.buttonToggled.connect(self._on_group_button_toggled)

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons.values())

    def button(self, value: str) -> QPushButton:
        return self._buttons[value]

    def value(self) -> str | None:
        checked = self._group.checkedButton()
        return None if checked is None else str(checked.property("value"))

    def set_value(self, value: str | None) -> None:
        """Push a value in without emitting value_changed (no echo back to settings)."""
        self._group.blockSignals(True)
        try:
            if value is None or value not in self._buttons:
                self._group.setExclusive(False)
                for b in self._buttons.values():
                    b.setChecked(False)
                self._group.setExclusive(True)
            else:
                self._buttons[value].setChecked(True)
        finally:
            self._group.blockSignals(False)

    def _on_group_button_toggled(self, button: QPushButton, checked: bool) -> None:
        if checked:
            self.value_changed.emit(str(button.property("value")))
