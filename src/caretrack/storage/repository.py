"""Reads and writes in terms of domain objects; the session is always the caller's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.interfaces import ORMOption

from caretrack.domain.flags import CallRecord, Evaluation, Flag, StoredFlag, Tier
from caretrack.domain.model import (
    CareTeam,
    Child,
    ClinicVisit,
    Entry,
    EntryContent,
    EntryVersion,
    MedicineGiven,
    MedicinePlan,
    NeuroCheck,
    PumpEvent,
    Question,
    ReminderKind,
    ReminderPlan,
    SymptomReport,
    TherapyCourse,
)
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.storage.orm import (
    CallRow,
    CareTeamRow,
    ChildRow,
    ClinicVisitRow,
    CourseRow,
    DoseDateRow,
    EntryMedicineRow,
    EntryRow,
    EntrySymptomRow,
    EntryVersionRow,
    FlagCallRow,
    FlagRow,
    HouseholdRow,
    MedicinePlanRow,
    NeuroCheckRow,
    QuestionRow,
    ReminderPlanRow,
    SettingRow,
)
from caretrack.storage.timestamps import localise, zone_name


def household_id(session: Session, now: datetime) -> int:
    """The one household of this data folder, created on first use."""
    existing = session.scalar(select(HouseholdRow.id).order_by(HouseholdRow.id).limit(1))
    if existing is not None:
        return existing
    row = HouseholdRow(created_at=now)
    session.add(row)
    session.flush()
    return row.id


# --- children ---------------------------------------------------------------------------------


def add_child(
    session: Session,
    now: datetime,
    name: str,
    birth_date: date,
    weight_kg: Decimal | None,
) -> int:
    row = ChildRow(
        household_id=household_id(session, now),
        name=name,
        birth_date=birth_date,
        weight_g=None if weight_kg is None else int(weight_kg * 1000),
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def update_child(
    session: Session, child_id: int, name: str, birth_date: date, weight_kg: Decimal | None
) -> None:
    row = session.get_one(ChildRow, child_id)
    row.name = name
    row.birth_date = birth_date
    row.weight_g = None if weight_kg is None else int(weight_kg * 1000)


def add_course(
    session: Session,
    now: datetime,
    child_id: int,
    therapy_id: str,
    start_date: date,
    cycle: int | None,
    break_days: int | None,
    hospital_days: int | None = None,
    stay_near_days: int | None = None,
    dose_dates: Sequence[date] = (),
) -> int:
    row = CourseRow(
        child_id=child_id,
        therapy_id=therapy_id,
        start_date=start_date,
        cycle=cycle,
        break_days=break_days,
        hospital_days=hospital_days,
        stay_near_days=stay_near_days,
        created_at=now,
    )
    row.dose_dates = [DoseDateRow(dose_date=d) for d in sorted(set(dose_dates))]
    session.add(row)
    session.flush()
    return row.id


def update_course_plan(
    session: Session,
    course_id: int,
    hospital_days: int | None,
    stay_near_days: int | None,
    break_days: int | None,
    dose_dates: Sequence[date],
) -> None:
    """What the care team told the family about this course; the start date stays."""
    row = session.get_one(CourseRow, course_id, options=[selectinload(CourseRow.dose_dates)])
    row.hospital_days = hospital_days
    row.stay_near_days = stay_near_days
    row.break_days = break_days
    wanted = set(dose_dates)
    for d in list(row.dose_dates):
        if d.dose_date not in wanted:
            row.dose_dates.remove(d)
            session.delete(d)
    have = {d.dose_date for d in row.dose_dates}
    row.dose_dates += [DoseDateRow(dose_date=d) for d in sorted(wanted - have)]
    session.flush()


def _child_loads() -> Sequence[ORMOption]:
    return [selectinload(ChildRow.courses).selectinload(CourseRow.dose_dates)]


def children(session: Session) -> list[Child]:
    rows = session.scalars(select(ChildRow).options(*_child_loads()).order_by(ChildRow.id))
    return [_child(r) for r in rows]


def child(session: Session, child_id: int) -> Child | None:
    row = session.get(ChildRow, child_id, options=_child_loads())
    return None if row is None else _child(row)


def _child(row: ChildRow) -> Child:
    return Child(
        id=row.id,
        name=row.name,
        birth_date=row.birth_date,
        weight_kg=None if row.weight_g is None else Decimal(row.weight_g) / 1000,
        courses=tuple(
            TherapyCourse(
                c.id,
                c.child_id,
                c.therapy_id,
                c.start_date,
                c.cycle,
                c.break_days,
                c.hospital_days,
                c.stay_near_days,
                tuple(d.dose_date for d in c.dose_dates),
            )
            for c in row.courses
        ),
    )


# --- care team and settings ------------------------------------------------------------------


def care_team(session: Session) -> CareTeam:
    row = session.scalar(select(CareTeamRow).order_by(CareTeamRow.id).limit(1))
    if row is None:
        return CareTeam()
    return CareTeam(row.name, row.phone_24h, row.phone_clinic, row.phone_emergency)


def set_care_team(session: Session, now: datetime, team: CareTeam) -> None:
    hid = household_id(session, now)
    row = session.scalar(select(CareTeamRow).where(CareTeamRow.household_id == hid))
    if row is None:
        row = CareTeamRow(household_id=hid)
        session.add(row)
    row.name = team.name
    row.phone_24h = team.phone_24h
    row.phone_clinic = team.phone_clinic
    row.phone_emergency = team.phone_emergency


def setting(session: Session, key: str) -> str | None:
    row = session.get(SettingRow, key)
    return None if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value


# --- entries ---------------------------------------------------------------------------------


def entry_by_uid(session: Session, uid: str) -> Entry | None:
    row = session.scalar(select(EntryRow).where(EntryRow.uid == uid).options(*_entry_loads()))
    return None if row is None else _entry(row)


def entry(session: Session, entry_id: int) -> Entry | None:
    row = session.get(EntryRow, entry_id, options=_entry_loads())
    return None if row is None else _entry(row)


def add_entry(
    session: Session, now: datetime, uid: str, child_id: int, content: EntryContent
) -> int:
    row = EntryRow(
        uid=uid,
        child_id=child_id,
        entered_at=now,
        entered_tz=zone_name(now),
        observed_at=content.observed_at,
    )
    session.add(row)
    row.versions.append(_version_row(1, now, content))
    session.flush()
    return row.id


def add_version(
    session: Session, now: datetime, entry_id: int, expected_version: int, content: EntryContent
) -> bool:
    """Append a version; False when someone else saved a newer one first (nothing written)."""
    row = session.get_one(EntryRow, entry_id, options=[selectinload(EntryRow.versions)])
    if row.version != expected_version:
        return False
    row.versions.append(_version_row(len(row.versions) + 1, now, content))
    row.observed_at = content.observed_at
    flag_modified(row, "observed_at")  # always UPDATE, so the version number moves on
    session.flush()  # version_id_col bumps `version` and guards against a racing writer
    return True


def entries(
    session: Session,
    child_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Newest first, ordered by the time observed and then by the order saved."""
    stmt = select(EntryRow).options(*_entry_loads())
    if child_id is not None:
        stmt = stmt.where(EntryRow.child_id == child_id)
    if since is not None:
        stmt = stmt.where(EntryRow.observed_at >= since)
    if until is not None:
        stmt = stmt.where(EntryRow.observed_at < until)
    stmt = stmt.order_by(EntryRow.observed_at.desc(), EntryRow.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_entry(r) for r in session.scalars(stmt)]


