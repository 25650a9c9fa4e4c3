"""A free-text note with a hard cap: a huge paste is cut, visibly, without freezing."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from caretrack.domain.text import NOTE_LIMIT
from caretrack.ui.widgets.common import label
from caretrack.ui.widgets.field_message import FieldMessage

COUNTER_FROM = 9_000  # the counter appears when the cap is close


class CappedTextEdit(QPlainTextEdit):
    """Never holds more than `limit` characters; says how much of a paste was kept."""

    text_was_cut = Signal(int)  # characters that did not fit

    def __init__(self, limit: int = NOTE_LIMIT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setTabChangesFocus(True)
        self.textChanged.connect(self._on_text_changed)

    def room(self) -> int:
        selected = len(self.textCursor().selectedText())
        return max(0, self.limit - len(self.toPlainText()) + selected)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Cut the paste before it reaches the document: a 10 MB paste costs nothing."""
        if source.hasText():
            text = source.text()
            room = self.room()
            if len(text) > room:
                self.textCursor().insertText(text[:room])
                self.text_was_cut.emit(len(text) - room)
                return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() and event.text().isprintable() and self.room() <= 0:
            self.text_was_cut.emit(len(event.text()))
            return
        super().keyPressEvent(event)

    def _on_text_changed(self) -> None:
        """Last line of defence (setPlainText, input methods): trim to the cap."""
        text = self.toPlainText()
        if len(text) > self.limit:
            self.blockSignals(True)
            self.setPlainText(text[: self.limit])
            self.blockSignals(False)
            cursor = self.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.setTextCursor(cursor)
            self.text_was_cut.emit(len(text) - self.limit)


class NoteField(QWidget):
    """The note, a counter near the cap, and the message when text was cut."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.edit = CappedTextEdit()
        self.edit.setPlaceholderText(
            self.tr("Anything else: how they slept, ate, played, what the team said…")
        )
        self.edit.setAccessibleName(self.tr("Note"))
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(160)
        box.addWidget(self.edit)
        self.counter = label("", "hint", wrap=False)
        self.counter.hide()
        box.addWidget(self.counter)
        self.message = FieldMessage()
        box.addWidget(self.message)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.text_was_cut.connect(self._on_edit_text_was_cut)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def _on_edit_text_changed(self) -> None:
        used = len(self.edit.toPlainText())
        if used >= COUNTER_FROM:
            self.counter.setText(
                self.tr("{used} of {limit} characters").format(
                    used=f"{used:,}", limit=f"{self.edit.limit:,}"
                )
            )
            self.counter.show()
        else:
            self.counter.hide()
        self.changed.emit()

    def _on_edit_text_was_cut(self, dropped: int) -> None:
        self.message.show_text(
            self.tr(
                "The note can hold {limit} characters. The rest ({dropped} characters) "
                "was left out."
            ).format(limit=f"{self.edit.limit:,}", dropped=f"{dropped:,}"),
            kind="note",
        )
