"""When each reminder is next due, and which are waiting now.

A reminder at a time of day is a local wall-clock time: "08:00" stays 08:00 across a
daylight-saving change. A time that does not exist that day (02:30 on spring-forward day)
moves on by the gap (03:30); a time that happens twice (01:30 on fall-back day) counts once.
A slot counts as done when the matching thing was logged from an hour before it onwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from caretrack.domain.model import MedicinePlan, ReminderKind, ReminderPlan

EARLY = timedelta(hours=1)  # done up to an hour early still counts
LOOKBACK = timedelta(hours=4)  # a missed slot stays "waiting" this long, then the next one shows
BAG_NOTICE = timedelta(hours=1)  # a bag change shows as waiting an hour before it is due


@dataclass(frozen=True)
class Due:
    child_id: int
    kind: ReminderKind
    at: datetime  # aware, in the family's zone
    what: str = ""  # the medicine's name and dose, for medicine reminders
    waiting: bool = False  # its time has come and nothing was logged for it yet

    @property
    def key(self) -> str:
        """Identifies one slot, so a notification is shown once."""
        return f"{self.child_id}:{self.kind}:{self.what}:{self.at.astimezone(UTC).isoformat()}"


def local_moment(day: date, at: time, zone: tzinfo) -> datetime:
    """`at` on `day` in `zone`; a time in a spring-forward gap moves past the gap."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=zone, fold=0)
    there_and_back = moment.astimezone(UTC).astimezone(zone)
    if there_and_back.replace(tzinfo=None) != naive:  # in the gap: wall clock jumped over it
        return there_and_back
    return moment


def slots(times: Sequence[time], now: datetime, zone: tzinfo) -> list[datetime]:
    """Yesterday's, today's and tomorrow's slots, oldest first."""
    today = now.astimezone(zone).date()
    return sorted(
        local_moment(today + timedelta(days=d), t, zone) for d in (-1, 0, 1) for t in times
    )


def _done(slot: datetime, logged: Iterable[datetime]) -> bool:
    start = slot.astimezone(UTC) - EARLY
    return any(m.astimezone(UTC) >= start for m in logged)


def timed_due(
    child_id: int,
    kind: ReminderKind,
    times: Sequence[time],
    logged: Sequence[datetime],
    now: datetime,
    zone: tzinfo,
    what: str = "",
) -> Due | None:
    """The slot a parent should act on: the newest missed one, else the next one coming."""
    if not times:
        return None
    now_utc = now.astimezone(UTC)
    all_slots = slots(times, now, zone)
    missed = [
        s
        for s in all_slots
        if now_utc - LOOKBACK <= s.astimezone(UTC) <= now_utc and not _done(s, logged)
    ]
    if missed:
        return Due(child_id, kind, missed[-1], what, waiting=True)
    coming = [s for s in all_slots if s.astimezone(UTC) > now_utc and not _done(s, logged)]
    return Due(child_id, kind, coming[0], what) if coming else None


def bag_change_due(child_id: int, due_at: datetime | None, now: datetime) -> Due | None:
    if due_at is None:
        return None
    waiting = now.astimezone(UTC) >= due_at.astimezone(UTC) - BAG_NOTICE
    return Due(child_id, ReminderKind.BAG_CHANGE, due_at, waiting=waiting)


@dataclass(frozen=True)
class Logged:
    """When things were last logged for one child, as the reminders need them."""

    temperatures: Sequence[datetime] = ()
    neuro_checks: Sequence[datetime] = ()
    medicines: dict[str, Sequence[datetime]] | None = None  # by lower-case medicine name


def due_for_child(
    child_id: int,
    plans: Iterable[ReminderPlan],
    medicines: Iterable[MedicinePlan],
    logged: Logged,
    now: datetime,
    zone: tzinfo,
    neuro_check_active: bool,
    bag_due_at: datetime | None,
) -> list[Due]:
    """Every reminder for one child, soonest first; those waiting now come first."""
    by_kind = {p.kind: p for p in plans if p.child_id == child_id}
    out: list[Due] = []

    def enabled(kind: ReminderKind) -> ReminderPlan | None:
        plan = by_kind.get(kind)
        return plan if plan is not None and plan.enabled else None

    if (p := enabled(ReminderKind.TEMPERATURE)) is not None:
        d = timed_due(child_id, p.kind, p.times, logged.temperatures, now, zone)
        out += [d] if d else []
    if neuro_check_active and (p := enabled(ReminderKind.NEURO_CHECK)) is not None:
        d = timed_due(child_id, p.kind, p.times, logged.neuro_checks, now, zone)
        out += [d] if d else []
    if enabled(ReminderKind.BAG_CHANGE) is not None:
        d = bag_change_due(child_id, bag_due_at, now)
        out += [d] if d else []
    if enabled(ReminderKind.MEDICINE) is not None:
        given = logged.medicines or {}
        for m in medicines:
            if m.child_id != child_id or not m.active:
                continue
            what = f"{m.name} {m.dose}".strip()
            d = timed_due(
                child_id, ReminderKind.MEDICINE, m.times, given.get(m.name.casefold(), ()),
                now, zone, what,
            )  # fmt: skip
            out += [d] if d else []
    return sorted(out, key=lambda d: (not d.waiting, d.at.astimezone(UTC)))
