"""The course's days as a month-like grid: one row per week (Monday first), one cell per day.

A cell says its date, the therapy day ("12", "+6") and, in a word, what kind of day it is
("Hospital", "Break", "Dose"): the colours help, but nothing is said by colour alone, so the
grid reads the same for a colour-blind parent and on a grey printout. Today has a dark ring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from caretrack.domain.calendar import (
    NEURO_WINDOW_ID,
    STAY_NEAR_WINDOW_ID,
    CalendarDay,
    DayKind,
)
from caretrack.domain.catalogue import ScheduleKind, Therapy
from caretrack.ui.messages import catalogue_text
from caretrack.ui.widgets.common import label

_CTX = "calendar"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


class CellKind(StrEnum):
    """What a cell looks like; each kind also has a word on the cell and in the legend."""

    HOSPITAL = "hospital"  # blinatumomab running, child in hospital
    PUMP = "pump"  # blinatumomab running (at home, or the team has not said)
    BREAK = "break"
    DOSE = "dose"
    INFUSION = "infusion"  # CAR T day 0
    STAY_NEAR = "stay_near"  # CAR T: stay near the center, no driving
    WATCH = "watch"  # CAR T: the nervous-system watch
    PLAIN = "plain"  # a day of the course with nothing special
    NEXT_CYCLE = "next_cycle"  # the day the next cycle could start


@dataclass(frozen=True)
class Palette:
    fill: str
    border: str
    text: str


PALETTES: dict[CellKind, Palette] = {
    CellKind.HOSPITAL: Palette("#dfe4f6", "#8e9ad3", "#27336e"),
    CellKind.PUMP: Palette("#dcefed", "#8cc2bf", "#10474d"),
    CellKind.BREAK: Palette("#f1f3f4", "#d5dcdf", "#56656c"),
    CellKind.DOSE: Palette("#fcefd2", "#dcae4c", "#5e4500"),
    CellKind.INFUSION: Palette("#1d6b73", "#1d6b73", "#ffffff"),
    CellKind.STAY_NEAR: Palette("#fbe9da", "#e0a877", "#6e3a0e"),
    CellKind.WATCH: Palette("#eaf1f7", "#b4c9dc", "#27445e"),
    CellKind.PLAIN: Palette("#ffffff", "#dde4e6", "#3c4d55"),
    CellKind.NEXT_CYCLE: Palette("#ffffff", "#1d6b73", "#14555c"),
}
TODAY_RING = "#0c2f33"


@dataclass(frozen=True)
class DayCell:
    """One day, already in words: what the cell shows and what a screen reader says."""

    on: date
    kind: CellKind
    number: str  # "12", "+6", "0"; empty for the next-cycle cell
    tag: str  # "Hospital", "Break", "Dose", ...
    description: str  # "Tuesday 12 November: day 12 of 28, in hospital"
    today: bool = False


@dataclass(frozen=True)
class LegendItem:
    kind: CellKind | None  # None: the today ring
    text: str


# ---- from the plan to cells -------------------------------------------------------------------


def long_date(day: date) -> str:
    """'Tuesday 12 November': what a screen reader says for a cell."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM")


def calendar_cells(
    therapy: Therapy,
    days: Sequence[CalendarDay],
    today: date,
    next_cycle: date | None = None,
    break_days: int = 0,
) -> list[DayCell]:
    """The course's days (TherapyService.plan().days) as cells, then the next cycle's start."""
    cells = [_cell(therapy, d, today, break_days) for d in days]
    last = days[-1].on if days else None
    if next_cycle is not None and (last is None or next_cycle > last):
        text = _tr("{date}: the next cycle could start; the care team confirms the date").format(
            date=long_date(next_cycle)
        )
        cells.append(
            DayCell(
                next_cycle,
                CellKind.NEXT_CYCLE,
                "",
                _tr("Next cycle?"),
                _today_prefix(text, next_cycle == today),
                next_cycle == today,
            )
        )
    return cells


def _today_prefix(text: str, today: bool) -> str:
    return _tr("Today, {rest}").format(rest=text) if today else text


