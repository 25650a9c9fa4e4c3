"""A believable demo household, made through the same services a parent uses."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from caretrack.domain.flags import Tier
from caretrack.domain.model import CareTeam, EntryContent, MedicineGiven, SymptomReport
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
        f"Demo household: Maya (blinatumomab, cycle 1) and Leo (tisagenlecleucel, CAR T), "
        f"{count} check-ins over the last 21 days, "
        f"{len(flags)} warnings with the calls recorded."
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
