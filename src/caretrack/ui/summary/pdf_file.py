"""Saving the summary as a PDF file, atomically: the old file or the whole new one, never half.

QPdfWriter writes straight into a QSaveFile, which keeps a temporary file next to the target and
renames it over the target only once the PDF is complete.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile
from PySide6.QtGui import QPainter, QPdfWriter

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.document import LAYOUT_DPI, document_title
from caretrack.ui.summary.pages import render
from caretrack.ui.summary.paper import Paper, page_layout
from caretrack.ui.summary.words import tr

CREATOR = "CareTrack"


class SummaryWriteError(Exception):
    """The PDF could not be written; the message is plain words for the parent. Nothing was
    left half-written at the target path."""


def _cannot_save(path: Path) -> SummaryWriteError:
    if path.is_dir():
        text = tr("{path} is a folder. Choose a file name for the summary.")
    elif not path.parent.is_dir():
        text = tr("The folder {folder} does not exist. Choose another place for the summary.")
    else:
        text = tr(
            "CareTrack could not save the summary in {folder}. The folder may be read-only "
            "or the disk full. Choose another place."
        )
    return SummaryWriteError(text.format(path=path, folder=path.parent))


def write_pdf(summary: Summary, catalogue: Catalogue, path: Path, paper: Paper) -> None:
    """Writes atomically (QSaveFile): the file at `path` is either the old one or the whole PDF."""
    _write(summary, catalogue, path, paper)


def _write(summary: Summary, catalogue: Catalogue, path: Path, paper: Paper) -> None:
    target = QSaveFile(str(path))
    if path.is_dir() or not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise _cannot_save(path)
    try:
        writer = QPdfWriter(target)
        writer.setPageLayout(page_layout(paper))
        writer.setResolution(LAYOUT_DPI)
        writer.setTitle(document_title(summary))
        writer.setCreator(CREATOR)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError("the PDF writer did not start")
        try:
            render(summary, catalogue, writer, painter)
        finally:
            painter.end()  # writes the PDF's tail into the save file
        del writer
    except Exception as exc:
        target.cancelWriting()
        target.commit()  # refused after cancelWriting(): the temporary file is removed
        raise SummaryWriteError(
            tr("CareTrack could not make the summary, so nothing was saved ({detail}).").format(
                detail=exc
            )
        ) from exc
    if not target.commit():
        raise _cannot_save(path)
