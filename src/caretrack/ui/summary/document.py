"""The whole printout as one QTextDocument: page 1's overview, then the day-by-day log.

The document is laid out once at a fixed print resolution (LAYOUT_DPI) against a reference
device, whatever it is finally painted on, so a PDF, a printer and the preview break pages in
the same places. The painter is scaled to the real device when the pages are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage, QTextDocument

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.chart import ChartData, ChartObject, place_chart, remove_chart
from caretrack.ui.summary.log import log_html
from caretrack.ui.summary.overview import overview_html
from caretrack.ui.summary.style import body_font, stylesheet
from caretrack.ui.summary.words import period_text, tr, zone_of

LAYOUT_DPI = 1200
UNIT = LAYOUT_DPI / 72  # layout units per typographic point


@cache
def reference_device() -> QImage:
    """A tiny image that reports LAYOUT_DPI: fonts are measured as on a 1200 dpi page."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def document_title(summary: Summary) -> str:
    return tr("Clinic-visit summary: {name}, {period}").format(
        name=summary.child.name, period=period_text(summary.period)
    )


@dataclass
class SummaryDocument:
    """The laid-out document and the chart's handler, which must live as long as it does."""

    doc: QTextDocument
    chart: ChartObject | None

    def close(self) -> None:
        remove_chart(self.doc, self.chart)
        self.chart = None


def build_document(summary: Summary, catalogue: Catalogue, body: QSizeF) -> SummaryDocument:
    """`body` is one page's text area in layout units; the document paginates itself to it."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(reference_device())
    doc.setDocumentMargin(0)
    doc.setDefaultFont(body_font())
    doc.setDefaultStyleSheet(stylesheet())
    doc.setPageSize(body)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document_title(summary))
    doc.setHtml(
        "<html><body>"
        + overview_html(summary, catalogue)
        + log_html(summary, catalogue)
        + "</body></html>"
    )
    data = ChartData(
        summary.readings, summary.period, summary.fever_line_c_tenths, zone_of(summary)
    )
    chart = place_chart(doc, data, body.width(), UNIT)
    # Inserting the chart relays out only from the chart on, and blocks after a table then kept
    # a height of 0 and were never drawn; laying the whole document out again avoids that.
    doc.markContentsDirty(0, doc.characterCount())
    return SummaryDocument(doc, chart)
