"""Clinic visit (view): the summary to print, questions for the care team, the last visit,
and a copy of all data. The visit controller fills it in and answers its signals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caretrack.ui.resources import icon
from caretrack.ui.summary import Paper
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.chip_group import ChipGroup
from caretrack.ui.widgets.common import Card, clear_layout, field_block, label, page_scroll_area
from caretrack.ui.widgets.date_edit import DateEdit
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.page_heading import PageHeading

RIGHT_COLUMN_WIDTH = 330
NARROW_BELOW = 940  # page width: below it the two columns no longer fit side by side
QWIDGETSIZE_MAX = 16_777_215


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class QuestionRow(QFrame):
    """One open question and the button that ticks it off (it is kept, just not listed)."""

    answered = Signal(int)

    def __init__(self, question_id: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "question-row")
        self.question_id = question_id
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 8, 0, 8)
        row.setSpacing(12)
        self.text_label = label(text, "question-text", selectable=True)
        row.addWidget(self.text_label, 1)
        self.done_button = QPushButton(" " + self.tr("Asked"))
        self.done_button.setIcon(icon("check"))
        self.done_button.setProperty("role", "secondary-small")
        self.done_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.done_button.setAccessibleName(
            self.tr("Mark as asked: {question}").format(question=text)
        )
        self.done_button.setToolTip(self.tr("Asked at the visit: take it off the list"))
        self.done_button.clicked.connect(self._on_done_button_clicked)
        row.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignTop)

    def _on_done_button_clicked(self) -> None:
        self.answered.emit(self.question_id)


class VisitPage(QWidget):
    child_selected = Signal(int)
    preview_requested = Signal()
    save_pdf_requested = Signal()
    question_add_requested = Signal(str)
    question_answered = Signal(int)
    visit_record_requested = Signal()
    export_json_requested = Signal()
    export_csv_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default_period: tuple[date, date] | None = None
        self._default_text = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = page_scroll_area()
        outer.addWidget(self.scroll_area)
        page = QWidget()
        page.setProperty("role", "page")
        self.scroll_area.setWidget(page)
        box = QVBoxLayout(page)
        box.setContentsMargins(28, 18, 28, 22)
        box.setSpacing(14)

        self.heading = PageHeading(self.tr("Clinic visit"))
        self.heading.child_selected.connect(self.child_selected)
        self.title_label = self.heading.title_label
        self.intro_label = self.heading.subtitle_label
        self.children_row = self.heading.children_row
        box.addWidget(self.heading)
        self.banner = Banner()
        box.addWidget(self.banner)

        # Wide: the summary and questions on the left, the visit and the copy on the right.
        # Narrow (the smallest window): one column, the two small cards side by side below.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(18)
        box.addLayout(self.columns)
        main = QVBoxLayout()
        main.setSpacing(16)
        self.columns.addLayout(main, 1)
        self.side = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.side.setSpacing(16)
        self.columns.addLayout(self.side)

        main.addWidget(self._summary_card())
        main.addWidget(self._questions_card())
        self.side_cards = (self._visit_card(), self._copy_card())
        for card in self.side_cards:
            self.side.addWidget(card, 0, Qt.AlignmentFlag.AlignTop)
        self.side.addStretch(1)
        box.addStretch(1)
        self._narrow: bool | None = None
        self._arrange(narrow=False)

        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.preview_requested)

    # ---- building ----------------------------------------------------------------------------

    def _summary_card(self) -> Card:
        card = Card(self.tr("Summary for the clinic"))
        card.body.addWidget(
            label(
                self.tr(
                    "A few pages for the nurse or doctor: temperatures, symptoms, medicines, "
                    "warnings and calls, and your questions."
                ),
                "muted",
            )
        )
        dates = QHBoxLayout()
        dates.setSpacing(12)
        self.from_edit = DateEdit()
        self.from_edit.setCalendarPopup(True)
        self.from_edit.setDisplayFormat("d MMM yyyy")
        self.from_edit.setAccessibleName(self.tr("Summary from"))
        self.from_edit.setMinimumWidth(150)
        self.to_edit = DateEdit()
        self.to_edit.setCalendarPopup(True)
        self.to_edit.setDisplayFormat("d MMM yyyy")
        self.to_edit.setAccessibleName(self.tr("Summary to"))
        self.to_edit.setMinimumWidth(150)
        dates.addLayout(field_block(self.tr("From"), self.from_edit))
        dates.addLayout(field_block(self.tr("To"), self.to_edit))
        dates.addStretch(1)
        card.body.addLayout(dates)
        self.period_message = FieldMessage()
        card.body.addWidget(self.period_message)
        basis = QHBoxLayout()
        basis.setSpacing(8)
        self.basis_label = label("", "basis", wrap=False)
        basis.addWidget(self.basis_label)
        self.reset_button = QPushButton(self.tr("Use the usual dates"))
        self.reset_button.setProperty("role", "link")
        self.reset_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reset_button.setAccessibleName(self.tr("Use the usual dates"))
        self.reset_button.hide()
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        basis.addWidget(self.reset_button)
        basis.addStretch(1)
        card.body.addLayout(basis)

        paper_row = QHBoxLayout()
        paper_row.setSpacing(10)
        paper_row.addWidget(label(self.tr("Paper"), "field-label", wrap=False))
        self.paper_choice = ChipGroup(
            [(Paper.A4.value, self.tr("A4")), (Paper.LETTER.value, self.tr("US Letter"))],
            self.tr("Paper size"),
            role="chip-small",
        )
        paper_row.addWidget(self.paper_choice, 1)
        card.body.addLayout(paper_row)

        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        self.preview_button = QPushButton(" " + self.tr("Preview and print…"))
        self.preview_button.setIcon(icon("printer"))
        self.preview_button.setIconSize(QSize(20, 20))
        self.preview_button.setProperty("role", "primary")
        self.preview_button.setAccessibleName(self.tr("Preview and print the summary"))
        self.preview_button.setToolTip(self.tr("Ctrl+P"))
        self.preview_button.clicked.connect(self.preview_requested)
        self.pdf_button = QPushButton(" " + self.tr("Save as PDF…"))
        self.pdf_button.setIcon(icon("file-pdf"))
        self.pdf_button.setIconSize(QSize(20, 20))
        self.pdf_button.setProperty("role", "secondary")
        self.pdf_button.setAccessibleName(self.tr("Save the summary as a PDF file"))
        self.pdf_button.clicked.connect(self.save_pdf_requested)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        card.body.addSpacing(2)
        card.body.addLayout(buttons)
        self.summary_banner = Banner()
        card.body.addWidget(self.summary_banner)

        self.from_edit.dateChanged.connect(self._on_date_edited)
        self.to_edit.dateChanged.connect(self._on_date_edited)
        return card

    def _questions_card(self) -> Card:
        card = Card(self.tr("Questions for the care team"))
        card.body.addWidget(
            label(
                self.tr("Write them down when you think of them. They are printed on the summary."),
                "muted",
            )
        )
        self.questions_box = QVBoxLayout()
        self.questions_box.setSpacing(0)
        card.body.addLayout(self.questions_box)
        self.no_questions = label(self.tr("No questions yet."), "hint")
        card.body.addWidget(self.no_questions)
        add_row = QHBoxLayout()
        add_row.setSpacing(10)
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText(self.tr("For example: Can she go back to school?"))
        self.question_edit.setAccessibleName(self.tr("New question"))
        self.question_edit.returnPressed.connect(self._on_add_button_clicked)
        self.add_button = QPushButton(" " + self.tr("Add"))
        self.add_button.setIcon(icon("plus"))
        self.add_button.setProperty("role", "secondary")
        self.add_button.setAccessibleName(self.tr("Add the question"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        add_row.addWidget(self.question_edit, 1)
        add_row.addWidget(self.add_button)
        card.body.addLayout(add_row)
        self.question_message = FieldMessage()
        card.body.addWidget(self.question_message)
        self.question_rows: list[QuestionRow] = []
        return card

    def _visit_card(self) -> Card:
        card = Card(self.tr("Clinic visits"))
        self.last_visit_label = label("", "visit-date")
        card.body.addWidget(self.last_visit_label)
        self.visit_button = QPushButton(self.tr("We had a clinic visit today"))
        self.visit_button.setProperty("role", "secondary")
        self.visit_button.setAccessibleName(self.tr("We had a clinic visit today"))
        self.visit_button.clicked.connect(self.visit_record_requested)
        card.body.addWidget(self.visit_button)
        self.visit_hint = label(
            self.tr("The next summary then starts from the day of the visit."), "hint"
        )
        card.body.addWidget(self.visit_hint)
        return card

    def _copy_card(self) -> Card:
        card = Card(self.tr("Save a copy of all data"))
        card.body.addWidget(
            label(
                self.tr(
                    "A file with everything CareTrack holds, to keep safe or move to another "
                    "computer. It contains private health information."
                ),
                "muted",
            )
        )
        self.json_button = QPushButton(self.tr("All data (JSON)…"))
        self.json_button.setProperty("role", "secondary")
        self.json_button.setAccessibleName(self.tr("Save all data as a JSON file"))
        self.json_button.clicked.connect(self.export_json_requested)
        self.csv_button = QPushButton(self.tr("Spreadsheet (CSV)…"))
        self.csv_button.setProperty("role", "secondary")
        self.csv_button.setAccessibleName(self.tr("Save the check-ins as a spreadsheet (CSV file)"))
        self.csv_button.clicked.connect(self.export_csv_requested)
        card.body.addWidget(self.json_button)
        card.body.addWidget(self.csv_button)
        self.copy_banner = Banner()
        card.body.addWidget(self.copy_banner)
        return card

    # ---- values pushed in by the controller --------------------------------------------------

    def set_children(self, children: Sequence[tuple[int, str]], current: int) -> None:
        """A switcher only when there is more than one child."""
        self.children_row.set_children(children, current)

    @property
    def child_switcher(self) -> ChipGroup | None:
        return self.children_row.chips

    def set_intro(self, text: str) -> None:
        self.intro_label.setText(text)
        self.intro_label.setVisible(bool(text))

    def set_default_period(self, start: date, end: date, text: str, today: date) -> None:
        """The usual dates (since the last visit, or the last 7 days), put in both fields."""
        self._default_period = (start, end)
        self._default_text = text
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
            edit.setMaximumDate(_qdate(today))
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(False)
        self.period_message.clear()
        self._show_basis()

    def period(self) -> tuple[date, date]:
        return _pydate(self.from_edit.date()), _pydate(self.to_edit.date())

    def is_default_period(self) -> bool:
        return self._default_period == self.period()

    def show_period_problem(self, text: str) -> None:
        self.period_message.show_text(text)
        self.reveal(self.period_message)

    def paper(self) -> str:
        return self.paper_choice.value() or Paper.A4.value

    def set_paper(self, value: str) -> None:
        self.paper_choice.set_value(value)

    def set_questions(self, questions: Sequence[tuple[int, str]]) -> None:
        clear_layout(self.questions_box)
        self.question_rows = []
        for i, (question_id, text) in enumerate(questions):
            if i:
                line = QFrame()
                line.setProperty("role", "divider")
                line.setFixedHeight(1)
                self.questions_box.addWidget(line)
            row = QuestionRow(question_id, text)
            row.answered.connect(self.question_answered)
            self.questions_box.addWidget(row)
            self.question_rows.append(row)
        self.no_questions.setVisible(not questions)

    def question_text(self) -> str:
        return self.question_edit.text()

    def question_added(self) -> None:
        self.question_edit.clear()
        self.question_message.clear()
        self.question_edit.setFocus()

    def show_question_problem(self, text: str) -> None:
        self.question_message.show_text(text)
        self.question_edit.setFocus()
        self.reveal(self.question_message)

    def set_last_visit(self, text: str, visited_today: bool) -> None:
        self.last_visit_label.setText(text)
        self.visit_button.setEnabled(not visited_today)
        self.visit_button.setText(
            self.tr("Visit recorded for today")
            if visited_today
            else self.tr("We had a clinic visit today")
        )

    def clear_messages(self) -> None:
        for banner in (self.banner, self.summary_banner, self.copy_banner):
            banner.clear()
        self.period_message.clear()
        self.question_message.clear()

    def reveal(self, widget: QWidget) -> None:
        """Scroll a message into view once the layout has placed it (smallest window too)."""
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(widget, 50, 80))

    # ---- layout ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(narrow=self.width() < NARROW_BELOW)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        # Side by side the two small cards share the width; stacked, they keep to the top.
        for index in range(len(self.side_cards)):
            self.side.setStretch(index, 1 if narrow else 0)
        self.side.setStretch(len(self.side_cards), 0 if narrow else 1)
        if narrow:
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
            self.side.setDirection(QBoxLayout.Direction.LeftToRight)
            for card in self.side_cards:
                card.setMinimumWidth(0)
                card.setMaximumWidth(QWIDGETSIZE_MAX)
        else:
            self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.setDirection(QBoxLayout.Direction.TopToBottom)
            for card in self.side_cards:
                card.setFixedWidth(RIGHT_COLUMN_WIDTH)

    # ---- slots -------------------------------------------------------------------------------

    def _show_basis(self) -> None:
        start, end = self.period()
        default = self.is_default_period()
        if default:
            self.basis_label.setText(self._default_text)
        else:
            days = (end - start).days + 1
            if days < 1:
                text = self.tr("Dates you chose")
            elif days == 1:
                text = self.tr("Dates you chose: 1 day")
            else:
                text = self.tr("Dates you chose: {n} days").format(n=days)
            self.basis_label.setText(text)
        self.reset_button.setVisible(not default and self._default_period is not None)

    def _on_date_edited(self, *_args: object) -> None:
        self.period_message.clear()
        self._show_basis()

    def _on_reset_button_clicked(self) -> None:
        if self._default_period is None:
            return
        start, end = self._default_period
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        self.from_edit.setFocus()

    def _on_add_button_clicked(self) -> None:
        self.question_add_requested.emit(self.question_edit.text())
