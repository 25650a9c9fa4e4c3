"""Use cases: one unit of work per user action, shared by the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from caretrack.domain.catalogue import Catalogue
from caretrack.services.clock import Clock, SystemClock
from caretrack.services.entries import EntryService
from caretrack.services.household import HouseholdService
from caretrack.storage.database import Database, open_database


@dataclass
class Services:
    database: Database
    catalogue: Catalogue
    clock: Clock
    household: HouseholdService
    entries: EntryService

    def close(self) -> None:
        self.database.close()


def open_services(data_dir: Path, catalogue: Catalogue, clock: Clock | None = None) -> Services:
    clock = clock or SystemClock()
    db = open_database(data_dir)
    return Services(
        database=db,
        catalogue=catalogue,
        clock=clock,
        household=HouseholdService(db, catalogue, clock),
        entries=EntryService(db, catalogue, clock),
    )
