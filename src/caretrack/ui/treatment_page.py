"""Treatment (view): where the child is in the therapy, the pump log (blinatumomab), what to
watch for and until when, the calendar of the course, and what the care team said.

Only layout and plain values here; the treatment controller reads the services and answers
the page's signals. Other panels (medicines, reminders) join through `add_section`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import (
    Card,
    clear_layout,
    field_block,
    label,
    pad_spin_box,
    page_scroll_area,
)
from caretrack.ui.widgets.course_plan_form import CoursePlanForm, pydate, qdate
from caretrack.ui.widgets.cycle_calendar import CycleCalendar, DayCell, LegendItem
from caretrack.ui.widgets.date_edit import DateEdit
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.page_heading import PageHeading
from caretrack.ui.widgets.pump_panel import PumpPanel

CONTENT_MAX_WIDTH = 980


class WindowState(StrEnum):
    ACTIVE = "active"
    UPCOMING = "upcoming"
    FINISHED = "finished"


@dataclass(frozen=True)
class WindowLine:
    """One watch window in words: 'Stay near ...: until Sat 22 November (Day +14)'."""

    text: str
    state: WindowState
    sources: str = ""  # "Sources: S4, S5, S6"
    sources_detail: str = ""  # the citations, for the tooltip
    unverified: str = ""  # "(leaflets differ on how long: ask your care team)"


class WindowRow(QFrame):
    """Active windows stand out in a tinted panel; finished ones are greyed."""

    def __init__(self, line: WindowLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        active = line.state is WindowState.ACTIVE
        if active:
            self.setProperty("role", "care-panel")
        box = QVBoxLayout(self)
        if active:
            box.setContentsMargins(14, 10, 14, 10)
        else:
            box.setContentsMargins(2, 4, 2, 4)
        box.setSpacing(3)
        role = {
            WindowState.ACTIVE: "care-title",
            WindowState.UPCOMING: "question-text",
            WindowState.FINISHED: "hint",
        }[line.state]
        self.text_label = label(line.text, role, selectable=True)
        box.addWidget(self.text_label)
        small = " ".join(t for t in (line.unverified, line.sources) if t)
        self.sources_label = label(small, "hint")
        self.sources_label.setToolTip(line.sources_detail)
        self.sources_label.setVisible(bool(small))
        box.addWidget(self.sources_label)
        self.setAccessibleName(f"{line.text} {small}".strip())


class NextCycleForm(QFrame):
    """The first day of the next cycle (the team's date) and, if the team said, its break."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card-tight")
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 16)
        box.setSpacing(10)
        self.title_label = label("", "card-title")
        box.addWidget(self.title_label)
        box.addWidget(
            label(
                self.tr("Start it here only when your care team has confirmed the date."), "muted"
            )
        )
        row = QHBoxLayout()
        row.setSpacing(16)
        self.date_edit = DateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName(self.tr("First day of the next cycle"))
        self.date_edit.setMinimumWidth(170)
        self.break_spin = QSpinBox()
        self.break_spin.setRange(0, 365)
        self.break_spin.setAccessibleName(self.tr("Break after the next cycle, in days"))
        self.break_spin.setMinimumWidth(230)
        pad_spin_box(self.break_spin)
        row.addLayout(field_block(self.tr("First day"), self.date_edit))
        row.addLayout(field_block(self.tr("Break after it (days)"), self.break_spin))
        row.addStretch(1)
        box.addLayout(row)
        self.break_hint = label("", "hint")
        box.addWidget(self.break_hint)
        self.message = FieldMessage()
        box.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.start_button = QPushButton()
        self.start_button.setProperty("role", "primary")
        self.start_button.clicked.connect(self.start_requested)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.setAccessibleName(self.tr("Cancel, do not start a new cycle"))
        self.cancel_button.clicked.connect(self.close_form)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.date_edit.dateChanged.connect(self.message.clear)
        self.hide()

    def open(self, cycle: int, first_day: date, usual_break: int, hint: str) -> None:
        self.title_label.setText(self.tr("Start cycle {n}").format(n=cycle))
        self.start_button.setText(self.tr("Start cycle {n}").format(n=cycle))
        self.start_button.setAccessibleName(self.tr("Start cycle {n}").format(n=cycle))
        self.date_edit.setDate(qdate(first_day))
        self.break_spin.setSpecialValueText(
            self.tr("As usual: {n} days").format(n=usual_break) if usual_break else ""
        )
        self.break_spin.setValue(0)
        self.break_hint.setText(hint)
        self.break_hint.setVisible(bool(hint))
        self.message.clear()
        self.show()
        self.date_edit.setFocus()

    def close_form(self) -> None:
        self.message.clear()
        self.hide()

    def first_day(self) -> date:
        return pydate(self.date_edit.date())

    def break_days(self) -> int | None:
        """None: the schedule's break."""
        return self.break_spin.value() or None


