"""A blinatumomab week as a family logs it: pump events, neuro checks with writing, medicines.

Everything goes through the real services (the rules judge each save). The writing samples are
drawn with QPainter in a script font, on a transparent pad as a drawing pad would save them;
a "shaky" day perturbs the strokes so a change is visible side by side.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from caretrack.domain.model import Child, EntryContent, NeuroCheck, PumpEvent
from caretrack.domain.neuro_check import SENTENCE
from caretrack.domain.temperature import Temperature
from caretrack.services import Services
from caretrack.services.demo import ALL_CONFIRMATIONS
from tests.conftest import NEW_YORK

SCRIPT_FAMILIES = ("Z003", "URW Chancery L", "DejaVu Serif")
ASKED = ("writing", "speech", "understanding", "balance", "alertness", "behaviour", "recognition")


def handwriting_png(
    text: str = SENTENCE, shaky: float = 0.0, seed: int = 1, size: tuple[int, int] = (720, 170)
) -> bytes:
    """The sentence as a child might write it on the pad; `shaky` (0 to 1) wobbles the strokes."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(SCRIPT_FAMILIES[0])
    font.setFamilies(list(SCRIPT_FAMILIES))
    font.setPixelSize(int(height * 0.30 * (1 + shaky * 0.25)))
    words = text.split()
    half = (len(words) + 1) // 2
    path = QPainterPath()
    for row, line in enumerate((" ".join(words[:half]), " ".join(words[half:]))):
        path.addText(QPointF(18, height * (0.42 + row * 0.40)), font, line)
    if shaky:
        rng = random.Random(seed)
        wobble = QPainterPath()
        for poly in path.toSubpathPolygons():
            points = [
                QPointF(p.x() + rng.gauss(0, 2.2 * shaky), p.y() + rng.gauss(0, 3.0 * shaky))
                for p in (poly.at(i) for i in range(poly.size()))
            ]
            if points:
                wobble.moveTo(points[0])
                for p in points[1:]:
                    wobble.lineTo(p)
        path = wobble
    painter.setPen(QPen(QColor("#1d2a6b"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), NEW_YORK)


def uid() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class PumpWeek:
    """What `pump_week` logged, for the assertions."""

    child: Child
    start: date  # the period's first day
    end: date


def pump_week(
    services: Services, first: date, checks: int = 5, ongoing_stop: bool = True
) -> PumpWeek:
    """Maya on blinatumomab: a week with bag changes, an alarm, a 4 h 10 min stop, a stop still
    running at the end (when asked), `checks` neuro checks with writing and three medicines."""
    maya = services.household.add_child(
        "Maya",
        date(2018, 5, 1),
        Decimal("21.5"),
        "blinatumomab",
        first - timedelta(days=9),
        cycle=1,
    )
    services.therapy.set_course_plan(maya.id, 9, None, None, [])
    end = first + timedelta(days=6)
    therapy = services.therapy
    for n, day in enumerate((first, first + timedelta(days=2), first + timedelta(days=4))):
        therapy.log_pump_event(maya.id, uid(), PumpEvent.BAG_CHANGE, at(day, 9, 5 * n), "Mum", 48)
    therapy.log_pump_event(
        maya.id,
        uid(),
        PumpEvent.ALARM,
        at(first + timedelta(days=3), 2, 30),
        "Dad",
        note="Occlusion alarm, cleared when the line was straightened",
        confirmed=ALL_CONFIRMATIONS,
    )
    stop_day = first + timedelta(days=5)
    therapy.log_pump_event(
        maya.id, uid(), PumpEvent.STOPPED, at(stop_day, 9, 10), "Mum", confirmed=ALL_CONFIRMATIONS
    )
    therapy.log_pump_event(
        maya.id,
        uid(),
        PumpEvent.RESTARTED,
        at(stop_day, 13, 20),
        "Nurse Ana",
        note="Restarted at the day unit",
        confirmed=ALL_CONFIRMATIONS,
    )
    if ongoing_stop:
        therapy.log_pump_event(
            maya.id, uid(), PumpEvent.STOPPED, at(end, 17, 40), "Dad", confirmed=ALL_CONFIRMATIONS
        )
    for i in range(checks):
        day = end - timedelta(days=checks - 1 - i)
        changed = ("writing", "balance") if i == checks - 2 else ()
        check = NeuroCheck(
            asked=ASKED,
            changed=changed,
            unsure=("balance",) if changed else (),
            sentence=SENTENCE,
            handwriting_png=handwriting_png(shaky=0.9 if changed else 0.0, seed=i),
        )
        therapy.save_neuro_check(
            maya.id, uid(), check, at(day, 18, 30), "Mum", confirmed=ALL_CONFIRMATIONS
        )
    for day in (first + timedelta(days=d) for d in range(7)):
        for hour in (8, 20):
            if at(day, hour) <= services.clock.now():
                services.entries.save_new(
                    maya.id,
                    uid(),
                    _checkin(day, hour, high=(day == first + timedelta(days=3) and hour == 8)),
                    ALL_CONFIRMATIONS,
                )
    meds = services.medicines
    ondansetron = meds.add(maya.id, "Ondansetron", "4 mg", "Every 8 hours if she feels sick")
    cotrim = meds.add(
        maya.id,
        "Co-trimoxazole",
        "240 mg",
        "Twice a day on Mondays and Tuesdays, with food",
        (time(8, 0), time(20, 0)),
    )
    meds.add(maya.id, "Paracetamol", "240 mg", "Only if the care team says so")
    for day, hour, who in (
        (first, 8, "Mum"),
        (first, 20, "Dad"),
        (first + timedelta(days=1), 8, "Mum"),
    ):
        meds.give(cotrim.id, uid(), at(day, hour, 5), who, ALL_CONFIRMATIONS)
    meds.give(ondansetron.id, uid(), at(first + timedelta(days=3), 7, 40), "Dad", ALL_CONFIRMATIONS)
    return PumpWeek(services.household.child(maya.id), first, end)


def _checkin(day: date, hour: int, high: bool) -> EntryContent:
    value = 38.4 if high else 36.8 + (hour % 3) / 10
    return EntryContent(
        observed_at=at(day, hour),
        logged_by="Mum" if hour < 12 else "Dad",
        temperature=Temperature.of(value, "C", "oral"),
    )
