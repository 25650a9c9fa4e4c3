"""Painting the summary on a QPrinter: a real printer, a PDF printer or the preview's."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.document import document_title
from caretrack.ui.summary.pages import render
from caretrack.ui.summary.pdf_file import CREATOR, SummaryWriteError
from caretrack.ui.summary.words import tr


def paint_summary(summary: Summary, catalogue: Catalogue, printer: QPrinter) -> None:
    """Lays out and paints every page on `printer` (a real printer, a PDF, or a preview)."""
    _paint(summary, catalogue, printer)


def _paint(summary: Summary, catalogue: Catalogue, printer: QPrinter) -> None:
    if printer.printerState() != QPrinter.PrinterState.Active:
        printer.setDocName(document_title(summary))
        printer.setCreator(CREATOR)
    painter = QPainter()
    if not painter.begin(printer):
        raise SummaryWriteError(tr("The printer could not start. Check it and try again."))
    try:
        render(summary, catalogue, printer, painter)
    finally:
        painter.end()
