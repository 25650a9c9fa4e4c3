"""Date and time fields a parent can type into.

Qt's date and time edits put a cursor where you click, so typing "2018" into a clicked year
(or "21" into a clicked hour) inserts digits instead of replacing them: the new-parent trial
typed 12 Mar and got 1 Mar. Selecting the clicked part makes typing replace it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, QTime, QTimer
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QLineEdit, QTimeEdit, QWidget


class _SelectClickedPart(QObject):
    """Watches the inner line edit (where clicks land) and selects the part clicked."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            QTimer.singleShot(0, self._select)  # after Qt has placed the cursor
        return False

    def _select(self) -> None:
        self._edit.setSelectedSection(self._edit.currentSection())


def _select_clicked_part(edit: QDateTimeEdit) -> None:
    inner = edit.findChild(QLineEdit)
    if inner is not None:
        inner.installEventFilter(_SelectClickedPart(edit))


class DateEdit(QDateEdit):
    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        if date is None:
            super().__init__(parent)
        else:
            super().__init__(date, parent)
        _select_clicked_part(self)


class TimeEdit(QTimeEdit):
    def __init__(self, time: QTime | None = None, parent: QWidget | None = None) -> None:
        if time is None:
            super().__init__(parent)
        else:
            super().__init__(time, parent)
        _select_clicked_part(self)
