"""The print preview: Qt's dialog, painting through the same code as the PDF."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.document import document_title
from caretrack.ui.summary.paper import Paper, page_layout
from caretrack.ui.summary.printing import paint_summary
from caretrack.ui.summary.words import tr


class SummaryPreviewDialog(QPrintPreviewDialog):
    """Holds its printer and the summary, so both live exactly as long as the dialog."""

    def __init__(
        self, summary: Summary, catalogue: Catalogue, paper: Paper, parent: QWidget | None = None
    ) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(paper))
        printer.setDocName(document_title(summary))
        super().__init__(printer, parent)
        self.summary_printer = printer
        self.summary = summary
        self.catalogue = catalogue
        self.pages_painted = 0
        self.setWindowTitle(tr("Print the clinic-visit summary"))
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        paint_summary(self.summary, self.catalogue, printer)
        self.pages_painted += 1


def make_preview_dialog(
    summary: Summary, catalogue: Catalogue, paper: Paper, parent: QWidget | None = None
) -> SummaryPreviewDialog:
    """Builds the dialog without running it: tests (and a non-modal caller) show() it."""
    return SummaryPreviewDialog(summary, catalogue, paper, parent)


def show_preview(
    summary: Summary, catalogue: Catalogue, paper: Paper, parent: QWidget | None = None
) -> int:
    """Opens the print preview dialog (print from there); returns the dialog's result."""
    dialog = make_preview_dialog(summary, catalogue, paper, parent)
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
