"""A child's therapy as the family lives it: the calendar, the pump log and the neuro checks.

Pump events and neuro checks are saved as ordinary entries through EntryService, so the
rules judge them like any other check-in and nothing bypasses the flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from caretrack.domain.calendar import (
    NEURO_WINDOW_ID,
    STAY_NEAR_WINDOW_ID,
    CalendarDay,
    WindowSpan,
    active_windows,
    course_days,
    in_window,
    next_cycle_start,
    window_spans,
)
from caretrack.domain.catalogue import Catalogue, ScheduleKind, Therapy
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import Child, Entry, EntryContent, NeuroCheck, PumpEvent, TherapyCourse
from caretrack.domain.pump import BAG_HOURS, PumpStatus, pump_status
from caretrack.domain.validation import Level, Problem
from caretrack.services.clock import Clock
from caretrack.services.entries import EntryService, SaveResult
from caretrack.services.errors import NotFound, ValidationFailed
from caretrack.storage import repository as repo
from caretrack.storage.database import Database

PUMP_LOOKBACK = timedelta(days=60)  # a bag runs 7 days at most; a cycle is 28
HANDWRITING_LIMIT = 2_000_000  # bytes of PNG; a drawn sentence is far smaller


@dataclass(frozen=True)
class TherapyPlan:
    """Everything the Therapy page shows for one child, read in one transaction."""

    child: Child
    therapy: Therapy
    course: TherapyCourse
    days: tuple[CalendarDay, ...]
    windows: tuple[WindowSpan, ...]  # every window on dates
    active: tuple[WindowSpan, ...]  # those open today
    next_cycle: date | None
    pump: PumpStatus | None  # only for pump therapies
    today: date


@dataclass(frozen=True)
class HandwritingSample:
    observed_at: datetime
    sentence: str
    png: bytes


def _problem(field: str, code: str, message: str, **params: str) -> Problem:
    return Problem(field, Level.ERROR, code, message, params)


class TherapyService:
    def __init__(
        self, db: Database, catalogue: Catalogue, clock: Clock, entries: EntryService
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock
        self._entries = entries

    def _course(self, child: Child) -> tuple[Therapy, TherapyCourse]:
        course = child.current_course
        if course is None:
            raise NotFound(f"child {child.id} has no therapy course")
        therapy = self._catalogue.therapy(course.therapy_id)
        if therapy is None:
            raise NotFound(f"unknown therapy {course.therapy_id}")
        return therapy, course

    def plan(self, child_id: int, today: date | None = None) -> TherapyPlan:
        today = today or self._clock.now().date()
        with self._db.unit_of_work() as s:
            child = repo.child(s, child_id)
            if child is None:
                raise NotFound(f"no child with id {child_id}")
            therapy, course = self._course(child)
            pump = None
            if therapy.schedule.bag_hours:
                since = self._clock.now() - PUMP_LOOKBACK
                pump = pump_status(e.content for e in repo.entries(s, child_id, since=since))
        return TherapyPlan(
            child=child,
            therapy=therapy,
            course=course,
            days=course_days(therapy, course),
            windows=window_spans(therapy, course),
            active=active_windows(therapy, course, today),
            next_cycle=next_cycle_start(therapy, course),
            pump=pump,
            today=today,
        )

    def neuro_check_due(self, child: Child, day: date) -> bool:
        """The daily check is asked for while the nervous-system watch window is open."""
        course = child.current_course
        therapy = None if course is None else self._catalogue.therapy(course.therapy_id)
        if course is None or therapy is None:
            return False
        return in_window(therapy, course, NEURO_WINDOW_ID, day)

    def set_course_plan(
        self,
        child_id: int,
        hospital_days: int | None,
        stay_near_days: int | None,
        break_days: int | None,
        dose_dates: Sequence[date],
    ) -> None:
        """What the care team told the family; only what the therapy uses is kept."""
        with self._db.unit_of_work() as s:
            child = repo.child(s, child_id)
            if child is None:
                raise NotFound(f"no child with id {child_id}")
            therapy, course = self._course(child)
            problems = _check_plan(therapy, course, hospital_days, stay_near_days, break_days,
                                   dose_dates)  # fmt: skip
            if problems:
                raise ValidationFailed(problems)
            sched = therapy.schedule.kind
            repo.update_course_plan(
                s,
                course.id,
                hospital_days if sched is ScheduleKind.CONTINUOUS_CYCLES else None,
                stay_near_days if therapy.window(STAY_NEAR_WINDOW_ID) is not None else None,
                break_days if sched is ScheduleKind.CONTINUOUS_CYCLES else course.break_days,
                dose_dates if sched in (ScheduleKind.TEAM_ENTERED, ScheduleKind.DOSE_DAYS) else (),
            )

    def start_next_cycle(self, child_id: int, start: date, break_days: int | None = None) -> None:
        """A new cycle is a new course: the earlier cycle's days stay as they were."""
        with self._db.unit_of_work() as s:
            child = repo.child(s, child_id)
            if child is None:
                raise NotFound(f"no child with id {child_id}")
            _, course = self._course(child)
            if start <= course.start_date:
                raise ValidationFailed(
                    [
                        _problem(
                            "cycle_start",
                            "before_current",
                            QT_TRANSLATE_NOOP(
                                "validation", "The next cycle must start after {date}."
                            ),
                            date=course.start_date.isoformat(),
                        )
                    ]
                )
            repo.add_course(
                s,
                self._clock.now(),
                child_id,
                course.therapy_id,
                start,
                (course.cycle or 1) + 1,
                break_days,
            )

    def log_pump_event(
        self,
        child_id: int,
        uid: str,
        event: PumpEvent,
        at: datetime,
        logged_by: str = "",
        bag_hours: int | None = None,
        note: str = "",
        confirmed: Sequence[str] = (),
    ) -> SaveResult:
        if event is PumpEvent.BAG_CHANGE and bag_hours not in BAG_HOURS:
            raise ValidationFailed(
                [
                    _problem(
                        "bag_hours",
                        "bag_hours",
                        QT_TRANSLATE_NOOP("validation", "Choose how long the new bag runs."),
                    )
                ]
            )
        content = EntryContent(
            observed_at=at,
            logged_by=logged_by,
            note=note,
            pump_event=event,
            pump_bag_hours=bag_hours if event is PumpEvent.BAG_CHANGE else None,
        )
        return self._entries.save_new(child_id, uid, content, confirmed)

    def save_neuro_check(
        self,
        child_id: int,
        uid: str,
        check: NeuroCheck,
        at: datetime,
        logged_by: str = "",
        note: str = "",
        confirmed: Sequence[str] = (),
    ) -> SaveResult:
        if check.handwriting_png is not None and len(check.handwriting_png) > HANDWRITING_LIMIT:
            raise ValidationFailed(
                [
                    _problem(
                        "handwriting",
                        "too_big",
                        QT_TRANSLATE_NOOP(
                            "validation", "The writing picture is too big. Clear it and try again."
                        ),
                    )
                ]
            )
        content = EntryContent(observed_at=at, logged_by=logged_by, note=note, neuro_check=check)
        return self._entries.save_new(child_id, uid, content, confirmed)

    def neuro_checks(self, child_id: int, limit: int = 14) -> list[Entry]:
        """The newest checks first, for showing today's writing beside earlier days'."""
        found: list[Entry] = []
        with self._db.unit_of_work() as s:
            for e in repo.entries(s, child_id, limit=500):
                if e.content.neuro_check is not None:
                    found.append(e)
                    if len(found) >= limit:
                        break
        return found

    def handwriting_samples(self, child_id: int, limit: int = 6) -> list[HandwritingSample]:
        out = []
        for e in self.neuro_checks(child_id, limit=50):
            check = e.content.neuro_check
            if check is not None and check.handwriting_png:
                out.append(HandwritingSample(e.content.observed_at, check.sentence,
                                             check.handwriting_png))  # fmt: skip
                if len(out) >= limit:
                    break
        return out


