"""Earlier versions of one entry: every save is kept, newest first, each readable in full."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import EntryVersion
from caretrack.ui.entry_text import content_lines, time_text
from caretrack.ui.messages import nice_date

DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("versions", text)


class VersionListModel(QAbstractListModel):
    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._versions: list[EntryVersion] = []
        self._current = 0

    def set_versions(self, versions: Sequence[EntryVersion]) -> None:
        self.beginResetModel()
        self._versions = sorted(versions, key=lambda v: v.number, reverse=True)
        self._current = max((v.number for v in versions), default=0)
        self.endResetModel()

    def version(self, row: int) -> EntryVersion:
        return self._versions[row]

    def _title(self, v: EntryVersion) -> str:
        saved = v.saved_at.astimezone(v.content.observed_at.tzinfo)
        when = _tr("{date} at {time}").format(date=nice_date(saved.date()), time=time_text(saved))
        if v.number == self._current:
            return _tr("Version {n} (current), saved {when}").format(n=v.number, when=when)
        return _tr("Version {n}, saved {when}").format(n=v.number, when=when)

    def _detail(self, v: EntryVersion) -> str:
        c = v.content
        head = _tr("Check-in time: {date}, {time}").format(
            date=nice_date(c.observed_at.date()), time=time_text(c.observed_at)
        )
        return "\n".join([head, *content_lines(c, self._catalogue, note_limit=400)])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._versions):
            return None
        v = self._versions[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._title(v)
        if role in (DETAIL_ROLE, Qt.ItemDataRole.ToolTipRole):
            return self._detail(v)
        if role == NUMBER_ROLE:
            return v.number
        return None
