"""The child's medicine list, and "given" logged as an entry (so R20 sees it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import EntryContent, MedicineGiven, MedicinePlan
from caretrack.domain.text import SHORT_LIMIT, clean_text
from caretrack.domain.validation import Level, Problem
from caretrack.services.clock import Clock
from caretrack.services.entries import EntryService, SaveResult
from caretrack.services.errors import NotFound, ValidationFailed
from caretrack.storage import repository as repo
from caretrack.storage.database import Database

SCHEDULE_LIMIT = 500


class MedicineService:
    def __init__(self, db: Database, clock: Clock, entries: EntryService) -> None:
        self._db = db
        self._clock = clock
        self._entries = entries

    def medicines(self, child_id: int, only_active: bool = True) -> list[MedicinePlan]:
        with self._db.unit_of_work() as s:
            return repo.medicine_plans(s, child_id, only_active)

    def add(
        self,
        child_id: int,
        name: str,
        dose: str = "",
        schedule: str = "",
        times: Sequence[time] = (),
    ) -> MedicinePlan:
        name = clean_text(name, SHORT_LIMIT)[0]
        if not name:
            raise ValidationFailed(
                [
                    Problem(
                        "medicine_name",
                        Level.ERROR,
                        "empty",
                        QT_TRANSLATE_NOOP("validation", "Type the medicine's name."),
                    )
                ]
            )
        with self._db.unit_of_work() as s:
            if repo.child(s, child_id) is None:
                raise NotFound(f"no child with id {child_id}")
            return repo.add_medicine(
                s,
                self._clock.now(),
                child_id,
                name,
                clean_text(dose, SHORT_LIMIT)[0],
                clean_text(schedule, SCHEDULE_LIMIT)[0],
                times,
            )

    def stop(self, medicine_id: int) -> None:
        """Off the list from today; kept in the data file, exports and earlier summaries."""
        with self._db.unit_of_work() as s:
            if not repo.stop_medicine(s, medicine_id, self._clock.now().date()):
                raise NotFound(f"no medicine on the list with id {medicine_id}")

    def give(
        self,
        medicine_id: int,
        uid: str,
        at: datetime,
        given_by: str = "",
        confirmed: Sequence[str] = (),
    ) -> SaveResult:
        """One entry holding the dose, checked by the rules like any check-in."""
        with self._db.unit_of_work() as s:
            plan = repo.medicine_plan(s, medicine_id)
        if plan is None:
            raise NotFound(f"no medicine with id {medicine_id}")
        content = EntryContent(
            observed_at=at,
            logged_by=given_by,
            medicines=(MedicineGiven(plan.name, plan.dose, at),),
        )
        return self._entries.save_new(plan.child_id, uid, content, confirmed)
