"""Draws a reports.Summary with Qt: print preview, printing and "Save as PDF".

The public face used by the window (visit page) and the command line (`caretrack summary`).
The work is split by what it holds: paper sizes (paper), wording (words), the look (style),
shared HTML pieces (blocks), page 1 (overview) with the course plan and pump (care), the daily
neuro checks' writing side by side (neuro) and the medicines (medicines), the day-by-day log
(log), the temperature chart (chart), the QTextDocument (document), pages and footers (pages),
the PDF file (pdf_file), printers (printing) and the preview dialog (preview).
"""

from __future__ import annotations

from caretrack.ui.summary.paper import Paper, default_paper
from caretrack.ui.summary.pdf_file import SummaryWriteError, write_pdf
from caretrack.ui.summary.preview import make_preview_dialog, show_preview
from caretrack.ui.summary.printing import paint_summary

__all__ = [
    "Paper",
    "SummaryWriteError",
    "default_paper",
    "make_preview_dialog",
    "paint_summary",
    "show_preview",
    "write_pdf",
]
