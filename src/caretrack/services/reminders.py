"""Reminders: what each family set, and what is due now, read from the log itself.

Nothing is scheduled in the background: the window asks `due()` every minute while it runs,
so a reminder is only as good as CareTrack being open (the window says so).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from caretrack.domain.calendar import NEURO_WINDOW_ID, in_window
from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import ReminderPlan
from caretrack.domain.pump import pump_status
from caretrack.domain.reminders import Due, Logged, due_for_child
from caretrack.services.clock import Clock, local_zone
from caretrack.services.therapy import PUMP_LOOKBACK
from caretrack.storage import repository as repo
from caretrack.storage.database import Database

AUTOSTART_KEY = "reminders_autostart"
LOG_LOOKBACK = timedelta(days=2)  # slots look back a few hours; two days is plenty


class ReminderService:
    def __init__(self, db: Database, catalogue: Catalogue, clock: Clock) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock

    def plans(self, child_id: int) -> list[ReminderPlan]:
        with self._db.unit_of_work() as s:
            return repo.reminders(s, child_id)

    def set_plan(self, plan: ReminderPlan) -> None:
        with self._db.unit_of_work() as s:
            repo.set_reminder(s, plan)

    def due(self) -> list[Due]:
        """Every child's reminders, soonest first; one transaction, so one consistent view."""
        now = self._clock.now()
        zone = now.tzinfo or local_zone()
        out: list[Due] = []
        with self._db.unit_of_work() as s:
            plans = repo.reminders(s)
            if not plans:
                return []
            medicines = repo.medicine_plans(s)
            for child in repo.children(s):
                mine = [p for p in plans if p.child_id == child.id]
                if not mine:
                    continue
                course = child.current_course
                therapy = None if course is None else self._catalogue.therapy(course.therapy_id)
                neuro = (
                    therapy is not None
                    and course is not None
                    and in_window(therapy, course, NEURO_WINDOW_ID, now.date())
                )
                recent = repo.entries(s, child.id, since=now - max(LOG_LOOKBACK, PUMP_LOOKBACK))
                contents = [e.content for e in recent]
                given: dict[str, list[datetime]] = {}
                for c in contents:
                    for m in c.medicines:
                        given.setdefault(m.name.casefold(), []).append(m.given_at or c.observed_at)
                logged = Logged(
                    temperatures=[c.observed_at for c in contents if c.temperature is not None],
                    neuro_checks=[c.observed_at for c in contents if c.neuro_check is not None],
                    medicines=dict(given),
                )
                bag_due = None
                if therapy is not None and therapy.schedule.bag_hours:
                    bag_due = pump_status(contents).next_change_due
                out += due_for_child(child.id, mine, medicines, logged, now, zone, neuro, bag_due)
        return sorted(out, key=lambda d: (not d.waiting, d.at))

    def autostart(self) -> bool:
        with self._db.unit_of_work() as s:
            return repo.setting(s, AUTOSTART_KEY) == "true"

    def set_autostart(self, on: bool) -> None:
        with self._db.unit_of_work() as s:
            repo.set_setting(s, AUTOSTART_KEY, "true" if on else "false")
