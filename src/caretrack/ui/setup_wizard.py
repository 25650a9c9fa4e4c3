"""First-run setup and 'Add a child' (view): child, treatment, start date, care team numbers.

A short step-by-step flow inside the main window. It checks what it can on the spot (with the
domain's own checks) and hands the answers to the controller, which saves them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.catalogue import ScheduleKind, Therapy
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import CareTeam, TherapyCourse
from caretrack.domain.schedule import therapy_day
from caretrack.domain.text import SHORT_LIMIT
from caretrack.domain.validation import Level, Problem, check_child
from caretrack.ui.care_team_form import CareTeamForm
from caretrack.ui.messages import catalogue_text, problem_text, therapy_day_text, therapy_name
from caretrack.ui.widgets.common import Card, field_block, label, pad_spin_box
from caretrack.ui.widgets.date_edit import DateEdit
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.step_dots import StepDots
from caretrack.ui.widgets.therapy_choice import TherapyChoice


@dataclass(frozen=True)
class SetupAnswers:
    name: str
    birth_date: date
    weight_kg: Decimal | None
    therapy_id: str
    start_date: date
    cycle: int | None
    team: CareTeam | None  # None when the flow did not ask (adding a second child)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def therapy_description(therapy: Therapy) -> str:
    """One plain line on how it is given (the kind of medicine goes in the tooltip)."""
    return catalogue_text(therapy.how_given.text).strip()


def start_label(therapy: Therapy) -> str:
    kind = therapy.schedule.kind
    if kind is ScheduleKind.SINGLE_INFUSION:
        return _tr("Infusion day (Day 0)")
    if kind is ScheduleKind.CONTINUOUS_CYCLES:
        return _tr("First day of this cycle")
    return _tr("First dose")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupFlow", text)


_FIELD_STEP = {
    "name": 0,
    "birth_date": 0,
    "weight": 0,
    "therapy": 1,
    "start_date": 2,
    "cycle": 2,
}


class SetupFlow(QWidget):
    finished = Signal(object)  # SetupAnswers
    cancelled = Signal()

    def __init__(
        self,
        therapies: Sequence[Therapy],
        today: date,
        *,
        ask_care_team: bool,
        first_run: bool,
        team: CareTeam | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._therapies = {t.id: t for t in therapies}
        self._today = today
        self._ask_care_team = ask_care_team
        self._first_run = first_run
        self._birth_touched = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        holder = QWidget()
        holder.setProperty("role", "page")
        scroll.setWidget(holder)
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(24, 28, 24, 24)
        column_widget = QWidget()
        column_widget.setMaximumWidth(720)
        centre.addStretch(1)
        centre.addWidget(column_widget, 100)
        centre.addStretch(1)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)

        step_row = QHBoxLayout()
        step_row.setSpacing(12)
        self.step_label = label("", "step", wrap=False)
        step_row.addWidget(self.step_label)
        self.step_dots = StepDots(4 if ask_care_team else 3)
        step_row.addWidget(self.step_dots)
        step_row.addStretch(1)
        column.addLayout(step_row)
        self.pages = QStackedWidget()
        column.addWidget(self.pages)
        column.addStretch(1)

        self._build_child_page(first_run)
        self._build_therapy_page(therapies)
        self._build_start_page()
        self.team_form: CareTeamForm | None = None
        if ask_care_team:
            self._build_team_page(team or CareTeam())

        bar = QFrame()
        bar.setProperty("role", "action-bar")
        bar_row = QHBoxLayout(bar)
        bar_row.setContentsMargins(24, 12, 24, 12)
        bar_row.setSpacing(12)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel adding a child"))
        self.cancel_button.setVisible(not first_run)
        self.cancel_button.clicked.connect(self.cancelled)
        bar_row.addWidget(self.cancel_button)
        bar_row.addStretch(1)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.setProperty("role", "secondary")
        self.back_button.setAccessibleName(self.tr("Back to the previous step"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setProperty("role", "primary")
        self.next_button.setAccessibleName(self.tr("Next step"))
        self.next_button.clicked.connect(self._on_next_button_clicked)
        bar_row.addWidget(self.back_button)
        bar_row.addWidget(self.next_button)
        outer.addWidget(bar)

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_next_button_clicked)
        if not first_run:
            esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
            esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            esc.activated.connect(self.cancelled)
        self.go_to(0)

    # ---- pages -------------------------------------------------------------------------------

    def _page(self, title: str, intro: str) -> QVBoxLayout:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(14)
        box.addWidget(label(title, "h1"))
        if intro:
            box.addWidget(label(intro, "lead"))
        self.pages.addWidget(page)
        return box

    def _build_child_page(self, first_run: bool) -> None:
        if first_run:
            box = self._page(
                self.tr("Welcome to CareTrack"),
                self.tr(
                    "A few questions to set things up. It takes about two minutes, and you "
                    "can change the answers later."
                ),
            )
        else:
            box = self._page(self.tr("Add a child"), self.tr("Tell us about your child."))
        card = Card(self.tr("Your child"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Child's name"))
        self.name_edit.setPlaceholderText(self.tr("First name is enough"))
        self.name_edit.setMaxLength(SHORT_LIMIT)
        self.name_edit.setMaximumWidth(420)
        self.name_message = FieldMessage()
        self.birth_edit = DateEdit()
        self.birth_edit.setCalendarPopup(True)
        self.birth_edit.setDisplayFormat("d MMM yyyy")
        self.birth_edit.setAccessibleName(self.tr("Birth date"))
        self.birth_edit.setDate(_qdate(date(self._today.year - 6, 1, 1)))
        self.birth_edit.setMinimumWidth(200)
        self.birth_edit.setMaximumWidth(260)
        self.birth_edit.dateChanged.connect(self._on_birth_edit_date_changed)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        self.birth_message = FieldMessage()
        self.weight_edit = QLineEdit()
        self.weight_edit.setAccessibleName(self.tr("Weight in kilograms (optional)"))
        self.weight_edit.setPlaceholderText(self.tr("e.g. 21.5"))
        self.weight_edit.setMaxLength(8)
        self.weight_edit.setMaximumWidth(200)
        self.weight_message = FieldMessage()
        for caption, widget, message in (
            (self.tr("Name"), self.name_edit, self.name_message),
            (self.tr("Birth date"), self.birth_edit, self.birth_message),
            (self.tr("Weight in kg (optional)"), self.weight_edit, self.weight_message),
        ):
            card.body.addLayout(field_block(caption, widget, message))
        box.addWidget(card)
        box.addStretch(1)

    def _build_therapy_page(self, therapies: Sequence[Therapy]) -> None:
        box = self._page(
            self.tr("Which treatment is your child having?"),
            self.tr("Choose the one your care team named. It decides which symptoms to ask about."),
        )
        self.therapy_group = QButtonGroup(self)
        self.therapy_group.setExclusive(True)
        self.therapy_choices: dict[str, TherapyChoice] = {}
        for t in therapies:
            choice = TherapyChoice(t.id, therapy_name(t), therapy_description(t))
            choice.setToolTip(catalogue_text(t.kind))
            self.therapy_group.addButton(choice.radio)
            choice.radio.toggled.connect(self._on_therapy_toggled)
            self.therapy_choices[t.id] = choice
            box.addWidget(choice)
        self.therapy_message = FieldMessage()
        box.addWidget(self.therapy_message)
        box.addStretch(1)

    def _build_start_page(self) -> None:
        box = self._page(self.tr("When did this treatment start?"), "")
        card = Card()
        self.start_caption = label("", "field-label", wrap=False)
        self.start_edit = DateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit.setDate(_qdate(self._today))
        self.start_edit.dateChanged.connect(self._update_preview)
        self.start_caption.setBuddy(self.start_edit)
        card.body.addWidget(self.start_caption)
        card.body.addWidget(self.start_edit, 0, Qt.AlignmentFlag.AlignLeft)
        self.start_help = label("", "hint")
        card.body.addWidget(self.start_help)
        self.start_message = FieldMessage()
        card.body.addWidget(self.start_message)
        self.cycle_caption = label(self.tr("Cycle number"), "field-label", wrap=False)
        self.cycle_spin = QSpinBox()
        self.cycle_spin.setRange(1, 20)
        self.cycle_spin.setAccessibleName(self.tr("Cycle number"))
        self.cycle_spin.setMaximumWidth(100)
        pad_spin_box(self.cycle_spin)
        self.cycle_spin.valueChanged.connect(self._update_preview)
        self.cycle_caption.setBuddy(self.cycle_spin)
        card.body.addWidget(self.cycle_caption)
        card.body.addWidget(self.cycle_spin, 0, Qt.AlignmentFlag.AlignLeft)
        self.cycle_message = FieldMessage()
        card.body.addWidget(self.cycle_message)
        box.addWidget(card)
        self.preview = label("", "preview")
        box.addWidget(self.preview)
        box.addStretch(1)

    def _build_team_page(self, team: CareTeam) -> None:
        box = self._page(self.tr("Your care team's numbers"), "")
        card = Card()
        self.team_form = CareTeamForm()
        self.team_form.set_team(team)
        card.body.addWidget(self.team_form)
        box.addWidget(card)
        box.addStretch(1)

    # ---- navigation --------------------------------------------------------------------------

    def step_count(self) -> int:
        return self.pages.count()

    def current_step(self) -> int:
        return self.pages.currentIndex()

    def go_to(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        last = step == self.step_count() - 1
        self.step_label.setText(
            self.tr("Step {n} of {total}").format(n=step + 1, total=self.step_count())
        )
        self.step_dots.set_current(step)
        self.back_button.setVisible(step > 0)
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Finish") if last else self.tr("Next step"))
        if step == 2:
            self._update_start_page()
        first_field: dict[int, QWidget] = {0: self.name_edit, 2: self.start_edit}
        if step == 1:
            chosen = self.therapy_group.checkedButton()
            target: QWidget | None = chosen or next(
                (c.radio for c in self.therapy_choices.values()), None
            )
        elif step == 3 and self.team_form is not None:
            target = self.team_form.name_edit
        else:
            target = first_field.get(step)
        if target is not None:
            target.setFocus()

    def _on_back_button_clicked(self) -> None:
        if self.current_step() > 0:
            self.go_to(self.current_step() - 1)

    def _on_next_button_clicked(self) -> None:
        step = self.current_step()
        problems = self.check_step(step)
        if problems:
            self.show_problems(problems)
            return
        if step < self.step_count() - 1:
            self.go_to(step + 1)
            return
        answers = self.answers()
        if answers is not None:
            self.finished.emit(answers)

    # ---- values and checks -------------------------------------------------------------------

    def therapy_id(self) -> str | None:
        for tid, choice in self.therapy_choices.items():
            if choice.radio.isChecked():
                return tid
        return None

    def set_therapy(self, therapy_id: str) -> None:
        self.therapy_choices[therapy_id].radio.setChecked(True)

    def _weight(self) -> tuple[Decimal | None, bool]:
        text = self.weight_edit.text().strip().replace(",", ".")
        if not text:
            return None, True
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None, False
        return (value, True) if value.is_finite() else (None, False)

    def check_step(self, step: int) -> list[Problem]:
        """The same checks the service makes, run early so each step can be fixed in place."""
        self._clear_step_messages(step)
        problems: list[Problem] = []
        if step == 0:
            weight, ok = self._weight()
            problems += check_child(
                self.name_edit.text(), _pydate(self.birth_edit.date()), weight, self._today
            )
            if not ok:
                problems.append(
                    Problem(
                        "weight",
                        Level.ERROR,
                        "weight_text",
                        QT_TRANSLATE_NOOP("validation", "Type the weight in kg, like 21.5."),
                    )
                )
            if not self._birth_touched and not any(p.field == "birth_date" for p in problems):
                problems.append(
                    Problem(
                        "birth_date",
                        Level.ERROR,
                        "birth_unset",
                        QT_TRANSLATE_NOOP(
                            "validation",
                            "Set your child's birth date: the date shown is only an example.",
                        ),
                    )
                )
        elif step == 1 and self.therapy_id() is None:
            problems.append(
                Problem(
                    "therapy",
                    Level.ERROR,
                    "therapy_unset",
                    QT_TRANSLATE_NOOP("validation", "Choose one treatment."),
                )
            )
        elif step == 2 and self.start_edit.date() < self.birth_edit.date():
            problems.append(
                Problem(
                    "start_date",
                    Level.ERROR,
                    "start_before_birth",
                    QT_TRANSLATE_NOOP("validation", "The start date is before the birth date."),
                )
            )
        return problems

    def answers(self) -> SetupAnswers | None:
        therapy = self.therapy_id()
        weight, ok = self._weight()
        if therapy is None or not ok:
            return None
        continuous = self._therapies[therapy].schedule.kind is ScheduleKind.CONTINUOUS_CYCLES
        return SetupAnswers(
            name=self.name_edit.text().strip(),
            birth_date=_pydate(self.birth_edit.date()),
            weight_kg=weight,
            therapy_id=therapy,
            start_date=_pydate(self.start_edit.date()),
            cycle=self.cycle_spin.value() if continuous else None,
            team=self.team_form.team() if self.team_form is not None else None,
        )

    def _messages(self) -> dict[str, FieldMessage]:
        return {
            "name": self.name_message,
            "birth_date": self.birth_message,
            "weight": self.weight_message,
            "therapy": self.therapy_message,
            "start_date": self.start_message,
            "cycle": self.cycle_message,
        }

    def _clear_step_messages(self, step: int) -> None:
        for field, message in self._messages().items():
            if _FIELD_STEP[field] == step:
                message.clear()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Go to the first step with a problem and show each one under its field."""
        messages = self._messages()
        grouped: dict[str, list[str]] = {}
        for p in problems:
            grouped.setdefault(p.field if p.field in messages else "name", []).append(
                problem_text(p)
            )
        for field, texts in grouped.items():
            messages[field].show_text("\n".join(texts))
        steps = [_FIELD_STEP[f] for f in grouped]
        if steps and min(steps) != self.current_step():
            self.go_to(min(steps))

    # ---- slots -------------------------------------------------------------------------------

    def _on_birth_edit_date_changed(self, _day: QDate) -> None:
        self._birth_touched = True
        self.birth_message.clear()  # the message is about what was there before

    def _on_name_edit_text_changed(self, _text: str) -> None:
        self.name_message.clear()

    def _on_therapy_toggled(self, checked: bool) -> None:
        if checked:
            self.therapy_message.clear()

    def _update_start_page(self) -> None:
        tid = self.therapy_id()
        therapy = self._therapies.get(tid) if tid else None
        if therapy is None:
            return
        self.start_caption.setText(start_label(therapy))
        self.start_edit.setAccessibleName(start_label(therapy))
        kind = therapy.schedule.kind
        name = self.name_edit.text().strip() or self.tr("your child")
        if kind is ScheduleKind.SINGLE_INFUSION:
            help_text = self.tr(
                "The day {name} was given the CAR T cells. CareTrack counts the days after it: "
                "Day +1, Day +2, and so on."
            ).format(name=name)
        elif kind is ScheduleKind.CONTINUOUS_CYCLES:
            days = therapy.schedule.infusion_days or 28
            help_text = self.tr(
                "The day the pump started for this {days}-day cycle. Add the cycle number too."
            ).format(days=days)
        else:
            help_text = self.tr("The day of the first dose of this treatment.")
        self.start_help.setText(help_text)
        continuous = kind is ScheduleKind.CONTINUOUS_CYCLES
        self.cycle_caption.setVisible(continuous)
        self.cycle_spin.setVisible(continuous)
        self._update_preview()

    def _update_preview(self, *_args: object) -> None:
        tid = self.therapy_id()
        therapy = self._therapies.get(tid) if tid else None
        if therapy is None:
            self.preview.clear()
            return
        continuous = therapy.schedule.kind is ScheduleKind.CONTINUOUS_CYCLES
        course = TherapyCourse(
            0,
            0,
            therapy.id,
            _pydate(self.start_edit.date()),
            self.cycle_spin.value() if continuous else None,
        )
        day = therapy_day(therapy, course, self._today)
        self.preview.setText(self.tr("Today will show: {day}").format(day=therapy_day_text(day)))
