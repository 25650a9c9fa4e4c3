"""A believable demo household, made through the same services a parent uses."""

from __future__ import annotations

import math
import random
import struct
import uuid
import zlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from caretrack.domain.flags import Tier
from caretrack.domain.model import (
    CareTeam,
    EntryContent,
    MedicineGiven,
    NeuroCheck,
    PumpEvent,
    ReminderKind,
    ReminderPlan,
    SymptomReport,
)
from caretrack.domain.neuro_check import questions_for
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services

ALL_CONFIRMATIONS = ("unusual_temperature", "long_ago")


def make_demo_household(services: Services, seed: int = 7) -> str:
    """Two children, several weeks of twice-daily check-ins; returns a one-line description."""
    rng = random.Random(seed)
    now = services.clock.now()
    today = now.date()
    services.household.set_care_team(
        CareTeam(
            name="Riverside Children's Hospital, oncology",
            phone_24h="555-0100",
            phone_clinic="555-0101",
            phone_emergency="911",
        )
    )
    maya = services.household.add_child(
        "Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", today - timedelta(days=20), 1
    )
    leo = services.household.add_child(
        "Leo", date(2014, 9, 14), Decimal("31.0"), "tisagenlecleucel", today - timedelta(days=18)
    )
    count = 0
    for child_id, days, fever_days in ((maya.id, 20, {6, 7}), (leo.id, 18, {2, 3})):
        start = today - timedelta(days=days)
        for d in range(days + 1):
            day = start + timedelta(days=d)
            for hour, by in ((8, "Mum"), (20, "Dad")):
                at = datetime.combine(day, time(hour, rng.randrange(0, 50)), now.tzinfo)
                if at > now:
                    continue
                services.entries.save_new(
                    child_id,
                    str(uuid.uuid4()),
                    _demo_content(rng, at, by, d in fever_days, child_id == maya.id),
                    ALL_CONFIRMATIONS,
                )
                count += 1
    count += _demo_therapy_care(services, rng, maya.id, leo.id, now)
    flags = [f for f in services.flags.open_flags() if f.flag.tier.rank >= Tier.REPORT_NOW.rank]
    # The family called about every past warning; the demo shows those calls in the log.
    for f in flags:
        at = f.flag.observed_at or now
        services.flags.record_call(
            [f.id],
            at + timedelta(minutes=10),
            "Mum",
            "Nurse on call",
            "Come in for blood tests and antibiotics.",
        )
    services.visits.add_question(maya.id, "Can Maya go back to school after this cycle?")
    services.visits.add_question(maya.id, "Can we visit her grandparents during the break?")
    services.visits.add_question(leo.id, "When can Leo swim again?")
    return (
        f"Demo household: Maya (blinatumomab, cycle 1, with a pump log) and Leo "
        f"(tisagenlecleucel, CAR T, with daily neuro checks), {count} entries over the last "
        f"21 days, {len(flags)} warnings with the calls recorded."
    )


