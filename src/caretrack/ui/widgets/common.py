"""Helpers for the few building blocks every screen uses: roles, labels, cards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

SPACING = 12


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for style.qss; re-polish so a changed role shows at once."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def label(text: str = "", role: str = "", *, wrap: bool = True, selectable: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def field_block(caption: str, widget: QWidget, message: QWidget | None = None) -> QVBoxLayout:
    """Caption above the field, its message below: one column that reads top to bottom."""
    block = QVBoxLayout()
    block.setSpacing(5)
    caption_label = label(caption, "field-label", wrap=False)
    caption_label.setBuddy(widget)
    block.addWidget(caption_label)
    block.addWidget(widget)
    if message is not None:
        block.addWidget(message)
    return block


def pad_spin_box(box: QAbstractSpinBox) -> None:
    """Style sheets drop the left padding of spin boxes that show arrows; put it back."""
    edit = box.findChild(QLineEdit)
    if edit is not None:
        edit.setTextMargins(8, 0, 0, 0)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item, so a list can be rebuilt from fresh data."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)


class Card(QFrame):
    """A white rounded panel with an optional heading; the unit every screen is built from."""

    def __init__(self, title: str = "", parent: QWidget | None = None, role: str = "card") -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 18)
        self.body.setSpacing(SPACING)
        self.title_label: QLabel | None = None
        if title:
            self.title_label = label(title, "card-title")
            self.body.addWidget(self.title_label)


def page_scroll_area() -> QScrollArea:
    """A page scrolls down, never sideways, and has no frame of its own."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def centred_column(
    scroll_area: QScrollArea,
    max_width: int,
    margins: tuple[int, int, int, int] = (24, 20, 24, 24),
    spacing: int = 14,
) -> QVBoxLayout:
    """A page's content as one column, centred and no wider than `max_width` (forms read
    badly when a line runs across a wide screen), inside the given scroll area."""
    holder = QWidget()
    holder.setProperty("role", "page")
    centre = QHBoxLayout(holder)
    centre.setContentsMargins(*margins)
    column_widget = QWidget()
    column_widget.setMaximumWidth(max_width)
    centre.addStretch(1)
    centre.addWidget(column_widget, 100)
    centre.addStretch(1)
    column = QVBoxLayout(column_widget)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    scroll_area.setWidget(holder)
    return column
