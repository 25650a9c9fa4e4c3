"""History's table: one row per entry, newest first, every column already in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import Entry
from caretrack.ui.entry_text import excerpt, medicines_text, symptoms_text, time_text
from caretrack.ui.messages import short_date, temperature_with_route
from caretrack.ui.read_only_table import Index, ReadOnlyTableModel

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


class EntryTableModel(ReadOnlyTableModel):
    _CONTEXT = "history"
    WHEN, CHILD, TEMPERATURE, SYMPTOMS, MEDICINES, NOTE, BY = range(7)
    _HEADERS = (
        QT_TRANSLATE_NOOP("history", "When"),
        QT_TRANSLATE_NOOP("history", "Child"),
        QT_TRANSLATE_NOOP("history", "Temperature"),
        QT_TRANSLATE_NOOP("history", "Symptoms"),
        QT_TRANSLATE_NOOP("history", "Medicines"),
        QT_TRANSLATE_NOOP("history", "Note"),
        QT_TRANSLATE_NOOP("history", "By"),
    )

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._entries: list[Entry] = []
        self._names: dict[int, str] = {}
        self._cells: list[tuple[str, ...]] = []

    def set_entries(
        self, entries: Sequence[Entry], child_names: Mapping[int, str], today: date
    ) -> None:
        """Replace the rows (a filter change); text is built once here, not on every paint."""
        self.beginResetModel()
        self._entries = list(entries)
        self._names = dict(child_names)
        self._cells = [self._row_text(e, today) for e in self._entries]
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, entry_id: int) -> int:
        for i, e in enumerate(self._entries):
            if e.id == entry_id:
                return i
        return -1

    def _row_text(self, e: Entry, today: date) -> tuple[str, ...]:
        c = e.content
        when = _tr("{date}, {time}").format(
            date=short_date(c.observed_at.date(), today), time=time_text(c.observed_at)
        )
        if e.edited:
            when = _tr("{when}\nedited").format(when=when)
        return (
            when,
            self._names.get(e.child_id, ""),
            "" if c.temperature is None else temperature_with_route(c.temperature),
            symptoms_text(c.symptoms, self._catalogue),
            medicines_text(c.medicines),
            excerpt(c.note, 80),
            c.logged_by,
        )

    # ---- Qt model interface ---------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        row, col = index.row(), index.column()
        if not 0 <= col < len(self._HEADERS):
            return None
        text = self._cells[row][col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NOTE:
                return self._entries[row].content.note or None
            return text or None
        if role == ENTRY_ID_ROLE:
            return self._entries[row].id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None
