"""A date field a parent can type into.

Qt's QDateEdit puts a cursor where you click, so typing "2018" into a clicked year inserts
digits instead of replacing it (the new-parent trial typed 12 Mar and got 1 Mar). Selecting
the clicked part makes typing replace it, as people expect.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget


class DateEdit(QDateEdit):
    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        if date is None:
            super().__init__(parent)
        else:
            super().__init__(date, parent)
        inner = self.findChild(QLineEdit)
        if inner is not None:  # clicks land on the inner line edit, not on the date edit
            inner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            # After Qt has placed the cursor: select the part it landed in.
            QTimer.singleShot(0, self._select_current_part)
        return super().eventFilter(watched, event)

    def _select_current_part(self) -> None:
        self.setSelectedSection(self.currentSection())
