"""Pagination, the footer on every page, and painting onto any paged device.

QTextDocument.print_() would add bare page numbers only; here each page is the document's slice
drawn through a translated, clipped painter, then a footer with "Page N of M", the period, when
it was printed and the rules version, so a loose page still says what it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPen,
    QTextDocument,
)

from caretrack.domain.catalogue import Catalogue
from caretrack.reports import Summary
from caretrack.ui.summary.document import LAYOUT_DPI, UNIT, build_document
from caretrack.ui.summary.style import (
    FOOTER_PT,
    MUTED_COLOUR,
    RULE_COLOUR,
    TEXT_COLOUR,
    font_family,
)
from caretrack.ui.summary.words import date_time_text, period_text, tr, zone_of

FOOTER_GAP_PT = 8.0


@dataclass(frozen=True)
class PageGeometry:
    """One page in layout units: the text body on top, the footer below it."""

    width: float
    body_height: float
    footer_top: float

    @property
    def body(self) -> QSizeF:
        return QSizeF(self.width, self.body_height)


def _footer_font(bold: bool = False) -> QFont:
    font = QFont(font_family())
    font.setPixelSize(round(FOOTER_PT * UNIT))
    font.setBold(bold)
    return font


def page_geometry(layout: QPageLayout) -> PageGeometry:
    paint = layout.paintRect(QPageLayout.Unit.Point)
    width = paint.width() * UNIT
    height = paint.height() * UNIT
    line = QFontMetricsF(_footer_font()).lineSpacing()
    footer = 2 * line + FOOTER_GAP_PT * UNIT
    return PageGeometry(width, height - footer, height - 2 * line)


def footer_lines(summary: Summary, page: int, pages: int) -> tuple[str, str, str, str]:
    """(left, right) of the two footer lines."""
    left1 = tr("{name} · clinic-visit summary · {period}").format(
        name=summary.child.name, period=period_text(summary.period)
    )
    right1 = tr("Page {page} of {pages}").format(page=page, pages=pages)
    left2 = tr("Printed {when} · Rules version {version}").format(
        when=date_time_text(summary.printed_at, zone_of(summary)),
        version=summary.rules_version,
    )
    right2 = tr("Made with CareTrack from the family's log")
    return left1, right1, left2, right2


def _draw_footer(
    painter: QPainter, geo: PageGeometry, summary: Summary, page: int, pages: int
) -> None:
    left1, right1, left2, right2 = footer_lines(summary, page, pages)
    regular = _footer_font()
    bold = _footer_font(bold=True)
    line = QFontMetricsF(regular).lineSpacing()
    top = geo.footer_top
    painter.setPen(QPen(QColor(RULE_COLOUR), 0.6 * UNIT))
    painter.drawLine(QPointF(0, top - 3 * UNIT), QPointF(geo.width, top - 3 * UNIT))
    right_w = max(QFontMetricsF(bold).horizontalAdvance(right1),
                  QFontMetricsF(regular).horizontalAdvance(right2)) + 6 * UNIT  # fmt: skip
    left_w = geo.width - right_w
    for row, (left, right, colour) in enumerate(
        ((left1, right1, TEXT_COLOUR), (left2, right2, MUTED_COLOUR))
    ):
        y = top + row * line
        painter.setFont(regular)
        painter.setPen(QColor(colour))
        shown = QFontMetricsF(regular).elidedText(left, Qt.TextElideMode.ElideMiddle, left_w)
        painter.drawText(QRectF(0, y, left_w, line), Qt.AlignmentFlag.AlignLeft, shown)
        painter.setFont(bold if row == 0 else regular)
        painter.drawText(QRectF(left_w, y, right_w, line), Qt.AlignmentFlag.AlignRight, right)


def paint_pages(
    doc: QTextDocument, geo: PageGeometry, summary: Summary, device: QPagedPaintDevice,
    painter: QPainter,
) -> int:  # fmt: skip
    """Draws every page on an active painter; returns how many pages there were."""
    pages = doc.pageCount()
    scale_x = painter.device().logicalDpiX() / LAYOUT_DPI
    scale_y = painter.device().logicalDpiY() / LAYOUT_DPI
    layout = doc.documentLayout()
    for index in range(pages):
        if index and not device.newPage():
            raise OSError("the device refused a new page")
        painter.save()
        painter.scale(scale_x, scale_y)
        clip = QRectF(0, index * geo.body_height, geo.width, geo.body_height)
        painter.save()
        painter.translate(0, -clip.top())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        layout.draw(painter, context)
        painter.restore()
        _draw_footer(painter, geo, summary, index + 1, pages)
        painter.restore()
    return pages


def render(
    summary: Summary, catalogue: Catalogue, device: QPagedPaintDevice, painter: QPainter
) -> int:
    """Lays the summary out for the device's page and paints it; returns the page count."""
    geo = page_geometry(device.pageLayout())
    built = build_document(summary, catalogue, geo.body)
    try:
        return paint_pages(built.doc, geo, summary, device, painter)
    finally:
        built.close()
