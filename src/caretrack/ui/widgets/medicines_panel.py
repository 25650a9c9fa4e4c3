"""The child's medicine list as the care team gave it, and "Given now…" for each medicine.

A view only: the care controller fills it and answers its signals. Stopped medicines are
kept (in the data file, exports and earlier summaries) and shown again on request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import MedicinePlan
from caretrack.domain.text import SHORT_LIMIT
from caretrack.ui.messages import short_date
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, clear_layout, field_block, label
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.medicine_list import from_qdatetime, to_qdatetime
from caretrack.ui.widgets.reminders_panel import TimesEditor, action_button, times_text

SCHEDULE_LIMIT = 500  # services.medicines.SCHEDULE_LIMIT; the service cuts longer text
FORM_MAX_WIDTH = 640


def _right_aligned(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def medicine_title(plan: MedicinePlan) -> str:
    return " ".join(part for part in (plan.name, plan.dose) if part)


class MedicineItem(QFrame):
    """One medicine: what, how the team said to give it, reminder times; give or stop it."""

    give_requested = Signal(int)
    stop_requested = Signal(int)

    def __init__(self, plan: MedicinePlan, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setProperty("role", "medicine-item")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 10, 0, 10)
        row.setSpacing(12)
        text = QVBoxLayout()
        text.setSpacing(3)
        title = medicine_title(plan)
        self.title_label = label(title, "entry-time" if plan.active else "recent-day")
        text.addWidget(self.title_label)
        if plan.schedule:
            text.addWidget(
                label(self.tr("How to give it: {words}").format(words=plan.schedule), "muted")
            )
        if not plan.active and plan.stopped_on is not None:
            when = self.tr("Stopped on {date}").format(date=short_date(plan.stopped_on, today))
            self.detail_label = label(when, "tag")
        elif plan.times:
            self.detail_label = label(
                self.tr("Reminder times: {times}").format(times=times_text(plan.times)), "hint"
            )
        else:
            self.detail_label = label(self.tr("No reminder times"), "hint")
        text.addWidget(self.detail_label)
        row.addLayout(text, 1)
        self.give_button: QPushButton | None = None
        self.stop_button: QPushButton | None = None
        if plan.active:
            self.give_button = QPushButton(self.tr("Given now…"))
            self.give_button.setProperty("role", "secondary-small")
            self.give_button.setAccessibleName(self.tr("Log a dose of {name}").format(name=title))
            self.give_button.setToolTip(self.tr("Log when it was given, and who gave it"))
            self.give_button.clicked.connect(self._on_give_button_clicked)
            self.stop_button = QPushButton(self.tr("Stop"))
            self.stop_button.setProperty("role", "link")
            self.stop_button.setAccessibleName(self.tr("Stop {name}").format(name=title))
            self.stop_button.setToolTip(self.tr("The care team stopped it: take it off the list"))
            self.stop_button.clicked.connect(self._on_stop_button_clicked)
            row.addWidget(self.give_button, 0, Qt.AlignmentFlag.AlignVCenter)
            row.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _on_give_button_clicked(self) -> None:
        self.give_requested.emit(self.plan.id)

    def _on_stop_button_clicked(self) -> None:
        self.stop_requested.emit(self.plan.id)


class AddMedicineForm(QFrame):
    """Name (needed), dose, the team's words, and optional reminder times."""

    add_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "add-medicine")
        self.setMaximumWidth(FORM_MAX_WIDTH)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(12)
        column.addWidget(label(self.tr("Add a medicine"), "group-title"))

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Ondansetron"))
        self.name_edit.setAccessibleName(self.tr("Medicine name"))
        self.name_edit.setMaxLength(SHORT_LIMIT)
        self.name_message = FieldMessage()
        self.dose_edit = QLineEdit()
        self.dose_edit.setPlaceholderText(self.tr("e.g. 2 mg"))
        self.dose_edit.setAccessibleName(self.tr("Dose"))
        self.dose_edit.setMaxLength(SHORT_LIMIT)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addLayout(field_block(self.tr("Name"), self.name_edit, self.name_message), 3)
        dose_block = field_block(self.tr("Dose"), self.dose_edit)
        dose_block.addStretch(1)  # stays level with the name when a message shows under it
        top.addLayout(dose_block, 2)
        column.addLayout(top)

        self.schedule_edit = QLineEdit()
        self.schedule_edit.setPlaceholderText(
            self.tr("e.g. twice a day with food, or only if the team says")
        )
        self.schedule_edit.setAccessibleName(self.tr("How the team said to give it"))
        self.schedule_edit.setMaxLength(SCHEDULE_LIMIT)
        column.addLayout(field_block(self.tr("How the team said to give it"), self.schedule_edit))

        self.times = TimesEditor(self.tr("Reminder times"))
        self.times_message = FieldMessage()
        times_block = field_block(self.tr("Reminder times (you can leave this empty)"), self.times)
        times_block.addWidget(
            label(
                self.tr(
                    "Leave it empty for a medicine given only when needed. "
                    "CareTrack reminds you at these times when medicine reminders are on."
                ),
                "hint",
            )
        )
        times_block.addWidget(self.times_message)
        column.addLayout(times_block)

        self.cancel_button = action_button(
            self.tr("Cancel"), self.tr("Cancel adding a medicine"), "secondary"
        )
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.add_button = action_button(
            self.tr("Add to the list"), self.tr("Add this medicine to the list")
        )
        self.add_button.clicked.connect(self.add_requested)
        column.addLayout(_right_aligned(self.cancel_button, self.add_button))

        self.name_edit.textChanged.connect(self.name_message.clear)
        self.times.changed.connect(self.times_message.clear)
        self.name_edit.returnPressed.connect(self.add_requested)

    def values(self) -> tuple[str, str, str, list[time]]:
        return (
            self.name_edit.text(),
            self.dose_edit.text(),
            self.schedule_edit.text(),
            self.times.times(),
        )

    def clear(self) -> None:
        for edit in (self.name_edit, self.dose_edit, self.schedule_edit):
            edit.clear()
        self.times.set_times(())
        self.name_message.clear()
        self.times_message.clear()


