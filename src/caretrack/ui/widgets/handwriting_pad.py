"""A writing area for the daily neuro check: a child copies a sentence with a mouse, pen or finger.

Strokes are kept as points (with pen pressure when a tablet gives it), so the picture saved is
cropped to the writing and drawn at one fixed scale: samples from different days can be laid
side by side and compared at the same size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_HEIGHT = 180  # logical pixels; fixed, so every saved sample shares one scale
PAD_PREFERRED_WIDTH = 640
PAD_MIN_WIDTH = 280
PNG_MARGIN = 12  # white space kept around the writing in the saved picture
PNG_MAX_HEIGHT = 240  # saved pictures are at most this tall
PNG_SCALE = PNG_MAX_HEIGHT / (PAD_HEIGHT + 2 * PNG_MARGIN)
MOUSE_WIDTH = 3.0  # ink width without pressure
MIN_GAP = 1.0  # points closer than this to the last one add nothing

_TOUCH = (
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
)
_INK = QColor("#16252c")
_PAPER = QColor("#ffffff")
_EDGE = QColor("#c9d3d6")
_BASELINE = QColor("#d6e0e3")
_PLACEHOLDER = QColor("#a3b1b6")


def ink_width(pressure: float | None) -> float:
    """Pen pressure (0..1) makes a line from thin to bold; a mouse or finger draws evenly."""
    if pressure is None:
        return MOUSE_WIDTH
    return 1.6 + 3.4 * min(1.0, max(0.0, pressure))


@dataclass
class Stroke:
    """One line drawn without lifting the pen."""

    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)

    def add(self, point: QPointF, width: float) -> bool:
        """False when the point is too close to the last one to matter."""
        if self.points:
            last = self.points[-1]
            if abs(point.x() - last.x()) + abs(point.y() - last.y()) < MIN_GAP:
                return False
        self.points.append(point)
        self.widths.append(width)
        return True

    def bounds(self) -> QRectF:
        xs = [p.x() for p in self.points]
        ys = [p.y() for p in self.points]
        half = max(self.widths) / 2
        return QRectF(min(xs) - half, min(ys) - half, max(xs) - min(xs) + 2 * half,
                      max(ys) - min(ys) + 2 * half)  # fmt: skip


def stroke_pieces(stroke: Stroke) -> list[tuple[QPainterPath, float]]:
    """Smooth curves through the midpoints of the points, one piece per ink width."""
    pts = stroke.points
    if len(pts) == 1:
        path = QPainterPath(pts[0])
        path.lineTo(pts[0] + QPointF(0.01, 0))  # a round-capped dot
        return [(path, stroke.widths[0])]
    pieces: list[tuple[QPainterPath, float]] = []
    start = pts[0]
    current: QPainterPath | None = None
    current_width = -1.0
    for i in range(1, len(pts)):
        end = pts[i] if i == len(pts) - 1 else (pts[i] + pts[i + 1]) / 2
        width = round((stroke.widths[i - 1] + stroke.widths[i]) / 2 * 4) / 4
        if current is None or width != current_width:
            current = QPainterPath(start)
            current_width = width
            pieces.append((current, width))
        if i == len(pts) - 1:
            current.lineTo(end)
        else:
            current.quadTo(pts[i], end)
        start = end
    return pieces


def paint_strokes(painter: QPainter, strokes: list[Stroke], colour: QColor) -> None:
    for stroke in strokes:
        for path, width in stroke_pieces(stroke):
            pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)  # fmt: skip
            painter.setPen(pen)
            painter.drawPath(path)


class HandwritingPad(QWidget):
    """White paper with a faint line to write on. Keyboard users skip it: it takes no focus,
    and the page offers to skip writing today."""

    changed = Signal()  # a stroke finished, or one was undone, or the pad was cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._active: Stroke | None = None
        self._source = ""  # "mouse", "tablet" or "touch" while a stroke is being drawn
        self.placeholder = self.tr("Write here")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(PAD_HEIGHT)
        self.setMinimumWidth(PAD_MIN_WIDTH)
        self.setAccessibleName(self.tr("Writing pad"))
        self.setAccessibleDescription(
            self.tr("Writing pad: ask your child to write the sentence shown above")
        )
        self.setToolTip(self.tr("Write with the mouse, a pen or a finger"))

    def sizeHint(self) -> QSize:
        return QSize(PAD_PREFERRED_WIDTH, PAD_HEIGHT)

    # ---- what the page asks ------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not self._strokes and self._active is None

    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        had = not self.is_empty()
        self._strokes.clear()
        self._active = None
        self._source = ""
        self.update()
        if had:
            self.changed.emit()

    def undo(self) -> None:
        """Take away the last stroke (the one being drawn, if the pen is still down)."""
        if self._active is not None:
            self._active = None
            self._source = ""
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        self.update()
        self.changed.emit()

    def to_png(self) -> bytes | None:
        """The writing on white, black ink, cropped with a margin; None when nothing is drawn."""
        strokes = [s for s in self._strokes if s.points]
        if not strokes:
            return None
        box = strokes[0].bounds()
        for s in strokes[1:]:
            box = box.united(s.bounds())
        box = box.adjusted(-PNG_MARGIN, -PNG_MARGIN, PNG_MARGIN, PNG_MARGIN)
        limit = QRectF(0, 0, max(self.width(), PAD_MIN_WIDTH), PAD_HEIGHT).adjusted(
            -PNG_MARGIN, -PNG_MARGIN, PNG_MARGIN, PNG_MARGIN
        )
        box = box.intersected(limit)
        width = max(1, round(box.width() * PNG_SCALE))
        height = max(1, min(PNG_MAX_HEIGHT, round(box.height() * PNG_SCALE)))
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(_PAPER)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.scale(PNG_SCALE, PNG_SCALE)
        painter.translate(-box.topLeft())
        paint_strokes(painter, strokes, QColor("#000000"))
        painter.end()
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"PNG")).write(grey)
        buffer.close()
        return bytes(data.data())

    # ---- drawing -----------------------------------------------------------------------------

    def _inside(self, point: QPointF) -> QPointF:
        """Keep the pen on the paper when it slides past the edge mid-stroke."""
        x = min(max(point.x(), 0.0), float(max(self.width() - 1, 0)))
        y = min(max(point.y(), 0.0), float(PAD_HEIGHT - 1))
        return QPointF(x, y)

    def begin_stroke(
        self, point: QPointF, pressure: float | None = None, source: str = "mouse"
    ) -> bool:
        """Pen down. Refused while another input is drawing (a finger and the mouse at once)."""
        if self._active is not None and source != self._source:
            return False
        self._active = Stroke()
        self._source = source
        self._active.add(self._inside(point), ink_width(pressure))
        self._update_near(self._active, 0)
        return True

    def extend_stroke(
        self, point: QPointF, pressure: float | None = None, source: str = "mouse"
    ) -> None:
        stroke = self._active
        if stroke is None or source != self._source:
            return
        if stroke.add(self._inside(point), ink_width(pressure)):
            self._update_near(stroke, len(stroke.points) - 3)

    def end_stroke(self, source: str = "mouse") -> None:
        """Pen up: the stroke joins the writing (a tap leaves a dot, as on paper)."""
        stroke = self._active
        if stroke is None or source != self._source:
            return
        self._active = None
        self._source = ""
        self._strokes.append(stroke)
        self.update()
        self.changed.emit()

    def cancel_stroke(self) -> None:
        """The system took the touch away (a gesture, a dialog): drop the unfinished stroke."""
        if self._active is not None:
            self._active = None
            self._source = ""
            self.update()

    def _update_near(self, stroke: Stroke, first: int) -> None:
        """Repaint only around the newest points, so fast writing stays smooth."""
        pts = stroke.points[max(0, first) :]
        xs = [p.x() for p in pts]
        ys = [p.y() for p in pts]
        pad = max(stroke.widths) + 2
        self.update(QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad,
                           max(ys) - min(ys) + 2 * pad).toAlignedRect())  # fmt: skip

    # ---- input: mouse, pen, touch ------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.begin_stroke(event.position()):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.extend_stroke(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        device = event.pointingDevice()
        has_pressure = device is not None and bool(
            device.capabilities() & device.Capability.Pressure
        )
        pressure = event.pressure() if has_pressure else None
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin_stroke(event.position(), pressure, "tablet")
        elif kind == QEvent.Type.TabletMove:
            self.extend_stroke(event.position(), pressure, "tablet")
        elif kind == QEvent.Type.TabletRelease:
            self.end_stroke("tablet")
        event.accept()  # no mouse events made up from the pen as well

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in _TOUCH:
            points = event.points()
            if kind == QEvent.Type.TouchCancel:
                self.cancel_stroke()
            elif points:
                where = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self.begin_stroke(where, None, "touch")
                elif kind == QEvent.Type.TouchUpdate:
                    self.extend_stroke(where, None, "touch")
                else:
                    self.extend_stroke(where, None, "touch")
                    self.end_stroke("touch")
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(_EDGE, 1))
        painter.setBrush(_PAPER)
        painter.fillRect(self.rect(), self.palette().window())
        painter.drawRoundedRect(frame, 10, 10)
        baseline = round(PAD_HEIGHT * 0.7) + 0.5
        painter.setPen(QPen(_BASELINE, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, baseline), QPointF(self.width() - 24, baseline))
        if self.is_empty() and self.placeholder:
            font = painter.font()
            if font.pixelSize() > 0:
                font.setPixelSize(round(font.pixelSize() * 1.3))
            else:
                font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(_PLACEHOLDER)
            painter.drawText(
                QRectF(28, 0, self.width() - 56, baseline - 8),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                self.placeholder,
            )
        strokes = list(self._strokes)
        if self._active is not None:
            strokes.append(self._active)
        paint_strokes(painter, strokes, _INK)
        painter.end()
