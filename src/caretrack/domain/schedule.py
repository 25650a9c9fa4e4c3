"""Where a child is in their therapy on a given day ("Day 12 of 28, cycle 1", "Day +6")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from caretrack.domain.catalogue import ScheduleKind, Therapy
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import TherapyCourse

_CTX = "schedule"


class Phase(StrEnum):
    BEFORE = "before"
    INFUSION = "infusion"  # blinatumomab running, or CAR T days after infusion
    BREAK = "break"
    AFTER = "after"  # past the known schedule; the team sets the next start


@dataclass(frozen=True)
class TherapyDay:
    phase: Phase
    day: int  # the number shown: 12 for "Day 12 of 28", 6 for "Day +6"
    template: str  # translatable, with {day}, {of}, {cycle}, {date} placeholders
    params: dict[str, str]
    next_change: date | None = None  # end of infusion / break, next dose

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


def therapy_day(therapy: Therapy, course: TherapyCourse, today: date) -> TherapyDay:
    """Pure calendar arithmetic on local dates; the caller chooses `today` in the family's zone."""
    sched = therapy.schedule
    offset = (today - course.start_date).days
    cycle = str(course.cycle or 1)
    if sched.kind is ScheduleKind.SINGLE_INFUSION:
        if offset < 0:
            return TherapyDay(
                Phase.BEFORE,
                offset,
                QT_TRANSLATE_NOOP(_CTX, "Infusion day is {date}"),
                {"date": course.start_date.isoformat()},
                course.start_date,
            )
        if offset == 0:
            return TherapyDay(Phase.INFUSION, 0, QT_TRANSLATE_NOOP(_CTX, "Day 0: infusion day"), {})
        return TherapyDay(
            Phase.INFUSION, offset, QT_TRANSLATE_NOOP(_CTX, "Day +{day}"), {"day": str(offset)}
        )

    day = offset + 1
    if day < 1:
        return TherapyDay(
            Phase.BEFORE,
            day,
            QT_TRANSLATE_NOOP(_CTX, "Treatment starts on {date}"),
            {"date": course.start_date.isoformat()},
            course.start_date,
        )
    if sched.kind is ScheduleKind.CONTINUOUS_CYCLES and sched.infusion_days:
        on = sched.infusion_days
        if day <= on:
            return TherapyDay(
                Phase.INFUSION,
                day,
                QT_TRANSLATE_NOOP(_CTX, "Day {day} of {of}, cycle {cycle}"),
                {"day": str(day), "of": str(on), "cycle": cycle},
                course.start_date + timedelta(days=on),
            )
        rest = course.break_days or sched.break_days or 0
        into_break = day - on
        if into_break <= rest:
            return TherapyDay(
                Phase.BREAK,
                into_break,
                QT_TRANSLATE_NOOP(_CTX, "Break: day {day} of {of} after cycle {cycle}"),
                {"day": str(into_break), "of": str(rest), "cycle": cycle},
                course.start_date + timedelta(days=on + rest),
            )
        return TherapyDay(
            Phase.AFTER,
            into_break,
            QT_TRANSLATE_NOOP(_CTX, "{day} days since cycle {cycle} ended"),
            {"day": str(into_break), "cycle": cycle},
        )
    if sched.kind is ScheduleKind.DOSE_DAYS and sched.dose_days:
        upcoming = [d for d in sched.dose_days if d >= day]
        next_dose = course.start_date + timedelta(days=upcoming[0] - 1) if upcoming else None
        return TherapyDay(
            Phase.INFUSION,
            day,
            QT_TRANSLATE_NOOP(_CTX, "Day {day} of cycle {cycle}"),
            {"day": str(day), "cycle": cycle},
            next_dose,
        )
    return TherapyDay(
        Phase.INFUSION,
        day,
        QT_TRANSLATE_NOOP(_CTX, "Day {day} since the first dose"),
        {"day": str(day)},
    )
