"""A therapy's days laid out: the cycle calendar, dose days and the watch windows.

Pure date arithmetic on the family's local dates (a day is a calendar day, never 24 hours),
so a daylight-saving change cannot shift a day. The schedule facts come from the catalogue;
what only the care team knows (hospital days, a longer stay-near period, dose dates) comes
from the course.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from caretrack.domain.catalogue import ScheduleKind, Therapy, WatchWindow, WindowAnchor
from caretrack.domain.model import TherapyCourse

NEURO_WINDOW_ID = "nervous_system_watch"  # the window the daily neuro check belongs to
STAY_NEAR_WINDOW_ID = "stay_near"  # CAR T: stay near the centre, no driving


class DayKind(StrEnum):
    INFUSION = "infusion"  # blinatumomab running; CAR T day 0
    BREAK = "break"  # blinatumomab's treatment-free days
    DOSE = "dose"  # a dose day (inotuzumab, rituximab, gemtuzumab)
    AFTER = "after"  # a day after the infusion or between doses


@dataclass(frozen=True)
class CalendarDay:
    on: date
    kind: DayKind
    number: int  # "Day 12" of the cycle, or N of "Day +N" for CAR T
    in_hospital: bool = False
    step: str = ""  # the window ids active that day, e.g. "stay_near nervous_system_watch"


@dataclass(frozen=True)
class WindowSpan:
    """One watch window placed on dates for this course."""

    window: WatchWindow
    starts: date
    ends: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def dose_dates(therapy: Therapy, course: TherapyCourse) -> tuple[date, ...]:
    """The team's dates when given, else the schedule's dose days counted from the start."""
    if course.dose_dates:
        return tuple(sorted(set(course.dose_dates)))
    if therapy.schedule.dose_days:
        return tuple(course.start_date + timedelta(days=d - 1) for d in therapy.schedule.dose_days)
    if therapy.schedule.kind is ScheduleKind.TEAM_ENTERED:
        return (course.start_date,)  # the first dose is the course's start date
    return ()


def break_length(therapy: Therapy, course: TherapyCourse) -> int:
    return course.break_days or therapy.schedule.break_days or 0


def cycle_length(therapy: Therapy, course: TherapyCourse) -> int:
    """Days from one cycle's first day to the next cycle's first day."""
    sched = therapy.schedule
    if sched.kind is ScheduleKind.CONTINUOUS_CYCLES and sched.infusion_days:
        return sched.infusion_days + break_length(therapy, course)
    if sched.kind is ScheduleKind.DOSE_DAYS and sched.cycle_days:
        if (course.cycle or 1) > 1 and sched.later_cycle_days:
            return sched.later_cycle_days
        return sched.cycle_days
    return 0


def window_spans(therapy: Therapy, course: TherapyCourse) -> tuple[WindowSpan, ...]:
    """Every watch window on dates; per-dose windows once per dose."""
    doses = dose_dates(therapy, course)
    spans: list[WindowSpan] = []
    for w in therapy.windows:
        to_day = w.to_day
        if w.id == STAY_NEAR_WINDOW_ID and course.stay_near_days is not None:
            to_day = max(to_day, course.stay_near_days)  # the team may only make it longer
        if w.anchor is WindowAnchor.START:
            pairs = [(course.start_date, course.start_date)]
        elif w.anchor is WindowAnchor.EACH_DOSE:
            pairs = [(d, d) for d in doses or (course.start_date,)]
        else:  # from the first dose to `to_day` days after the last
            pairs = [(doses[0], doses[-1])] if doses else [(course.start_date,) * 2]
        for first, last in pairs:
            spans.append(
                WindowSpan(w, first + timedelta(days=w.from_day), last + timedelta(days=to_day))
            )
    return tuple(spans)


def active_windows(therapy: Therapy, course: TherapyCourse, day: date) -> tuple[WindowSpan, ...]:
    """Windows open on `day`, each once (the one ending last if per-dose windows overlap)."""
    best: dict[str, WindowSpan] = {}
    for span in window_spans(therapy, course):
        if span.contains(day):
            held = best.get(span.window.id)
            if held is None or span.ends > held.ends:
                best[span.window.id] = span
    return tuple(best.values())


def in_window(therapy: Therapy, course: TherapyCourse, window_id: str, day: date) -> bool:
    return any(s.window.id == window_id for s in active_windows(therapy, course, day))


def course_days(therapy: Therapy, course: TherapyCourse) -> tuple[CalendarDay, ...]:
    """The course's days from its start to the end of its cycle or its longest window."""
    sched = therapy.schedule
    start = course.start_date
    doses = set(dose_dates(therapy, course))
    spans = window_spans(therapy, course)
    if sched.kind is ScheduleKind.SINGLE_INFUSION:
        first, last = start, max((s.ends for s in spans), default=start + timedelta(days=28))
    else:
        length = cycle_length(therapy, course)
        ends = [start + timedelta(days=length - 1)] if length else []
        ends += [max(doses)] if doses else []
        first, last = start, max(ends, default=start)
    days: list[CalendarDay] = []
    on = first
    while on <= last:
        offset = (on - start).days
        steps = " ".join(sorted({s.window.id for s in spans if s.contains(on)}))
        days.append(_day(therapy, course, on, offset, doses, steps))
        on += timedelta(days=1)
    return tuple(days)


def _day(
    therapy: Therapy,
    course: TherapyCourse,
    on: date,
    offset: int,
    doses: set[date],
    steps: str,
) -> CalendarDay:
    sched = therapy.schedule
    if sched.kind is ScheduleKind.SINGLE_INFUSION:
        kind = DayKind.INFUSION if offset == 0 else DayKind.AFTER
        return CalendarDay(on, kind, offset, step=steps)
    number = offset + 1
    if sched.kind is ScheduleKind.CONTINUOUS_CYCLES and sched.infusion_days:
        if number <= sched.infusion_days:
            hospital = course.hospital_days is not None and number <= course.hospital_days
            return CalendarDay(on, DayKind.INFUSION, number, hospital, steps)
        return CalendarDay(on, DayKind.BREAK, number - sched.infusion_days, step=steps)
    kind = DayKind.DOSE if on in doses else DayKind.AFTER
    return CalendarDay(on, kind, number, step=steps)


def next_cycle_start(therapy: Therapy, course: TherapyCourse) -> date | None:
    """When the next cycle would start by the schedule; the team confirms the real date."""
    length = cycle_length(therapy, course)
    return course.start_date + timedelta(days=length) if length else None