class MedicinesPanel(Card):
    add_requested = Signal()  # read the form with `add_form.values()`
    give_requested = Signal(int)  # medicine id
    stop_requested = Signal(int)  # medicine id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.heading = label(self.tr("Medicines"), "card-title")
        self.title_label = self.heading
        self.body.addWidget(self.heading)
        self.intro_label = label(
            self.tr("The medicines your care team gave you. Log each dose when you give it."),
            "muted",
        )
        self.body.addWidget(self.intro_label)
        self.rule_note = Banner()  # the standing fever-medicine reminder from the rules
        self.body.addWidget(self.rule_note)
        self.banner = Banner()
        self.body.addWidget(self.banner)

        self._list = QVBoxLayout()
        self._list.setSpacing(0)
        self.body.addLayout(self._list)
        self.empty_label = label(
            self.tr("No medicines on the list yet. Add the ones your care team gave you."),
            "muted",
        )
        self.body.addWidget(self.empty_label)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.add_open_button = QPushButton(self.tr("Add a medicine"))
        self.add_open_button.setIcon(icon("plus"))
        self.add_open_button.setProperty("role", "secondary")
        self.add_open_button.setAccessibleName(self.tr("Add a medicine"))
        self.add_open_button.clicked.connect(self._on_add_open_button_clicked)
        actions.addWidget(self.add_open_button)
        self.show_stopped_check = QCheckBox(self.tr("Show stopped medicines"))
        self.show_stopped_check.setAccessibleName(self.tr("Show stopped medicines"))
        self.show_stopped_check.toggled.connect(self._rebuild)
        actions.addWidget(self.show_stopped_check)
        actions.addStretch(1)
        self.body.addLayout(actions)

        self.add_form = AddMedicineForm()
        self.add_form.add_requested.connect(self.add_requested)
        self.add_form.cancel_requested.connect(self._on_add_form_cancel_requested)
        self.add_form.hide()
        # In a row with a stretch, so Qt works out wrapped text at the form's real width.
        form_row = QHBoxLayout()
        form_row.addWidget(self.add_form, 1)
        form_row.addStretch(0)
        self.body.addLayout(form_row)

        self.items: list[MedicineItem] = []
        self._plans: list[MedicinePlan] = []
        self._today = date.today()
        self.set_rule_note("")

    # ---- values ------------------------------------------------------------------------------

    def set_child_name(self, name: str) -> None:
        self.heading.setText(self.tr("{name}'s medicines").format(name=name))

    def set_rule_note(self, text: str) -> None:
        """The rules' own words about fever medicine; hidden when the rules are not loaded."""
        if text:
            self.rule_note.show_message(text, "info")
        else:
            self.rule_note.clear()

    def set_medicines(self, plans: Sequence[MedicinePlan], today: date) -> None:
        """Every medicine, stopped ones too; stopped ones show only when asked for."""
        self._plans = list(plans)
        self._today = today
        self._rebuild()

    def _rebuild(self) -> None:
        clear_layout(self._list)
        self.items = []
        stopped = [p for p in self._plans if not p.active]
        self.show_stopped_check.setVisible(bool(stopped))
        shown = [p for p in self._plans if p.active]
        if self.show_stopped_check.isChecked():
            shown += stopped
        for i, plan in enumerate(shown):
            if i:
                line = QFrame()
                line.setProperty("role", "divider")
                line.setFixedHeight(1)
                self._list.addWidget(line)
            item = MedicineItem(plan, self._today)
            item.give_requested.connect(self.give_requested)
            item.stop_requested.connect(self.stop_requested)
            self._list.addWidget(item)
            self.items.append(item)
        self.empty_label.setVisible(not any(p.active for p in self._plans))

    def shown_names(self) -> list[str]:
        return [item.title_label.text() for item in self.items]

    # ---- the add form ------------------------------------------------------------------------

    def open_add_form(self) -> None:
        self.add_form.show()
        self.add_open_button.hide()
        self.add_form.name_edit.setFocus()

    def close_add_form(self) -> None:
        self.add_form.clear()
        self.add_form.hide()
        self.add_open_button.show()

    def show_add_problem(self, field: str, text: str) -> None:
        """field: 'name' or 'times'; anything else goes in the banner. The form keeps input."""
        if field == "name":
            self.add_form.name_message.show_text(text)
            self.add_form.name_edit.setFocus()
        elif field == "times":
            self.add_form.times_message.show_text(text)
        else:
            self.banner.show_message(text, "error")

    def show_ok(self, text: str) -> None:
        self.banner.show_message(text, "ok", hide_after_ms=10_000)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text, "error")

    def _on_add_open_button_clicked(self) -> None:
        self.banner.clear()
        self.open_add_form()

    def _on_add_form_cancel_requested(self) -> None:
        self.close_add_form()
        self.add_open_button.setFocus()