class TreatmentPage(QWidget):
    child_selected = Signal(int)
    next_cycle_requested = Signal()  # the parent confirmed the next cycle's form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = page_scroll_area()
        outer.addWidget(self.scroll_area)
        holder = QWidget()
        holder.setProperty("role", "page")
        self.scroll_area.setWidget(holder)
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(28, 18, 28, 22)
        column_widget = QWidget()
        column_widget.setMaximumWidth(CONTENT_MAX_WIDTH)
        centre.addStretch(1)
        centre.addWidget(column_widget, 100)
        centre.addStretch(1)
        box = QVBoxLayout(column_widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(16)

        self.heading = PageHeading(self.tr("Treatment"))
        self.heading.child_selected.connect(self.child_selected)
        self.title_label = self.heading.title_label
        self.day_label = self.heading.subtitle_label
        self.children_row = self.heading.children_row
        box.addWidget(self.heading)
        self.key_label = label("", "preview", selectable=True)  # e.g. CAR T: stay near until
        self.key_label.hide()
        box.addWidget(self.key_label)
        self.banner = Banner()
        box.addWidget(self.banner)
        self.unavailable_label = label("", "lead")
        self.unavailable_label.hide()
        box.addWidget(self.unavailable_label)

        self.pump_card = Card(self.tr("The pump"))
        self.pump = PumpPanel()
        self.pump_card.body.addWidget(self.pump)
        box.addWidget(self.pump_card)

        self.windows_card = Card(self.tr("What to watch for, and until when"))
        self.windows_box = QVBoxLayout()
        self.windows_box.setSpacing(8)
        self.windows_card.body.addLayout(self.windows_box)
        self.window_rows: list[WindowRow] = []
        box.addWidget(self.windows_card)

        self.calendar_card = Card(self.tr("Treatment calendar"))
        next_row = QHBoxLayout()
        next_row.setSpacing(12)
        self.next_cycle_label = label("", "basis")
        next_row.addWidget(self.next_cycle_label, 1)
        self.next_cycle_button = QPushButton(self.tr("Start the next cycle…"))
        self.next_cycle_button.setProperty("role", "secondary")
        self.next_cycle_button.setAccessibleName(self.tr("Start the next cycle"))
        next_row.addWidget(self.next_cycle_button, 0, Qt.AlignmentFlag.AlignTop)
        self.calendar_card.body.addLayout(next_row)
        self.next_cycle_form = NextCycleForm()
        self.next_cycle_form.start_requested.connect(self.next_cycle_requested)
        self.calendar_card.body.addWidget(self.next_cycle_form)
        self.calendar = CycleCalendar()
        self.calendar_card.body.addWidget(self.calendar)
        box.addWidget(self.calendar_card)

        # Sections other screens add (medicines, reminders) go here, above the team's plan.
        self.sections_box = QVBoxLayout()
        self.sections_box.setSpacing(16)
        box.addLayout(self.sections_box)
        self.sections: list[Card] = []

        self.plan_card = Card(self.tr("What your care team told you"))
        self.plan_form = CoursePlanForm()
        self.plan_card.body.addWidget(self.plan_form)
        box.addWidget(self.plan_card)
        box.addStretch(1)
        self._content_cards = (self.windows_card, self.calendar_card, self.plan_card)

    # ---- for the lead's extra panels -------------------------------------------------------

    def add_card(self, card: QWidget) -> None:
        """A panel that is already a card (medicines, reminders), in the same place."""
        self.sections_box.addWidget(card)

    def add_section(self, title: str, widget: QWidget) -> Card:
        """A titled card in the page's style, below the calendar and above the team's plan."""
        card = Card(title)
        card.body.addWidget(widget)
        self.sections_box.addWidget(card)
        self.sections.append(card)
        return card

    # ---- values pushed in by the controller --------------------------------------------------

    def set_children(self, children: Sequence[tuple[int, str]], current: int) -> None:
        self.children_row.set_children(children, current)

    @property
    def child_switcher(self) -> ChipGroup | None:
        return self.children_row.chips

    def set_heading(self, title: str, day: str, key: str = "") -> None:
        self.title_label.setText(title)
        self.day_label.setText(day)
        self.day_label.setVisible(bool(day))
        self.key_label.setText(key)
        self.key_label.setVisible(bool(key))

    def show_unavailable(self, text: str) -> None:
        """No course to show (no child, no treatment set): say so, hide the course's cards."""
        self.unavailable_label.setText(text)
        self.unavailable_label.setVisible(bool(text))
        for card in (self.pump_card, *self._content_cards):
            card.setVisible(not text)
        self.key_label.setVisible(False)

    def set_pump_visible(self, visible: bool) -> None:
        self.pump_card.setVisible(visible)

    def set_windows(self, lines: Sequence[WindowLine]) -> None:
        clear_layout(self.windows_box)
        self.window_rows = [WindowRow(line) for line in lines]
        for row in self.window_rows:
            self.windows_box.addWidget(row)
        if not lines:
            self.windows_box.addWidget(label(self.tr("Nothing special to watch for."), "hint"))

    def set_calendar(self, cells: Sequence[DayCell], legend: Sequence[LegendItem]) -> None:
        self.calendar.set_cells(cells, legend)

    def set_next_cycle(self, text: str) -> None:
        """'' hides the row (therapies without cycles)."""
        self.next_cycle_label.setText(text)
        self.next_cycle_label.setVisible(bool(text))
        self.next_cycle_button.setVisible(bool(text))
        if not text:
            self.next_cycle_form.close_form()

    def clear_messages(self) -> None:
        self.banner.clear()
        self.pump.banner.clear()
        self.pump.form.close_form()
        self.plan_form.banner.clear()
        self.plan_form.clear_problems()
        self.next_cycle_form.close_form()

    def reveal(self, widget: QWidget) -> None:
        """Scroll a form or message into view once the layout has placed it."""
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(widget, 50, 80))
