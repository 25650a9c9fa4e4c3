"""Reminder settings for one child: temperature checks, the daily neuro check, bag changes,
medicines, and starting CareTrack with the session.

A view only: the care controller fills it, reads `choices()` on Save and writes the plans.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import ReminderKind, ReminderPlan
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, label, pad_spin_box
from caretrack.ui.widgets.date_edit import TimeEdit
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.next_due_panel import reminders_open_text

# Offered in this order when "Add a time" is pressed: morning, evening, then in between.
SUGGESTED_TIMES = (time(8), time(20), time(12), time(16), time(6), time(22))
DEFAULT_NEURO_TIME = time(9)
INDENT = 32  # controls under a checkbox line up with its text
TIME_COLUMNS = 3  # times per line, so the panel fits a narrow window
TIME_FIELD_WIDTH = 112  # "08:00" and the arrows; Qt's own hint is much wider


def clock_text(moment: time) -> str:
    """'08:00' (or '8:00 AM' where that is the custom)."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def times_text(times: Sequence[time]) -> str:
    return ", ".join(clock_text(t) for t in sorted(times))


def action_button(text: str, name: str, role: str = "primary") -> QPushButton:
    """A form's main button ("Save", "Add to the list"): a tick on the primary colour."""
    button = QPushButton(text)
    if role == "primary":
        button.setIcon(icon("check-white"))
    button.setProperty("role", role)
    button.setAccessibleName(name)
    return button


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


def _pytime(moment: QTime) -> time:
    return time(moment.hour(), moment.minute())


