"""The household's data as plain immutable objects: what the services hand to the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
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
    hospital_days: int | None = None  # blinatumomab: days in hospital at the cycle's start
    stay_near_days: int | None = None  # CAR T: the team's stay-near/no-driving days, if longer
    dose_dates: tuple[date, ...] = ()  # dose days as the team gave them (rituximab, gemtuzumab)


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


BAG_HOURS_7_DAYS = 168


@dataclass(frozen=True)
class NeuroCheck:
    """The daily nervous-system check: what looked different from usual, and a writing sample.

    Only the parent's answers are kept; no score is ever computed from them (clinical.md §6.3).
    """

    asked: tuple[str, ...]  # the domains the check asked about, in order
    changed: tuple[str, ...] = ()  # the domains answered "different" or "not sure"
    unsure: tuple[str, ...] = ()  # of `changed`, those answered "not sure"
    sentence: str = ""  # the sentence the child was asked to write
    handwriting_png: bytes | None = None  # what the child wrote, as a PNG image

    @property
    def all_usual(self) -> bool:
        return not self.changed


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
    pump_bag_hours: int | None = None  # with a bag change: how long the new bag runs
    neuro_check: NeuroCheck | None = None

    def is_empty(self) -> bool:
        return (
            self.pump_event is None
            and self.neuro_check is None
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


@dataclass(frozen=True)
class MedicinePlan:
    """A medicine on the child's list, as the care team gave it; stopped, never deleted."""

    id: int
    child_id: int
    name: str
    dose: str = ""
    schedule: str = ""  # the team's words: "twice a day with food", "only if told to"
    times: tuple[time, ...] = ()  # local times to remind at; empty for "when needed"
    stopped_on: date | None = None

    @property
    def active(self) -> bool:
        return self.stopped_on is None


class ReminderKind(StrEnum):
    TEMPERATURE = "temperature"
    NEURO_CHECK = "neuro_check"
    BAG_CHANGE = "bag_change"
    MEDICINE = "medicine"


@dataclass(frozen=True)
class ReminderPlan:
    """When the family wants to be reminded of one kind of task, for one child."""

    child_id: int
    kind: ReminderKind
    enabled: bool = True
    times: tuple[time, ...] = ()  # local times of day (temperature, neuro check)