def count_entries(session: Session) -> int:
    return int(session.scalar(select(func.count(EntryRow.id))) or 0)


def _entry_loads() -> Sequence[ORMOption]:
    return [
        selectinload(EntryRow.versions).selectinload(EntryVersionRow.symptoms),
        selectinload(EntryRow.versions).selectinload(EntryVersionRow.medicines),
        selectinload(EntryRow.versions).selectinload(EntryVersionRow.neuro_check),
    ]


def _version_row(number: int, now: datetime, content: EntryContent) -> EntryVersionRow:
    t = content.temperature
    row = EntryVersionRow(
        number=number,
        saved_at=now,
        observed_at=content.observed_at,
        observed_tz=zone_name(content.observed_at),
        logged_by=content.logged_by,
        temp_tenths=None if t is None else t.tenths,
        temp_unit=None if t is None else t.unit.value,
        temp_route=None if t is None else t.route.value,
        note=content.note,
        pump_event=None if content.pump_event is None else content.pump_event.value,
        pump_bag_hours=content.pump_bag_hours,
    )
    check = content.neuro_check
    if check is not None:
        row.neuro_check = NeuroCheckRow(
            asked=json.dumps(list(check.asked)),
            changed=json.dumps(list(check.changed)),
            unsure=json.dumps(list(check.unsure)),
            sentence=check.sentence,
            handwriting_png=check.handwriting_png,
        )
    row.symptoms = [
        EntrySymptomRow(symptom_id=s.symptom_id, severity=s.severity) for s in content.symptoms
    ]
    row.medicines = [
        EntryMedicineRow(
            position=i,
            name=m.name,
            dose=m.dose,
            given_at=m.given_at,
            given_tz=None if m.given_at is None else zone_name(m.given_at),
        )
        for i, m in enumerate(content.medicines)
    ]
    return row


