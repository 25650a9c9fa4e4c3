"""Today (view): who, where they are in treatment, the last temperature, today's check-ins,
one big button to log, and the care team's numbers beside it all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.model import CareTeam
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.care_team_panel import CareTeamPanel
from caretrack.ui.widgets.child_switcher import ChildSwitcher
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import Card, clear_layout, label


@dataclass(frozen=True)
class EntrySummary:
    """One of today's check-ins, already in words."""

    entry_id: int
    time: str
    lines: tuple[str, ...]
    edited: bool = False


class EntryRow(QFrame):
    open_requested = Signal(int)

    def __init__(self, summary: EntrySummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "entry-row")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 10, 0, 10)
        row.setSpacing(16)
        time = label(summary.time, "entry-time", wrap=False)
        time.setMinimumWidth(64)
        row.addWidget(time, 0, Qt.AlignmentFlag.AlignTop)
        lines = QVBoxLayout()
        lines.setSpacing(2)
        for text in summary.lines:
            lines.addWidget(label(text, "entry-line"))
        if summary.edited:
            lines.addWidget(label(self.tr("Edited"), "tag"))
        row.addLayout(lines, 1)
        self.open_button = QPushButton(self.tr("Change"))
        self.open_button.setProperty("role", "link")
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.setAccessibleName(
            self.tr("Change the check-in at {time}").format(time=summary.time)
        )
        self.open_button.clicked.connect(self._on_open_button_clicked)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self.entry_id = summary.entry_id

    def _on_open_button_clicked(self) -> None:
        self.open_requested.emit(self.entry_id)


