"""'Child: [Maya] [Leo]': shown only when the household has more than one child."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import label


class ChildSwitcher(QWidget):
    child_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box = QHBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(10)
        self._box.addWidget(label(self.tr("Child:"), "muted", wrap=False))
        self.chips: ChipGroup | None = None
        self.hide()

    def set_children(self, children: Sequence[tuple[int, str]], current: int) -> None:
        if self.chips is not None:
            self._box.removeWidget(self.chips)
            self.chips.deleteLater()
            self.chips = None
        if len(children) < 2:
            self.hide()
            return
        self.chips = ChipGroup(
            [(str(cid), name) for cid, name in children], self.tr("Show child"), role="chip"
        )
        self.chips.set_value(str(current))
        self.chips.value_changed.connect(lambda value: self.child_selected.emit(int(value)))
        self._box.addWidget(self.chips, 1)
        self.show()
