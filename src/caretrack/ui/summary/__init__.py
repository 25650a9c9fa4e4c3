"""Draws a reports.Summary with Qt: print preview, printing and "Save as PDF".

The public face used by the window (visit page) and the command line (`caretrack summary`).
Being filled in (issue 4): the signatures below are the contract between them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class SummaryWriteError(Exception):
    """The PDF could not be written; the message is plain words for the parent. Nothing was
    left half-written at the target path."""


def default_paper() -> Paper:
    """US Letter where the locale's country uses it (US, Canada, Mexico...), else A4."""
    raise NotImplementedError


def write_pdf(summary: Summary, catalogue: Catalogue, path: Path, paper: Paper) -> None:
    """Writes atomically (QSaveFile): the file at `path` is either the old one or the whole PDF."""
    raise NotImplementedError


def paint_summary(summary: Summary, catalogue: Catalogue, printer: QPrinter) -> None:
    """Lays out and paints every page on `printer` (a real printer, a PDF, or a preview)."""
    raise NotImplementedError


def show_preview(
    summary: Summary, catalogue: Catalogue, paper: Paper, parent: QWidget | None = None
) -> int:
    """Opens the print preview dialog (print from there); returns the dialog's result."""
    raise NotImplementedError
