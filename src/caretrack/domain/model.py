"""The household's data as plain immutable objects: what the services hand to the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from caretrack.domain.temperature import Temperature


@dataclass(frozen=True)
class CareTeam:
    """Numbers shown on every warning; entered by the family from the team's own sheet."""

    name: str = ""
    phone_24h: str = ""
    phone_clinic: str = ""
    phone_emergency: str = ""


@dataclass(frozen=True)
class TherapyCourse:
    id: int
    child_id: int
    therapy_id: str
    start_date: date  # Day 0 for CAR T; day 1 of the current cycle or first dose otherwise
    cycle: int | None = None
    break_days: int | None = None  # the team's break length, when it differs from the label


@dataclass(frozen=True)
class Child:
    id: int
    name: str
    birth_date: date
    weight_kg: Decimal | None
    courses: tuple[TherapyCourse, ...] = ()

    @property
    def current_course(self) -> TherapyCourse | None:
        return max(self.courses, key=lambda c: (c.start_date, c.id), default=None)

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass(frozen=True)
class SymptomReport:
    symptom_id: str
    severity: int | None = None  # 0-4; None means simply "present"


@dataclass(frozen=True)
class MedicineGiven:
    name: str
    dose: str = ""
    given_at: datetime | None = None  # aware


class PumpEvent(StrEnum):
    """Blinatumomab pump events as the contract names them (contracts/cli.md)."""

    BAG_CHANGE = "bag_change"
    ALARM = "alarm"
    STOPPED = "stopped"
    RESTARTED = "restarted"
    LINE_PROBLEM = "line_problem"


@dataclass(frozen=True)
class EntryContent:
    """Everything a parent typed for one check-in; an edit produces a new one."""

    observed_at: datetime  # aware; stored in UTC with the zone it was entered in
    logged_by: str = ""
    temperature: Temperature | None = None
    symptoms: tuple[SymptomReport, ...] = ()
    medicines: tuple[MedicineGiven, ...] = ()
    note: str = ""
    pump_event: PumpEvent | None = None  # logged from the therapy-specific pump log

    def is_empty(self) -> bool:
        return (
            self.pump_event is None
            and self.temperature is None
            and not self.symptoms
            and not self.medicines
            and not self.note.strip()
        )


@dataclass(frozen=True)
class EntryVersion:
    number: int  # 1 for the first save
    saved_at: datetime
    content: EntryContent


@dataclass(frozen=True)
class Entry:
    id: int
    uid: str  # idempotency key of the form that created it
    child_id: int
    version: int
    entered_at: datetime  # first save
    content: EntryContent
    history: tuple[EntryVersion, ...] = field(default=(), compare=False)

    @property
    def edited(self) -> bool:
        return self.version > 1


@dataclass(frozen=True)
class Question:
    """Something the family wants to ask at the next visit; printed on the summary."""

    id: int
    child_id: int
    text: str
    asked_at: datetime  # aware
    answered_at: datetime | None = None  # set when the parent ticks it off; never deleted

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


@dataclass(frozen=True)
class ClinicVisit:
    """A visit the family recorded; the summary's default period starts at the last one."""

    id: int
    child_id: int
    on: date
    recorded_at: datetime
