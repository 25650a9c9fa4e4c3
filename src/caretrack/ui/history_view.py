"""History (view): every entry, newest first, filtered by child and dates; open one to change it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caretrack.ui.entry_table_model import ENTRY_ID_ROLE, EntryTableModel
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, label
from caretrack.ui.widgets.date_edit import DateEdit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class HistoryView(QWidget):
    filters_changed = Signal()
    all_dates_requested = Signal()
    entry_open_requested = Signal(int)

    def __init__(self, model: EntryTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 22, 28, 22)
        box.setSpacing(14)
        box.addWidget(label(self.tr("History"), "h1"))
        self.banner = Banner()
        box.addWidget(self.banner)

        filters = Card(role="card-tight")
        row = QHBoxLayout()
        row.setSpacing(10)
        self.child_combo = QComboBox()
        self.child_combo.setAccessibleName(self.tr("Show entries for"))
        self.child_combo.setMinimumWidth(170)
        self.from_edit = DateEdit()
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("d MMM yyyy")
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.to_edit = DateEdit()
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("d MMM yyyy")
        self.to_edit.setAccessibleName(self.tr("To date"))
        self.all_button = QPushButton(self.tr("All dates"))
        self.all_button.setProperty("role", "secondary")
        self.all_button.setAccessibleName(self.tr("Show all dates"))
        row.addWidget(label(self.tr("Child"), "field-label", wrap=False))
        row.addWidget(self.child_combo)
        row.addSpacing(12)
        row.addWidget(label(self.tr("From"), "field-label", wrap=False))
        row.addWidget(self.from_edit)
        row.addWidget(label(self.tr("to"), "field-label", wrap=False))
        row.addWidget(self.to_edit)
        row.addWidget(self.all_button)
        row.addStretch(1)
        self.count_label = label("", "muted", wrap=False)
        row.addWidget(self.count_label)
        filters.body.addLayout(row)
        box.addWidget(filters)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("Entries, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(58)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = {
            EntryTableModel.WHEN: 160,
            EntryTableModel.CHILD: 70,
            EntryTableModel.TEMPERATURE: 196,
            EntryTableModel.SYMPTOMS: 220,
            EntryTableModel.MEDICINES: 160,
            EntryTableModel.NOTE: 150,
            EntryTableModel.BY: 70,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        for col in (EntryTableModel.SYMPTOMS, EntryTableModel.NOTE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        table_card = Card(role="table-card")
        table_card.body.setContentsMargins(6, 6, 6, 6)
        table_card.setSizePolicy(
            table_card.sizePolicy().horizontalPolicy(), table_card.sizePolicy().Policy.Expanding
        )
        table_card.body.addWidget(self.table)
        self.empty_label = label(self.tr("No entries for these dates."), "muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        table_card.body.addWidget(self.empty_label)
        box.addWidget(table_card, 1)

        actions = QHBoxLayout()
        actions.addWidget(
            label(
                self.tr("Double-click an entry, or select it and press Open, to change it."),
                "hint",
                wrap=False,
            )
        )
        actions.addStretch(1)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setProperty("role", "primary")
        self.open_button.setAccessibleName(self.tr("Open the selected entry"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        actions.addWidget(self.open_button)
        box.addLayout(actions)

        self.child_combo.currentIndexChanged.connect(self._on_filter_edited)
        self.from_edit.dateChanged.connect(self._on_filter_edited)
        self.to_edit.dateChanged.connect(self._on_filter_edited)
        self.all_button.clicked.connect(self.all_dates_requested)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    # ---- values pushed in by the controller --------------------------------------------------

    def set_children(self, children: Sequence[tuple[int, str]], current: int | None) -> None:
        self.child_combo.blockSignals(True)
        self.child_combo.clear()
        self.child_combo.addItem(self.tr("All children"), None)
        for cid, name in children:
            self.child_combo.addItem(name, cid)
        index = self.child_combo.findData(current) if current is not None else 0
        self.child_combo.setCurrentIndex(max(0, index))
        self.child_combo.setVisible(len(children) > 1 or self.child_combo.currentIndex() != 0)
        self.child_combo.blockSignals(False)

    def set_range(self, start: date, end: date) -> None:
        for edit, value in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(value))
            edit.blockSignals(False)

    def child_id(self) -> int | None:
        data = self.child_combo.currentData()
        return None if data is None else int(data)

    def date_range(self) -> tuple[date, date]:
        return _pydate(self.from_edit.date()), _pydate(self.to_edit.date())

    def show_count(self, shown: int) -> None:
        self.count_label.setText(
            self.tr("1 entry") if shown == 1 else self.tr("{n} entries").format(n=shown)
        )
        self.empty_label.setVisible(shown == 0)
        self.table.setVisible(shown > 0)
        self.open_button.setEnabled(self.selected_entry_id() is not None)

    def selected_entry_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ENTRY_ID_ROLE)
        return None if value is None else int(value)

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # ---- slots -------------------------------------------------------------------------------

    def _on_filter_edited(self, *_args: object) -> None:
        self.filters_changed.emit()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        value = index.data(ENTRY_ID_ROLE)
        if value is not None:
            self.entry_open_requested.emit(int(value))

    def _on_open_button_clicked(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is not None:
            self.entry_open_requested.emit(entry_id)

    def _on_table_selection_changed(self, *_args: object) -> None:
        self.open_button.setEnabled(self.selected_entry_id() is not None)
