"""Builds the clinic-visit summary from what the data file holds: a pure function of its inputs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.flags import StoredFlag, Tier
from caretrack.domain.model import CareTeam, Child, Entry, MedicinePlan, Question
from caretrack.domain.schedule import TherapyDay, therapy_day
from caretrack.reports.summary import (
    ChildFacts,
    DayLog,
    DoseGiven,
    MedicineTally,
    Period,
    PeriodBasis,
    Reading,
    Summary,
    SummaryFlag,
    SymptomTally,
)
from caretrack.reports.therapy import course_plan, medicine_list, neuro_check_lines, pump_log

DEFAULT_DAYS = 7
DayOf = Callable[[datetime], date]


def default_period(today: date, last_visit: date | None, days: int = DEFAULT_DAYS) -> Period:
    """Since the last clinic visit (that day included), or else the last `days` days."""
    if last_visit is not None and last_visit <= today:
        return Period(last_visit, today, PeriodBasis.SINCE_VISIT)
    return Period(today - timedelta(days=days - 1), today, PeriodBasis.LAST_DAYS)


@dataclass(frozen=True)
class SummaryInputs:
    child: Child
    catalogue: Catalogue
    care_team: CareTeam
    period: Period
    zone: tzinfo  # the family's zone: it decides which day an entry belongs to
    printed_at: datetime
    rules_version: str
    fever_line_c_tenths: int
    # The child's, any order. Outside the period they are left out, except that earlier pump
    # events tell whether the pump was already stopped when the period began.
    entries: Sequence[Entry]
    flags: Sequence[StoredFlag]  # the child's; any order
    questions: Sequence[Question]  # the child's; answered ones are left out
    medicine_plans: Sequence[MedicinePlan] = ()  # the child's list, stopped ones too


def build_summary(inputs: SummaryInputs) -> Summary:
    period = inputs.period
    local = inputs.zone

    def day_of(moment: datetime) -> date:
        return moment.astimezone(local).date()

    in_period = sorted(
        (e for e in inputs.entries if day_of(e.content.observed_at) in period),
        key=lambda e: (e.content.observed_at, e.id),
    )
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for e in in_period:
        by_day[day_of(e.content.observed_at)].append(e)

    child = inputs.child
    course = child.current_course
    therapy = inputs.catalogue.therapy(course.therapy_id) if course else None

    def schedule_on(day: date) -> TherapyDay | None:
        if therapy is None or course is None:
            return None
        return therapy_day(therapy, course, day)

    facts = ChildFacts(
        name=child.name,
        birth_date=child.birth_date,
        age_years=child.age_on(period.end),
        weight_kg=child.weight_kg,
        therapy=therapy,
        course=course,
        therapy_day=schedule_on(period.end),
    )
    return Summary(
        child=facts,
        care_team=inputs.care_team,
        period=period,
        printed_at=inputs.printed_at,
        rules_version=inputs.rules_version,
        fever_line_c_tenths=inputs.fever_line_c_tenths,
        flags=_flags(inputs.flags, period, day_of),
        readings=tuple(
            Reading(
                at=e.content.observed_at.astimezone(local),
                temperature=e.content.temperature,
                entry_id=e.id,
                at_or_above_line=e.content.temperature.at_or_above_celsius(
                    inputs.fever_line_c_tenths
                ),
            )
            for e in in_period
            if e.content.temperature is not None
        ),
        symptoms=_symptoms(in_period, inputs.catalogue, therapy.id if therapy else "", day_of),
        medicines=_medicines(in_period, local),
        questions=tuple(
            sorted(
                (q for q in inputs.questions if q.is_open and q.child_id == child.id),
                key=lambda q: (q.asked_at, q.id),
            )
        ),
        days=tuple(
            DayLog(day, schedule_on(day), tuple(by_day.get(day, ()))) for day in period.days()
        ),
        plan=course_plan(therapy, course, period) if therapy and course else None,
        pump=pump_log(
            inputs.entries,
            period,
            local,
            inputs.printed_at,
            pump_therapy=bool(therapy and therapy.schedule.bag_hours),
        ),
        neuro_checks=neuro_check_lines(in_period, local, schedule_on),
        medicine_list=medicine_list(inputs.medicine_plans, child.id, period),
    )


def _flags(flags: Sequence[StoredFlag], period: Period, day_of: DayOf) -> tuple[SummaryFlag, ...]:
    """The period's flags, plus earlier warnings still waiting for a call (earlier notes: no)."""
    chosen: list[SummaryFlag] = []
    for f in flags:
        day = day_of(f.flag.observed_at or f.raised_at)
        if day in period:
            chosen.append(SummaryFlag(f))
        elif day < period.start and f.is_open and f.flag.tier.rank >= Tier.REPORT_NOW.rank:
            chosen.append(SummaryFlag(f, before_period=True))
    chosen.sort(key=lambda s: (s.stored.flag.observed_at or s.stored.raised_at, s.stored.id))
    return tuple(chosen)


def _symptoms(
    entries: Sequence[Entry], catalogue: Catalogue, therapy_id: str, day_of: DayOf
) -> tuple[SymptomTally, ...]:
    worst: dict[str, int | None] = {}
    days: dict[str, set[date]] = defaultdict(set)
    for e in entries:
        for report in e.content.symptoms:
            if report.severity == 0:
                continue  # "none" was logged: not present
            sid = report.symptom_id
            days[sid].add(day_of(e.content.observed_at))
            before = worst.get(sid)
            if report.severity is not None and (before is None or report.severity > before):
                worst[sid] = report.severity
            else:
                worst.setdefault(sid, before)

    def is_warning(sid: str) -> bool:
        try:
            return bool(therapy_id) and catalogue.symptom(sid).is_warning_for(therapy_id)
        except KeyError:  # a symptom the catalogue has since dropped: still printed
            return False

    tallies = [
        SymptomTally(
            symptom_id=sid,
            worst=worst.get(sid),
            days=len(seen),
            first_day=min(seen),
            last_day=max(seen),
            warning=is_warning(sid),
        )
        for sid, seen in days.items()
    ]
    tallies.sort(key=lambda t: (not t.warning, -(t.worst or 0), -t.days, t.symptom_id))
    return tuple(tallies)


def _medicines(entries: Sequence[Entry], zone: tzinfo) -> tuple[MedicineTally, ...]:
    """Counted by name (case and spaces aside), each dose kept with its time and who gave it."""
    names: dict[str, str] = {}
    doses: dict[str, list[str]] = defaultdict(list)
    given: dict[str, list[DoseGiven]] = defaultdict(list)
    for e in entries:
        for m in e.content.medicines:
            key = m.name.casefold().strip()
            names.setdefault(key, m.name.strip())
            if m.dose and m.dose not in doses[key]:
                doses[key].append(m.dose)
            at = (m.given_at or e.content.observed_at).astimezone(zone)
            given[key].append(DoseGiven(at, m.dose, e.content.logged_by))
    tallies = []
    for k in names:
        ordered = tuple(sorted(given[k], key=lambda g: g.at.astimezone(UTC)))
        days = len({g.at.date() for g in ordered})
        tallies.append(MedicineTally(names[k], tuple(doses[k]), len(ordered), days, ordered))
    tallies.sort(key=lambda t: (-t.times, t.name.casefold()))
    return tuple(tallies)
