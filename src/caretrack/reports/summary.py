"""The clinic-visit summary as plain data, so it can be tested without Qt and drawn by any painter.

Page 1 is what a nurse reads in 30 seconds (who, which therapy day, warnings and calls,
temperatures against the fever line, symptoms, medicines, the family's questions), with the
therapy's own parts (the course plan, the pump log, the daily neuro checks and the medicine list);
the day-by-day log follows. Nothing here is worded for display: the renderer turns it into
sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from caretrack.domain.calendar import NEURO_WINDOW_ID, WindowSpan
from caretrack.domain.catalogue import Therapy, WatchWindow
from caretrack.domain.flags import StoredFlag
from caretrack.domain.model import (
    CareTeam,
    Entry,
    MedicinePlan,
    NeuroCheck,
    PumpEvent,
    Question,
    TherapyCourse,
)
from caretrack.domain.schedule import TherapyDay
from caretrack.domain.temperature import Temperature

# The watch window in which the daily neuro check is asked for (data/therapies.toml).


class PeriodBasis(StrEnum):
    """Why the summary covers these days; the printout says so."""

    SINCE_VISIT = "since_visit"
    LAST_DAYS = "last_days"
    CHOSEN = "chosen"


@dataclass(frozen=True)
class Period:
    """Whole local days, both ends included."""

    start: date
    end: date
    basis: PeriodBasis = PeriodBasis.CHOSEN

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    @property
    def day_count(self) -> int:
        return (self.end - self.start).days + 1

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.day_count)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class ChildFacts:
    name: str
    birth_date: date
    age_years: int  # on the last day of the period
    weight_kg: Decimal | None
    therapy: Therapy | None  # None if the course names a therapy the catalogue no longer has
    course: TherapyCourse | None
    therapy_day: TherapyDay | None  # on the last day of the period


@dataclass(frozen=True)
class SummaryFlag:
    stored: StoredFlag
    before_period: bool = False  # raised earlier but still waiting for a call: shown too


@dataclass(frozen=True)
class Reading:
    """One temperature, for the chart and the table; kept in the unit the parent used."""

    at: datetime  # aware, in the family's zone
    temperature: Temperature
    entry_id: int
    at_or_above_line: bool  # judged exactly against the fever line, never from the rounded value


@dataclass(frozen=True)
class SymptomTally:
    symptom_id: str
    worst: int | None  # highest severity logged; None when only ever "present"
    days: int  # on how many days of the period it was logged (at any severity above 0)
    first_day: date
    last_day: date
    warning: bool  # listed as a warning sign for this child's therapy


@dataclass(frozen=True)
class DoseGiven:
    """One logged dose: when it was given (or, without a time, when it was logged) and by whom."""

    at: datetime  # aware, in the family's zone
    dose: str
    by: str  # who logged the entry; "" when nobody said


@dataclass(frozen=True)
class MedicineTally:
    name: str
    doses: tuple[str, ...]  # the distinct dose texts, in the order first given
    times: int
    days: int
    given: tuple[DoseGiven, ...] = ()  # every dose of the period, oldest first


@dataclass(frozen=True)
class PumpLine:
    """One pump event of the period, as the family logged it."""

    at: datetime  # aware, in the family's zone
    event: PumpEvent
    bag_hours: int | None  # how long the new bag runs, with a bag change
    logged_by: str
    note: str
    entry_id: int


@dataclass(frozen=True)
class Interruption:
    """The pump stopped, from the logged stop to the logged restart (real elapsed time)."""

    stopped_at: datetime  # aware, in the family's zone; may be before the period
    restarted_at: datetime | None  # None: not restarted by the end of the period
    length: timedelta  # to the restart, or else to the period's end (or printing, if sooner)

    @property
    def ongoing(self) -> bool:
        return self.restarted_at is None


@dataclass(frozen=True)
class PumpLog:
    """The blinatumomab pump in the period: every event and every interruption."""

    events: tuple[PumpLine, ...]  # oldest first
    interruptions: tuple[Interruption, ...]  # oldest first; any that touch the period

    @property
    def bag_changes(self) -> int:
        return sum(1 for e in self.events if e.event is PumpEvent.BAG_CHANGE)


@dataclass(frozen=True)
class NeuroCheckLine:
    """One daily neuro check: the parent's answers and the writing, never a score."""

    at: datetime  # aware, in the family's zone
    therapy_day: TherapyDay | None
    check: NeuroCheck
    logged_by: str
    entry_id: int


@dataclass(frozen=True)
class WindowInPeriod:
    """A watch window that was open on some day of the period, with its dates."""

    window: WatchWindow
    spans: tuple[WindowSpan, ...]  # the window's stretches touching the period, oldest first

    @property
    def ends(self) -> date:
        return self.spans[-1].ends


@dataclass(frozen=True)
class CoursePlan:
    """The course's facts a nurse checks against: from the catalogue and the care team."""

    start: date  # Day 0 for CAR T; day 1 of the cycle or the first dose otherwise
    cycle: int | None
    infusion_days: int | None  # blinatumomab: 28 days of pump
    hospital_days: int | None  # days in hospital at the start of the cycle, as the team said
    break_days: int | None  # the break after the infusion (the team's, or the label's)
    next_cycle: date | None  # by the schedule; the team confirms
    dose_dates: tuple[date, ...]  # dose days (inotuzumab by the schedule, others by the team)
    windows: tuple[WindowInPeriod, ...]  # open on some day of the period

    @property
    def neuro_watch(self) -> bool:
        """The nervous-system watch (when the daily neuro check is asked for) touches the period."""
        return any(w.window.id == NEURO_WINDOW_ID for w in self.windows)

    @property
    def hospital_until(self) -> date | None:
        if not self.hospital_days:
            return None
        return self.start + timedelta(days=self.hospital_days - 1)

    @property
    def infusion_ends(self) -> date | None:
        if not self.infusion_days:
            return None
        return self.start + timedelta(days=self.infusion_days - 1)


@dataclass(frozen=True)
class DayLog:
    day: date
    therapy_day: TherapyDay | None
    entries: tuple[Entry, ...]  # oldest first; empty when nothing was logged that day


@dataclass(frozen=True)
class Summary:
    child: ChildFacts
    care_team: CareTeam
    period: Period
    printed_at: datetime  # aware
    rules_version: str
    fever_line_c_tenths: int  # the team's line, or the rules' default
    flags: tuple[SummaryFlag, ...]  # oldest first
    readings: tuple[Reading, ...]  # oldest first
    symptoms: tuple[SymptomTally, ...]  # warning signs first, then worst, then most days
    medicines: tuple[MedicineTally, ...]  # most often given first
    questions: tuple[Question, ...]  # open ones, oldest first
    days: tuple[DayLog, ...]  # every day of the period, oldest first
    plan: CoursePlan | None = None  # None without a known therapy
    pump: PumpLog | None = None  # pump therapies, or any pump event logged
    neuro_checks: tuple[NeuroCheckLine, ...] = ()  # oldest first
    medicine_list: tuple[MedicinePlan, ...] = ()  # on the list in the period, as the team gave it

    @property
    def entry_count(self) -> int:
        return sum(len(d.entries) for d in self.days)

    @property
    def is_empty(self) -> bool:
        """No entries and no warnings in the period: the printout says so in words."""
        return self.entry_count == 0 and not self.flags

    @property
    def open_flag_count(self) -> int:
        return sum(1 for f in self.flags if f.stored.is_open)