def _content(v: EntryVersionRow) -> EntryContent:
    temperature = None
    if v.temp_tenths is not None and v.temp_unit and v.temp_route:
        temperature = Temperature(v.temp_tenths, Unit(v.temp_unit), Route(v.temp_route))
    return EntryContent(
        observed_at=localise(v.observed_at, v.observed_tz),
        logged_by=v.logged_by,
        temperature=temperature,
        symptoms=tuple(SymptomReport(s.symptom_id, s.severity) for s in v.symptoms),
        medicines=tuple(
            MedicineGiven(
                m.name,
                m.dose,
                None if m.given_at is None else localise(m.given_at, m.given_tz or "UTC"),
            )
            for m in v.medicines
        ),
        note=v.note,
        pump_event=None if v.pump_event is None else PumpEvent(v.pump_event),
        pump_bag_hours=v.pump_bag_hours,
        neuro_check=None if v.neuro_check is None else _neuro_check(v.neuro_check),
    )


def _neuro_check(row: NeuroCheckRow) -> NeuroCheck:
    return NeuroCheck(
        asked=tuple(json.loads(row.asked)),
        changed=tuple(json.loads(row.changed)),
        unsure=tuple(json.loads(row.unsure)),
        sentence=row.sentence,
        handwriting_png=row.handwriting_png,
    )


def _entry(row: EntryRow) -> Entry:
    history = tuple(
        EntryVersion(v.number, v.saved_at.astimezone(UTC), _content(v)) for v in row.versions
    )
    return Entry(
        id=row.id,
        uid=row.uid,
        child_id=row.child_id,
        version=row.version,
        entered_at=localise(row.entered_at, row.entered_tz),
        content=history[-1].content,
        history=history,
    )


# --- flags and calls -------------------------------------------------------------------------


def add_flags(
    session: Session,
    now: datetime,
    entry_id: int,
    entry_version: int,
    evaluation: Evaluation,
) -> list[int]:
    """Append the flags not yet recorded for this entry (one per rule); returns new ids."""
    already = set(session.scalars(select(FlagRow.rule_id).where(FlagRow.entry_id == entry_id)))
    new_ids = []
    for f in evaluation.flags:
        if f.rule_id in already:
            continue
        already.add(f.rule_id)
        row = FlagRow(
            entry_id=entry_id,
            entry_version=entry_version,
            rule_id=f.rule_id,
            rule_version=f.rule_version,
            rules_version=evaluation.rules_version,
            tier=f.tier.value,
            title=f.title,
            message=f.message,
            what_to_do=f.what_to_do,
            evidence=json.dumps(list(f.evidence), ensure_ascii=False),
            sources=json.dumps(list(f.sources)),
            found_in_note=f.found_in_note,
            observed_at=f.observed_at,
            raised_at=now,
        )
        session.add(row)
        session.flush()
        new_ids.append(row.id)
    return new_ids


