"""A row of short bars showing how far through a step-by-step flow one is."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from caretrack.ui.widgets.common import set_role


class StepDots(QWidget):
    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self._bars: list[QFrame] = []
        for _ in range(count):
            bar = QFrame()
            bar.setFixedSize(36, 6)
            bar.setProperty("role", "step-todo")
            row.addWidget(bar)
            self._bars.append(bar)

    def set_current(self, step: int) -> None:
        for i, bar in enumerate(self._bars):
            set_role(bar, "step-done" if i <= step else "step-todo")
