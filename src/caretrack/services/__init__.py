"""Use cases: one unit of work per user action, shared by the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from caretrack.domain.catalogue import Catalogue
from caretrack.rules import RuleSet
from caretrack.services.backups import BackupService
from caretrack.services.clock import Clock, SystemClock
from caretrack.services.entries import EntryService
from caretrack.services.flags import FlagService
from caretrack.services.household import HouseholdService
from caretrack.services.medicines import MedicineService
from caretrack.services.reminders import ReminderService
from caretrack.services.summaries import SummaryService
from caretrack.services.therapy import TherapyService
from caretrack.services.transfers import TransferService
from caretrack.services.visits import VisitService
from caretrack.storage.database import Database, open_database


@dataclass
class Services:
    database: Database
    catalogue: Catalogue
    clock: Clock
    household: HouseholdService
    entries: EntryService
    flags: FlagService
    backups: BackupService
    visits: VisitService
    summaries: SummaryService
    transfers: TransferService
    therapy: TherapyService
    medicines: MedicineService
    reminders: ReminderService
    rules_problem: str | None = None  # why the rules could not load; the window says so

    def close(self) -> None:
        self.database.close()


_LOAD = object()


def open_services(
    data_dir: Path,
    catalogue: Catalogue,
    clock: Clock | None = None,
    rules: RuleSet | object | None = _LOAD,
) -> Services:
    """Open the data folder; the rules load from data/ unless given (None: unavailable)."""
    clock = clock or SystemClock()
    problem = None
    if rules is _LOAD:
        rules, problem = _load_rules(catalogue)
    elif rules is None:
        problem = "the warning rules were not loaded"
    assert rules is None or isinstance(rules, RuleSet)
    db = open_database(data_dir)
    flags = FlagService(db, catalogue, rules, clock)
    entries = EntryService(db, catalogue, clock, flags)
    return Services(
        database=db,
        catalogue=catalogue,
        clock=clock,
        household=HouseholdService(db, catalogue, clock),
        entries=entries,
        flags=flags,
        backups=BackupService(db, clock),
        visits=VisitService(db, clock),
        summaries=SummaryService(db, catalogue, clock, flags),
        transfers=TransferService(db, catalogue, clock),
        therapy=TherapyService(db, catalogue, clock, entries),
        medicines=MedicineService(db, clock, entries),
        reminders=ReminderService(db, catalogue, clock),
        rules_problem=problem,
    )


def _load_rules(catalogue: Catalogue) -> tuple[RuleSet | None, str | None]:
    from caretrack.catalogue import find_data_dir
    from caretrack.rules import RulesError, load_rules

    try:
        return load_rules(find_data_dir(), catalogue), None
    except RulesError as exc:
        return None, str(exc)
