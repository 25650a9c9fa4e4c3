"""The clinic-visit summary as plain data, so it can be tested without Qt and drawn by any painter.

Page 1 is what a nurse reads in 30 seconds (who, which therapy day, warnings and calls,
temperatures against the fever line, symptoms, medicines, the family's questions); the day-by-day
log follows. Nothing here is worded for display: the renderer turns it into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from caretrack.domain.catalogue import Therapy
from caretrack.domain.flags import StoredFlag
from caretrack.domain.model import CareTeam, Entry, Question, TherapyCourse
from caretrack.domain.schedule import TherapyDay
from caretrack.domain.temperature import Temperature


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
class MedicineTally:
    name: str
    doses: tuple[str, ...]  # the distinct dose texts, in the order first given
    times: int
    days: int


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