class GiveDialog(QDialog):
    """ "Given now…": when (now unless changed) and who gave it."""

    save_requested = Signal()

    def __init__(
        self,
        medicine: str,
        now: Callable[[], datetime],
        given_by: str,
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self._now = now
        self.setWindowTitle(self.tr("{medicine} given").format(medicine=medicine))
        self.setMinimumWidth(440)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(14)
        column.addWidget(label(self.tr("{medicine} given").format(medicine=medicine), "card-title"))

        # The same control as "time given" in the check-in form's medicine rows.
        self.when_edit = QDateTimeEdit(to_qdatetime(now()))
        self.when_edit.setDisplayFormat("HH:mm, ddd d MMM")
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setAccessibleName(self.tr("Time given"))
        self.now_button = action_button(self.tr("Now"), self.tr("Set the time to now"), "secondary")
        self.now_button.clicked.connect(self._on_now_button_clicked)
        when = QHBoxLayout()
        when.setSpacing(10)
        when.addWidget(self.when_edit)
        when.addWidget(self.now_button)
        when.addStretch(1)
        caption = label(self.tr("When was it given?"), "field-label", wrap=False)
        caption.setBuddy(self.when_edit)
        column.addWidget(caption)
        column.addLayout(when)
        self.when_message = FieldMessage()
        column.addWidget(self.when_message)

        self.given_by_edit = QLineEdit(given_by)
        self.given_by_edit.setPlaceholderText(self.tr("Your name, e.g. Mum, Dad, Grandma"))
        self.given_by_edit.setAccessibleName(self.tr("Who gave it"))
        self.given_by_edit.setMaxLength(SHORT_LIMIT)
        column.addLayout(field_block(self.tr("Who gave it"), self.given_by_edit))

        self.message = FieldMessage()
        column.addWidget(self.message)

        self.cancel_button = action_button(
            self.tr("Cancel"), self.tr("Cancel: nothing is saved"), "secondary"
        )
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = action_button(self.tr("Save"), self.tr("Save this dose"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        column.addLayout(_right_aligned(self.cancel_button, self.save_button))
        self.when_edit.setFocus()

    def given_at(self) -> datetime:
        return from_qdatetime(self.when_edit.dateTime(), self.zone)

    def set_given_at(self, moment: datetime) -> None:
        self.when_edit.setDateTime(to_qdatetime(moment.astimezone(self.zone)))

    def given_by(self) -> str:
        return self.given_by_edit.text().strip()

    def show_when_problem(self, text: str, kind: str = "error") -> None:
        self.when_message.show_text(text, kind)
        self.when_edit.setFocus()

    def show_problem(self, text: str) -> None:
        self.message.show_text(text)

    def clear_problems(self) -> None:
        self.when_message.clear()
        self.message.clear()

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)

    def _on_now_button_clicked(self) -> None:
        self.set_given_at(self._now())
