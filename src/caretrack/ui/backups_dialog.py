"""Backups from the window: make one now, or put an earlier one back.

Putting a backup back replaces today's file, so it asks first, and the file it replaces is
itself backed up ("pre-restore") before anything changes; the window then reloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.ui.entry_text import when_text
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import label

if TYPE_CHECKING:
    from caretrack.storage.backup import BackupInfo


class BackupsDialog(QDialog):
    backup_now_requested = Signal()
    restore_requested = Signal(object, str)  # the backup's Path, and when it was taken in words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Backups"))
        self.setMinimumWidth(560)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 20, 24, 20)
        box.setSpacing(12)
        box.addWidget(label(self.tr("Backups"), "card-title"))
        box.addWidget(
            label(
                self.tr(
                    "CareTrack keeps checked copies of your data in the data folder: one a day "
                    "when it starts, and before every update. You can put an earlier copy back "
                    "if something went wrong. Entries logged after that copy was made are not "
                    "in it."
                ),
                "muted",
            )
        )
        self.banner = Banner()
        box.addWidget(self.banner)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        self.list.setMinimumHeight(220)
        self.list.setStyleSheet(
            "QListWidget { border: 1px solid #d5dde0; border-radius: 8px; padding: 4px; }"
            "QListWidget::item { padding: 7px 6px; }"
        )
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        box.addWidget(self.list, 1)
        self.empty_label = label(self.tr("There are no backups yet."), "muted")
        box.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.backup_button = QPushButton(self.tr("Make a backup now"))
        self.backup_button.setProperty("role", "secondary")
        self.backup_button.clicked.connect(self.backup_now_requested)
        row.addWidget(self.backup_button)
        self.restore_button = QPushButton(self.tr("Put this backup back…"))
        self.restore_button.setProperty("role", "secondary")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setProperty("role", "primary")
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        box.addLayout(row)
        self._backups: list[tuple[Path, str]] = []

    def set_backups(self, backups: Sequence[BackupInfo], now: datetime) -> None:
        """Newest first, each with when it was taken in the family's own time."""
        self.list.clear()
        self._backups = []
        zone = now.tzinfo
        for b in backups:
            when = when_text(b.taken_at.astimezone(zone), now.date())
            kind = self._kind_words(b.path.name)
            text = f"{when} · {kind}" if kind else when
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.list.addItem(item)
            self._backups.append((b.path, when))
        self.empty_label.setVisible(not backups)
        self.list.setVisible(bool(backups))
        if backups:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(backups))

    def _kind_words(self, name: str) -> str:
        if "pre-migration" in name:
            return self.tr("before an update")
        if "pre-restore" in name:
            return self.tr("before a backup was put back")
        return ""

    def chosen(self) -> tuple[Path, str] | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def _on_list_current_row_changed(self, row: int) -> None:
        self.restore_button.setEnabled(0 <= row < len(self._backups))

    def _on_restore_button_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        path, when = chosen
        answer = QMessageBox.question(
            self,
            self.tr("Put this backup back?"),
            self.tr(
                "CareTrack will show your data as it was on {when}. Anything logged after "
                "that is not in this backup. Today's file is backed up first, so you can come "
                "back to it."
            ).format(when=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(path, when)