def _cell(therapy: Therapy, day: CalendarDay, today: date, break_days: int) -> DayCell:
    sched = therapy.schedule
    when = long_date(day.on)
    steps = set(day.step.split())
    if sched.kind is ScheduleKind.SINGLE_INFUSION:
        number = str(day.number) if day.number <= 0 else f"+{day.number}"
        if day.kind is DayKind.INFUSION:
            kind, tag = CellKind.INFUSION, _tr("Infusion")
            what = _tr("day 0, the infusion day")
        else:
            what = _tr("day +{n}").format(n=day.number)
            if STAY_NEAR_WINDOW_ID in steps:
                kind, tag = CellKind.STAY_NEAR, _tr("Stay near")
            elif NEURO_WINDOW_ID in steps:
                kind, tag = CellKind.WATCH, _tr("Watch")
            else:
                kind, tag = CellKind.PLAIN, ""
        watched = [catalogue_text(w.label) for w in therapy.windows if w.id in steps]
        if watched:
            what = _tr("{day}. {windows}.").format(day=what, windows="; ".join(watched))
    elif day.kind is DayKind.INFUSION:
        number = str(day.number)
        of = sched.infusion_days or 0
        if day.in_hospital:
            kind, tag = CellKind.HOSPITAL, _tr("Hospital")
            what = _tr("day {n} of {of}, in hospital").format(n=day.number, of=of)
        else:
            kind, tag = CellKind.PUMP, _tr("Pump")
            what = _tr("day {n} of {of}, pump running").format(n=day.number, of=of)
    elif day.kind is DayKind.BREAK:
        number = str(day.number)
        kind, tag = CellKind.BREAK, _tr("Break")
        what = _tr("break day {n} of {of}, no infusion").format(n=day.number, of=break_days)
    elif day.kind is DayKind.DOSE:
        number = str(day.number)
        kind, tag = CellKind.DOSE, _tr("Dose")
        what = _tr("day {n}, a dose day").format(n=day.number)
    else:
        number = str(day.number)
        kind, tag = CellKind.PLAIN, ""
        what = _tr("day {n}").format(n=day.number)
    text = _tr("{date}: {what}").format(date=when, what=what)
    return DayCell(day.on, kind, number, tag, _today_prefix(text, day.on == today), day.on == today)


def legend_for(therapy: Therapy, cells: Sequence[DayCell]) -> list[LegendItem]:
    """Only the kinds this course shows, in a fixed order, each with its word."""
    window_label = {w.id: catalogue_text(w.label) for w in therapy.windows}
    words: dict[CellKind, str] = {
        CellKind.INFUSION: _tr("Infusion day (Day 0)"),
        CellKind.HOSPITAL: _tr("Hospital: in hospital with the pump"),
        CellKind.PUMP: _tr("Pump: the infusion is running"),
        CellKind.BREAK: _tr("Break: no infusion"),
        CellKind.DOSE: _tr("Dose: a dose is given"),
        # The window's own words start with the cell's word ("Stay near ...", "Watch ...").
        CellKind.STAY_NEAR: window_label.get(
            STAY_NEAR_WINDOW_ID, _tr("Stay near the treatment center")
        ),
        CellKind.WATCH: window_label.get(NEURO_WINDOW_ID, _tr("Watch for nervous system problems")),
        CellKind.NEXT_CYCLE: _tr("Next cycle?: it could start here; the care team confirms"),
    }
    present = {c.kind for c in cells}
    items = [LegendItem(kind, text) for kind, text in words.items() if kind in present]
    if any(c.today for c in cells):
        items.append(LegendItem(None, _tr("Dark outline: today")))
    return items


# ---- drawing ------------------------------------------------------------------------------------


class DayCellWidget(QWidget):
    """One painted day; a blank (cell None) keeps the grid's columns in line."""

    def __init__(self, cell: DayCell | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell = cell
        self.setMinimumSize(QSize(58, 60))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if cell is not None:
            self.setAccessibleName(cell.description)
            self.setToolTip(cell.description)

    def sizeHint(self) -> QSize:
        return QSize(104, 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        cell = self.cell
        if cell is None:
            return
        colours = PALETTES[cell.kind]
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        _fill(p, box, cell.kind, 8)
        if cell.today:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(TODAY_RING), 3))
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 9, 9)
        inner = box.adjusted(8, 5, -8, -5)
        text = QColor(colours.text)
        small = QFont(self.font())
        small.setPixelSize(12)
        small.setBold(cell.today)
        p.setFont(small)
        p.setPen(text)
        top = _tr("{day} · Today").format(day=cell.on.day) if cell.today else str(cell.on.day)
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, top)
        tag_box = QRectF(inner)
        if cell.kind is CellKind.HOSPITAL:  # the sign sits before the word, under the date
            _hospital_sign(p, QRectF(inner.left(), inner.bottom() - 14, 14, 14))
            tag_box.setLeft(inner.left() + 18)
        if cell.tag:
            tag_font = QFont(small)
            tag_font.setBold(True)
            tag_font.setPixelSize(11)
            p.setFont(tag_font)
            p.setPen(text)
            p.drawText(tag_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, cell.tag)
        if cell.number:
            big = QFont(self.font())
            big.setPixelSize(20)
            big.setBold(True)
            p.setFont(big)
            p.drawText(
                inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, cell.number
            )
        p.end()


