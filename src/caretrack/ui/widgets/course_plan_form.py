"""'What your care team told you' (view): only the fields the child's therapy uses.

Blinatumomab: days in hospital at the start of this cycle and the break length; CAR T: a
longer stay-near/no-driving period; dose therapies: the dose dates. The hints are the
catalogue's own fact sentences, so the numbers in them are never copied into code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.validation import Level, Problem
from caretrack.ui.messages import nice_date, problem_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import clear_layout, label, pad_spin_box
from caretrack.ui.widgets.date_edit import DateEdit
from caretrack.ui.widgets.field_message import FieldMessage

NOT_SET = -1  # the spin boxes' "not told yet" value


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class PlanFields:
    """Which fields this therapy uses, their limits and the catalogue's words for them."""

    hospital_most: int | None = None  # None: no hospital-days field
    hospital_hint: str = ""
    break_default: int | None = None  # None: no break field
    break_hint: str = ""
    break_choices: tuple[int, ...] = ()  # quick picks, e.g. the usual and the later break
    stay_near_least: int | None = None  # None: no stay-near field
    stay_near_hint: str = ""
    doses: bool = False
    dose_hint: str = ""


@dataclass(frozen=True)
class PlanValues:
    hospital_days: int | None = None
    break_days: int | None = None
    stay_near_days: int | None = None
    dose_dates: tuple[date, ...] = field(default=())


def show_field_problems(
    problems: Sequence[Problem],
    messages: Mapping[str, FieldMessage],
    fallback: FieldMessage,
    focus_for: Mapping[str, QWidget],
) -> None:
    """Each problem under its own field (the rest under `fallback`); focus the first field."""
    first: QWidget | None = None
    for p in problems:
        target = messages.get(p.field, fallback)
        shown = target.text()
        text = problem_text(p)
        kind = "confirm" if p.level is Level.CONFIRM else "error"  # a question, not a fault
        target.show_text(f"{shown} {text}" if shown else text, kind)
        if first is None:
            first = focus_for.get(p.field)
    if first is not None:
        first.setFocus()


