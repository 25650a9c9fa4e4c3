"""The blinatumomab pump log (view): the standing instructions, the pump's status now, one big
button per event, a small inline form for the time and a note, and the latest events.

It only lays out and reads widgets; the treatment controller saves through TherapyService and
fills the status and the list in plain words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import PumpEvent
from caretrack.domain.text import NOTE_LIMIT, SHORT_LIMIT
from caretrack.domain.validation import Problem
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import clear_layout, field_block, label, set_role
from caretrack.ui.widgets.course_plan_form import show_field_problems
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.when_row import WhenRow

BUTTON_HEIGHT = 46


class PumpEventForm(QFrame):
    """When it happened (now unless changed), the new bag's length, a note, who logged it."""

    save_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card-tight")
        self.pump_event: PumpEvent | None = None
        self.zone: tzinfo | None = None
        self._seven_day_note = ""
        self._seven_day_hours = 0
        self._now: Callable[[], datetime] | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 16)
        box.setSpacing(10)
        self.title_label = label("", "card-title")
        box.addWidget(self.title_label)
        self.event_hint = label("", "muted")
        box.addWidget(self.event_hint)

        self.when_row = WhenRow()
        self.date_edit = self.when_row.date_edit
        self.time_edit = self.when_row.time_edit
        self.now_button = self.when_row.now_button
        when_block = QVBoxLayout()
        when_block.setSpacing(5)
        when_caption = label(self.tr("When"), "field-label", wrap=False)
        when_caption.setBuddy(self.date_edit)
        when_block.addWidget(when_caption)
        when_block.addWidget(self.when_row)
        when_block.addWidget(label(self.tr("If it happened earlier, change the time."), "hint"))
        self.when_message = FieldMessage()
        when_block.addWidget(self.when_message)
        box.addLayout(when_block)

        self.bag_box = QWidget()
        bag = QVBoxLayout(self.bag_box)
        bag.setContentsMargins(0, 0, 0, 0)
        bag.setSpacing(5)
        self.bag_caption = label(self.tr("How long does the new bag run?"), "field-label")
        bag.addWidget(self.bag_caption)
        self.bag_row = QVBoxLayout()
        self.bag_row.setContentsMargins(0, 0, 0, 0)
        bag.addLayout(self.bag_row)
        self.bag_choice: ChipGroup | None = None
        self._bag_choices: list[tuple[int, str]] = []
        self.bag_hint = label(self.tr("Your care team or the bag's label tells you."), "hint")
        bag.addWidget(self.bag_hint)
        self.bag_note = FieldMessage()
        bag.addWidget(self.bag_note)
        self.bag_message = FieldMessage()
        bag.addWidget(self.bag_message)
        box.addWidget(self.bag_box)

        details = QHBoxLayout()
        details.setSpacing(14)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_LIMIT)
        self.note_edit.setPlaceholderText(self.tr("Optional: what happened, what the team said"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.logged_by_edit = QLineEdit()
        self.logged_by_edit.setMaxLength(SHORT_LIMIT)
        self.logged_by_edit.setPlaceholderText(self.tr("e.g. Mum, Dad"))
        self.logged_by_edit.setAccessibleName(self.tr("Who is logging"))
        details.addLayout(field_block(self.tr("Note"), self.note_edit), 3)
        details.addLayout(field_block(self.tr("Logged by"), self.logged_by_edit), 1)
        box.addLayout(details)

        self.form_message = FieldMessage()
        box.addWidget(self.form_message)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.save_button = QPushButton(" " + self.tr("Save"))
        self.save_button.setIcon(icon("check-white"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.tr("Save this pump event"))
        self.save_button.clicked.connect(self.save_requested)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel, save nothing"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self._messages: dict[str, FieldMessage] = {
            "observed_at": self.when_message,
            "bag_hours": self.bag_message,
        }
        self._focus_for: dict[str, QWidget] = {"observed_at": self.date_edit}
        self.hide()

    # ---- filled in ---------------------------------------------------------------------------

    def set_bag_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        """The bag lengths the therapy allows (TherapyService's catalogue), as chips."""
        if list(choices) == self._bag_choices:
            return  # unchanged: keep what the parent may have chosen already
        self._bag_choices = list(choices)
        clear_layout(self.bag_row)
        self.bag_choice = ChipGroup(
            [(str(hours), text) for hours, text in choices], self.tr("Bag length")
        )
        self.bag_choice.value_changed.connect(self._on_bag_choice_value_changed)
        self.bag_row.addWidget(self.bag_choice)
        buttons = self.bag_choice.buttons()
        self._focus_for["bag_hours"] = buttons[0] if buttons else self.bag_box

    def set_seven_day_note(self, text: str, hours: int) -> None:
        """Shown when the bag length `hours` is chosen ('' for nothing to say)."""
        self._seven_day_note = text
        self._seven_day_hours = hours
        self._show_bag_note()

    def open(
        self,
        event: PumpEvent,
        title: str,
        hint: str,
        now: Callable[[], datetime],
        logged_by: str,
    ) -> None:
        """A fresh form for one event: now as the time, nothing else carried over."""
        self.pump_event = event
        self._now = now
        moment = now()
        self.zone = moment.tzinfo
        self.when_row.set_clock(self.zone, now)
        self.title_label.setText(title)
        self.event_hint.setText(hint)
        self.event_hint.setVisible(bool(hint))
        self.set_observed_at(moment)
        self.bag_box.setVisible(event is PumpEvent.BAG_CHANGE)
        if self.bag_choice is not None:
            self.bag_choice.set_value(None)
        self.note_edit.clear()
        self.logged_by_edit.setText(logged_by)
        self.clear_problems()
        self._show_bag_note()
        self.show()
        self.date_edit.setFocus()

    def close_form(self) -> None:
        self.pump_event = None
        self.clear_problems()
        self.hide()

    # ---- values ------------------------------------------------------------------------------

    def observed_at(self) -> datetime:
        return self.when_row.observed_at()

    def set_observed_at(self, moment: datetime) -> None:
        self.when_row.set_observed_at(moment)

    def bag_hours(self) -> int | None:
        value = None if self.bag_choice is None else self.bag_choice.value()
        return int(value) if value else None

    def set_bag_hours(self, hours: int | None) -> None:
        if self.bag_choice is not None:
            self.bag_choice.set_value(None if hours is None else str(hours))
            self._show_bag_note()

    def note(self) -> str:
        return self.note_edit.text().strip()

    def logged_by(self) -> str:
        return self.logged_by_edit.text().strip()

    # ---- messages ----------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for message in (self.when_message, self.bag_message, self.form_message):
            message.clear()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Each message under its field; the first field with one gets the focus."""
        self.clear_problems()
        show_field_problems(problems, self._messages, self.form_message, self._focus_for)

    def show_error(self, text: str) -> None:
        self.form_message.show_text(text)

    def message_text(self, field: str) -> str:
        return self._messages.get(field, self.form_message).text()

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.cancel_button.setEnabled(not saving)

    # ---- slots -------------------------------------------------------------------------------

    def _on_bag_choice_value_changed(self, _value: str) -> None:
        self.bag_message.clear()
        self._show_bag_note()

    def _show_bag_note(self) -> None:
        if self._seven_day_note and self.bag_hours() == self._seven_day_hours:
            self.bag_note.show_text(self._seven_day_note, "confirm")
        else:
            self.bag_note.clear()


class PumpPanel(QWidget):
    """The standing instructions stay on screen whatever else is shown."""

    event_chosen = Signal(str)  # a PumpEvent value: the parent pressed its button
    save_requested = Signal()

    BUTTONS: tuple[PumpEvent, ...] = (
        PumpEvent.BAG_CHANGE,
        PumpEvent.ALARM,
        PumpEvent.STOPPED,
        PumpEvent.RESTARTED,
        PumpEvent.LINE_PROBLEM,
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)

        self.instructions = QFrame()
        self.instructions.setProperty("role", "care-panel")
        rules = QVBoxLayout(self.instructions)
        rules.setContentsMargins(16, 12, 16, 12)
        rules.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(8)
        sign = QLabel()
        sign.setPixmap(icon("alert-circle").pixmap(QSize(20, 20)))
        head.addWidget(sign, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(label(self.tr("Always, with the pump"), "care-title"), 1)
        rules.addLayout(head)
        self.instruction_lines = QVBoxLayout()
        self.instruction_lines.setSpacing(4)
        rules.addLayout(self.instruction_lines)
        self.instruction_sources = label("", "hint")
        rules.addWidget(self.instruction_sources)
        box.addWidget(self.instructions)

        self.status = QFrame()
        self.status.setProperty("role", "banner-info")
        status_box = QHBoxLayout(self.status)
        status_box.setContentsMargins(16, 12, 16, 12)
        status_box.setSpacing(12)
        self.status_icon = QLabel()
        self.status_icon.setFixedSize(QSize(22, 22))
        status_box.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_text = QVBoxLayout()
        status_text.setSpacing(3)
        self.status_headline = label("", "visit-date")
        self.status_detail = label("", "")
        status_text.addWidget(self.status_headline)
        status_text.addWidget(self.status_detail)
        status_box.addLayout(status_text, 1)
        box.addWidget(self.status)

        # Wide: one row. Narrow: "Bag changed" on its own row, the problems under it.
        self.button_rows = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.button_rows.setSpacing(8)
        problems = QHBoxLayout()
        problems.setSpacing(8)
        self.event_buttons: dict[PumpEvent, QPushButton] = {}
        for event in self.BUTTONS:
            button = QPushButton(self.button_text(event))
            button.setProperty("role", "primary" if event is PumpEvent.BAG_CHANGE else "secondary")
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(self.button_name(event))
            button.clicked.connect(lambda _=False, e=event: self.event_chosen.emit(e.value))
            self.event_buttons[event] = button
            if event is PumpEvent.BAG_CHANGE:
                self.button_rows.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                problems.addWidget(button)
        problems.addStretch(1)
        self.button_rows.addLayout(problems, 1)
        box.addLayout(self.button_rows)

        self.form = PumpEventForm()
        self.form.save_requested.connect(self.save_requested)
        self.form.cancel_requested.connect(self.form.close_form)
        box.addWidget(self.form)
        self.banner = Banner()
        box.addWidget(self.banner)

        box.addWidget(label(self.tr("Recent pump events"), "group-title"))
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(4)
        box.addLayout(self.recent_box)
        self.recent_lines: list[str] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        spacing = self.button_rows.spacing()
        needed = sum(b.sizeHint().width() + spacing for b in self.event_buttons.values())
        self.button_rows.setDirection(
            QBoxLayout.Direction.LeftToRight
            if self.width() >= needed
            else QBoxLayout.Direction.TopToBottom
        )

    # ---- words -------------------------------------------------------------------------------

    def button_text(self, event: PumpEvent) -> str:
        return {
            PumpEvent.BAG_CHANGE: self.tr("Bag changed"),
            PumpEvent.ALARM: self.tr("Alarm"),
            PumpEvent.STOPPED: self.tr("Infusion stopped"),
            PumpEvent.RESTARTED: self.tr("Restarted"),
            PumpEvent.LINE_PROBLEM: self.tr("Line or dressing problem"),
        }[event]

    def button_name(self, event: PumpEvent) -> str:
        return {
            PumpEvent.BAG_CHANGE: self.tr("Log a bag change"),
            PumpEvent.ALARM: self.tr("Log a pump alarm"),
            PumpEvent.STOPPED: self.tr("Log that the infusion stopped"),
            PumpEvent.RESTARTED: self.tr("Log that the infusion restarted"),
            PumpEvent.LINE_PROBLEM: self.tr("Log a problem with the line or dressing"),
        }[event]

    # ---- values pushed in by the controller --------------------------------------------------

    def set_instructions(self, lines: Sequence[str], sources: str, sources_detail: str) -> None:
        clear_layout(self.instruction_lines)
        for text in lines:
            self.instruction_lines.addWidget(label("• " + text, "care-caption", selectable=True))
        self.instruction_sources.setText(sources)
        self.instruction_sources.setToolTip(sources_detail)
        self.instruction_sources.setVisible(bool(sources))

    def set_status(self, headline: str, detail: str, kind: str = "info") -> None:
        """kind: 'info' (all well), 'error' (stopped, or a bag change overdue)."""
        set_role(self.status, "banner-error" if kind == "error" else "banner-info")
        for text in (self.status_headline, self.status_detail):  # their colour follows the frame
            set_role(text, str(text.property("role") or ""))
        name = "alert-circle" if kind == "error" else "info"
        self.status_icon.setPixmap(icon(name).pixmap(QSize(22, 22)))
        self.status_headline.setText(headline)
        self.status_detail.setText(detail)
        self.status_detail.setVisible(bool(detail))
        self.status.setAccessibleName(f"{headline} {detail}".strip())

    def status_text(self) -> str:
        return " ".join(t for t in (self.status_headline.text(), self.status_detail.text()) if t)

    def status_kind(self) -> str:
        return "error" if self.status.property("role") == "banner-error" else "info"

    def set_recent(self, lines: Sequence[str]) -> None:
        clear_layout(self.recent_box)
        self.recent_lines = list(lines)
        if not lines:
            self.recent_box.addWidget(label(self.tr("No pump events logged yet."), "hint"))
        for text in lines:
            self.recent_box.addWidget(label(text, "recent-text", selectable=True))
