"""The calm look: one font, a light palette and resources/style.qss.

Widgets pick their style through a dynamic `role` property (see widgets.common.set_role), so
the stylesheet, not the code, decides colours and spacing.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from caretrack.ui.resources import resource_path

ACCENT = "#1d6b73"
TEXT = "#1e2a30"
MUTED = "#5a6a72"
BACKGROUND = "#f3f5f6"
CARD = "#ffffff"

FONT_FAMILIES = [
    "Inter",
    "Segoe UI",
    "SF Pro Text",
    "Cantarell",
    "Noto Sans",
    "Ubuntu",
    "DejaVu Sans",
]
BASE_PIXEL_SIZE = 15


def stylesheet() -> str:
    path = resource_path("style.qss")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing theme must never stop a parent from logging
    return text.replace("@ICONS@", resource_path("icons").as_posix())


def apply_theme(app: QApplication) -> None:
    """Fusion + a light palette so the look is the same on every desktop, then the QSS."""
    app.setStyle("Fusion")
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(BASE_PIXEL_SIZE)
    app.setFont(font)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(CARD))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9f9"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor(CARD))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a979d"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(CARD))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet())
