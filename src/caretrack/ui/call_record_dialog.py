"""Recording the call that closes one or more open warnings.

Only a saved call record closes a flag, so this form must never save by accident: no button
is the default and Enter does nothing (a stray Enter would otherwise record a call that did
not happen). What was typed is kept when the save is refused or fails.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QSize, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.flags import StoredFlag
from caretrack.services.errors import NotFound, StorageError, ValidationFailed
from caretrack.ui.entry_text import when_text
from caretrack.ui.flag_style import TIER_QSS, rules_text, tier_icon, tier_words
from caretrack.ui.messages import problem_text
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import label, pad_spin_box
from caretrack.ui.widgets.date_edit import DateEdit, TimeEdit
from caretrack.ui.widgets.field_message import FieldMessage

SaveCall = Callable[[list[int], datetime, str, str, str], object]


class CallRecordDialog(QDialog):
    recorded = Signal(object)  # what `save` returned (FlagService.record_call: a CallRecord)

    def __init__(
        self,
        flags: Sequence[StoredFlag],
        save: SaveCall,
        now: datetime,
        caller: str = "",
        *,
        checked: Collection[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if now.tzinfo is None:
            raise ValueError("CallRecordDialog needs an aware 'now'")
        self._save = save
        self._now = now
        self.record: object | None = None
        self.setWindowTitle(self.tr("Record your call"))
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        self.setMinimumWidth(560)
        self.setStyleSheet(TIER_QSS)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        page = QWidget()
        page.setProperty("role", "page")
        outer.addWidget(page, 1)
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(8)
        column.addWidget(label(self.tr("Record your call"), "h1"))
        column.addWidget(
            label(
                self.tr("This takes the warning off Today. The warning itself stays in the log."),
                "muted",
            )
        )
        self.banner = Banner()
        column.addWidget(self.banner)

        # Which warnings
        column.addWidget(label(self.tr("Which warnings was the call about?"), "group-title"))
        self.flag_checks: dict[int, QCheckBox] = {}
        today = now.date()
        ordered = sorted(flags, key=lambda f: (f.flag.tier.rank, f.raised_at, f.id), reverse=True)
        for stored in ordered:
            raised = when_text(stored.raised_at.astimezone(now.tzinfo), today)
            text = self.tr("{title} ({when})").format(
                title=rules_text(stored.flag.title), when=raised
            )
            check = QCheckBox(text)
            check.setIcon(tier_icon(stored.flag.tier))
            check.setIconSize(QSize(18, 18))
            check.setChecked(checked is None or stored.id in checked)
            check.setAccessibleName(
                self.tr("{tier}: {text}").format(tier=tier_words(stored.flag.tier), text=text)
            )
            self.flag_checks[stored.id] = check
            column.addWidget(check)
        self.flags_message = FieldMessage()
        column.addWidget(self.flags_message)

        # When
        column.addWidget(label(self.tr("When did you call?"), "group-title"))
        when_row = QHBoxLayout()
        when_row.setSpacing(10)
        self.date_edit = DateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(self.tr("Date of the call"))
        self.time_edit = TimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Time of the call"))
        pad_spin_box(self.time_edit)
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setProperty("role", "secondary")
        self.now_button.setAutoDefault(False)
        self.now_button.setAccessibleName(self.tr("Set the call time to now"))
        self.now_button.clicked.connect(self._on_now_button_clicked)
        when_row.addWidget(self.date_edit)
        when_row.addWidget(self.time_edit)
        when_row.addWidget(self.now_button)
        when_row.addStretch(1)
        column.addLayout(when_row)
        self.when_message = FieldMessage()
        column.addWidget(self.when_message)
        self.set_called_at(now)

        # Who
        column.addWidget(label(self.tr("Who called?"), "group-title"))
        self.caller_edit = QLineEdit(caller)
        self.caller_edit.setPlaceholderText(self.tr("Your name"))
        self.caller_edit.setAccessibleName(self.tr("Who called"))
        column.addWidget(self.caller_edit)
        self.caller_message = FieldMessage()
        column.addWidget(self.caller_message)

        column.addWidget(label(self.tr("Who did you speak with?"), "group-title"))
        self.spoke_with_edit = QLineEdit()
        self.spoke_with_edit.setPlaceholderText(
            self.tr("For example: the nurse on the 24-hour line")
        )
        self.spoke_with_edit.setAccessibleName(self.tr("Who you spoke with"))
        column.addWidget(self.spoke_with_edit)
        self.spoke_with_message = FieldMessage()
        column.addWidget(self.spoke_with_message)

        column.addWidget(label(self.tr("What did the team advise?"), "group-title"))
        self.advice_edit = QPlainTextEdit()
        self.advice_edit.setPlaceholderText(self.tr("For example: come to the day unit now"))
        self.advice_edit.setAccessibleName(self.tr("What the team advised"))
        self.advice_edit.setTabChangesFocus(True)
        self.advice_edit.setFixedHeight(110)
        column.addWidget(self.advice_edit)
        self.advice_message = FieldMessage()
        column.addWidget(self.advice_message)
        column.addStretch(1)

        bar = QFrame()
        bar.setProperty("role", "action-bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 12, 24, 12)
        row.setSpacing(10)
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setAccessibleName(self.tr("Cancel. Nothing is recorded."))
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        self.save_button = QPushButton(self.tr("Save call record"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAutoDefault(False)
        self.save_button.setAccessibleName(self.tr("Save the call record"))
        self.save_button.clicked.connect(self._on_save_button_clicked)
        row.addWidget(self.save_button)
        outer.addWidget(bar)

        self._messages = {
            "flags": self.flags_message,
            "called_at": self.when_message,
            "caller": self.caller_message,
            "spoke_with": self.spoke_with_message,
            "advice": self.advice_message,
        }

    # ---- values -----------------------------------------------------------------------------

    def set_called_at(self, moment: datetime) -> None:
        local = moment.astimezone(self._now.tzinfo)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def called_at(self) -> datetime:
        d = self.date_edit.date()
        t = self.time_edit.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self._now.tzinfo)

    def chosen_flag_ids(self) -> list[int]:
        return [fid for fid, check in self.flag_checks.items() if check.isChecked()]

    # ---- behaviour --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # never saves by accident: see the module docstring
            return
        super().keyPressEvent(event)

    def _on_now_button_clicked(self) -> None:
        self.set_called_at(datetime.now(self._now.tzinfo))

    def _clear_messages(self) -> None:
        self.banner.clear()
        for message in self._messages.values():
            message.clear()

    def _on_save_button_clicked(self) -> None:
        self._clear_messages()
        self.save_button.setEnabled(False)
        try:
            record = self._save(
                self.chosen_flag_ids(),
                self.called_at(),
                self.caller_edit.text(),
                self.spoke_with_edit.text(),
                self.advice_edit.toPlainText(),
            )
        except ValidationFailed as exc:
            for problem in exc.problems:
                target = self._messages.get(problem.field)
                if target is None:
                    self.banner.show_message(problem_text(problem), "error")
                else:
                    target.show_text(problem_text(problem))
            return
        except StorageError:
            self.banner.show_message(
                self.tr(
                    "CareTrack could not save this call record. What you typed is still here: "
                    "try Save again. The warning stays on Today until it is saved."
                ),
                "error",
            )
            return
        except NotFound:
            self.banner.show_message(
                self.tr(
                    "One of these warnings could not be found. Close this form and open it "
                    "again from Today."
                ),
                "error",
            )
            return
        finally:
            self.save_button.setEnabled(True)
        self.record = record
        self.recorded.emit(record)
        self.accept()
