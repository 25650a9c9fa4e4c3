"""The summary's therapy-specific parts as data: course plan, pump log, neuro checks, medicine list.

Pure functions of what the data file holds, so the printout's numbers (an interruption's length,
the bag changes, the windows open in the period) are tested without Qt. Lengths are real
elapsed time (compared in UTC), as the pump rules count them, so a daylight-saving night
neither adds nor hides an hour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from caretrack.domain.calendar import break_length, dose_dates, next_cycle_start, window_spans
from caretrack.domain.catalogue import ScheduleKind, Therapy
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import Entry, MedicinePlan, NeuroCheck, PumpEvent, TherapyCourse
from caretrack.domain.schedule import TherapyDay
from caretrack.reports.summary import (
    CoursePlan,
    Interruption,
    NeuroCheckLine,
    Period,
    PumpLine,
    PumpLog,
    WindowInPeriod,
)

# How far before the period the summary looks for a stop that was still running when it began.
PUMP_LOOKBACK = timedelta(days=60)

_CTX = "summary"

# The neuro check's domains as short noun phrases for "different from usual: speech, balance".
# Plain words only: never a score, never the name of a scale.
DOMAIN_WORDS: dict[str, str] = {
    "speech": QT_TRANSLATE_NOOP(_CTX, "speech"),
    "writing": QT_TRANSLATE_NOOP(_CTX, "writing"),
    "balance": QT_TRANSLATE_NOOP(_CTX, "balance"),
    "alertness": QT_TRANSLATE_NOOP(_CTX, "alertness"),
    "behaviour": QT_TRANSLATE_NOOP(_CTX, "behaviour"),
    "recognition": QT_TRANSLATE_NOOP(_CTX, "knowing people and places"),
    "understanding": QT_TRANSLATE_NOOP(_CTX, "understanding"),
    "eye_contact": QT_TRANSLATE_NOOP(_CTX, "eye contact"),
    "purposeful": QT_TRANSLATE_NOOP(_CTX, "playing and reaching for things"),
    "awareness": QT_TRANSLATE_NOOP(_CTX, "noticing what is around them"),
    "communicating": QT_TRANSLATE_NOOP(_CTX, "showing what they want"),
    "restless": QT_TRANSLATE_NOOP(_CTX, "restlessness"),
    "inconsolable": QT_TRANSLATE_NOOP(_CTX, "being comforted"),
    "underactive": QT_TRANSLATE_NOOP(_CTX, "moving about"),
    "slow_response": QT_TRANSLATE_NOOP(_CTX, "how quickly they respond"),
}


def domain_words(domain: str) -> str:
    """The English words (the renderer translates them); an unknown domain still reads."""
    return DOMAIN_WORDS.get(domain, domain.replace("_", " "))


def answers(check: NeuroCheck) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(answered "different from usual", answered "not sure"), each in the order asked."""
    different = tuple(d for d in check.changed if d not in check.unsure)
    unsure = tuple(d for d in check.changed if d in check.unsure)
    return different, unsure


def period_moments(period: Period, zone: tzinfo) -> tuple[datetime, datetime]:
    """The period's first moment and the moment just after its last day, in the family's zone."""
    start = datetime.combine(period.start, time.min, zone)
    end = datetime.combine(period.end + timedelta(days=1), time.min, zone)
    return start, end