def _fill(p: QPainter, box: QRectF, kind: CellKind, radius: float) -> None:
    """A cell's rounded box in its kind's colours; the next cycle's is dashed."""
    colours = PALETTES[kind]
    pen = QPen(QColor(colours.border), 1.5)
    if kind is CellKind.NEXT_CYCLE:
        pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(QColor(colours.fill))
    p.drawRoundedRect(box, radius, radius)


def _hospital_sign(p: QPainter, box: QRectF) -> None:
    """The square white 'H' of hospital road signs: readable without its colour."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#3b4fa0"))
    p.drawRoundedRect(box, 3, 3)
    font = p.font()
    font.setPixelSize(11)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, "H")


class Swatch(QWidget):
    """A small sample of a cell's look for the legend (or the today ring)."""

    def __init__(self, kind: CellKind | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setFixedSize(QSize(22, 18))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        if self.kind is None:
            p.setPen(QPen(QColor(TODAY_RING), 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(box, 4, 4)
        else:
            _fill(p, box, self.kind, 4)
        if self.kind is CellKind.HOSPITAL:
            _hospital_sign(p, QRectF(box.left() + 3, box.top() + 2, 11, 11))
        p.end()


class CycleCalendar(QWidget):
    """Week rows, Monday to Sunday, a month name where a month starts; a legend in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: list[DayCell] = []
        self.legend_items: list[LegendItem] = []
        self.cell_widgets: list[DayCellWidget] = []
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(10)
        self._grid_holder: QWidget | None = None
        self._legend_holder: QWidget | None = None
        self.empty_label = label(_tr("No treatment days to show."), "muted")
        self._box.addWidget(self.empty_label)
        self.how_to_read = label(
            _tr("Each day shows the date at the top and the treatment day in large numbers."),
            "hint",
        )
        self._box.addWidget(self.how_to_read)

    def set_cells(self, cells: Sequence[DayCell], legend: Sequence[LegendItem]) -> None:
        for holder in (self._grid_holder, self._legend_holder):
            if holder is not None:
                self._box.removeWidget(holder)
                holder.hide()
                holder.deleteLater()
        self.cells = list(cells)
        self.legend_items = list(legend)
        self.cell_widgets = []
        self.empty_label.setVisible(not self.cells)
        self.how_to_read.setVisible(bool(self.cells))
        self._grid_holder = self._grid(self.cells) if self.cells else None
        self._legend_holder = self._legend(legend) if self.cells else None
        for holder in (self._grid_holder, self._legend_holder):
            if holder is not None:
                self._box.addWidget(holder)

    def cell_on(self, day: date) -> DayCellWidget | None:
        return next((w for w in self.cell_widgets if w.cell is not None and w.cell.on == day), None)

    def _grid(self, cells: Sequence[DayCell]) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(2)
        locale = QLocale()
        for col in range(7):
            head = label(
                locale.dayName(col + 1, QLocale.FormatType.ShortFormat), "field-label", wrap=False
            )
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, col + 1)
        by_date = {c.on: c for c in cells}
        first = cells[0].on
        last = cells[-1].on
        monday = first - timedelta(days=first.weekday())
        row = 1
        shown_month: tuple[int, int] | None = None
        while monday <= last:
            week = [monday + timedelta(days=i) for i in range(7)]
            starts = [d for d in week if first <= d <= last and (d == first or d.day == 1)]
            if starts and (starts[0].year, starts[0].month) != shown_month:
                shown_month = (starts[0].year, starts[0].month)
                month = label(
                    locale.monthName(starts[0].month, QLocale.FormatType.ShortFormat),
                    "group-title",
                    wrap=False,
                )
                month.setContentsMargins(0, 0, 6, 0)
                grid.addWidget(month, row, 0, Qt.AlignmentFlag.AlignTop)
            for col, day in enumerate(week):
                widget = DayCellWidget(by_date.get(day))
                if widget.cell is not None:
                    self.cell_widgets.append(widget)
                grid.addWidget(widget, row, col + 1)
            monday += timedelta(days=7)
            row += 1
        for col in range(7):
            grid.setColumnStretch(col + 1, 1)
        return holder

    def _legend(self, items: Sequence[LegendItem]) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        columns = 2
        for i, item in enumerate(items):
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(Swatch(item.kind), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label(item.text, "hint"), 1)
            grid.addLayout(row, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        for col in range(columns):
            grid.setColumnStretch(col, 1)
        return holder