class TodayView(QWidget):
    child_selected = Signal(int)
    log_requested = Signal()
    care_team_edit_requested = Signal()
    entry_open_requested = Signal(int)
    history_requested = Signal()
    neuro_check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        page.setProperty("role", "page")
        scroll.setWidget(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(28, 18, 28, 20)
        box.setSpacing(14)

        self.children_row = ChildSwitcher()
        self.children_row.child_selected.connect(self.child_selected)
        box.addWidget(self.children_row)

        self.banner = Banner()
        box.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(20)
        box.addLayout(columns, 1)
        main = QVBoxLayout()
        main.setSpacing(16)
        columns.addLayout(main, 1)
        # Open warnings go first: nothing on Today may sit above an unanswered flag.
        self.flags_slot = QVBoxLayout()
        self.flags_slot.setContentsMargins(0, 0, 0, 0)
        main.addLayout(self.flags_slot)

        header = Card(role="hero")
        self.name_label = label("", "h1")
        self.therapy_label = label("", "muted")
        self.day_label = label("", "day-pill", wrap=False)
        head_row = QHBoxLayout()
        head_row.setSpacing(12)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name_label)
        names.addWidget(self.therapy_label)
        head_row.addLayout(names, 1)
        head_row.addWidget(self.day_label, 0, Qt.AlignmentFlag.AlignTop)
        header.body.addLayout(head_row)
        # What the treatment asks of the family right now: the pump's next bag change or a
        # stop; after CAR T, staying near the center. Set by the controller, hidden otherwise.
        self.therapy_notice = Banner()
        header.body.addWidget(self.therapy_notice)
        self.log_button = QPushButton()
        self.log_button.setProperty("role", "primary-big")
        self.log_button.setIcon(icon("plus-white"))
        self.log_button.setIconSize(QSize(22, 22))
        self.log_button.setToolTip(self.tr("Ctrl+N"))
        self.log_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.log_button.clicked.connect(self.log_requested)
        header.body.addSpacing(6)
        header.body.addWidget(self.log_button)
        # The daily neuro check, offered while its watch window is open (CAR T, blinatumomab).
        self.neuro_row = QFrame()
        neuro = QHBoxLayout(self.neuro_row)
        neuro.setContentsMargins(0, 4, 0, 0)
        neuro.setSpacing(12)
        self.neuro_text = label("", "muted")
        neuro.addWidget(self.neuro_text, 1)
        self.neuro_button = QPushButton()
        self.neuro_button.setProperty("role", "secondary")
        self.neuro_button.setIcon(icon("brain"))
        self.neuro_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.neuro_button.clicked.connect(self.neuro_check_requested)
        neuro.addWidget(self.neuro_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.neuro_row.hide()
        header.body.addWidget(self.neuro_row)
        main.addWidget(header)

        last = Card(self.tr("Last temperature"))
        self.last_value = label("", "big-number", wrap=False)
        self.last_detail = label("", "muted")
        reading_row = QHBoxLayout()
        reading_row.setSpacing(16)
        reading_row.addWidget(self.last_value)
        reading_row.addWidget(self.last_detail, 1, Qt.AlignmentFlag.AlignVCenter)
        last.body.addLayout(reading_row)
        main.addWidget(last)

        entries = Card(self.tr("Today's check-ins"))
        self.entries_box = QVBoxLayout()
        self.entries_box.setSpacing(0)
        entries.body.addLayout(self.entries_box)
        self.no_entries = label(self.tr("Nothing logged yet today."), "muted")
        entries.body.addWidget(self.no_entries)
        main.addWidget(entries)
        main.addStretch(1)

        side = QVBoxLayout()
        side.setSpacing(16)
        self.care_panel = CareTeamPanel()
        self.care_panel.setFixedWidth(350)
        self.care_panel.edit_requested.connect(self.care_team_edit_requested)
        side.addWidget(self.care_panel)
        # "Next due" reminders, placed by the care controller; the team's numbers stay first.
        self.due_slot = QVBoxLayout()
        self.due_slot.setContentsMargins(0, 0, 0, 0)
        side.addLayout(self.due_slot)
        recent = Card(self.tr("The last few days"))
        recent.setFixedWidth(350)
        self.recent_box = QGridLayout()
        self.recent_box.setHorizontalSpacing(12)
        self.recent_box.setVerticalSpacing(6)
        self.recent_box.setColumnStretch(1, 1)
        recent.body.addLayout(self.recent_box)
        self.history_link = QPushButton(self.tr("See everything in History"))
        self.history_link.setProperty("role", "link")
        self.history_link.setAccessibleName(self.tr("See everything in History"))
        self.history_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.history_link.clicked.connect(self.history_requested)
        recent.body.addWidget(self.history_link, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(recent)
        side.addStretch(1)
        columns.addLayout(side)
        self.entry_rows: list[EntryRow] = []

    def set_flags_panel(self, panel: QWidget) -> None:
        """Place the open-warnings panel at the top of Today (owned by the flags controller)."""
        self.flags_slot.addWidget(panel)

    def set_therapy_notice(self, text: str, kind: str = "info") -> None:
        if text:
            self.therapy_notice.show_message(text, kind)
        else:
            self.therapy_notice.clear()

    def set_due_panel(self, panel: QWidget) -> None:
        panel.setFixedWidth(350)
        self.due_slot.addWidget(panel)

    def set_neuro_check(self, name: str, done_today: str) -> None:
        """'' hides the row; otherwise it says whether today's check is done (and when)."""
        if not name:
            self.neuro_row.hide()
            return
        if done_today:
            text = self.tr("Today's neuro check was done at {time}.").format(time=done_today)
            button = self.tr("Do it again")
        else:
            text = self.tr("A short daily check of how {name} talks, moves and behaves.").format(
                name=name
            )
            button = self.tr("Do today's neuro check")
        self.neuro_text.setText(text)
        self.neuro_button.setText(button)
        self.neuro_button.setAccessibleName(f"{button}: {text}")
        self.neuro_row.show()

    def set_children(self, children: Sequence[tuple[int, str]], current: int) -> None:
        """A switcher only when there is more than one child."""
        self.children_row.set_children(children, current)

    @property
    def child_switcher(self) -> ChipGroup | None:
        return self.children_row.chips

    def set_header(self, name: str, therapy: str, day: str) -> None:
        self.name_label.setText(name)
        self.therapy_label.setText(therapy)
        self.therapy_label.setVisible(bool(therapy))
        self.day_label.setText(day)
        self.day_label.setVisible(bool(day))
        text = self.tr("Log how {name} is doing").format(name=name)
        self.log_button.setText(text)
        self.log_button.setAccessibleName(text)

    def set_last_temperature(self, value: str, detail: str) -> None:
        if value:
            self.last_value.setText(value)
            self.last_detail.setText(detail)
        else:
            self.last_value.setText("—")
            self.last_detail.setText(self.tr("No temperature logged yet."))

    def set_entries(self, summaries: Sequence[EntrySummary]) -> None:
        clear_layout(self.entries_box)
        self.entry_rows = []
        for i, s in enumerate(summaries):
            if i:
                line = QFrame()
                line.setProperty("role", "divider")
                line.setFixedHeight(1)
                self.entries_box.addWidget(line)
            row = EntryRow(s)
            row.open_requested.connect(self.entry_open_requested)
            self.entries_box.addWidget(row)
            self.entry_rows.append(row)
        self.no_entries.setVisible(not summaries)

    def set_recent_days(self, days: Sequence[tuple[str, str]]) -> None:
        """(day, summary) for the days before today, newest first."""
        clear_layout(self.recent_box)
        if not days:
            self.recent_box.addWidget(
                label(self.tr("Nothing logged on the days before."), "muted"), 0, 0, 1, 2
            )
        for i, (day, summary) in enumerate(days):
            self.recent_box.addWidget(
                label(day, "recent-day", wrap=False), i, 0, Qt.AlignmentFlag.AlignTop
            )
            self.recent_box.addWidget(label(summary, "recent-text", wrap=False), i, 1)

    def set_care_team(self, team: CareTeam) -> None:
        self.care_panel.set_team(team)

    def show_saved(self, text: str) -> None:
        self.banner.show_message(text, "ok", hide_after_ms=15_000)
