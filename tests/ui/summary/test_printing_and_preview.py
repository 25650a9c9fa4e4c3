"""Printing through a QPrinter and the preview dialog, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary import Paper, make_preview_dialog, paint_summary, show_preview, write_pdf
from caretrack.ui.summary.paper import page_layout
from tests.ui.summary.pdf_text import page_sizes, page_texts


def _printer_pdf(path: Path, mode: QPrinter.PrinterMode, paper: Paper) -> QPrinter:
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(page_layout(paper))
    return printer


def test_printer_gives_the_same_pages_as_write_pdf(
    qapp: QApplication, demo_summary: Summary, catalogue: Catalogue, out: Path
) -> None:
    written = out / "written.pdf"
    write_pdf(demo_summary, catalogue, written, Paper.LETTER)
    expected = page_texts(written)
    for mode in (QPrinter.PrinterMode.HighResolution, QPrinter.PrinterMode.ScreenResolution):
        printed = out / f"printed-{mode.name}.pdf"
        paint_summary(demo_summary, catalogue, _printer_pdf(printed, mode, Paper.LETTER))
        got = page_texts(printed)
        assert len(got) == len(expected) >= 2, mode
        assert got[-1].split()[-12:] == expected[-1].split()[-12:]
        assert page_sizes(printed) == page_sizes(written)


def test_preview_dialog_paints_offscreen(
    qtbot: QtBot, demo_summary: Summary, catalogue: Catalogue
) -> None:
    dialog = make_preview_dialog(demo_summary, catalogue, Paper.A4)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pages_painted >= 1, timeout=5000)
    assert (
        dialog.summary_printer.pageLayout().pageSize().id() == page_layout(Paper.A4).pageSize().id()
    )
    dialog.close()


def test_show_preview_runs_modal_and_returns_the_result(
    qtbot: QtBot, demo_summary: Summary, catalogue: Catalogue
) -> None:
    seen: list[QPrintPreviewDialog] = []

    def close_it() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QPrintPreviewDialog):
            seen.append(widget)
            widget.reject()
        else:
            QTimer.singleShot(20, close_it)

    QTimer.singleShot(0, close_it)
    result = show_preview(demo_summary, catalogue, Paper.LETTER)
    assert result == QPrintPreviewDialog.DialogCode.Rejected.value
    assert seen and seen[0].pages_painted >= 1  # type: ignore[attr-defined]
