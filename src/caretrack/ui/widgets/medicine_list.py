"""Medicines given: as many rows as needed, each with name, dose and the time it was given."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import MedicineGiven
from caretrack.domain.text import SHORT_LIMIT
from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import label


def to_qdatetime(moment: datetime) -> QDateTime:
    """Wall-clock fields only: the form works in the family's zone, Qt never converts."""
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def from_qdatetime(value: QDateTime, zone: tzinfo) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)


class MedicineRow(QWidget):
    remove_requested = Signal(QWidget)
    changed = Signal()

    def __init__(self, number: int, given_at: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Medicine, e.g. paracetamol"))
        self.name_edit.setAccessibleName(self.tr("Medicine {n}: name").format(n=number))
        self.name_edit.setMaxLength(SHORT_LIMIT)
        self.dose_edit = QLineEdit()
        self.dose_edit.setPlaceholderText(self.tr("Dose, e.g. 5 ml"))
        self.dose_edit.setAccessibleName(self.tr("Medicine {n}: dose").format(n=number))
        self.dose_edit.setMaxLength(SHORT_LIMIT)
        self.time_edit = QDateTimeEdit(to_qdatetime(given_at))
        self.time_edit.setDisplayFormat("HH:mm, d MMM")
        self.time_edit.setCalendarPopup(True)
        self.time_edit.setAccessibleName(self.tr("Medicine {n}: time given").format(n=number))
        self.remove_button = QPushButton()
        self.remove_button.setIcon(icon("x"))
        self.remove_button.setProperty("role", "icon")
        self.remove_button.setToolTip(self.tr("Remove this medicine"))
        self.remove_button.setAccessibleName(self.tr("Remove medicine {n}").format(n=number))
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        row.addWidget(self.name_edit, 3)
        row.addWidget(self.dose_edit, 2)
        row.addWidget(self.time_edit, 2)
        row.addWidget(self.remove_button)
        for edit in (self.name_edit, self.dose_edit):
            edit.textChanged.connect(self.changed)
        self.time_edit.dateTimeChanged.connect(self.changed)

    def medicine(self, zone: tzinfo) -> MedicineGiven | None:
        """None for a row left completely empty; a dose without a name is kept (and refused)."""
        name, dose = self.name_edit.text().strip(), self.dose_edit.text().strip()
        if not name and not dose:
            return None
        return MedicineGiven(name, dose, from_qdatetime(self.time_edit.dateTime(), zone))

    def set_medicine(self, medicine: MedicineGiven) -> None:
        self.name_edit.setText(medicine.name)
        self.dose_edit.setText(medicine.dose)
        if medicine.given_at is not None:
            self.time_edit.setDateTime(to_qdatetime(medicine.given_at))

    def _on_remove_button_clicked(self) -> None:
        self.remove_requested.emit(self)


class MedicineList(QWidget):
    changed = Signal()

    def __init__(self, default_time: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default_time = default_time
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        self.empty_label = label(self.tr("No medicines added."), "muted")
        box.addWidget(self.empty_label)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        box.addLayout(self._rows_box)
        self.add_button = QPushButton(self.tr("Add a medicine"))
        self.add_button.setIcon(icon("plus"))
        self.add_button.setProperty("role", "secondary")
        self.add_button.setAccessibleName(self.tr("Add a medicine"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[MedicineRow] = []
        self.tab_anchor: QWidget | None = None  # the control before this list in tab order

    def add_row(self, medicine: MedicineGiven | None = None) -> MedicineRow:
        row = MedicineRow(len(self.rows) + 1, self._default_time())
        if medicine is not None:
            row.set_medicine(medicine)
        row.remove_requested.connect(self._on_row_remove_requested)
        row.changed.connect(self.changed)
        self.rows.append(row)
        self._rows_box.addWidget(row)
        self._chain_tab_order(row)
        self.empty_label.hide()
        self.changed.emit()
        return row

    def _chain_tab_order(self, row: MedicineRow) -> None:
        """New rows go before 'Add a medicine' in tab order, not after the Save button."""
        previous = self.rows[-2].remove_button if len(self.rows) > 1 else self.tab_anchor
        chain: list[QWidget] = [row.name_edit, row.dose_edit, row.time_edit, row.remove_button]
        if previous is not None:
            chain.insert(0, previous)
        chain.append(self.add_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def medicines(self, zone: tzinfo) -> tuple[MedicineGiven, ...]:
        found = (row.medicine(zone) for row in self.rows)
        return tuple(m for m in found if m is not None)

    def set_medicines(self, medicines: Sequence[MedicineGiven]) -> None:
        for row in list(self.rows):
            self._remove(row)
        for m in medicines:
            self.add_row(m)

    def _remove(self, row: MedicineRow) -> None:
        self.rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty_label.setVisible(not self.rows)

    def _on_add_button_clicked(self) -> None:
        self.add_row().name_edit.setFocus()

    def _on_row_remove_requested(self, row: QWidget) -> None:
        if isinstance(row, MedicineRow) and row in self.rows:
            self._remove(row)
            self.changed.emit()
            self.add_button.setFocus()
