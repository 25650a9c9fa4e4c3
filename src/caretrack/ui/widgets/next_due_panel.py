"""'Next due' on Today: what the family asked to be reminded of, for every child.

Whatever is waiting now comes first, in the attention colour and with a button to do it; the
rest shows when it is due. The words here are shared with the desktop notifications, so the
window and the tray say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caretrack.domain.model import ReminderKind
from caretrack.domain.reminders import Due
from caretrack.ui.entry_text import time_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import Card, clear_layout, label

_CTX = "reminders"

# The panel's own look for waiting items, so resources/style.qss stays untouched.
PANEL_QSS = """
QFrame[role="due-waiting"] { background: #fff6e2; border: 1px solid #efd59b; border-radius: 10px; }
QFrame[role="due-coming"] { background: transparent; border: none; }
QLabel[role="due-waiting-text"] { color: #5c4300; font-weight: 700; font-size: 15px; }
QLabel[role="due-coming-text"] { color: #2d3c43; font-size: 15px; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def task_text(due: Due, name: str) -> str:
    """'Temperature check for Maya', 'Ondansetron 2 mg for Maya'."""
    if due.kind is ReminderKind.TEMPERATURE:
        return _tr("Temperature check for {name}").format(name=name)
    if due.kind is ReminderKind.NEURO_CHECK:
        return _tr("Neuro check for {name}").format(name=name)
    if due.kind is ReminderKind.BAG_CHANGE:
        if due.waiting:
            return _tr("Bag change for {name}").format(name=name)
        return _tr("Next bag change for {name}").format(name=name)
    return _tr("{medicine} for {name}").format(medicine=due.what, name=name)


def moment_text(moment: datetime, now: datetime) -> str:
    """'20:00' today, 'tomorrow 08:00', else 'Wed 14:00' (the date past a week)."""
    local = moment.astimezone(now.tzinfo) if now.tzinfo is not None else moment
    days = (local.date() - now.date()).days
    if days == 0:
        return time_text(local)
    if days == 1:
        return _tr("tomorrow {time}").format(time=time_text(local))
    day = QDate(local.year, local.month, local.day)
    pattern = "ddd" if 0 < days < 7 else "ddd d MMM"
    return _tr("{day} {time}").format(day=QLocale().toString(day, pattern), time=time_text(local))


def in_text(left: timedelta) -> str:
    """'in 40 min', 'in 5 h'; rounded down, never 'in 0 min'."""
    minutes = max(1, int(left.total_seconds() // 60))
    if minutes < 60:
        return _tr("in {n} min").format(n=minutes)
    return _tr("in {n} h").format(n=minutes // 60)


def when_text(due: Due, now: datetime) -> str:
    """'now (was due 08:00)', '14:00 (in 40 min)', 'Wed 14:00 (in 30 h)', '09:30'."""
    if due.at <= now:
        return _tr("now (was due {time})").format(time=moment_text(due.at, now))
    text = moment_text(due.at, now)
    if due.kind is ReminderKind.BAG_CHANGE and due.at - now < timedelta(days=2):
        return _tr("{time} ({left})").format(time=text, left=in_text(due.at - now))
    return text


def action_text(kind: ReminderKind) -> str:
    return {
        ReminderKind.TEMPERATURE: _tr("Log temperature"),
        ReminderKind.NEURO_CHECK: _tr("Do the check"),
        ReminderKind.BAG_CHANGE: _tr("Log bag change"),
        ReminderKind.MEDICINE: _tr("Given now"),
    }[kind]


def notification_text(due: Due, name: str, now: datetime) -> str:
    """The desktop notification: one short sentence a parent understands at a glance."""
    if due.kind is ReminderKind.TEMPERATURE:
        return _tr("Time to check {name}'s temperature.").format(name=name)
    if due.kind is ReminderKind.NEURO_CHECK:
        return _tr("Time for {name}'s daily neuro check.").format(name=name)
    if due.kind is ReminderKind.BAG_CHANGE:
        if due.at <= now:
            return _tr("{name}'s pump bag needed changing at {time}.").format(
                name=name, time=moment_text(due.at, now)
            )
        return _tr("{name}'s pump bag needs changing at {time}.").format(
            name=name, time=moment_text(due.at, now)
        )
    return _tr("Time for {name}'s {medicine}.").format(name=name, medicine=due.what)


def reminders_open_text() -> str:
    """Said wherever reminders are: they are not alarms."""
    return _tr(
        "Reminders only work while CareTrack is open. Keep it running (it can stay in the "
        "tray), or set an alarm on your phone too."
    )


class DueRow(QFrame):
    """One reminder: what, for whom, when; a button to do it once it is waiting."""

    act_requested = Signal(str, int, str)

    def __init__(self, due: Due, name: str, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.due = due
        waiting = due.waiting
        self.setProperty("role", "due-waiting" if waiting else "due-coming")
        # Text first, the button on its own line under it: Today's side column is narrow.
        column = QVBoxLayout(self)
        vertical = 8 if waiting else 4
        column.setContentsMargins(12, vertical, 10, vertical)
        column.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(10)
        column.addLayout(row)
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(20, 20))
        # A clock for every row: a reminder is not a warning, so never the red alert sign.
        self.icon_label.setPixmap(icon("history").pixmap(20, 20))
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        text = f"{task_text(due, name)} · {when_text(due, now)}"
        self.text_label = label(text, "due-waiting-text" if waiting else "due-coming-text")
        row.addWidget(self.text_label, 1)
        self.act_button: QPushButton | None = None
        if waiting:
            words = action_text(due.kind)
            self.act_button = QPushButton(words)
            self.act_button.setProperty("role", "secondary-small")
            self.act_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.act_button.setAccessibleName(f"{words}: {task_text(due, name)}")
            self.act_button.clicked.connect(self._on_act_button_clicked)
            column.addWidget(self.act_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setAccessibleName(text)

    def _on_act_button_clicked(self) -> None:
        self.act_requested.emit(self.due.kind.value, self.due.child_id, self.due.what)


class NextDuePanel(Card):
    """Fed by ReminderNotifier.due_changed every minute; it never reads the data itself."""

    act_requested = Signal(str, int, str)  # kind (ReminderKind value), child id, medicine words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate(_CTX, "Next due"), parent)
        self.setStyleSheet(PANEL_QSS)
        self._list = QVBoxLayout()
        self._list.setSpacing(6)
        self.body.addLayout(self._list)
        self.empty_label = label(
            self.tr("No reminders set. You can set them on the Treatment page."), "muted"
        )
        self.body.addWidget(self.empty_label)
        self.note_label = label(self.tr("Reminders only work while CareTrack is open."), "hint")
        self.body.addWidget(self.note_label)
        self.rows: list[DueRow] = []

    def set_due(self, items: Sequence[Due], names: Mapping[int, str], now: datetime) -> None:
        """Waiting first (oldest first), then the rest soonest first."""
        clear_layout(self._list)
        self.rows = []
        ordered = sorted(items, key=lambda d: (not d.waiting, d.at))
        for due in ordered:
            row = DueRow(due, names.get(due.child_id, ""), now)
            row.act_requested.connect(self.act_requested)
            self._list.addWidget(row)
            self.rows.append(row)
        self.empty_label.setVisible(not self.rows)

    def texts(self) -> list[str]:
        return [row.text_label.text() for row in self.rows]
