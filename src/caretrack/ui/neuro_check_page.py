"""The daily neuro check (view): why it matters today, the sentence to write, "different from
usual?" questions, when and who, and what to do once it is saved.

It only lays out widgets, reads and writes their values and shows messages next to fields;
the neuro check controller decides what the questions are and what Save means. Nothing here
ever adds answers up: the parent says what is different, and any difference means calling.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from caretrack.domain.text import SHORT_LIMIT
from caretrack.domain.validation import Level, Problem
from caretrack.ui.messages import problem_text
from caretrack.ui.neuro_check_text import check_summary_text
from caretrack.ui.resources import icon
from caretrack.ui.widgets.banner import Banner
from caretrack.ui.widgets.common import (
    Card,
    centred_column,
    clear_layout,
    field_block,
    label,
    page_scroll_area,
    set_role,
)
from caretrack.ui.widgets.field_message import FieldMessage
from caretrack.ui.widgets.handwriting_pad import HandwritingPad
from caretrack.ui.widgets.handwriting_strip import HandwritingStrip, StripSample
from caretrack.ui.widgets.note_edit import NoteField
from caretrack.ui.widgets.when_row import WhenRow

__all__ = ["Answer", "NeuroCheckPage", "QuestionView", "WritingMode", "check_summary_text"]

CONTENT_MAX_WIDTH = 860
NUMBER_WIDTH = 24  # room for "12." before a question, so the answers line up

# The three answers get their own look: big targets, and a change stands out once chosen.
_QSS = """
QPushButton[role="answer"] {
    background: #ffffff; border: 1px solid #cdd7da; border-radius: 10px;
    padding: 10px 18px; font-size: 15px; font-weight: 600; color: #2d3c43; min-width: 120px;
}
QPushButton[role="answer"]:hover { border-color: #9cc5c8; background: #f4f9f9; }
QPushButton[role="answer"]:focus { border: 2px solid #1d6b73; padding: 9px 17px; }
QPushButton[role="answer"]:checked { background: #1d6b73; border-color: #1d6b73; color: #ffffff; }
QPushButton[role="answer"][value="different"]:checked {
    background: #9a3412; border-color: #9a3412; color: #ffffff;
}
QPushButton[role="answer"][value="unsure"]:checked {
    background: #7a5a00; border-color: #7a5a00; color: #ffffff;
}
QPushButton[role="answer"]:checked:focus { border: 2px solid #0c3a3f; }
QLabel[role="sentence"] {
    font-size: 20px; font-weight: 600; color: #14555c; background: #e6f1f1;
    border-radius: 10px; padding: 12px 16px;
}
QLabel[role="question-number"] { font-size: 15px; font-weight: 700; color: #1d6b73; }
QPushButton[role="secondary-small"]:disabled {
    color: #9aa8ad; background: #f5f7f8; border-color: #e0e6e8;
}
QLabel[role="result-title"] { font-size: 24px; font-weight: 700; color: #16252c; }
QLabel[role="result-title-call"] { font-size: 24px; font-weight: 700; color: #8c1d18; }
QFrame[role="question-row"] { border: none; border-top: 1px solid #edf1f2; }
"""


def button(
    text: str, role: str, name: str = "", clicked: Callable[[], None] | None = None
) -> QPushButton:
    """A styled button with a spoken name (its text unless told) and what a click does."""
    made = QPushButton(text)
    made.setProperty("role", role)
    made.setAccessibleName(name or text)
    if role == "link":
        made.setCursor(Qt.CursorShape.PointingHandCursor)
    if clicked is not None:
        made.clicked.connect(clicked)
    return made


class Answer(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


class WritingMode(StrEnum):
    WRITES = "writes"  # the sentence and the pad are part of today's check
    SKIPPED = "skipped"  # not today (tired, asleep, in hospital)
    NOT_YET = "not_yet"  # the child does not write yet; remembered for the next days


class ResultKind(StrEnum):
    CALM = "calm"
    NOTE = "note"
    CALL = "call"


@dataclass(frozen=True)
class QuestionView:
    """A question as the parent reads it: already translated, with the child's name in."""

    domain: str
    text: str
    hint: str = ""


class QuestionRow(QFrame):
    """One question, a hint in small text, and three big answers; a message under them."""

    answered = Signal(str, str)  # domain, Answer value

    def __init__(self, number: int, question: QuestionView, answer: str | None) -> None:
        super().__init__()
        self.setProperty("role", "question-row")
        self.domain = question.domain
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 12, 0, 4)
        box.setSpacing(6)
        head = QHBoxLayout()
        head.setSpacing(10)
        number_label = label(f"{number}.", "question-number", wrap=False)
        number_label.setFixedWidth(NUMBER_WIDTH)
        head.addWidget(number_label, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.text_label = label(question.text, "question-text")
        texts.addWidget(self.text_label)
        self.hint_label = label(question.hint, "hint")
        self.hint_label.setVisible(bool(question.hint))
        texts.addWidget(self.hint_label)
        head.addLayout(texts, 1)
        box.addLayout(head)
        row = QHBoxLayout()
        row.setContentsMargins(NUMBER_WIDTH + 10, 4, 0, 0)
        row.setSpacing(8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        words = {
            Answer.SAME: self.tr("Same as usual"),
            Answer.DIFFERENT: self.tr("Different"),
            Answer.UNSURE: self.tr("Not sure"),
        }
        for value, text in words.items():
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("role", "answer")
            button.setProperty("value", value.value)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(f"{question.text} {text}")
            self.group.addButton(button)
            self.buttons[value.value] = button
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.message = FieldMessage()
        message_row = QHBoxLayout()
        message_row.setContentsMargins(NUMBER_WIDTH + 10, 0, 0, 0)
        message_row.addWidget(self.message)
        box.addLayout(message_row)
        if answer in self.buttons:
            self.buttons[answer].setChecked(True)
        self.group.buttonToggled.connect(self._on_group_button_toggled)

    def answer(self) -> str | None:
        checked = self.group.checkedButton()
        return None if checked is None else str(checked.property("value"))

    def choose(self, answer: Answer) -> None:
        self.buttons[answer.value].click()

    def first_button(self) -> QPushButton:
        return self.buttons[Answer.SAME.value]

    def _on_group_button_toggled(self, button: QPushButton, checked: bool) -> None:
        if checked:
            self.message.clear()
            self.answered.emit(self.domain, str(button.property("value")))


class NeuroCheckPage(QWidget):
    save_requested = Signal()
    cancel_requested = Signal()
    done_requested = Signal()  # after saving: back to where the check was opened from
    writing_mode_changed = Signal(str)  # a WritingMode value

    def __init__(
        self,
        zone: tzinfo,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(_QSS)
        self.zone = zone
        self._now = now
        self._name = ""
        self._answers: dict[str, str] = {}
        self._mode = WritingMode.WRITES
        self._snapshot: tuple[object, ...] = ()
        self.rows: list[QuestionRow] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.form_view = QWidget()
        self.stack.addWidget(self.form_view)
        self.done_view = self._done_view()
        self.stack.addWidget(self.done_view)

        form_box = QVBoxLayout(self.form_view)
        form_box.setContentsMargins(0, 0, 0, 0)
        form_box.setSpacing(0)
        self.scroll_area = page_scroll_area()
        self.scroll_area.setProperty("role", "page-scroll")
        column = centred_column(self.scroll_area, CONTENT_MAX_WIDTH)
        form_box.addWidget(self.scroll_area, 1)

        self.title_label = label("", "h1")
        column.addWidget(self.title_label)
        self.lead_label = label("", "lead")
        column.addWidget(self.lead_label)
        column.addWidget(self._reason_panel())
        self.banner = Banner()
        column.addWidget(self.banner)
        column.addWidget(self._writing_card())
        column.addWidget(self._questions_card())
        column.addWidget(self._details_card())
        column.setAlignment(Qt.AlignmentFlag.AlignTop)
        form_box.addWidget(self._action_bar())

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save_shortcut_activated)
        cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel_shortcut.activated.connect(self._on_escape_activated)

        self._messages: dict[str, FieldMessage] = {
            "observed_at": self.when_message,
            "handwriting": self.pad_message,
            "note": self.note.message,
            "form": self.form_message,
        }
        self.set_observed_at(now())
        self.set_writing_mode(WritingMode.WRITES)
        self.mark_clean()

    # ---- building ----------------------------------------------------------------------------

    def _reason_panel(self) -> QFrame:
        """Why today: the therapy day and the watch window, in the catalogue's words."""
        panel = QFrame()
        panel.setProperty("role", "care-panel")
        row = QHBoxLayout(panel)
        row.setContentsMargins(18, 14, 18, 14)
        row.setSpacing(14)
        self.day_label = label("", "day-pill", wrap=False)
        row.addWidget(self.day_label, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        self.reason_label = label("", "care-title")
        texts.addWidget(self.reason_label)
        self.until_label = label("", "care-caption")
        texts.addWidget(self.until_label)
        row.addLayout(texts, 1)
        self.reason_panel = panel
        return panel

    def _writing_card(self) -> Card:
        card = Card(self.tr("Writing"))
        self.writing_card = card
        # The writing task: the sentence, the pad, and earlier days below it.
        self.writing_on = QWidget()
        on = QVBoxLayout(self.writing_on)
        on.setContentsMargins(0, 0, 0, 0)
        on.setSpacing(10)
        self.ask_label = label("", "muted")
        on.addWidget(self.ask_label)
        self.sentence_label = label("", "sentence")
        self.sentence_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        on.addWidget(self.sentence_label)
        self.pad = HandwritingPad()
        self.pad.changed.connect(self._on_pad_changed)
        on.addWidget(self.pad)
        tools = QHBoxLayout()
        tools.setSpacing(8)
        self.undo_button = button(
            self.tr("Undo last stroke"),
            "secondary-small",
            self.tr("Undo the last stroke on the writing pad"),
            self.pad.undo,
        )
        self.clear_button = button(
            self.tr("Clear"), "secondary-small", self.tr("Clear the writing pad"), self.pad.clear
        )
        self.clear_button.setIcon(icon("x"))
        self.clear_button.setIconSize(QSize(14, 14))
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        tools.addSpacing(8)
        tools.addWidget(label(self.tr("Use the mouse, a pen or a finger."), "hint", wrap=False))
        tools.addStretch(1)
        on.addLayout(tools)
        self.pad_message = FieldMessage()
        on.addWidget(self.pad_message)
        self.earlier_label = label(self.tr("Earlier days, newest first"), "field-label")
        on.addWidget(self.earlier_label)
        self.strip = HandwritingStrip()
        on.addWidget(self.strip)
        skips = QHBoxLayout()
        skips.setSpacing(18)
        self.skip_button = button(
            self.tr("Skip writing today"), "link", clicked=self._on_skip_button_clicked
        )
        self.not_yet_button = button("", "link", clicked=self._on_not_yet_button_clicked)
        skips.addWidget(self.skip_button)
        skips.addWidget(self.not_yet_button)
        skips.addStretch(1)
        on.addLayout(skips)
        card.body.addWidget(self.writing_on)
        # No writing today: one line, and the way back.
        self.writing_off = QWidget()
        off = QHBoxLayout(self.writing_off)
        off.setContentsMargins(0, 0, 0, 0)
        off.setSpacing(12)
        self.off_label = label("", "muted")
        off.addWidget(self.off_label, 1)
        self.writing_back_button = button(
            "", "secondary-small", clicked=self._on_writing_back_button_clicked
        )
        off.addWidget(self.writing_back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        card.body.addWidget(self.writing_off)
        return card

    def _questions_card(self) -> Card:
        card = Card(self.tr("Compared with usual"))
        self.questions_intro = label("", "muted")
        card.body.addWidget(self.questions_intro)
        card.body.addWidget(
            label(
                self.tr(
                    "“Not sure” counts as a change: when you are unsure, it is safer to call "
                    "your care team."
                ),
                "hint",
            )
        )
        self.questions_box = QVBoxLayout()
        self.questions_box.setSpacing(4)
        card.body.addLayout(self.questions_box)
        return card

    def _details_card(self) -> Card:
        card = Card(self.tr("About this check"))
        row = QHBoxLayout()
        row.setSpacing(10)
        self.when_row = WhenRow(
            self.zone, self._now, self.tr("Date of the check"), self.tr("Time of the check")
        )
        self.date_edit = self.when_row.date_edit
        self.time_edit = self.when_row.time_edit
        self.now_button = self.when_row.now_button
        when_block = QVBoxLayout()
        when_block.setSpacing(5)
        when_caption = label(self.tr("When"), "field-label", wrap=False)
        when_caption.setBuddy(self.date_edit)
        when_block.addWidget(when_caption)
        when_block.addWidget(self.when_row)
        row.addLayout(when_block)
        row.addSpacing(14)
        self.logged_by_edit = QLineEdit()
        self.logged_by_edit.setPlaceholderText(self.tr("Your name, e.g. Mum, Dad, Grandma"))
        self.logged_by_edit.setAccessibleName(self.tr("Who did the check"))
        self.logged_by_edit.setMaxLength(SHORT_LIMIT)
        self.logged_by_edit.setMinimumWidth(220)
        row.addLayout(field_block(self.tr("Who did the check"), self.logged_by_edit), 1)
        card.body.addLayout(row)
        self.when_message = FieldMessage()
        card.body.addWidget(self.when_message)
        self.note = NoteField()
        self.note.edit.setPlaceholderText(
            self.tr("Optional: anything else you noticed, or what was different")
        )
        self.note.edit.setMinimumHeight(70)
        self.note.edit.setMaximumHeight(120)
        card.body.addLayout(field_block(self.tr("Note"), self.note))
        return card

    def _action_bar(self) -> QFrame:
        bar = QFrame()
        bar.setProperty("role", "action-bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(24, 12, 24, 12)
        row.setSpacing(12)
        self.form_message = FieldMessage()
        row.addWidget(self.form_message, 1)
        row.addStretch(0)
        self.cancel_button = button(
            self.tr("Cancel"),
            "secondary",
            self.tr("Cancel and go back"),
            self.cancel_requested.emit,
        )
        self.cancel_button.setToolTip(self.tr("Esc"))
        self.save_button = button(
            self.tr("Save the check"),
            "primary",
            self.tr("Save this check"),
            self.save_requested.emit,
        )
        self.save_button.setIcon(icon("check-white"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return bar

    def _done_view(self) -> QWidget:
        """After saving: what the answers mean, in one or two lines, and the way back."""
        scroll = page_scroll_area()
        column = centred_column(scroll, CONTENT_MAX_WIDTH)
        card = Card()
        card.body.setContentsMargins(28, 26, 28, 26)
        card.body.setSpacing(12)
        top = QHBoxLayout()
        top.setSpacing(14)
        self.result_icon = QLabel()
        self.result_icon.setFixedSize(QSize(36, 36))
        top.addWidget(self.result_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.result_title = label("", "result-title")
        top.addWidget(self.result_title, 1)
        card.body.addLayout(top)
        self.result_summary = label("", "lead", selectable=True)
        card.body.addWidget(self.result_summary)
        self.result_text = label("", "muted", selectable=True)
        card.body.addWidget(self.result_text)
        buttons = QHBoxLayout()
        self.done_button = button(
            self.tr("Done"), "primary", self.tr("Done: leave the check"), self.done_requested.emit
        )
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        card.body.addSpacing(4)
        card.body.addLayout(buttons)
        column.addWidget(card)
        column.addStretch(1)
        return scroll

    # ---- what the controller sets ------------------------------------------------------------

    def reset(self) -> None:
        """A blank check: no answers, an empty pad, no note, no messages, the form shown."""
        self._answers.clear()
        self.set_questions([])
        self.pad.clear()
        self.note.set_text("")
        self.clear_problems()
        self.stack.setCurrentWidget(self.form_view)
        self.set_saving(False)
        self.scroll_area.verticalScrollBar().setValue(0)

    def set_child_name(self, name: str) -> None:
        """The first name as the family uses it, in the headings and the writing choices."""
        self._name = name
        self.title_label.setText(self.tr("Daily check for {name}").format(name=name))
        self.lead_label.setText(
            self.tr(
                "About two minutes. Compare {name} with how they usually are. "
                "There are no right or wrong answers."
            ).format(name=name)
        )
        self.ask_label.setText(
            self.tr(
                "Ask {name} to copy this sentence on the pad, the way they usually write:"
            ).format(name=name)
        )
        self.questions_intro.setText(
            self.tr("Think of how {name} usually is, before treatment or on a good day.").format(
                name=name
            )
        )
        not_yet = self.tr("{name} does not write yet").format(name=name)
        self.not_yet_button.setText(not_yet)
        self.not_yet_button.setAccessibleName(not_yet)
        self._show_writing_mode()

    def set_reason(self, day: str, reason: str, until: str) -> None:
        self.day_label.setText(day)
        self.day_label.setVisible(bool(day))
        self.reason_label.setText(reason)
        self.until_label.setText(until)
        self.until_label.setVisible(bool(until))

    def set_sentence(self, sentence: str) -> None:
        self.sentence_label.setText(sentence)

    def sentence(self) -> str:
        return self.sentence_label.text()

    def set_samples(self, samples: Sequence[StripSample]) -> None:
        self.strip.set_samples(samples)

    def set_questions(self, questions: Sequence[QuestionView]) -> None:
        """Rebuild the list; answers already given to the same questions stay chosen."""
        clear_layout(self.questions_box)
        self.rows = []
        for number, question in enumerate(questions, start=1):
            row = QuestionRow(number, question, self._answers.get(question.domain))
            row.answered.connect(self._on_row_answered)
            self.questions_box.addWidget(row)
            row.show()  # at once, not on the next turn of the event loop: focus can go there
            self.rows.append(row)
        self._set_tab_order()

    def set_writing_mode(self, mode: WritingMode) -> None:
        self._mode = mode
        self._show_writing_mode()

    def set_writing_offered(self, offered: bool) -> None:
        """Toddlers do not copy sentences: their check has no writing card at all."""
        self.writing_card.setVisible(offered)

    def writing_mode(self) -> WritingMode:
        return self._mode

    # ---- values ------------------------------------------------------------------------------

    def asked(self) -> tuple[str, ...]:
        return tuple(row.domain for row in self.rows)

    def answers(self) -> dict[str, str]:
        """domain -> Answer value, for the questions on screen that have an answer."""
        return {row.domain: a for row in self.rows if (a := row.answer()) is not None}

    def unanswered(self) -> list[str]:
        return [row.domain for row in self.rows if row.answer() is None]

    def row(self, domain: str) -> QuestionRow:
        return next(r for r in self.rows if r.domain == domain)

    def handwriting_png(self) -> bytes | None:
        """Today's writing, or None when writing is not part of today's check."""
        return self.pad.to_png() if self._mode is WritingMode.WRITES else None

    def observed_at(self) -> datetime:
        return self.when_row.observed_at()

    def set_observed_at(self, moment: datetime) -> None:
        self.when_row.set_observed_at(moment)

    def logged_by(self) -> str:
        return self.logged_by_edit.text().strip()

    def set_logged_by(self, name: str) -> None:
        self.logged_by_edit.setText(name)

    def note_text(self) -> str:
        return self.note.text()

    def _state(self) -> tuple[object, ...]:
        return (
            tuple(sorted(self._answers.items())),
            self.pad.stroke_count(),
            self.pad.is_empty(),
            self.note_text(),
            self.observed_at(),
        )

    def mark_clean(self) -> None:
        self._snapshot = self._state()

    def is_dirty(self) -> bool:
        """Answers, writing, a note or a new time since the check opened or was saved."""
        return self._state() != self._snapshot

    def is_done(self) -> bool:
        return self.stack.currentWidget() is self.done_view

    # ---- feedback ----------------------------------------------------------------------------

    def clear_problems(self) -> None:
        for message in self._messages.values():
            message.clear()
        for row in self.rows:
            row.message.clear()
        self.banner.clear()

    def show_unanswered(self, domains: Sequence[str]) -> None:
        """A message next to the first unanswered question, focus on its first answer."""
        if not domains:
            return
        first = self.row(domains[0])
        first.message.show_text(self.tr("Choose one answer for this question."))
        self._count_unanswered(len(domains))
        self.scroll_area.ensureWidgetVisible(first, 50, 120)
        first.first_button().setFocus()

    def _count_unanswered(self, left: int) -> None:
        self.form_message.show_text(
            self.tr("1 question still needs an answer.")
            if left == 1
            else self.tr("{n} questions still need an answer.").format(n=left)
        )

    def show_pad_problem(self, text: str) -> None:
        self.pad_message.show_text(text)
        self.scroll_area.ensureWidgetVisible(self.pad, 50, 80)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Each problem next to its field, in words; the first one is scrolled into view."""
        grouped: dict[str, list[Problem]] = {}
        for p in problems:
            field = p.field if p.field in self._messages else "form"
            grouped.setdefault(field, []).append(p)
        for field, items in grouped.items():
            text = "\n".join(problem_text(p) for p in items)
            kind = "error" if any(p.level is Level.ERROR for p in items) else "note"
            self._messages[field].show_text(text, kind)
        first = next((f for f in ("observed_at", "handwriting", "note") if f in grouped), None)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(self._messages[first], 50, 80)
        if "observed_at" in grouped:
            self.date_edit.setFocus()

    def message_text(self, field: str) -> str:
        return self._messages[field].text()

    def show_storage_error(self, text: str) -> None:
        self.banner.show_message(
            self.tr("Not saved: {reason} Your answers and the writing are still here.").format(
                reason=text
            ),
            "error",
        )
        self.scroll_area.ensureWidgetVisible(self.banner, 10, 10)

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving)
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Save the check"))

    def show_saved(self, kind: ResultKind, title: str, summary: str, text: str) -> None:
        """The check is stored: say what it means. Any warning dialog comes from the window."""
        set_role(self.result_title, "result-title-call" if kind is ResultKind.CALL else
                 "result-title")  # fmt: skip
        self.result_icon.setPixmap(
            icon("phone" if kind is ResultKind.CALL else "check-circle").pixmap(QSize(36, 36))
        )
        self.result_title.setText(title)
        self.result_summary.setText(summary)
        self.result_summary.setVisible(bool(summary))
        self.result_text.setText(text)
        self.result_text.setVisible(bool(text))
        self.stack.setCurrentWidget(self.done_view)
        self.done_button.setFocus()

    def result(self) -> tuple[str, str, str]:
        """(title, summary, text) of the saved view, for the window and the tests."""
        return self.result_title.text(), self.result_summary.text(), self.result_text.text()

    # ---- slots -------------------------------------------------------------------------------

    def _show_writing_mode(self) -> None:
        on = self._mode is WritingMode.WRITES
        self.writing_on.setVisible(on)
        self.writing_off.setVisible(not on)
        if self._mode is WritingMode.SKIPPED:
            self.off_label.setText(self.tr("No writing today. The other questions still matter."))
            back = self.tr("Add the writing back")
        else:
            self.off_label.setText(
                self.tr("{name} does not write yet, so there is no writing to copy.").format(
                    name=self._name
                )
            )
            back = self.tr("{name} writes now").format(name=self._name)
        self.writing_back_button.setText(back)
        self.writing_back_button.setAccessibleName(back)
        self._update_pad_buttons()

    def _change_mode(self, mode: WritingMode) -> None:
        self.set_writing_mode(mode)
        self.pad_message.clear()
        self.writing_mode_changed.emit(mode.value)

    def _on_skip_button_clicked(self) -> None:
        self._change_mode(WritingMode.SKIPPED)
        self.writing_back_button.setFocus()

    def _on_not_yet_button_clicked(self) -> None:
        self._change_mode(WritingMode.NOT_YET)
        self.writing_back_button.setFocus()

    def _on_writing_back_button_clicked(self) -> None:
        self._change_mode(WritingMode.WRITES)
        self.skip_button.setFocus()

    def _on_pad_changed(self) -> None:
        self.pad_message.clear()
        self._update_pad_buttons()

    def _update_pad_buttons(self) -> None:
        has_writing = not self.pad.is_empty()
        self.undo_button.setEnabled(has_writing)
        self.clear_button.setEnabled(has_writing)

    def _on_row_answered(self, domain: str, answer: str) -> None:
        """Once Save has asked for answers, the count follows each answer as it is given."""
        self._answers[domain] = answer
        self.row(domain).message.clear()
        left = len(self.unanswered())
        if not left:
            self.form_message.clear()
        elif not self.form_message.isHidden():
            self._count_unanswered(left)

    def _on_save_shortcut_activated(self) -> None:
        if self.is_done():
            return
        if self.save_button.isEnabled():
            self.save_requested.emit()

    def _on_escape_activated(self) -> None:
        if self.is_done():
            self.done_requested.emit()
        else:
            self.cancel_requested.emit()

    def _set_tab_order(self) -> None:
        """Top to bottom: writing choices, every answer, then when, who, note, the buttons."""
        chain: list[QWidget] = [
            self.undo_button,
            self.clear_button,
            self.skip_button,
            self.not_yet_button,
            self.writing_back_button,
        ]
        for row in self.rows:
            chain.extend(row.buttons.values())
        chain += [
            self.date_edit,
            self.time_edit,
            self.now_button,
            self.logged_by_edit,
            self.note.edit,
            self.cancel_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
