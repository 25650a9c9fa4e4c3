"""The whole printout as one QTextDocument: page 1's overview, then the day-by-day log.

The document is laid out once at a fixed print resolution (LAYOUT_DPI) against a reference
device, whatever it is finally painted on, so a PDF, a printer and the preview break pages in
the same places. The painter is scaled to the real device when the pages are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.blocks import KEEP_WITH_NEXT
from caretrack.ui.summary.chart import ChartData, ChartObject, place_chart, remove_chart
from caretrack.ui.summary.log import log_html
from caretrack.ui.summary.neuro import add_images, handwriting_images
from caretrack.ui.summary.overview import overview_html
from caretrack.ui.summary.style import body_font, stylesheet
from caretrack.ui.summary.words import period_text, tr, zone_of

LAYOUT_DPI = 1200
UNIT = LAYOUT_DPI / 72  # layout units per typographic point
KEEP_BLOCKS = 2  # blocks after a heading that must start on the heading's page
CSS_PX_PER_POINT = 96 / 72  # Qt sizes <img> in CSS pixels, scaled to the device's dpi


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
    images = handwriting_images(summary)
    add_images(doc, images)
    width_px = body.width() / UNIT * CSS_PX_PER_POINT
    doc.setHtml(
        "<html><body>"
        + overview_html(summary, catalogue, images, width_px)
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
    keep_headings_with_next(doc, body.height())
    return SummaryDocument(doc, chart)


def keep_headings_with_next(doc: QTextDocument, page_height: float, rounds: int = 12) -> int:
    """Moves a heading that would end a page to the next one, with what it introduces.

    Qt's rich text has no "keep with next", so a section heading could sit alone at the foot
    of page 1 with its table on page 2. Each round finds the next such heading, starts a new
    page before it and lets the layout run again; a move only shifts what comes after it, so
    the search goes on from there. Returns how many headings were moved.
    """
    moved = 0
    block = doc.begin()
    for _ in range(rounds):
        heading = _orphan_heading(doc, page_height, block)
        if heading is None:
            break
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(heading).mergeBlockFormat(fmt)
        moved += 1
        block = heading.next()
    return moved


def _orphan_heading(doc: QTextDocument, page_height: float, block: QTextBlock) -> QTextBlock | None:
    """From `block` on, the first heading whose next blocks (up to KEEP_BLOCKS, short of the
    next heading) do not start on its page: a heading, its one-line intro and a chart stay
    together. A heading that already starts a page is left alone."""
    layout = doc.documentLayout()
    always = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    while block.isValid():
        if _keeps_with_next(block) and not block.blockFormat().pageBreakPolicy() & always:
            # The page its text ends on: a heading whose top margin reaches back over a page
            # break is already drawn on the next page.
            page = int((_first_line_bottom(layout, block) - 1) // page_height)
            page_end = (page + 1) * page_height
            following = block.next()
            for _ in range(KEEP_BLOCKS):
                if not following.isValid() or _keeps_with_next(following):
                    break
                if _first_line_bottom(layout, following) > page_end:
                    return block
                following = following.next()
        block = block.next()
    return None


def _keeps_with_next(block: QTextBlock) -> bool:
    return bool(block.blockFormat().headingLevel()) or block.userState() == KEEP_WITH_NEXT


def _first_line_bottom(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    """Where the block's first line ends, in document units (a table cell's block too)."""
    rect = layout.blockBoundingRect(block)
    lines = block.layout()
    if lines.lineCount() == 0:
        return rect.bottom()
    first = lines.lineAt(0)
    return rect.top() + first.y() + first.height()
