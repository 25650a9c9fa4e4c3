"""Date, time and a "Now" button in one row: when something happened, in the family's zone.

Shared by the check-in, the pump log and the neuro check, so every form reads a time alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from caretrack.ui.widgets.common import pad_spin_box
from caretrack.ui.widgets.date_edit import DateEdit, TimeEdit


class WhenRow(QWidget):
    def __init__(
        self,
        zone: tzinfo | None = None,
        now: Callable[[], datetime] | None = None,
        date_name: str = "",
        time_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self._now = now
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.date_edit = DateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(date_name or self.tr("Date"))
        self.time_edit = TimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(time_name or self.tr("Time"))
        pad_spin_box(self.time_edit)
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setProperty("role", "secondary")
        self.now_button.setAccessibleName(self.tr("Set the time to now"))
        self.now_button.clicked.connect(self._on_now_button_clicked)
        row.addWidget(self.date_edit)
        row.addWidget(self.time_edit)
        row.addWidget(self.now_button)
        row.addStretch(1)

    def set_clock(self, zone: tzinfo | None, now: Callable[[], datetime] | None) -> None:
        """For forms built before they know the family's zone (the pump log's small form)."""
        self.zone = zone
        self._now = now

    def observed_at(self) -> datetime:
        d: QDate = self.date_edit.date()
        t: QTime = self.time_edit.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.zone)

    def set_observed_at(self, moment: datetime) -> None:
        local = moment.astimezone(self.zone) if moment.tzinfo is not None else moment
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def _on_now_button_clicked(self) -> None:
        if self._now is not None:
            self.set_observed_at(self._now())
