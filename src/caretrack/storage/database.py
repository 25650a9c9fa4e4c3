"""Opening the family's database safely (reliability.md §3.2, the parts that belong at open).

Order matters: check what the file is before anything writes to it, refuse files from a newer
CareTrack or another program, and only then migrate inside one real transaction.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from caretrack.storage.engine import make_engine
from caretrack.storage.location import (
    ALLOW_UNSAFE_ENV,
    UnsafeLocation,
    location_risk,
    unsafe_allowed,
)
from caretrack.storage.orm import APPLICATION_ID

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

DB_FILENAME = "caretrack.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")
PRE_MIGRATION = "pre-migration"  # the backup kind made before the file changes revision


class OpenProblem(StrEnum):
    NEWER = "newer"  # written by a newer CareTrack: never touched
    FOREIGN = "foreign"  # another program's file
    DAMAGED = "damaged"  # not a database, or fails quick_check
    UNWRITABLE = "unwritable"  # the folder or file cannot be written
    MIGRATION_FAILED = "migration_failed"
    UNSAFE_LOCATION = "unsafe_location"  # a network drive or a sync folder (T16): not opened
    READ_ONLY_OUTDATED = "read_only_outdated"  # needs an update, but the folder is read-only


class DatabaseOpenError(Exception):
    """The database cannot be opened; `problem` says why in a way the window can act on."""

    def __init__(self, problem: OpenProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


class StorageError(Exception):
    """A save or read failed because of the machine (disk full, read-only, file gone)."""


MOVED = (
    "CareTrack's data folder was moved or renamed while CareTrack was open, so nothing was "
    "saved. Close CareTrack and open it again."
)


@dataclass
class Database:
    path: Path
    engine: Engine
    identity: tuple[int, int] | None = field(default=None, compare=False)
    read_only: bool = False  # the folder or file cannot be written: shown, never saved to (T18)
    unsafe: UnsafeLocation | None = None  # kept in a risky folder on purpose (the override)

    def __post_init__(self) -> None:
        if self.identity is None:
            self.identity = _identity(self.path)

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action = one transaction: committed whole or not at all.

        Refused when the file at `path` is no longer the one that was opened (the folder was
        renamed or moved, T19): SQLite would go on writing into the moved file unseen.
        """
        if self.identity is not None and _identity(self.path) != self.identity:
            raise StorageError(MOVED)
        with (
            storage_errors(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the machine's failures into one exception type with a plain reason."""
    try:
        yield
    except OperationalError as exc:
        raise StorageError(_plain_reason(exc)) from exc
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlite3.OperationalError):
            raise StorageError(_plain_reason(exc)) from exc
        raise


def _plain_reason(exc: DBAPIError) -> str:
    text = str(exc.orig).lower()
    if "full" in text:
        return "The disk is full. Free some space, then save again."
    if "readonly" in text or "read-only" in text:
        return "CareTrack's data folder cannot be written to."
    if "locked" in text:
        return "The data file is busy. Close other CareTrack windows and try again."
    return (
        "CareTrack could not write to its data file. The disk may be full: free some space, "
        "then save again."
    )


def prepare_data_dir(data_dir: Path) -> None:
    """Folder 0700 and every new file 0600 from the moment it is created."""
    os.umask(0o077)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    owner_only(data_dir)


def owner_only(path: Path) -> None:
    """Take every permission away from group and others, and give the owner nothing new.

    A folder the family made read-only (0500) stays read-only, so CareTrack opens it for
    viewing (T18) instead of quietly making it writable again.
    """
    with contextlib.suppress(OSError):  # a folder the family chose may not be ours to chmod
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)


def check_location(data_dir: Path) -> UnsafeLocation | None:
    """Refuse a network drive or a sync folder unless the advanced override is set (T16).

    Runs before anything is created there. Returns the risk when the override let it pass.
    """
    risk = location_risk(data_dir)
    if risk is None:
        return None
    if not unsafe_allowed():
        raise DatabaseOpenError(
            OpenProblem.UNSAFE_LOCATION,
            f"the data folder {data_dir} {risk.describe()}. Sync programs and network drives "
            "can damage the data file or make copies that conflict. Use a folder on this "
            f"computer (--data-dir DIR), or set {ALLOW_UNSAFE_ENV}=1 to use it anyway",
        )
    return risk


def open_database(data_dir: Path) -> Database:
    """Open (or create) the data file; read-only when the folder or file cannot be written."""
    unsafe = check_location(data_dir)
    prepare_data_dir(data_dir)
    path = data_dir / DB_FILENAME
    existed = path.exists()
    if existed and path.stat().st_size == 0:
        raise DatabaseOpenError(OpenProblem.DAMAGED, f"{path} is empty")
    if existed and not _writable(data_dir, path):
        return _open_read_only(path, unsafe)
    engine = make_engine(path)
    with _disposed_on_failure(engine):
        with engine.connect() as conn:
            if existed:
                _check_existing(conn, path)
            conn.rollback()
        upgrade_to_head(engine, lambda: _backup_before_migrating(path, engine))
    return Database(path, engine, unsafe=unsafe)