class TimeRow(QWidget):
    """One time of day and the button that removes it."""

    remove_requested = Signal(QWidget)

    def __init__(self, moment: time, number: int, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.edit = TimeEdit(_qtime(moment))
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setFixedWidth(TIME_FIELD_WIDTH)
        self.edit.setAccessibleName(self.tr("{what}: time {n}").format(what=what, n=number))
        pad_spin_box(self.edit)
        self.remove_button = QPushButton()
        self.remove_button.setIcon(icon("x"))
        self.remove_button.setProperty("role", "icon")
        self.remove_button.setToolTip(self.tr("Remove this time"))
        self.remove_button.setAccessibleName(
            self.tr("{what}: remove time {n}").format(what=what, n=number)
        )
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        row.addWidget(self.edit)
        row.addWidget(self.remove_button)

    def value(self) -> time:
        return _pytime(self.edit.time())

    def _on_remove_button_clicked(self) -> None:
        self.remove_requested.emit(self)


class TimesEditor(QWidget):
    """A few times of day side by side, with "Add a time"; empty until the parent adds one."""

    changed = Signal()

    def __init__(self, what: str, parent: QWidget | None = None, *, limit: int = 6) -> None:
        super().__init__(parent)
        # Fixed height: inside word-wrapped forms Qt would otherwise squeeze the time fields.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._what = what
        self._limit = limit
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnStretch(TIME_COLUMNS, 1)
        self.add_button = QPushButton(self.tr("Add a time"))
        self.add_button.setIcon(icon("plus"))
        self.add_button.setProperty("role", "secondary-small")
        self.add_button.setAccessibleName(self.tr("{what}: add a time").format(what=what))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.rows: list[TimeRow] = []
        self._relayout()

    def times(self) -> list[time]:
        return [r.value() for r in self.rows]

    def set_times(self, times: Sequence[time]) -> None:
        for r in list(self.rows):
            self._remove(r)
        for t in sorted(times):
            self.add_time(t)

    def add_time(self, moment: time | None = None) -> TimeRow:
        if moment is None:
            taken = set(self.times())
            moment = next((t for t in SUGGESTED_TIMES if t not in taken), time(12))
        r = TimeRow(moment, len(self.rows) + 1, self._what)
        r.remove_requested.connect(self._on_row_remove_requested)
        r.edit.timeChanged.connect(self.changed)
        self.rows.append(r)
        self._relayout()
        self.changed.emit()
        return r

    def _relayout(self) -> None:
        """Times fill rows of TIME_COLUMNS, "Add a time" right after the last one."""
        for i, widget in enumerate([*self.rows, self.add_button]):
            self._grid.removeWidget(widget)
            self._grid.addWidget(
                widget, i // TIME_COLUMNS, i % TIME_COLUMNS, Qt.AlignmentFlag.AlignLeft
            )
        self.add_button.setEnabled(len(self.rows) < self._limit)
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [w for r in self.rows for w in (r.edit, r.remove_button)]
        chain.append(self.add_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _remove(self, r: TimeRow) -> None:
        self.rows.remove(r)
        self._grid.removeWidget(r)
        r.hide()
        r.deleteLater()
        self._relayout()

    def _on_add_button_clicked(self) -> None:
        self.add_time().edit.setFocus()

    def _on_row_remove_requested(self, r: QWidget) -> None:
        if isinstance(r, TimeRow) and r in self.rows:
            self._remove(r)
            self.changed.emit()
            self.add_button.setFocus()


@dataclass(frozen=True)
class Offers:
    """Which reminders this child's therapy has, and the neuro-check weeks in words."""

    neuro_check: bool = False
    neuro_window_text: str = ""
    bag_change: bool = False


@dataclass(frozen=True)
class Choices:
    """What the parent set, as typed; the controller checks it and saves it."""

    temperature: bool
    temperature_times: tuple[time, ...]
    neuro_check: bool
    neuro_time: time
    bag_change: bool
    medicine: bool
    autostart: bool


class RemindersPanel(Card):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.heading = label(self.tr("Reminders"), "card-title")
        self.title_label = self.heading
        self.body.addWidget(self.heading)
        self.open_note = Banner()
        self.open_note.show_message(reminders_open_text(), "info")
        self.body.addWidget(self.open_note)
        self.banner = Banner()
        self.body.addWidget(self.banner)

        # Temperature checks
        self.temperature_check = QCheckBox(self.tr("Temperature checks"))
        self.temperature_check.setAccessibleName(self.tr("Remind me to check the temperature"))
        self.temperature_times = TimesEditor(self.tr("Temperature checks"))
        self.temperature_message = FieldMessage()
        self.temperature_block = self._section(
            self.temperature_check,
            self.tr("Choose the times, for example morning and evening."),
            self.temperature_times,
            self.temperature_message,
        )

        # Daily neuro check (CAR T and blinatumomab only)
        self.neuro_check = QCheckBox(self.tr("Daily neuro check"))
        self.neuro_check.setAccessibleName(self.tr("Remind me to do the daily neuro check"))
        self.neuro_time = TimeEdit(_qtime(DEFAULT_NEURO_TIME))
        self.neuro_time.setDisplayFormat("HH:mm")
        self.neuro_time.setFixedWidth(TIME_FIELD_WIDTH)
        self.neuro_time.setAccessibleName(self.tr("Daily neuro check: time"))
        pad_spin_box(self.neuro_time)
        neuro_row = QWidget()
        neuro_box = QHBoxLayout(neuro_row)
        neuro_box.setContentsMargins(0, 0, 0, 0)
        neuro_box.addWidget(self.neuro_time)
        neuro_box.addStretch(1)
        self.neuro_window_label = label("", "hint")
        self.neuro_block = self._section(self.neuro_check, "", self.neuro_window_label, neuro_row)

        # Bag changes (blinatumomab only)
        self.bag_check = QCheckBox(self.tr("Bag changes"))
        self.bag_check.setAccessibleName(self.tr("Remind me when the pump bag needs changing"))
        self.bag_block = self._section(
            self.bag_check, self.tr("Uses the bag length you log in the pump log.")
        )

        # Medicines
        self.medicine_check = QCheckBox(self.tr("Medicines"))
        self.medicine_check.setAccessibleName(self.tr("Remind me to give medicines"))
        self.medicine_block = self._section(
            self.medicine_check, self.tr("Uses the times on the medicine list.")
        )

        # Starting with the session: for the whole computer user, not one child.
        self.autostart_check = QCheckBox(
            self.tr("Start CareTrack when I log in, so reminders can show")
        )
        self.autostart_check.setAccessibleName(self.autostart_check.text())
        self.autostart_message = FieldMessage()
        self._section(self.autostart_check, "", self.autostart_message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = action_button(self.tr("Save reminders"), self.tr("Save reminders"))
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.save_button)
        self.body.addLayout(buttons)

        self.temperature_check.toggled.connect(self._sync_enabled)
        self.neuro_check.toggled.connect(self._sync_enabled)
        self.temperature_times.changed.connect(self.temperature_message.clear)
        self.temperature_check.toggled.connect(self.temperature_message.clear)
        self.autostart_check.toggled.connect(self.autostart_message.clear)
        self._sync_enabled()

    def _section(self, check: QCheckBox, hint: str, *below: QWidget) -> QWidget:
        """A checkbox with its explanation and controls indented under its text."""
        block = QWidget()
        column = QVBoxLayout(block)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(6)
        column.addWidget(check)
        indented = QVBoxLayout()
        indented.setContentsMargins(INDENT, 0, 0, 0)
        indented.setSpacing(8)
        if hint:
            indented.addWidget(label(hint, "hint"))
        for widget in below:
            indented.addWidget(widget)
        column.addLayout(indented)
        self.body.addWidget(block)
        return block

    # ---- values ------------------------------------------------------------------------------

    def set_child(
        self,
        name: str,
        offers: Offers,
        plans: Sequence[ReminderPlan],
        autostart: bool,
    ) -> None:
        """Show one child's settings as saved; anything not saved yet starts off."""
        self.heading.setText(self.tr("Reminders for {name}").format(name=name))
        self.banner.clear()
        for message in (self.temperature_message, self.autostart_message):
            message.clear()
        by_kind = {p.kind: p for p in plans}

        def enabled(kind: ReminderKind) -> bool:
            plan = by_kind.get(kind)
            return plan is not None and plan.enabled

        temperature = by_kind.get(ReminderKind.TEMPERATURE)
        self.temperature_check.setChecked(enabled(ReminderKind.TEMPERATURE))
        self.temperature_times.set_times(temperature.times if temperature else ())
        neuro = by_kind.get(ReminderKind.NEURO_CHECK)
        self.neuro_check.setChecked(offers.neuro_check and enabled(ReminderKind.NEURO_CHECK))
        first = neuro.times[0] if neuro is not None and neuro.times else DEFAULT_NEURO_TIME
        self.neuro_time.setTime(_qtime(first))
        self.neuro_window_label.setText(offers.neuro_window_text)
        self.neuro_window_label.setVisible(bool(offers.neuro_window_text))
        self.neuro_block.setVisible(offers.neuro_check)
        self.bag_check.setChecked(offers.bag_change and enabled(ReminderKind.BAG_CHANGE))
        self.bag_block.setVisible(offers.bag_change)
        self.medicine_check.setChecked(enabled(ReminderKind.MEDICINE))
        self.autostart_check.setChecked(autostart)
        self._sync_enabled()

    def choices(self) -> Choices:
        return Choices(
            temperature=self.temperature_check.isChecked(),
            temperature_times=tuple(self.temperature_times.times()),
            neuro_check=self.neuro_check.isChecked() and not self.neuro_block.isHidden(),
            neuro_time=_pytime(self.neuro_time.time()),
            bag_change=self.bag_check.isChecked() and not self.bag_block.isHidden(),
            medicine=self.medicine_check.isChecked(),
            autostart=self.autostart_check.isChecked(),
        )

    def offers_neuro_check(self) -> bool:
        return not self.neuro_block.isHidden()

    def offers_bag_change(self) -> bool:
        return not self.bag_block.isHidden()

    # ---- feedback ----------------------------------------------------------------------------

    def show_temperature_problem(self, text: str) -> None:
        self.temperature_message.show_text(text)
        rows = self.temperature_times.rows
        target: QWidget = rows[0].edit if rows else self.temperature_times.add_button
        target.setFocus()

    def show_autostart_problem(self, text: str) -> None:
        self.autostart_message.show_text(text)
        self.autostart_check.setFocus()

    def saved(self, text: str) -> None:
        self.banner.show_message(text, "ok", hide_after_ms=8_000)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, "error")

    def _sync_enabled(self) -> None:
        self.temperature_times.setEnabled(self.temperature_check.isChecked())
        self.neuro_time.setEnabled(self.neuro_check.isChecked())
