"""The temperature chart, drawn with QPainter as vector graphics inside the text document.

It is a custom text object (QTextObjectInterface), so the document lays it out like a large
character and paints it with the document's own painter: it stays sharp in the PDF, its labels
stay real text, and no bitmap has to be sized for the paper.

x is time over the period's days, y is °C with the matching °F scale on the right. The fever
line is a labelled dashed line; each reading is a marker whose shape says the route and whose
fill says whether it was at or above the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QDate, QLocale, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from caretrack.domain.temperature import Route
from caretrack.reports import Period, Reading
from caretrack.ui.messages import route_text
from caretrack.ui.summary.style import (
    ACCENT_COLOUR,
    ALARM_COLOUR,
    CHART_PT,
    MUTED_COLOUR,
    RULE_COLOUR,
    TEXT_COLOUR,
    font_family,
)
from caretrack.ui.summary.words import celsius_text, fever_line_text, tr

CHART_OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject.value) + 1
CHART_MARKER = "\ue000temperature-chart\ue000"  # private-use marks: never typed by a person

ROUTE_ORDER = (Route.ORAL, Route.AXILLARY, Route.EAR, Route.FOREHEAD)
HEIGHT_RATIO = 0.34  # of the body width: about 6 cm on A4


@dataclass(frozen=True)
class ChartData:
    readings: tuple[Reading, ...]
    period: Period
    fever_line_c_tenths: int
    zone: tzinfo


def marker_path(route: Route, centre: QPointF, radius: float) -> QPainterPath:
    """A different shape per route, so the route reads without colour: ● ■ ▲ ◆."""
    path = QPainterPath()
    x, y, r = centre.x(), centre.y(), radius
    if route is Route.ORAL:
        path.addEllipse(centre, r, r)
    elif route is Route.AXILLARY:
        s = r * 0.88
        path.addRect(QRectF(x - s, y - s, 2 * s, 2 * s))
    elif route is Route.EAR:
        t = r * 1.18
        path.addPolygon(
            QPolygonF([QPointF(x, y - t), QPointF(x + t, y + t * 0.8), QPointF(x - t, y + t * 0.8)])
        )
        path.closeSubpath()
    else:
        d = r * 1.25
        path.addPolygon(
            QPolygonF([QPointF(x, y - d), QPointF(x + d, y), QPointF(x, y + d), QPointF(x - d, y)])
        )
        path.closeSubpath()
    return path


class _Scale:
    """Maps times and tenths of °C onto the plot rectangle."""

    def __init__(self, plot: QRectF, data: ChartData) -> None:
        self.plot = plot
        self.start = datetime.combine(data.period.start, time.min, data.zone)
        end = datetime.combine(data.period.end + timedelta(days=1), time.min, data.zone)
        self.seconds = max((end - self.start).total_seconds(), 1.0)
        values = [r.temperature.celsius_tenths for r in data.readings]
        line = data.fever_line_c_tenths
        lo = min([355, line - 15, *[v - 3 for v in values]])
        hi = max([line + 10, *[v + 3 for v in values]])
        self.lo = math.floor(lo / 5) * 5
        self.hi = math.ceil(hi / 5) * 5

    def x(self, moment: datetime) -> float:
        share = (moment - self.start).total_seconds() / self.seconds
        return self.plot.left() + min(max(share, 0.0), 1.0) * self.plot.width()

    def x_of_day(self, day: date) -> float:
        return self.x(datetime.combine(day, time.min, self.start.tzinfo))

    def y(self, c_tenths: float) -> float:
        share = (c_tenths - self.lo) / (self.hi - self.lo)
        return self.plot.bottom() - share * self.plot.height()


def _font(unit: float, points: float = CHART_PT, bold: bool = False) -> QFont:
    """Pixel sizes in the painter's own units: the painter is already scaled to the page."""
    font = QFont(font_family())
    font.setPixelSize(max(1, round(points * unit)))
    font.setBold(bold)
    return font


