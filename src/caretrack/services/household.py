"""Children, their therapy courses and the care team's numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.i18n import QT_TRANSLATE_NOOP
from caretrack.domain.model import CareTeam, Child
from caretrack.domain.text import SHORT_LIMIT, clean_text
from caretrack.domain.validation import Level, Problem, check_child
from caretrack.services.clock import Clock
from caretrack.services.errors import NotFound, ValidationFailed
from caretrack.storage import repository as repo
from caretrack.storage.database import Database


class HouseholdService:
    def __init__(self, db: Database, catalogue: Catalogue, clock: Clock) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock

    def children(self) -> list[Child]:
        with self._db.unit_of_work() as s:
            return repo.children(s)

    def child(self, child_id: int) -> Child:
        with self._db.unit_of_work() as s:
            found = repo.child(s, child_id)
        if found is None:
            raise NotFound(f"no child with id {child_id}")
        return found

    def find_child(self, name_or_id: str) -> Child | None:
        """By id or by display name, ignoring case (the command line's --child)."""
        kids = self.children()
        key = name_or_id.strip()
        for c in kids:
            if key.isdigit() and c.id == int(key):
                return c
        folded = key.casefold()
        matches = [c for c in kids if c.name.casefold() == folded]
        return matches[0] if len(matches) == 1 else None

    def add_child(
        self,
        name: str,
        birth_date: date,
        weight_kg: Decimal | None,
        therapy: str,
        start_date: date,
        cycle: int | None = None,
    ) -> Child:
        name, _ = clean_text(name, SHORT_LIMIT)
        problems = check_child(name, birth_date, weight_kg, self._clock.now().date())
        found = self._catalogue.therapy(therapy)
        if found is None:
            problems.append(
                Problem(
                    "therapy",
                    Level.ERROR,
                    "therapy",
                    QT_TRANSLATE_NOOP("validation", "Unknown therapy: {name}"),
                    {"name": therapy},
                )
            )
        if start_date < birth_date:
            problems.append(
                Problem(
                    "start_date",
                    Level.ERROR,
                    "start_before_birth",
                    QT_TRANSLATE_NOOP("validation", "The start date is before the birth date."),
                )
            )
        if cycle is not None and not 1 <= cycle <= 20:
            problems.append(
                Problem(
                    "cycle",
                    Level.ERROR,
                    "cycle",
                    QT_TRANSLATE_NOOP("validation", "The cycle must be a number from 1 to 20."),
                )
            )
        if problems:
            raise ValidationFailed(problems)
        assert found is not None
        now = self._clock.now()
        with self._db.unit_of_work() as s:
            child_id = repo.add_child(s, now, name, birth_date, weight_kg)
            repo.add_course(s, now, child_id, found.id, start_date, cycle, None)
            created = repo.child(s, child_id)
        assert created is not None
        return created

    def care_team(self) -> CareTeam:
        with self._db.unit_of_work() as s:
            return repo.care_team(s)

    def set_care_team(self, team: CareTeam) -> None:
        phone_limit = 60
        cleaned = CareTeam(
            name=clean_text(team.name, SHORT_LIMIT)[0],
            phone_24h=clean_text(team.phone_24h, phone_limit)[0],
            phone_clinic=clean_text(team.phone_clinic, phone_limit)[0],
            phone_emergency=clean_text(team.phone_emergency, phone_limit)[0],
        )
        with self._db.unit_of_work() as s:
            repo.set_care_team(s, self._clock.now(), cleaned)

    def setting(self, key: str, default: str = "") -> str:
        with self._db.unit_of_work() as s:
            value = repo.setting(s, key)
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self._db.unit_of_work() as s:
            repo.set_setting(s, key, value)