def flags(
    session: Session,
    child_id: int | None = None,
    only_open: bool = False,
    ids: Sequence[int] | None = None,
    entry_id: int | None = None,
) -> list[StoredFlag]:
    """Newest first; open flags are those no call record has closed."""
    stmt = (
        select(FlagRow)
        .join(EntryRow, FlagRow.entry_id == EntryRow.id)
        .options(selectinload(FlagRow.closed_by).selectinload(FlagCallRow.call))
        .add_columns(EntryRow.child_id)
    )
    if child_id is not None:
        stmt = stmt.where(EntryRow.child_id == child_id)
    if ids is not None:
        stmt = stmt.where(FlagRow.id.in_(list(ids)))
    if entry_id is not None:
        stmt = stmt.where(FlagRow.entry_id == entry_id)
    if only_open:
        stmt = stmt.where(~FlagRow.closed_by.has())
    stmt = stmt.order_by(FlagRow.raised_at.desc(), FlagRow.id.desc())
    return [_stored_flag(row, cid) for row, cid in session.execute(stmt)]


def record_call(
    session: Session,
    now: datetime,
    flag_ids: Sequence[int],
    called_at: datetime,
    caller: str,
    spoke_with: str,
    advice: str,
) -> int:
    call = CallRow(
        called_at=called_at,
        called_tz=zone_name(called_at),
        caller=caller,
        spoke_with=spoke_with,
        advice=advice,
        recorded_at=now,
    )
    session.add(call)
    session.flush()
    open_ids = {f.id for f in flags(session, ids=list(flag_ids), only_open=True)}
    for fid in flag_ids:
        if fid in open_ids:
            session.add(FlagCallRow(flag_id=fid, call_id=call.id))
    session.flush()
    return call.id


def _stored_flag(row: FlagRow, child_id: int) -> StoredFlag:
    call = None
    if row.closed_by is not None:
        c = row.closed_by.call
        call = CallRecord(
            id=c.id,
            called_at=localise(c.called_at, c.called_tz),
            caller=c.caller,
            spoke_with=c.spoke_with,
            advice=c.advice,
            recorded_at=c.recorded_at,
        )
    return StoredFlag(
        id=row.id,
        child_id=child_id,
        entry_id=row.entry_id,
        entry_version=row.entry_version,
        rules_version=row.rules_version,
        raised_at=row.raised_at,
        flag=Flag(
            rule_id=row.rule_id,
            rule_version=row.rule_version,
            tier=Tier(row.tier),
            title=row.title,
            message=row.message,
            what_to_do=row.what_to_do,
            evidence=tuple(json.loads(row.evidence)),
            sources=tuple(json.loads(row.sources)),
            observed_at=row.observed_at,
            found_in_note=row.found_in_note,
        ),
        call=call,
    )


# --- questions and clinic visits -------------------------------------------------------------


def add_question(session: Session, now: datetime, child_id: int, text: str) -> Question:
    row = QuestionRow(child_id=child_id, text=text, asked_at=now, asked_tz=zone_name(now))
    session.add(row)
    session.flush()
    return _question(row)


def answer_question(session: Session, question_id: int, now: datetime) -> bool:
    """Ticks a question off; False when there is no such open question."""
    row = session.get(QuestionRow, question_id)
    if row is None or row.answered_at is not None:
        return False
    row.answered_at = now
    session.flush()
    return True


def questions(session: Session, child_id: int, only_open: bool = True) -> list[Question]:
    """Oldest first, the order the family wrote them down."""
    stmt = select(QuestionRow).where(QuestionRow.child_id == child_id)
    if only_open:
        stmt = stmt.where(QuestionRow.answered_at.is_(None))
    stmt = stmt.order_by(QuestionRow.asked_at, QuestionRow.id)
    return [_question(r) for r in session.scalars(stmt)]


def _question(row: QuestionRow) -> Question:
    return Question(
        id=row.id,
        child_id=row.child_id,
        text=row.text,
        asked_at=localise(row.asked_at, row.asked_tz),
        answered_at=None if row.answered_at is None else localise(row.answered_at, row.asked_tz),
    )