def _spin(name: str, least: int, most: int, special: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(least, most)
    box.setAccessibleName(name)
    box.setMinimumWidth(150)
    if special:
        box.setSpecialValueText(special)
    pad_spin_box(box)
    return box


class DoseDatesEditor(QWidget):
    """A short list of dates: pick one and Add; each listed date has its own Remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dates: list[date] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        box.addLayout(self.rows)
        add = QHBoxLayout()
        add.setSpacing(10)
        self.date_edit = DateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(self.tr("Dose date to add"))
        self.date_edit.setMinimumWidth(170)
        self.add_button = QPushButton(" " + self.tr("Add date"))
        self.add_button.setIcon(icon("plus"))
        self.add_button.setProperty("role", "secondary")
        self.add_button.setAccessibleName(self.tr("Add this dose date"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        add.addWidget(self.date_edit)
        add.addWidget(self.add_button)
        add.addStretch(1)
        box.addLayout(add)
        self.remove_buttons: list[QPushButton] = []
        self._show()

    def dates(self) -> tuple[date, ...]:
        return tuple(self._dates)

    def set_dates(self, dates: Sequence[date], suggest: date) -> None:
        self._dates = sorted(set(dates))
        self.date_edit.setDate(qdate(suggest))
        self._show()

    def add(self, day: date) -> None:
        if day not in self._dates:
            self._dates = sorted({*self._dates, day})
            self._show()
            self.changed.emit()

    def remove(self, day: date) -> None:
        if day in self._dates:
            self._dates.remove(day)
            self._show()
            self.changed.emit()

    def _show(self) -> None:
        clear_layout(self.rows)
        self.remove_buttons = []
        if not self._dates:
            self.rows.addWidget(label(self.tr("No dose dates entered yet."), "hint"))
        for day in self._dates:
            row = QHBoxLayout()
            row.setSpacing(12)
            text = nice_date(day)
            row.addWidget(label(text, "question-text", wrap=False))
            remove = QPushButton(self.tr("Remove"))
            remove.setProperty("role", "link")
            remove.setCursor(Qt.CursorShape.PointingHandCursor)
            remove.setAccessibleName(self.tr("Remove the dose date {date}").format(date=text))
            remove.clicked.connect(lambda _=False, d=day: self.remove(d))
            row.addWidget(remove)
            row.addStretch(1)
            self.rows.addLayout(row)
            self.remove_buttons.append(remove)

    def _on_add_button_clicked(self) -> None:
        self.add(pydate(self.date_edit.date()))


class CoursePlanForm(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = PlanFields()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)
        self.intro = label(
            self.tr(
                "Only your care team knows these. Fill them in when they tell you; the calendar "
                "and the watch dates follow."
            ),
            "muted",
        )
        box.addWidget(self.intro)

        self.hospital_box, self.hospital_spin, self.hospital_hint, self.hospital_message = (
            self._block(
                self.tr("Days in hospital at the start of this cycle"),
                _spin(
                    self.tr("Days in hospital at the start of this cycle"),
                    NOT_SET,
                    0,
                    self.tr("Not told yet"),
                ),
            )
        )
        box.addWidget(self.hospital_box)

        self.break_choice_row = QHBoxLayout()
        self.break_choice_row.setSpacing(8)
        self.break_choice_buttons: list[QPushButton] = []
        self.break_box, self.break_spin, self.break_hint, self.break_message = self._block(
            self.tr("Break after this cycle (days)"),
            _spin(self.tr("Break after this cycle, in days"), 1, 365),
            beside=self.break_choice_row,
        )
        box.addWidget(self.break_box)

        self.stay_box, self.stay_spin, self.stay_hint, self.stay_message = self._block(
            self.tr("Stay near the treatment center and no driving (days after the infusion)"),
            _spin(self.tr("Days to stay near the treatment center and not drive"), 0, 365),
        )
        box.addWidget(self.stay_box)

        self.dose_box = QWidget()
        dose = QVBoxLayout(self.dose_box)
        dose.setContentsMargins(0, 0, 0, 0)
        dose.setSpacing(5)
        dose.addWidget(label(self.tr("Dose dates the care team gave you"), "field-label"))
        self.dose_hint = label("", "hint")
        dose.addWidget(self.dose_hint)
        self.dose_editor = DoseDatesEditor()
        self.dose_editor.changed.connect(self._on_dose_editor_changed)
        dose.addWidget(self.dose_editor)
        self.dose_message = FieldMessage()
        dose.addWidget(self.dose_message)
        box.addWidget(self.dose_box)

        self.form_message = FieldMessage()
        box.addWidget(self.form_message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save what the team told you"))
        self.save_button.setProperty("role", "primary")
        self.save_button.setAccessibleName(self.tr("Save what the care team told you"))
        self.save_button.clicked.connect(self.save_requested)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.banner = Banner()
        box.addWidget(self.banner)
        self._messages: dict[str, FieldMessage] = {
            "hospital_days": self.hospital_message,
            "break_days": self.break_message,
            "stay_near_days": self.stay_message,
            "dose_dates": self.dose_message,
        }
        self._focus_for: dict[str, QWidget] = {
            "hospital_days": self.hospital_spin,
            "break_days": self.break_spin,
            "stay_near_days": self.stay_spin,
            "dose_dates": self.dose_editor.date_edit,
        }

    def _block(
        self, caption: str, spin: QSpinBox, beside: QHBoxLayout | None = None
    ) -> tuple[QWidget, QSpinBox, QLabel, FieldMessage]:
        """Caption, the number, the catalogue's hint under it, then its message."""
        holder = QWidget()
        block = QVBoxLayout(holder)
        block.setContentsMargins(0, 0, 0, 0)
        block.setSpacing(5)
        caption_label = label(caption, "field-label")
        caption_label.setBuddy(spin)
        block.addWidget(caption_label)
        row_holder = QWidget()
        row = QHBoxLayout(row_holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(spin)
        if beside is not None:
            row.addLayout(beside)
        row.addStretch(1)
        block.addWidget(row_holder)
        hint = label("", "hint")
        block.addWidget(hint)
        message = FieldMessage()
        block.addWidget(message)
        spin.valueChanged.connect(message.clear)
        return holder, spin, hint, message

    # ---- filled in by the controller ---------------------------------------------------------

    def configure(self, fields: PlanFields) -> None:
        self.fields = fields
        self.hospital_box.setVisible(fields.hospital_most is not None)
        if fields.hospital_most is not None:
            self.hospital_spin.setMaximum(fields.hospital_most)
        self._hint(self.hospital_hint, fields.hospital_hint)
        self.break_box.setVisible(fields.break_default is not None)
        self._hint(self.break_hint, fields.break_hint)
        clear_layout(self.break_choice_row)
        self.break_choice_buttons = []
        for days in fields.break_choices:
            text = self.tr("{n} days").format(n=days)
            button = QPushButton(text)
            button.setProperty("role", "secondary-small")
            button.setAccessibleName(self.tr("Set the break to {n} days").format(n=days))
            button.clicked.connect(lambda _=False, n=days: self.break_spin.setValue(n))
            self.break_choice_row.addWidget(button)
            self.break_choice_buttons.append(button)
        self.stay_box.setVisible(fields.stay_near_least is not None)
        if fields.stay_near_least is not None:
            self.stay_spin.setMinimum(fields.stay_near_least)
        self._hint(self.stay_hint, fields.stay_near_hint)
        self.dose_box.setVisible(fields.doses)
        self._hint(self.dose_hint, fields.dose_hint)
        self.clear_problems()

    def set_values(self, values: PlanValues, suggest_dose: date) -> None:
        f = self.fields
        self.hospital_spin.setValue(
            NOT_SET if values.hospital_days is None else values.hospital_days
        )
        if f.break_default is not None:
            self.break_spin.setValue(values.break_days or f.break_default)
        if f.stay_near_least is not None:
            self.stay_spin.setValue(max(values.stay_near_days or 0, f.stay_near_least))
        self.dose_editor.set_dates(values.dose_dates, suggest_dose)
        self.clear_problems()

    def values(self) -> PlanValues:
        """What is typed; None where a field is not used or left at 'not told yet'."""
        f = self.fields
        hospital = self.hospital_spin.value()
        stay = self.stay_spin.value()
        return PlanValues(
            hospital_days=None if f.hospital_most is None or hospital == NOT_SET else hospital,
            break_days=None if f.break_default is None else self.break_spin.value(),
            stay_near_days=(
                None if f.stay_near_least is None or stay <= f.stay_near_least else stay
            ),
            dose_dates=self.dose_editor.dates() if f.doses else (),
        )

    # ---- messages ----------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for message in (*self._messages.values(), self.form_message):
            message.clear()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.clear_problems()
        show_field_problems(problems, self._messages, self.form_message, self._focus_for)

    def message_text(self, field_name: str) -> str:
        return self._messages.get(field_name, self.form_message).text()

    def show_error(self, text: str) -> None:
        self.form_message.show_text(text)

    @staticmethod
    def _hint(hint: QLabel, text: str) -> None:
        hint.setText(text)
        hint.setVisible(bool(text))

    def _on_dose_editor_changed(self) -> None:
        self.dose_message.clear()