def draw_chart(painter: QPainter, rect: QRectF, data: ChartData, unit: float) -> None:
    """Paints the whole chart into `rect`; `unit` is painter units per typographic point."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = _font(unit)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    legend_h = metrics.height() * 1.6
    plot = rect.adjusted(
        30 * unit, legend_h + metrics.height() * 1.3, -34 * unit, -metrics.height() * 2.4
    )
    scale = _Scale(plot, data)

    _draw_grid(painter, scale, data, unit, metrics)
    _draw_fever_line(painter, scale, data, unit)
    _draw_readings(painter, scale, data, unit)
    _draw_legend(painter, QRectF(rect.left(), rect.top(), rect.width(), legend_h), data, unit)
    painter.restore()


def _draw_grid(
    painter: QPainter, scale: _Scale, data: ChartData, unit: float, metrics: QFontMetricsF
) -> None:
    plot = scale.plot
    painter.setPen(QPen(QColor(RULE_COLOUR), 0.5 * unit))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    step = 5 if scale.hi - scale.lo <= 60 else 10
    muted = QColor(MUTED_COLOUR)
    gap = 4 * unit
    # °C ticks on the left, with light horizontal rules across the plot.
    for c in range(scale.lo, scale.hi + 1, step):
        y = scale.y(c)
        painter.setPen(QPen(QColor(RULE_COLOUR), 0.4 * unit))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(muted)
        label = QRectF(plot.left() - 30 * unit, y - metrics.height() / 2, 30 * unit - gap, 99)
        painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                         celsius_text(c))  # fmt: skip
    # °F ticks on the right, at their exact places on the °C scale.
    f_lo = math.ceil((scale.lo * 18 + 3200) / 100)
    f_hi = math.floor((scale.hi * 18 + 3200) / 100)
    f_step = 1 if f_hi - f_lo <= 12 else 2
    for f in range(f_lo, f_hi + 1):
        if f % f_step:
            continue
        y = scale.y((f * 100 - 3200) / 18)
        painter.setPen(QPen(muted, 0.5 * unit))
        painter.drawLine(QPointF(plot.right(), y), QPointF(plot.right() + 2.5 * unit, y))
        label = QRectF(plot.right() + gap, y - metrics.height() / 2, 34 * unit - gap, 99)
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(f))
    painter.setPen(QColor(TEXT_COLOUR))
    bold = _font(unit, CHART_PT, bold=True)
    painter.setFont(bold)
    top = plot.top() - metrics.height() * 1.6
    painter.drawText(QRectF(plot.left() - 30 * unit, top, 30 * unit - gap, 99),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, "°C")  # fmt: skip
    painter.drawText(QRectF(plot.right() + gap, top, 34 * unit, 99),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "°F")  # fmt: skip
    painter.setFont(_font(unit))
    _draw_days(painter, scale, data, unit, metrics)
    # The plot frame: a rule at the bottom and on both scales, nothing heavier.
    painter.setPen(QPen(QColor(MUTED_COLOUR), 0.6 * unit))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    painter.drawLine(plot.topRight(), plot.bottomRight())


def _draw_days(
    painter: QPainter, scale: _Scale, data: ChartData, unit: float, metrics: QFontMetricsF
) -> None:
    """Day ticks; labels every day, week or month, whatever fits without overlapping."""
    plot = scale.plot
    days = data.period.days()
    locale = QLocale()
    long_range = len(days) > 62
    label_w = metrics.horizontalAdvance("Wed 30 Oct") * 1.25
    per_day = plot.width() / len(days)
    every = 1 if per_day >= label_w else math.ceil(label_w / per_day)
    if 1 < every <= 7:
        every = 7 if every > 3 else every
    painter.setPen(QPen(QColor(RULE_COLOUR), 0.3 * unit))
    for i, day in enumerate(days):
        x = scale.x_of_day(day)
        if long_range:
            if day.day != 1 and i != 0:
                continue
            painter.setPen(QPen(QColor(RULE_COLOUR), 0.4 * unit))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom() + 3 * unit))
            pattern = "MMM yyyy" if (day.month == 1 or i == 0) else "MMM"
            text = locale.toString(QDate(day.year, day.month, day.day), pattern)
            painter.setPen(QColor(MUTED_COLOUR))
            painter.drawText(QPointF(x + 2 * unit, plot.bottom() + metrics.ascent() + 4 * unit),
                             text)  # fmt: skip
            continue
        if len(days) <= 45:
            painter.setPen(QPen(QColor(RULE_COLOUR), 0.3 * unit))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(QPen(QColor(MUTED_COLOUR), 0.5 * unit))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2.5 * unit))
        if i % every:
            continue
        centre = x + per_day / 2 if every == 1 else x
        weekday = locale.toString(QDate(day.year, day.month, day.day), "ddd")
        numeral = locale.toString(QDate(day.year, day.month, day.day), "d MMM")
        painter.setPen(QColor(MUTED_COLOUR))
        for row, text in enumerate((weekday, numeral)):
            w = metrics.horizontalAdvance(text)
            left = centre - w / 2 if every == 1 else x - w / 2
            base = plot.bottom() + metrics.ascent() + 4 * unit + row * metrics.height()
            painter.drawText(QPointF(max(left, plot.left() - 8 * unit), base), text)


def _draw_fever_line(painter: QPainter, scale: _Scale, data: ChartData, unit: float) -> None:
    plot = scale.plot
    y = scale.y(data.fever_line_c_tenths)
    pen = QPen(QColor(ALARM_COLOUR), 1.0 * unit)
    pen.setStyle(Qt.PenStyle.DashLine)
    pen.setDashPattern([4.0, 3.0])
    painter.setPen(pen)
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    font = _font(unit, CHART_PT, bold=True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    text = fever_line_text(data.fever_line_c_tenths)
    w = metrics.horizontalAdvance(text)
    box = QRectF(plot.left() + 4 * unit, y - metrics.height() - 2 * unit, w + 4 * unit,
                 metrics.height())  # fmt: skip
    painter.fillRect(box, QColor(255, 255, 255, 225))
    painter.setPen(QColor(ALARM_COLOUR))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.setFont(_font(unit))


def _draw_readings(painter: QPainter, scale: _Scale, data: ChartData, unit: float) -> None:
    points = [
        (r, QPointF(scale.x(r.at.astimezone(data.zone)), scale.y(r.temperature.celsius_tenths)))
        for r in data.readings
    ]
    if len(points) > 1:
        painter.setPen(QPen(QColor(MUTED_COLOUR), 0.5 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF([p for _, p in points]))
    radius = (2.4 if len(points) <= 120 else 1.6) * unit
    for reading, point in points:
        high = reading.at_or_above_line
        painter.setPen(QPen(QColor("#ffffff"), 0.5 * unit))
        painter.setBrush(QBrush(QColor(ALARM_COLOUR if high else ACCENT_COLOUR)))
        painter.drawPath(
            marker_path(reading.temperature.route, point, radius * (1.2 if high else 1))
        )


def _draw_legend(painter: QPainter, rect: QRectF, data: ChartData, unit: float) -> None:
    """The routes actually used, then what a red marker means."""
    font = _font(unit)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    routes = [r for r in ROUTE_ORDER if any(x.temperature.route is r for x in data.readings)]
    items: list[tuple[Route, str, str]] = [(r, route_text(r), ACCENT_COLOUR) for r in routes]
    items.append((Route.ORAL, tr("At or above the fever line"), ALARM_COLOUR))
    x = rect.left() + 30 * unit
    y = rect.top() + metrics.height() * 0.6
    radius = 2.6 * unit
    for route, text, colour in items:
        painter.setPen(QPen(QColor("#ffffff"), 0.4 * unit))
        painter.setBrush(QBrush(QColor(colour)))
        painter.drawPath(marker_path(route, QPointF(x + radius, y), radius))
        painter.setPen(QColor(TEXT_COLOUR))
        painter.drawText(QPointF(x + radius * 2 + 3 * unit, y + metrics.ascent() / 2.6), text)
        x += radius * 2 + 3 * unit + metrics.horizontalAdvance(text) + 12 * unit


class ChartObject(QPyTextObject):
    """The document's handler for the chart character: its size and its painting."""

    def __init__(self, data: ChartData, size: QSizeF, unit: float) -> None:
        super().__init__()
        self._data = data
        self._size = size
        self._unit = unit

    def intrinsicSize(
        self,
        doc: QTextDocument,
        pos_in_document: int,
        fmt: QTextFormat,
    ) -> QSizeF:
        del doc, pos_in_document, fmt
        return QSizeF(self._size)  # a fresh copy: Qt takes the returned value

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos_in_document: int,
        fmt: QTextFormat,
    ) -> None:
        del doc, pos_in_document, fmt
        draw_chart(painter, QRectF(rect), self._data, self._unit)


def place_chart(
    doc: QTextDocument, data: ChartData, width: float, unit: float
) -> ChartObject | None:
    """Swaps CHART_MARKER in the laid-out HTML for the chart object; None when there is none.

    The handler is returned unparented and must outlive the document's use (the caller keeps
    it): parenting it to the document let PySide free it twice at interpreter exit.
    """
    cursor = doc.find(CHART_MARKER)
    if cursor.isNull():
        return None
    handler = ChartObject(data, QSizeF(width, width * HEIGHT_RATIO), unit)
    doc.documentLayout().registerHandler(CHART_OBJECT_TYPE, handler)
    fmt = QTextCharFormat()
    fmt.setObjectType(CHART_OBJECT_TYPE)
    cursor.insertText("\ufffc", fmt)
    return handler


def remove_chart(doc: QTextDocument, handler: ChartObject | None) -> None:
    """Unhooks the handler before either object goes, so neither is freed while in use."""
    if handler is not None:
        doc.documentLayout().unregisterHandler(CHART_OBJECT_TYPE, handler)