def record_visit(session: Session, now: datetime, child_id: int, day: date) -> ClinicVisit:
    """One visit per child and day: recording the same day again returns the first record."""
    row = session.scalar(
        select(ClinicVisitRow).where(
            ClinicVisitRow.child_id == child_id, ClinicVisitRow.visit_date == day
        )
    )
    if row is None:
        row = ClinicVisitRow(child_id=child_id, visit_date=day, recorded_at=now)
        session.add(row)
        session.flush()
    return ClinicVisit(row.id, row.child_id, row.visit_date, row.recorded_at)


def last_visit(session: Session, child_id: int, on_or_before: date) -> ClinicVisit | None:
    row = session.scalar(
        select(ClinicVisitRow)
        .where(ClinicVisitRow.child_id == child_id, ClinicVisitRow.visit_date <= on_or_before)
        .order_by(ClinicVisitRow.visit_date.desc())
        .limit(1)
    )
    if row is None:
        return None
    return ClinicVisit(row.id, row.child_id, row.visit_date, row.recorded_at)


# --- medicines and reminders -------------------------------------------------------------------


def _times_json(times: Sequence[time]) -> str:
    return json.dumps(sorted({t.strftime("%H:%M") for t in times}))


def _times(text: str) -> tuple[time, ...]:
    return tuple(time.fromisoformat(t) for t in json.loads(text))


def add_medicine(
    session: Session,
    now: datetime,
    child_id: int,
    name: str,
    dose: str,
    schedule: str,
    times: Sequence[time],
) -> MedicinePlan:
    row = MedicinePlanRow(
        child_id=child_id,
        name=name,
        dose=dose,
        schedule=schedule,
        times=_times_json(times),
        added_at=now,
    )
    session.add(row)
    session.flush()
    return _medicine(row)


def stop_medicine(session: Session, medicine_id: int, on: date) -> bool:
    row = session.get(MedicinePlanRow, medicine_id)
    if row is None or row.stopped_on is not None:
        return False
    row.stopped_on = on
    session.flush()
    return True


def medicine_plan(session: Session, medicine_id: int) -> MedicinePlan | None:
    row = session.get(MedicinePlanRow, medicine_id)
    return None if row is None else _medicine(row)


def medicine_plans(
    session: Session, child_id: int | None = None, only_active: bool = True
) -> list[MedicinePlan]:
    stmt = select(MedicinePlanRow).order_by(MedicinePlanRow.id)
    if child_id is not None:
        stmt = stmt.where(MedicinePlanRow.child_id == child_id)
    if only_active:
        stmt = stmt.where(MedicinePlanRow.stopped_on.is_(None))
    return [_medicine(r) for r in session.scalars(stmt)]


def _medicine(row: MedicinePlanRow) -> MedicinePlan:
    return MedicinePlan(
        id=row.id,
        child_id=row.child_id,
        name=row.name,
        dose=row.dose,
        schedule=row.schedule,
        times=_times(row.times),
        stopped_on=row.stopped_on,
    )


def set_reminder(session: Session, plan: ReminderPlan) -> None:
    row = session.scalar(
        select(ReminderPlanRow).where(
            ReminderPlanRow.child_id == plan.child_id, ReminderPlanRow.kind == plan.kind.value
        )
    )
    if row is None:
        row = ReminderPlanRow(child_id=plan.child_id, kind=plan.kind.value)
        session.add(row)
    row.enabled = plan.enabled
    row.times = _times_json(plan.times)
    session.flush()


def reminders(session: Session, child_id: int | None = None) -> list[ReminderPlan]:
    stmt = select(ReminderPlanRow).order_by(ReminderPlanRow.child_id, ReminderPlanRow.kind)
    if child_id is not None:
        stmt = stmt.where(ReminderPlanRow.child_id == child_id)
    return [
        ReminderPlan(r.child_id, ReminderKind(r.kind), r.enabled, _times(r.times))
        for r in session.scalars(stmt)
    ]
