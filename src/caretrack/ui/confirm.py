"""Asking the parent to confirm unusual values before a save (a time long ago, a high reading)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from caretrack.domain.validation import Problem
from caretrack.ui.messages import problem_text


def confirm_problems(
    parent: QWidget,
    problems: Sequence[Problem],
    on_no: Callable[[Problem], None] | None = None,
) -> set[str] | None:
    """One Yes/No question per unusual value; any No (shown at its field) saves nothing.

    Returns the codes the parent confirmed, to pass back to the service as `confirmed`.
    """
    codes: set[str] = set()
    for p in problems:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("confirm", "Please check"),
            problem_text(p),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            if on_no is not None:
                on_no(p)
            return None
        codes.add(p.code)
    return codes
