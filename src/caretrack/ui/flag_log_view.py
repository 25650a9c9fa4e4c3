"""Every warning ever raised, newest first, with the call that closed it (or "Open")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.flags import CallRecord, StoredFlag, Tier
from caretrack.ui.entry_text import day_text, excerpt, time_text, when_text
from caretrack.ui.flag_style import rules_text, tier_icon, tier_words
from caretrack.ui.read_only_table import Index, ReadOnlyTableModel
from caretrack.ui.widgets.common import label
from caretrack.ui.widgets.open_flags_panel import split_evidence

FLAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
IS_OPEN_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("flag_log", text)


def call_text(call: CallRecord, today: date, zone: tzinfo | None) -> str:
    """'Called at 21:40 by Mum, spoke with Nurse Kim: come in now'."""
    moment = call.called_at.astimezone(zone) if zone is not None else call.called_at
    if moment.date() == today:
        text = _tr("Called at {time}").format(time=time_text(moment))
    else:
        text = _tr("Called {day}, {time}").format(
            day=day_text(moment.date(), today), time=time_text(moment)
        )
    if call.caller:
        text = _tr("{text} by {name}").format(text=text, name=call.caller)
    if call.spoke_with:
        text = _tr("{text}, spoke with {name}").format(text=text, name=call.spoke_with)
    if call.advice:
        text = _tr("{text}: {advice}").format(text=text, advice=excerpt(call.advice, 60))
    return text


class FlagLogModel(ReadOnlyTableModel):
    _CONTEXT = "flag_log"
    WHEN, CHILD, TIER, TITLE, EVIDENCE, STATUS = range(6)
    _HEADERS = ("When", "Child", "Level", "Warning", "What was logged", "Status")

    def __init__(self) -> None:
        super().__init__()
        self._flags: list[StoredFlag] = []
        self._cells: list[tuple[str, ...]] = []
        self._icons: dict[Tier, QIcon] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_flags(
        self,
        flags: Sequence[StoredFlag],
        child_names: Mapping[int, str],
        now: datetime,
    ) -> None:
        """Replace the rows, newest first; `now` (aware) gives 'today' and the zone to show."""
        self.beginResetModel()
        self._flags = sorted(flags, key=lambda f: (_when(f), f.id), reverse=True)
        self._cells = [self._row_text(f, child_names, now) for f in self._flags]
        self.endResetModel()

    def flag(self, row: int) -> StoredFlag:
        return self._flags[row]

    def row_of(self, flag_id: int) -> int:
        for i, f in enumerate(self._flags):
            if f.id == flag_id:
                return i
        return -1

    def _row_text(self, f: StoredFlag, names: Mapping[int, str], now: datetime) -> tuple[str, ...]:
        zone = now.tzinfo
        today = now.date()
        evidence = "; ".join(
            (_tr("In your note: {text}").format(text=text) if note else text)
            for note, text in (split_evidence(line) for line in f.flag.evidence)
        )
        status = _tr("Open") if f.call is None else call_text(f.call, today, zone)
        return (
            when_text(_when(f).astimezone(zone), today),
            names.get(f.child_id, ""),
            tier_words(f.flag.tier),
            rules_text(f.flag.title),
            evidence,
            status,
        )

    def _icon(self, tier: Tier) -> QIcon:
        if tier not in self._icons:
            self._icons[tier] = tier_icon(tier)
        return self._icons[tier]

    # ---- Qt model interface ---------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._flags):
            return None
        row, col = index.row(), index.column()
        if not 0 <= col < len(self._HEADERS):
            return None
        stored = self._flags[row]
        text = self._cells[row][col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.STATUS and stored.call is not None and stored.call.advice:
                return stored.call.advice
            if col == self.TITLE and stored.flag.what_to_do:
                return rules_text(stored.flag.what_to_do)
            return text or None
        if role == Qt.ItemDataRole.DecorationRole and col == self.TIER:
            return self._icon(stored.flag.tier)
        if role == Qt.ItemDataRole.FontRole and col == self.STATUS and stored.is_open:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS and stored.is_open:
            return QColor("#8a4a00")
        if role == FLAG_ID_ROLE:
            return stored.id
        if role == IS_OPEN_ROLE:
            return stored.is_open
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None


class FlagLogView(QWidget):
    """The warning log: a read-only table; double-click or Enter on a row asks for details."""

    details_requested = Signal(int)  # flag id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "page")
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(10)
        self.title_label = label(self.tr("Warning log"), "h1")
        column.addWidget(self.title_label)
        column.addWidget(
            label(
                self.tr(
                    "Every warning CareTrack has shown, newest first. A warning stays open "
                    "until someone records the call."
                ),
                "muted",
            )
        )
        card = QFrame()
        card.setProperty("role", "table-card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(1, 1, 1, 1)
        self.model = FlagLogModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Warning log"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setIconSize(QSize(18, 18))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._on_table_activated)
        # Wrapped cells need their rows measured again whenever the columns change width.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(30)
        self._fit_timer.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._fit_timer.start)
        inner.addWidget(self.table)
        column.addWidget(card, 1)
        self.empty_label = label(self.tr("No warnings so far."), "muted")
        column.addWidget(self.empty_label)

    def set_flags(
        self,
        flags: Sequence[StoredFlag],
        child_names: Mapping[int, str],
        now: datetime,
    ) -> None:
        self.model.set_flags(flags, child_names, now)
        self.table.setColumnHidden(FlagLogModel.CHILD, len(set(child_names)) < 2)
        widths = {
            FlagLogModel.WHEN: 120,
            FlagLogModel.CHILD: 90,
            FlagLogModel.TIER: 145,
            FlagLogModel.TITLE: 250,
            FlagLogModel.EVIDENCE: 230,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.table.resizeRowsToContents()
        self._fit_timer.start()
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def _on_table_activated(self, index: QModelIndex) -> None:
        flag_id = self.model.data(index, FLAG_ID_ROLE)
        if isinstance(flag_id, int):
            self.details_requested.emit(flag_id)


def _when(flag: StoredFlag) -> datetime:
    """When it happened (the entry's time), which is what a nurse asks; saved time otherwise."""
    return (flag.flag.observed_at or flag.raised_at).astimezone(UTC)