def _check_plan(
    therapy: Therapy,
    course: TherapyCourse,
    hospital_days: int | None,
    stay_near_days: int | None,
    break_days: int | None,
    dose_dates: Sequence[date],
) -> list[Problem]:
    problems = []
    infusion = therapy.schedule.infusion_days or 0
    if hospital_days is not None and not 0 <= hospital_days <= max(infusion, 0):
        problems.append(
            _problem(
                "hospital_days",
                "range",
                QT_TRANSLATE_NOOP("validation", "Days in hospital must be 0 to {most}."),
                most=str(infusion),
            )
        )
    window = therapy.window(STAY_NEAR_WINDOW_ID)
    if (
        stay_near_days is not None
        and window is not None
        and not (window.to_day <= stay_near_days <= 365)
    ):
        problems.append(
            _problem(
                "stay_near_days",
                "range",
                QT_TRANSLATE_NOOP(
                    "validation",
                    "The care team can make this longer, not shorter: {least} to 365 days.",
                ),
                least=str(window.to_day),
            )
        )
    if break_days is not None and not 1 <= break_days <= 365:
        problems.append(
            _problem(
                "break_days",
                "range",
                QT_TRANSLATE_NOOP("validation", "The break must be 1 to 365 days."),
            )
        )
    for d in dose_dates:
        if abs((d - course.start_date).days) > 365:
            problems.append(
                _problem(
                    "dose_dates",
                    "far",
                    QT_TRANSLATE_NOOP(
                        "validation", "{date} is more than a year from the start of treatment."
                    ),
                    date=d.isoformat(),
                )
            )
    return problems