def _elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two moments; same-zone subtraction would use wall-clock time."""
    return max(end.astimezone(UTC) - start.astimezone(UTC), timedelta(0))


def pump_log(
    entries: Iterable[Entry],
    period: Period,
    zone: tzinfo,
    printed_at: datetime,
    pump_therapy: bool,
) -> PumpLog | None:
    """Every pump event of the period and every stop that touches it.

    `entries` may reach back before the period: a stop logged earlier and restarted inside it
    (or never) is an interruption of this period too. An interruption with no restart by the
    period's end is counted up to that end, or to the printing time if that comes first.
    None when the therapy has no pump and nothing was logged about one.
    """
    # Compared in UTC: moments sharing a zone object would be compared by wall-clock time.
    start, end = (m.astimezone(UTC) for m in period_moments(period, zone))
    events = sorted(
        (e for e in entries if e.content.pump_event is not None),
        key=lambda e: (e.content.observed_at.astimezone(UTC), e.id),
    )
    lines: list[PumpLine] = []
    interruptions: list[Interruption] = []
    stopped: datetime | None = None
    for e in events:
        c = e.content
        moment = c.observed_at.astimezone(UTC)
        if moment >= end:
            break
        at = moment.astimezone(zone)
        if moment >= start:
            assert c.pump_event is not None
            lines.append(PumpLine(at, c.pump_event, c.pump_bag_hours, c.logged_by, c.note, e.id))
        if c.pump_event is PumpEvent.STOPPED and stopped is None:
            stopped = at
        elif c.pump_event is PumpEvent.RESTARTED and stopped is not None:
            if moment >= start:
                interruptions.append(Interruption(stopped, at, _elapsed(stopped, at)))
            stopped = None
    if stopped is not None:
        until = min(end, printed_at.astimezone(UTC))
        interruptions.append(Interruption(stopped, None, _elapsed(stopped, until)))
    if not (pump_therapy or lines or interruptions):
        return None
    return PumpLog(tuple(lines), tuple(interruptions))


def neuro_check_lines(
    in_period: Sequence[Entry], zone: tzinfo, schedule_on: Callable[[date], TherapyDay | None]
) -> tuple[NeuroCheckLine, ...]:
    """The period's neuro checks, oldest first, each with its therapy day."""
    lines = []
    for e in in_period:
        check = e.content.neuro_check
        if check is None:
            continue
        at = e.content.observed_at.astimezone(zone)
        lines.append(NeuroCheckLine(at, schedule_on(at.date()), check, e.content.logged_by, e.id))
    lines.sort(key=lambda n: (n.at.astimezone(UTC), n.entry_id))
    return tuple(lines)


def medicine_list(
    plans: Iterable[MedicinePlan], child_id: int, period: Period
) -> tuple[MedicinePlan, ...]:
    """On the list during the period: still active, or stopped on or after its first day.

    Active ones first, in the order the family entered them; a medicine stopped before the
    period is no longer the nurse's business here.
    """
    kept = [
        p
        for p in plans
        if p.child_id == child_id and (p.stopped_on is None or p.stopped_on >= period.start)
    ]
    kept.sort(key=lambda p: (not p.active, p.id))
    return tuple(kept)


def course_plan(therapy: Therapy, course: TherapyCourse, period: Period) -> CoursePlan:
    """The schedule facts that matter at the visit, and the watch windows open in the period."""
    sched = therapy.schedule
    cycles = sched.kind is ScheduleKind.CONTINUOUS_CYCLES
    doses: tuple[date, ...] = ()
    if sched.kind in (ScheduleKind.DOSE_DAYS, ScheduleKind.TEAM_ENTERED):
        doses = dose_dates(therapy, course)
    grouped: dict[str, WindowInPeriod] = {}
    for span in window_spans(therapy, course):
        if span.ends < period.start or span.starts > period.end:
            continue
        held = grouped.get(span.window.id)
        spans = (*held.spans, span) if held else (span,)
        grouped[span.window.id] = WindowInPeriod(span.window, spans)
    windows = tuple(
        WindowInPeriod(w.window, tuple(sorted(w.spans, key=lambda s: (s.starts, s.ends))))
        for w in grouped.values()
    )
    return CoursePlan(
        start=course.start_date,
        cycle=course.cycle,
        infusion_days=sched.infusion_days if cycles else None,
        hospital_days=course.hospital_days if cycles else None,
        break_days=(break_length(therapy, course) or None) if cycles else None,
        next_cycle=next_cycle_start(therapy, course),
        dose_dates=doses,
        windows=windows,
    )