@contextlib.contextmanager
def _disposed_on_failure(engine: Engine) -> Iterator[None]:
    """An open that fails lets go of the file and says why in OpenProblem terms."""
    try:
        yield
    except DatabaseOpenError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _open_failure(exc) from exc
    except UnicodeDecodeError as exc:  # SQLite's message quoted damaged bytes that are not text
        engine.dispose()
        raise DatabaseOpenError(
            OpenProblem.DAMAGED, "the data file's structure holds bytes that are not text"
        ) from exc


def _writable(folder: Path, path: Path) -> bool:
    """Can this process write the file and create its journal next to it?

    os.access also says no on a read-only mount, even to root (EROFS).
    """
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK | os.X_OK, effective_ids=effective) and os.access(
        path, os.W_OK, effective_ids=effective
    )


def _open_read_only(path: Path, unsafe: UnsafeLocation | None) -> Database:
    """Viewing only (T18): no backup, no migration; every write is refused by SQLite itself."""
    engine = make_engine(path, read_only=True)
    with _disposed_on_failure(engine), engine.connect() as conn:
        _check_existing(conn, path)
        current, heads = _revisions(conn)
        conn.rollback()
        if current != heads:
            raise DatabaseOpenError(
                OpenProblem.READ_ONLY_OUTDATED,
                f"{path} must be updated for this CareTrack, but its folder cannot be written to",
            )
    return Database(path, engine, read_only=True, unsafe=unsafe)


def _open_failure(exc: DBAPIError) -> DatabaseOpenError:
    text = str(exc.orig).lower()
    if "readonly" in text or "unable to open" in text:
        return DatabaseOpenError(OpenProblem.UNWRITABLE, str(exc.orig))
    return DatabaseOpenError(OpenProblem.DAMAGED, str(exc.orig))


def _check_existing(conn: Connection, path: Path) -> None:
    result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise DatabaseOpenError(OpenProblem.DAMAGED, f"{path}: quick_check says {result}")
    app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
    if app_id != APPLICATION_ID:
        tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        if app_id != 0 or tables:
            raise DatabaseOpenError(OpenProblem.FOREIGN, f"{path} is not a CareTrack file")


def _backup_before_migrating(path: Path, engine: Engine) -> None:
    """A verified backup of the file as it is; without one, the file is not changed (T6)."""
    from caretrack.storage.backup import BackupError, backup_folder, make_backup

    db = Database(path, engine)
    try:
        make_backup(db, backup_folder(db), datetime.now(UTC), PRE_MIGRATION)
    except BackupError as exc:
        raise DatabaseOpenError(
            OpenProblem.MIGRATION_FAILED,
            f"no backup could be made before updating the data file, so it was not changed ({exc})",
        ) from exc


def alembic_config() -> Config:
    """Alembic pointed at our migrations (read at call time: tests swap MIGRATIONS)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migration_script() -> ScriptDirectory:
    """This CareTrack's migrations: what it knows, and its head."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _revisions(conn: Connection) -> tuple[set[str], set[str]]:
    """(the file's schema revisions, this CareTrack's heads); NEWER for an unknown revision."""
    from alembic.runtime.migration import MigrationContext

    script = migration_script()
    current = set(MigrationContext.configure(conn).get_current_heads())
    for rev in current:
        try:
            script.get_revision(rev)
        except Exception as exc:  # alembic raises several types for an unknown id
            raise DatabaseOpenError(
                OpenProblem.NEWER, f"schema revision {rev} is newer than this CareTrack"
            ) from exc
    return current, set(script.get_heads())


def upgrade_to_head(
    engine: Engine, before_migrating: Callable[[], None] | None = None, target: str = "head"
) -> None:
    """Migrate in one transaction with foreign keys off, checked before commit (§3.1).

    `before_migrating` runs (with no connection held) only when an existing file is about to
    change revision: open_database makes the pre-migration backup there. `target` is only
    ever an older revision when an old export is rebuilt before its import.
    """
    from alembic import command

    with engine.connect() as conn:
        current, heads = _revisions(conn)
        conn.rollback()
        if current == (heads if target == "head" else {target}):
            return
    if current and before_migrating is not None:
        before_migrating()
    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseOpenError(
                        OpenProblem.MIGRATION_FAILED, f"foreign key check failed: {broken[:3]}"
                    )
        except DatabaseOpenError:
            raise
        except Exception as exc:
            raise DatabaseOpenError(OpenProblem.MIGRATION_FAILED, str(exc)) from exc
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