def _demo_therapy_care(
    services: Services, rng: random.Random, maya: int, leo: int, now: datetime
) -> int:
    """Maya's pump log and medicines, Leo's daily checks, and both families' reminders."""
    count = 0

    def save(child_id: int, content: EntryContent) -> None:
        nonlocal count
        services.entries.save_new(child_id, str(uuid.uuid4()), content, ALL_CONFIRMATIONS)
        count += 1

    services.therapy.set_course_plan(maya, 9, None, None, [])
    start = now.date() - timedelta(days=20)
    for d in range(9, 21, 2):  # home from day 10: a 48-hour bag every other day
        at = datetime.combine(start + timedelta(days=d), time(14, rng.randrange(0, 20)), now.tzinfo)
        if at < now:
            save(maya, EntryContent(at, "Mum", pump_event=PumpEvent.BAG_CHANGE, pump_bag_hours=48))
    alarm = datetime.combine(start + timedelta(days=13), time(3, 12), now.tzinfo)
    save(maya, EntryContent(alarm, "Dad", note="Beeping, would not stop.",
                            pump_event=PumpEvent.ALARM))  # fmt: skip
    save(maya, EntryContent(alarm + timedelta(minutes=5), "Dad", pump_event=PumpEvent.STOPPED))
    save(maya, EntryContent(alarm + timedelta(minutes=55), "Dad", note="Nurse came and fixed it.",
                            pump_event=PumpEvent.RESTARTED))  # fmt: skip
    services.medicines.add(maya, "Ondansetron", "4 mg", "Up to 3 times a day if she feels sick",
                           [time(8, 0)])  # fmt: skip
    services.medicines.add(maya, "Co-trimoxazole", "240 mg", "Twice a day on Saturdays and Sundays")
    twice = (time(8, 0), time(20, 0))
    plans = [
        ReminderPlan(maya, ReminderKind.TEMPERATURE, True, twice),
        ReminderPlan(maya, ReminderKind.BAG_CHANGE, True),
        ReminderPlan(maya, ReminderKind.MEDICINE, True),
    ]

    asked = tuple(q.domain for q in questions_for(12))
    leo_start = now.date() - timedelta(days=18)
    for d in range(1, 19):
        at = datetime.combine(leo_start + timedelta(days=d), time(9, rng.randrange(0, 30)),
                              now.tzinfo)  # fmt: skip
        if at > now:
            continue
        changed = ("writing", "speech") if d == 6 else ()
        check = NeuroCheck(asked, changed, (), "The sun is shining and the birds are singing.",
                           _scribble_png(rng, wobble=3.0 if d == 6 else 1.0))  # fmt: skip
        save(leo, EntryContent(at, "Mum", neuro_check=check))
    plans += [
        ReminderPlan(leo, ReminderKind.NEURO_CHECK, True, (time(9, 0),)),
        ReminderPlan(leo, ReminderKind.TEMPERATURE, True, twice),
    ]
    for plan in plans:
        services.reminders.set_plan(plan)
    return count


def _scribble_png(rng: random.Random, wobble: float, width: int = 360, height: int = 60) -> bytes:
    """A grey-scale PNG of a joined-up 'sentence' for the demo; more wobble looks worse."""
    ink = bytearray([255] * (width * height))
    x, phase = 8.0, rng.random() * 6
    while x < width - 8:
        y = height / 2 + 12 * math.sin(x / 5 + phase) * (0.6 + 0.4 * math.sin(x / 23))
        y += rng.uniform(-wobble, wobble) * 2
        for dx in (0, 1):
            for dy in (-1, 0, 1):
                px, py = int(x) + dx, int(y) + dy
                if 0 <= px < width and 0 <= py < height:
                    ink[py * width + px] = 20
        x += 0.5 if int(x) % 60 else 9  # gaps between "words"
    raw = b"".join(b"\x00" + bytes(ink[r * width : (r + 1) * width]) for r in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _demo_content(
    rng: random.Random, at: datetime, by: str, fever: bool, mild_symptoms: bool
) -> EntryContent:
    tenths = rng.randrange(383, 392) if fever else rng.randrange(364, 376)
    symptoms: list[SymptomReport] = []
    medicines: list[MedicineGiven] = []
    note = ""
    if fever:
        symptoms.append(SymptomReport("chills", 2))
        note = "Felt hot and shivery. Called the team."
    elif mild_symptoms and rng.random() < 0.12:
        symptoms.append(SymptomReport("poor_appetite", 1))
        note = "Ate half of dinner."
    if at.hour == 8 and rng.random() < 0.5:
        medicines.append(MedicineGiven("Ondansetron", "4 mg", at - timedelta(minutes=10)))
    return EntryContent(
        observed_at=at,
        logged_by=by,
        temperature=Temperature(tenths, Unit.C, rng.choice([Route.ORAL, Route.AXILLARY])),
        symptoms=tuple(symptoms),
        medicines=tuple(medicines),
        note=note,
    )
