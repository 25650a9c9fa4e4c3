"""A page's title, one line under it, and the child switcher beside them (Treatment, Clinic
visit): one look, and one place that says which child the page is about."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from caretrack.ui.widgets.child_switcher import ChildSwitcher
from caretrack.ui.widgets.common import label


class PageHeading(QWidget):
    child_selected = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = label(title, "h1")
        texts.addWidget(self.title_label)
        self.subtitle_label = label("", "lead")
        texts.addWidget(self.subtitle_label)
        row.addLayout(texts, 1)
        # Shown only when there is more than one child.
        self.children_row = ChildSwitcher()
        self.children_row.child_selected.connect(self.child_selected)
        row.addWidget(self.children_row, 0, Qt.AlignmentFlag.AlignVCenter)
