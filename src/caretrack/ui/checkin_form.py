"""The check-in form (view): when, temperature, symptoms, medicines, a note, who logged it.

It only lays out widgets, reads and writes their values and shows problems next to fields;
the check-in controller decides what a Save means.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.catalogue import Symptom, SymptomGroup
from caretrack.domain.model import EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Unit, other_unit
from caretrack.domain.text import SHORT_LIMIT
from caretrack.domain.validation import Level, Problem
from caretrack.ui.messages import problem_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import Card, centred_column, label
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.medicine_list import MedicineList
from caretrack.ui.widgets.note_edit import NoteField
from caretrack.ui.widgets.symptom_checklist import SymptomChecklist
from caretrack.ui.widgets.temperature_input import TemperatureInput
from caretrack.ui.widgets.when_row import WhenRow

CONTENT_MAX_WIDTH = 860


class CheckinForm(QWidget):
    save_requested = Signal()
    cancel_requested = Signal()
    unit_changed = Signal(str)
    route_changed = Signal(str)
    switch_unit_requested = Signal(str)  # the unit to switch to

    def __init__(
        self,
        groups: Sequence[SymptomGroup],
        symptoms: Sequence[Symptom],
        more_symptoms: Sequence[Symptom],
        zone: tzinfo,
        now: Callable[[], datetime],
        title: str,
        subtitle: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.zone = zone
        self._now = now
        self._snapshot: tuple[object, ...] = ()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setProperty("role", "page-scroll")
        column = centred_column(self.scroll_area, CONTENT_MAX_WIDTH)
        outer.addWidget(self.scroll_area, 1)

        self.title_label = label(title, "h1")
        column.addWidget(self.title_label)
        self.subtitle_label = label(subtitle, "muted")
        self.subtitle_label.setVisible(bool(subtitle))
        column.addWidget(self.subtitle_label)
        self.banner = Banner()
        column.addWidget(self.banner)

        # When
        when_card = Card(self.tr("When"))
        self.when_row = WhenRow(zone, now)
        self.date_edit = self.when_row.date_edit
        self.time_edit = self.when_row.time_edit
        self.now_button = self.when_row.now_button
        when_card.body.addWidget(self.when_row)
        when_card.body.addWidget(
            label(self.tr("If you are logging something from earlier, change the time."), "hint")
        )
        self.when_message = FieldMessage()
        when_card.body.addWidget(self.when_message)
        column.addWidget(when_card)

        # Temperature
        temp_card = Card(self.tr("Temperature"))
        self.temperature = TemperatureInput()
        self.temperature.unit_changed.connect(self.unit_changed)
        self.temperature.route_changed.connect(self.route_changed)
        temp_card.body.addWidget(self.temperature)
        self.temperature_message = FieldMessage()
        self.temperature_message.action_clicked.connect(self._on_temperature_message_action)
        temp_card.body.addWidget(self.temperature_message)
        column.addWidget(temp_card)

        # Symptoms
        symptoms_card = Card(self.tr("Symptoms"))
        symptoms_card.body.addWidget(
            label(
                self.tr("Tick anything you notice now. Then choose how bad it is, if you can."),
                "hint",
            )
        )
        self.symptoms = SymptomChecklist(groups, symptoms, more_symptoms)
        symptoms_card.body.addWidget(self.symptoms)
        self.symptoms_message = FieldMessage()
        symptoms_card.body.addWidget(self.symptoms_message)
        column.addWidget(symptoms_card)

        # Medicines
        meds_card = Card(self.tr("Medicines given"))
        self.medicines = MedicineList(self.observed_at)
        meds_card.body.addWidget(self.medicines)
        self.medicines_message = FieldMessage()
        meds_card.body.addWidget(self.medicines_message)
        column.addWidget(meds_card)

        # Note
        note_card = Card(self.tr("Note"))
        self.note = NoteField()
        note_card.body.addWidget(self.note)
        # Honest about what reading notes can do, so nobody relies on it alone.
        note_card.body.addWidget(
            label(
                self.tr(
                    "CareTrack reads your note for warning signs too, but it can miss words. "
                    "Tick the boxes above as well, and call your care team if you are worried."
                ),
                "hint",
            )
        )
        column.addWidget(note_card)

        # Who
        who_card = Card(self.tr("Who is logging"))
        self.logged_by_edit = QLineEdit()
        self.logged_by_edit.setPlaceholderText(self.tr("Your name, e.g. Mum, Dad, Grandma"))
        self.logged_by_edit.setAccessibleName(self.tr("Who is logging"))
        self.logged_by_edit.setMaxLength(SHORT_LIMIT)
        self.logged_by_edit.setMaximumWidth(360)
        who_card.body.addWidget(self.logged_by_edit)
        column.addWidget(who_card)
        column.setAlignment(Qt.AlignmentFlag.AlignTop)  # spare height below, never between cards

        # Action bar: always visible under the scrolling form
        bar = QFrame()
        bar.setProperty("role", "action-bar")
        bar_row = QHBoxLayout(bar)
        bar_row.setContentsMargins(24, 12, 24, 12)
        bar_row.setSpacing(12)
        self.form_message = FieldMessage()
        bar_row.addWidget(self.form_message, 1)
        bar_row.addStretch(0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel and go back"))
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setIcon(icon("check-white"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.tr("Save this check-in"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save_requested)
        bar_row.addWidget(self.cancel_button)
        bar_row.addWidget(self.save_button)
        outer.addWidget(bar)

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save_shortcut_activated)
        cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel_shortcut.activated.connect(self.cancel_requested)

        self._messages: dict[str, FieldMessage] = {
            "observed_at": self.when_message,
            "temperature": self.temperature_message,
            "symptoms": self.symptoms_message,
            "medicines": self.medicines_message,
            "note": self.note.message,
            "form": self.form_message,
        }
        self._focus_for: dict[str, QWidget] = {
            "observed_at": self.date_edit,
            "temperature": self.temperature.value_edit,
            "symptoms": self.symptoms,
            "medicines": self.medicines.add_button,
            "note": self.note.edit,
            "form": self.temperature.value_edit,
        }
        self._set_tab_order()
        self.set_observed_at(now())
        self.mark_clean()

    # ---- values ------------------------------------------------------------------------------

    def observed_at(self) -> datetime:
        return self.when_row.observed_at()

    def set_observed_at(self, moment: datetime) -> None:
        self.when_row.set_observed_at(moment)

    def temperature_text(self) -> str:
        return self.temperature.text().strip()

    def unit(self) -> Unit:
        return self.temperature.unit_value()

    def route(self) -> Route:
        return self.temperature.route_value()

    def symptom_reports(self) -> tuple[SymptomReport, ...]:
        return self.symptoms.reports()

    def medicines_given(self) -> tuple[MedicineGiven, ...]:
        return self.medicines.medicines(self.zone)

    def note_text(self) -> str:
        return self.note.text()

    def logged_by(self) -> str:
        return self.logged_by_edit.text().strip()

    def set_logged_by(self, name: str) -> None:
        self.logged_by_edit.setText(name)

    def load(self, content: EntryContent) -> None:
        """Fill the form from a saved entry (editing); the result counts as unchanged."""
        self.set_observed_at(content.observed_at)
        if content.temperature is not None:
            self.temperature.set_text(content.temperature.value_text)
            self.temperature.set_unit(content.temperature.unit)
            self.temperature.set_route(content.temperature.route)
        else:
            self.temperature.set_text("")
        self.symptoms.set_reports(content.symptoms)
        self.medicines.set_medicines(content.medicines)
        self.note.set_text(content.note)
        self.logged_by_edit.setText(content.logged_by)
        self.mark_clean()

    def _state(self) -> tuple[object, ...]:
        return (
            self.observed_at(),
            self.temperature_text(),
            self.unit(),
            self.route(),
            self.symptom_reports(),
            self.medicines_given(),
            self.note_text(),
        )

    def mark_clean(self) -> None:
        self._snapshot = self._state()

    def is_dirty(self) -> bool:
        """Whether anything was typed since the form opened (asks before Esc throws it away)."""
        return self._state() != self._snapshot

    # ---- feedback ----------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for message in self._messages.values():
            message.clear()
        self.banner.clear()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Each problem next to its field, in words; the first one gets focus and scroll."""
        grouped: dict[str, list[Problem]] = {}
        for p in problems:
            field = p.field if p.field in self._messages else "form"
            grouped.setdefault(field, []).append(p)
        for field, items in grouped.items():
            text = "\n".join(problem_text(p) for p in items)
            kind = "error" if any(p.level is Level.ERROR for p in items) else "note"
            action = ""
            if field == "temperature" and any(p.code == "other_unit" for p in items):
                action = self.tr("Switch to {unit}").format(unit=other_unit(self.unit()).symbol)
            self._messages[field].show_text(text, kind, action)
        order = ["observed_at", "temperature", "symptoms", "medicines", "note", "form"]
        first = next((f for f in order if f in grouped), None)
        if first is not None:
            target = self._focus_for[first]
            self.scroll_area.ensureWidgetVisible(self._messages[first], 50, 80)
            target.setFocus()

    def message_text(self, field: str) -> str:
        message = self._messages[field]
        return "" if message.isHidden() else message.text_label.text()

    def show_storage_error(self, text: str) -> None:
        self.banner.show_message(
            self.tr("Not saved: {reason} Everything you typed is still here.").format(reason=text),
            "error",
        )
        self.scroll_area.ensureVisible(0, 0)

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Save"))

    # ---- slots -------------------------------------------------------------------------------

    def _on_save_shortcut_activated(self) -> None:
        if self.save_button.isEnabled():
            self.save_requested.emit()

    def _on_temperature_message_action(self) -> None:
        self.switch_unit_requested.emit(other_unit(self.unit()).value)

    def switch_unit(self, unit: Unit) -> None:
        """The 'Did you mean °F?' fix: change the unit, keep the number, clear the message."""
        self.temperature.set_unit(unit)
        self.temperature_message.clear()
        self.temperature.value_edit.setFocus()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.date_edit,
            self.time_edit,
            self.now_button,
            self.temperature.value_edit,
            *self.temperature.unit.buttons(),
            *self.temperature.route.buttons(),
            self.temperature_message.action_button,
        ]
        for row in self.symptoms.primary_rows:
            chain.append(row.check)
            if row.severity is not None:
                chain.extend(row.severity.buttons())
        if self.symptoms.more_button is not None:
            chain.append(self.symptoms.more_button)
        for row in self.symptoms.more_rows:
            chain.append(row.check)
            if row.severity is not None:
                chain.extend(row.severity.buttons())
        chain += [
            self.medicines.add_button,
            self.note.edit,
            self.logged_by_edit,
            self.cancel_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.medicines.tab_anchor = chain[chain.index(self.medicines.add_button) - 1]
