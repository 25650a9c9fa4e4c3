"""The calm dialog for a bug: nothing saved is lost, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

_showing = False


def show_crash_dialog(parent: QWidget | None) -> None:
    """One dialog at a time: an error raised while it is open is only logged."""
    global _showing
    if _showing:
        return
    _showing = True
    try:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("crash", "CareTrack"))
        box.setText(
            QCoreApplication.translate("crash", "Something went wrong. Nothing you saved is lost.")
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "crash",
                "If you were in the middle of a check-in, look at it again and save it. "
                "If CareTrack keeps doing this, close it and open it again. "
                "When in doubt about your child, call your care team.",
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
    finally:
        _showing = False
