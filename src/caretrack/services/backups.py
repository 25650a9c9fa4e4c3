"""Backups and the database check as use cases, shared by the window and the command line."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from caretrack.services.clock import Clock, SystemClock
from caretrack.storage.backup import (
    BackupError,
    BackupInfo,
    CheckResult,
    RestoreBlocked,
    RestoreRefused,
    RestoreResult,
    backup_folder,
    check_database,
    list_backups,
    make_backup,
    newest_restorable,
    restore,
    set_aside,
    thin,
)
from caretrack.storage.database import Database

__all__ = [
    "BackupError",
    "BackupInfo",
    "BackupService",
    "CheckResult",
    "RestoreBlocked",
    "RestoreRefused",
    "RestoreResult",
    "newest_restorable",
    "restore_backup",
    "start_empty",
]

_CLOCK_SLACK = timedelta(hours=1)


class BackupService:
    """Verified backups in <data dir>/backups, thinned Anki-style after each new one."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    @property
    def folder(self) -> Path:
        return backup_folder(self._db)

    def backup_now(self) -> BackupInfo:
        """Make one verified backup, then thin the old ones. Raises BackupError."""
        now = self._clock.now()
        info = make_backup(self._db, self.folder, now)
        thin(self.folder, now)
        return info

    def backup_if_due(self, max_age: timedelta = timedelta(days=1)) -> BackupInfo | None:
        """For start-up: a backup only when none exists or the newest is older than max_age."""
        last = self.last_backup()
        if last is not None:
            age = self._clock.now() - last.taken_at
            # A newest backup "from the future" means the clock was wrong then or is now:
            # do not let it suppress backups for months.
            if -_CLOCK_SLACK <= age < max_age:
                return None
        return self.backup_now()

    def last_backup(self) -> BackupInfo | None:
        backups = list_backups(self.folder)
        return backups[0] if backups else None

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.folder)

    def check(self) -> CheckResult:
        return check_database(self._db)


def restore_backup(data_dir: Path, backup: Path, clock: Clock | None = None) -> RestoreResult:
    """Restore `backup` into the data folder; its database must not be open anywhere.

    The current data is kept first (a verified pre-restore backup, or the damaged file moved
    aside unchanged). Raises RestoreRefused for a file that cannot be restored, RestoreBlocked
    while a CareTrack window holds the folder, BackupError or DatabaseOpenError otherwise.
    """
    return restore(data_dir, backup, (clock or SystemClock()).now())


def start_empty(data_dir: Path, clock: Clock | None = None) -> Path | None:
    """After the parent confirmed it: the damaged file is kept aside, and the next open starts
    a new, empty data file. Returns where the old file now is (None if there was none)."""
    return set_aside(data_dir, (clock or SystemClock()).now())
