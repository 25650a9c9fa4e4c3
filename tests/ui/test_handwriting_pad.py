"""The writing pad of the daily neuro check: mouse, pen and finger make ink; the saved picture
is a real PNG, cropped to the writing, black on white, at one scale for every day."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from caretrack.ui.widgets.handwriting_pad import (
    PAD_HEIGHT,
    PNG_MAX_HEIGHT,
    PNG_SCALE,
    HandwritingPad,
)
from caretrack.ui.widgets.handwriting_strip import HandwritingStrip, StripSample

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def shown_pad(qtbot: QtBot, width: int = 640) -> HandwritingPad:
    pad = HandwritingPad()
    qtbot.addWidget(pad)
    pad.resize(width, PAD_HEIGHT)
    with qtbot.waitExposed(pad):
        pad.show()
    return pad


def drag(pad: HandwritingPad, points: list[tuple[int, int]]) -> None:
    """A real mouse stroke through the widget's event handlers."""
    QTest.mousePress(pad, LEFT, NONE, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, LEFT, NONE, QPoint(*points[-1]))


def zigzag(x0: int, y0: int, count: int = 12) -> list[tuple[int, int]]:
    return [(x0 + 8 * i, y0 + (12 if i % 2 else -12)) for i in range(count)]


def ink_pixels(image: QImage) -> int:
    """Pixels clearly darker than the paper."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return sum(
        1
        for y in range(grey.height())
        for x in range(grey.width())
        if QColor(grey.pixel(x, y)).value() < 128
    )


def test_an_untouched_pad_is_empty_and_has_no_picture(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    assert pad.is_empty()
    assert pad.to_png() is None


def test_mouse_writing_gives_a_png_with_black_ink_on_white(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    with qtbot.waitSignal(pad.changed):
        drag(pad, zigzag(100, 90))
    assert not pad.is_empty()
    data = pad.to_png()
    assert data is not None and data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(data)
    assert not image.isNull()
    assert ink_pixels(image) > 50
    corner = QColor(image.pixel(0, 0))
    assert corner.value() == 255  # white paper around the writing
    darkest = min(
        QColor(image.pixel(x, y)).value()
        for y in range(image.height())
        for x in range(image.width())
    )
    assert darkest < 40  # black ink, not the grey of the screen


def test_the_picture_is_cropped_to_the_writing_at_one_fixed_scale(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    drag(pad, zigzag(100, 90))  # 88 px wide, 24 px tall
    image = QImage.fromData(pad.to_png() or b"")
    assert image.width() < 640 * PNG_SCALE / 2  # not the whole pad
    assert image.height() <= PNG_MAX_HEIGHT
    small = image.size()
    drag(pad, zigzag(300, 90))  # the same shape further right: the picture only gets wider
    wider = QImage.fromData(pad.to_png() or b"")
    assert wider.height() == small.height()
    assert wider.width() > small.width() + 150


def test_writing_over_the_whole_pad_stays_within_the_height_limit(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot, width=900)
    drag(pad, [(0, 0), (450, PAD_HEIGHT + 200), (899, -50)])  # and beyond the edges
    image = QImage.fromData(pad.to_png() or b"")
    assert 0 < image.height() <= PNG_MAX_HEIGHT


def test_undo_takes_away_the_last_stroke_and_clear_takes_all(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    drag(pad, zigzag(60, 90))
    drag(pad, zigzag(300, 90))
    assert pad.stroke_count() == 2
    both = QImage.fromData(pad.to_png() or b"")
    with qtbot.waitSignal(pad.changed):
        pad.undo()
    assert pad.stroke_count() == 1
    assert QImage.fromData(pad.to_png() or b"").width() < both.width()
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.to_png() is None


def test_a_finger_writes_through_touch_events(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    assert pad.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(50, 60)).commit()
    for x in range(60, 200, 20):
        QTest.touchEvent(pad, finger).move(0, QPoint(x, 60 + x // 4)).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(200, 110)).commit()
    assert pad.stroke_count() == 1
    assert ink_pixels(QImage.fromData(pad.to_png() or b"")) > 50


def _pen(pad: HandwritingPad, kind: QEvent.Type, x: float, pressure: float) -> bool:
    stylus = QPointingDevice(
        "test pen",
        7,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )
    where = QPointF(x, 90)
    event = QTabletEvent(kind, stylus, where, where, pressure, 0, 0, 0, 0, 0, NONE, LEFT, LEFT)
    QApplication.sendEvent(pad, event)
    return event.isAccepted()


def _pen_line(pad: HandwritingPad, x0: float, pressure: float) -> None:
    assert _pen(pad, QEvent.Type.TabletPress, x0, pressure)
    for step in range(1, 12):
        _pen(pad, QEvent.Type.TabletMove, x0 + 10 * step, pressure)
    _pen(pad, QEvent.Type.TabletRelease, x0 + 110, 0)


def test_a_pen_writes_and_pressing_harder_makes_bolder_ink(qtbot: QtBot) -> None:
    light_pad, firm_pad = shown_pad(qtbot), shown_pad(qtbot)
    _pen_line(light_pad, 100, 0.1)
    _pen_line(firm_pad, 100, 1.0)
    assert light_pad.stroke_count() == firm_pad.stroke_count() == 1
    light = ink_pixels(QImage.fromData(light_pad.to_png() or b""))
    firm = ink_pixels(QImage.fromData(firm_pad.to_png() or b""))
    assert 0 < light < firm


def test_the_pad_says_what_it_is_and_keyboard_users_pass_by(qtbot: QtBot) -> None:
    pad = shown_pad(qtbot)
    assert pad.accessibleName() == "Writing pad"
    assert "write the sentence shown above" in pad.accessibleDescription()
    assert pad.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert pad.height() == PAD_HEIGHT


def test_the_strip_shows_every_sample_at_the_same_scale(qtbot: QtBot) -> None:
    pads = [shown_pad(qtbot) for _ in range(2)]
    drag(pads[0], zigzag(100, 90, count=12))
    drag(pads[1], zigzag(100, 90, count=30))  # the same letters, a longer line
    samples = [StripSample(f"day {i}", p.to_png() or b"") for i, p in enumerate(pads)]
    strip = HandwritingStrip()
    qtbot.addWidget(strip)
    strip.resize(800, 400)
    strip.set_samples(samples)
    strip.show()
    images = [QImage.fromData(s.png) for s in samples]
    shown = [tile.picture.pixmap() for tile in strip.tiles]
    ratios = [p.width() / i.width() for p, i in zip(shown, images, strict=True)]
    assert abs(ratios[0] - ratios[1]) < 0.02
    assert shown[0].height() == shown[1].height()  # same height letters stay the same height


def test_a_picture_that_does_not_decode_says_so(qtbot: QtBot) -> None:
    strip = HandwritingStrip()
    qtbot.addWidget(strip)
    strip.set_samples([StripSample("Tue 3 Nov", b"not a png")])
    assert strip.tiles[0].picture.text() == "This writing could not be shown."
    assert strip.empty_label.isHidden()
