"""A full-width strip at the top of a screen: 'Saved at 20:05', or why a save failed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from caretrack.ui.resources import icon
from caretrack.ui.widgets.common import label, set_role

_ICONS = {"ok": "check-circle", "error": "alert-circle", "info": "info"}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner-info")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(10)
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(20, 20))
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = label("", "banner-text")
        row.addWidget(self.text_label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info", hide_after_ms: int = 0) -> None:
        """kind: 'ok', 'error' or 'info'. Errors never hide on their own."""
        set_role(self, f"banner-{kind}")
        self.icon_label.setPixmap(icon(_ICONS.get(kind, "info")).pixmap(QSize(20, 20)))
        self.text_label.setText(text)
        self.setAccessibleName(text)
        self.show()
        self._timer.stop()
        if hide_after_ms and kind != "error":
            self._timer.start(hide_after_ms)

    def text(self) -> str:
        return self.text_label.text() if not self.isHidden() else ""

    def clear(self) -> None:
        self._timer.stop()
        self.text_label.clear()
        self.hide()
