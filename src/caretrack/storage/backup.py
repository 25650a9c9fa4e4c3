"""Verified backups of the family's database (reliability.md §2.6, §2.7; T6, T15, T20).

A backup is written by SQLite itself (`VACUUM INTO`) to a temporary name, opened with a fresh
read-only connection and checked (integrity, application id, row counts equal the live
database's), synced to disk and only then renamed to `caretrack-YYYYMMDD-HHMMSS.sqlite3` (UTC).
The live database file is never opened, read or copied by anything but SQLite.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from caretrack.storage.database import (
    DB_FILENAME,
    Database,
    DatabaseOpenError,
    StorageError,
    check_location,
    migration_script,
    open_database,
    owner_only,
    prepare_data_dir,
)
from caretrack.storage.engine import make_engine
from caretrack.storage.orm import APPLICATION_ID

BACKUP_DIRNAME = "backups"
_NAME = re.compile(r"^caretrack-(\d{8})-(\d{6})(?:-(pre-restore|pre-migration))?\.sqlite3$")
_TEMP_PREFIX = ".caretrack-backup-"
_TEMP_SUFFIX = ".tmp"
_ATTEMPTS = 3  # retries when another process commits between the row count and the copy
# What reading a damaged file can raise: SQLite's errors, and UnicodeDecodeError when SQLite's
# message quotes bytes from the damaged structure that are not valid text.
_UNREADABLE = (sqlite3.Error, UnicodeDecodeError)


class BackupError(StorageError):
    """A backup could not be made or verified; the message is a plain reason."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # aware, UTC, from the file name
    size: int


@dataclass(frozen=True)
class CheckResult:
    integrity: str  # "ok" or SQLite's messages joined by "; "
    foreign_key_problems: list[tuple[object, ...]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.foreign_key_problems


def backup_folder(db: Database) -> Path:
    return db.path.parent / BACKUP_DIRNAME


def backup_name(now: datetime, kind: str = "") -> str:
    suffix = f"-{kind}" if kind else ""
    return f"caretrack-{_utc(now):%Y%m%d-%H%M%S}{suffix}.sqlite3"


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("backup times must be aware datetimes")
    return now.astimezone(UTC)


# ---------------------------------------------------------------------------------------------
# Reading the live database: only through the engine's single pooled connection.


@contextlib.contextmanager
def _raw_connection(db: Database) -> Iterator[sqlite3.Connection]:
    """The pooled driver connection, checked out so no other save in this process can run.

    The driver connection is in autocommit mode (engine.py), so statements here run outside
    any SQLAlchemy-started transaction, which `VACUUM INTO` requires.
    """
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        yield raw


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in _tables(conn):
        quoted = '"' + name.replace('"', '""') + '"'
        counts[name] = int(conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])
    return counts


def _snapshot_counts(conn: sqlite3.Connection) -> tuple[dict[str, int], int]:
    """Row counts and data_version, read together in one read transaction."""
    conn.execute("BEGIN")
    try:
        version = int(conn.execute("PRAGMA data_version").fetchone()[0])
        counts = _row_counts(conn)
    finally:
        conn.execute("COMMIT")
    return counts, version


# ---------------------------------------------------------------------------------------------
# Making a backup.


def make_backup(db: Database, folder: Path, now: datetime, kind: str = "") -> BackupInfo:
    """Write, verify and publish one backup; on any failure nothing is left behind."""
    final = folder / backup_name(now, kind)
    taken_at = _utc(now).replace(microsecond=0)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner_only(folder)
    except OSError as exc:
        raise BackupError(f"the backups folder {folder} cannot be created ({_why(exc)})") from exc
    temp = folder / f"{_TEMP_PREFIX}{uuid.uuid4().hex}{_TEMP_SUFFIX}"
    try:
        expected = _vacuum_into(db, temp)
        temp.chmod(0o600)
        _verify(temp, expected)
        _fsync_file(temp)
        temp.replace(final)
        _fsync_dir(folder)
        size = final.stat().st_size
    except BackupError:
        _remove_quietly(temp)
        raise
    except (OSError, *_UNREADABLE, SQLAlchemyError) as exc:
        _remove_quietly(temp)
        raise BackupError(f"the backup could not be written ({_why(exc)})") from exc
    except BaseException:
        _remove_quietly(temp)
        raise
    return BackupInfo(final, taken_at, size)


def _vacuum_into(db: Database, temp: Path) -> dict[str, int]:
    with _raw_connection(db) as conn:
        for _ in range(_ATTEMPTS):
            _remove_quietly(temp)
            _create_private(temp)  # VACUUM INTO accepts an empty file; this one is 0600 from birth
            counts, before = _snapshot_counts(conn)
            conn.execute("VACUUM INTO ?", (str(temp),))
            after = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if after == before:  # nobody else committed between the counts and the copy
                return counts
    raise BackupError("the data file kept changing while the backup was taken; try again")


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)


def _verify(temp: Path, expected: dict[str, int]) -> None:
    _leave_wal_mode(temp)
    with contextlib.closing(_open_read_only(temp)) as copy:
        result = [str(r[0]) for r in copy.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise BackupError(f"the backup copy failed its integrity check: {'; '.join(result)}")
        app_id = copy.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise BackupError("the backup copy is not a CareTrack file")
        copy.execute("BEGIN")
        try:
            actual = _row_counts(copy)
        finally:
            copy.execute("COMMIT")
    if actual != expected:
        raise BackupError("the backup copy does not hold the same rows as the data file")


def _leave_wal_mode(temp: Path) -> None:
    """A copy of a WAL database says WAL in its header; make it a plain single file."""
    with temp.open("rb") as fh:  # our own temporary copy, never the live file
        header = fh.read(20)
    if len(header) == 20 and header[18:20] == b"\x02\x02":
        with contextlib.closing(sqlite3.connect(temp, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode = DELETE")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            p.unlink()


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full"
    return text or type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Listing and thinning.


def list_backups(folder: Path) -> list[BackupInfo]:
    """Published backups in `folder`, newest first; temp files and strangers are ignored."""
    found: list[BackupInfo] = []
    try:
        children = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for path in children:
        m = _NAME.match(path.name)
        if m is None:
            continue
        try:
            taken = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            st = path.stat()
        except (ValueError, OSError):
            continue
        if not path.is_file():
            continue
        found.append(BackupInfo(path, taken, st.st_size))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def obsolete(
    times: Iterable[datetime],
    now: datetime,
    keep_recent_days: int = 2,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> set[datetime]:
    """Which backup times to delete, the way Anki thins (rslib/src/collection/backup.rs).

    Newest first: everything from the last `keep_recent_days` days (today counts as one) is
    kept; then the newest backup of each older day until `daily` days are kept; then the newest
    of each 7-day week until `weekly`; then the newest of each month until `monthly`; the rest
    goes. Days are UTC days, like the file names.
    """
    today = _utc(now).date()
    first_recent = today.toordinal() - (keep_recent_days - 1)
    left = {"daily": daily, "weekly": weekly, "monthly": monthly}
    last_day = last_week = last_month = None
    drop: set[datetime] = set()
    for t in sorted(times, reverse=True):
        d = _utc(t).date()
        day, week, month = d.toordinal(), d.toordinal() // 7, _month(d)
        if day >= first_recent:
            stage = None
        elif left["daily"] > 0:
            stage = "daily"
            unique = last_day is None or day < last_day
        elif left["weekly"] > 0:
            stage = "weekly"
            unique = last_week is None or week < last_week
        elif left["monthly"] > 0:
            stage = "monthly"
            unique = last_month is None or month < last_month
        else:
            drop.add(t)
            continue
        if stage is not None:
            if not unique:
                drop.add(t)
                continue
            left[stage] -= 1
        last_day, last_week, last_month = day, week, month
    return drop


def _month(d: date) -> int:
    return d.year * 12 + d.month


def thin(
    folder: Path,
    now: datetime,
    keep_recent_days: int = 2,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> list[BackupInfo]:
    """Delete the backups `obsolete` names; return those actually deleted, newest first."""
    backups = list_backups(folder)
    drop = obsolete((b.taken_at for b in backups), now, keep_recent_days, daily, weekly, monthly)
    deleted: list[BackupInfo] = []
    for b in backups:
        if b.taken_at in drop:
            try:
                b.path.unlink()
            except OSError:
                continue  # a backup we cannot delete stays; thinning is tidying, not safety
            deleted.append(b)
    return deleted


# ---------------------------------------------------------------------------------------------
# Checking the live database.


def check_database(db: Database, *, quick: bool = False) -> CheckResult:
    """integrity_check (or quick_check), foreign_key_check and per-table row counts."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with _raw_connection(db) as conn:
            conn.execute("BEGIN")
            try:
                result = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
                fk = [tuple(r) for r in conn.execute("PRAGMA foreign_key_check").fetchall()]
                rows = _row_counts(conn)
            finally:
                conn.execute("COMMIT")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        return CheckResult(integrity=f"the data file cannot be read: {exc}")
    return CheckResult("ok" if result == ["ok"] else "; ".join(result), fk, rows)


# ---------------------------------------------------------------------------------------------
# Restoring a backup (T7). The live database must be closed: no CareTrack window may hold the
# data folder's lock, and this process must not have the folder's database open.

LOCK_FILENAME = "caretrack.lock"  # the window's QLockFile (ui/single_instance.py)
PRE_RESTORE = "pre-restore"
_SIDECARS = ("-journal", "-wal", "-shm")
_RESTORE_TEMP_PREFIX = ".caretrack-restore-"


class RestoreRefused(BackupError):
    """The chosen file is not something this CareTrack can restore; nothing was changed."""


class RestoreBlocked(BackupError):
    """A CareTrack window is open on the data folder; nothing was changed."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous: Path | None  # the pre-restore backup, the moved-aside file, or None (no data file)
    previous_was_damaged: bool  # True when `previous` is the old file moved aside unchanged
    rows: dict[str, int]


def lock_holder(data_dir: Path) -> int | None:
    """The PID in <data dir>/caretrack.lock when that process is running, else None."""
    try:
        text = (data_dir / LOCK_FILENAME).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise RestoreBlocked(f"the lock file cannot be read ({_why(exc)})") from exc
    lines = text.splitlines()
    try:
        pid = int(lines[0].strip()) if lines else 0
    except ValueError:
        return None
    if pid <= 0:
        return None
    return pid if _running(pid) else None


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill would end the process there; a lock file alone counts as held
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def restore(data_dir: Path, candidate: Path, now: datetime) -> RestoreResult:
    """Replace the data file with a verified copy of `candidate`, keeping the old data.

    1. the candidate is checked read-only (quick_check, application id, known schema revision);
    2. it is copied with SQLite's backup API to a temp name in the data folder and re-checked;
    3. the current data file gets a verified pre-restore backup, or, when it does not open, is
       moved aside unchanged (with its journal) as caretrack.sqlite3.corrupt-<UTC time>;
    4. only then are the old file's stale sidecars removed and the copy renamed into place;
    5. open_database migrates an older backup to head; the row counts are returned.
    Raises RestoreRefused (bad candidate), RestoreBlocked (window open) or BackupError, and
    DatabaseOpenError (UNSAFE_LOCATION) for a data folder on a network drive or in a sync folder.
    """
    candidate = candidate.absolute()
    live = data_dir / DB_FILENAME
    check_location(data_dir)  # never restore into a sync folder or onto a network drive
    _inspect_candidate(candidate)
    if live.exists() and _same_file(candidate, live):
        raise RestoreRefused(f"{candidate} is the current data file")
    pid = lock_holder(data_dir)
    if pid is not None:
        raise RestoreBlocked(
            f"CareTrack is open on this data folder (process {pid}); close it first"
        )
    prepare_data_dir(data_dir)
    with _holding_lock(data_dir):
        temp = data_dir / f"{_RESTORE_TEMP_PREFIX}{uuid.uuid4().hex}.tmp"
        try:
            _copy_in(candidate, temp)
            previous, damaged = _keep_current(live, now)
            try:
                _remove_sidecars(live)
                temp.replace(live)
            except OSError as exc:
                if damaged and previous is not None and not live.exists():
                    with contextlib.suppress(OSError):
                        previous.replace(live)  # put the old file back where it was
                raise BackupError(f"the backup could not be put in place ({_why(exc)})") from exc
            with contextlib.suppress(OSError):
                live.chmod(0o600)
            _fsync_dir(data_dir)
        except (OSError, *_UNREADABLE, SQLAlchemyError) as exc:
            raise BackupError(f"the restore failed ({_why(exc)})") from exc
        finally:
            _remove_quietly(temp)
            for suffix in _SIDECARS[1:]:
                with contextlib.suppress(OSError):
                    temp.with_name(temp.name + suffix).unlink()
        try:
            db = open_database(data_dir)
        except DatabaseOpenError as exc:
            kept = f"; your previous data is in {previous}" if previous else ""
            raise BackupError(f"the restored file does not open ({exc}){kept}") from exc
        try:
            rows = check_database(db, quick=True).rows
        finally:
            db.close()
    return RestoreResult(candidate, previous, damaged, rows)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _inspect_candidate(path: Path) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise RestoreRefused(f"{path} does not exist") from None
    except OSError as exc:
        raise RestoreRefused(f"{path} cannot be read ({_why(exc)})") from exc
    if not path.is_file():
        raise RestoreRefused(f"{path} is not a file")
    if st.st_size == 0:
        raise RestoreRefused(f"{path} is empty, not a CareTrack backup")
    if not os.access(path, os.R_OK):
        raise RestoreRefused(f"{path} cannot be read (permission denied)")
    try:
        with contextlib.closing(_open_read_only(path)) as conn:
            _check_restorable(conn, str(path))
    except _UNREADABLE as exc:
        raise RestoreRefused(f"{path} is not a readable CareTrack backup ({_why(exc)})") from exc


def _check_restorable(conn: sqlite3.Connection, label: str) -> None:
    result = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    if result != ["ok"]:
        raise RestoreRefused(f"{label} is damaged (quick_check: {'; '.join(result)[:200]})")
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise RestoreRefused(f"{label} is not a CareTrack file")
    has_version = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()[0]
    revisions = (
        [str(r[0]) for r in conn.execute("SELECT version_num FROM alembic_version")]
        if has_version
        else []
    )
    if not revisions:
        raise RestoreRefused(f"{label} has no schema revision, so it is not a CareTrack backup")
    for rev in revisions:
        if not _known_revision(rev):
            raise RestoreRefused(
                f"{label} was written by a newer CareTrack (schema revision {rev}); "
                "update CareTrack first"
            )


def _known_revision(rev: str) -> bool:
    """Known to this CareTrack's migrations, so at or below head (like upgrade_to_head)."""
    try:
        return migration_script().get_revision(rev) is not None
    except Exception:  # alembic raises several types for an unknown id
        return False


@contextlib.contextmanager
def _holding_lock(data_dir: Path) -> Iterator[None]:
    """Write the window's lock file (QLockFile's layout) so no window starts mid-restore."""
    path = data_dir / LOCK_FILENAME
    if path.exists():  # left by a process that is no longer running (checked by the caller)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise RestoreBlocked("CareTrack started on this data folder; close it first") from None
    except OSError as exc:
        raise BackupError(f"the data folder cannot be locked ({_why(exc)})") from exc
    mine = f"{os.getpid()}\n\n{socket.gethostname()}\n".encode()
    try:
        os.write(fd, mine)
    finally:
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            if path.read_bytes() == mine:
                path.unlink()


def _copy_in(candidate: Path, temp: Path) -> None:
    _create_private(temp)
    with (
        contextlib.closing(_open_read_only(candidate)) as src,
        contextlib.closing(sqlite3.connect(temp, isolation_level=None)) as dst,
    ):
        src.backup(dst)
    _leave_wal_mode(temp)
    try:
        with contextlib.closing(_open_read_only(temp)) as conn:
            _check_restorable(conn, "the copy of the backup")
    except _UNREADABLE as exc:
        raise BackupError(f"the copy of the backup cannot be read ({_why(exc)})") from exc
    _fsync_file(temp)


def _keep_current(live: Path, now: datetime) -> tuple[Path | None, bool]:
    """A verified pre-restore backup of a healthy data file; a damaged one is moved aside."""
    if not live.exists():
        if any(live.with_name(live.name + s).exists() for s in _SIDECARS):
            return _move_aside(live, now), True
        return None, False
    if not _healthy(live):
        return _move_aside(live, now), True
    db = Database(live, make_engine(live))
    folder = backup_folder(db)
    when = _utc(now)
    while (folder / backup_name(when, PRE_RESTORE)).exists():
        when += timedelta(seconds=1)  # never overwrite an earlier pre-restore backup
    try:
        info = make_backup(db, folder, when, PRE_RESTORE)
    except BackupError as exc:
        raise BackupError(
            f"the current data could not be backed up first, so nothing was restored ({exc})"
        ) from exc
    finally:
        db.close()
    return info.path, False


def _healthy(live: Path) -> bool:
    try:
        if live.stat().st_size == 0:
            return False
        with contextlib.closing(_open_read_only(live)) as conn:
            if [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()] != ["ok"]:
                return False
            return bool(conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)
    except (OSError, *_UNREADABLE):
        return False


def _move_aside(live: Path, now: datetime) -> Path:
    """Rename the data file and its sidecars, bytes unchanged, to .corrupt-<UTC time>."""
    stamp = f"{_utc(now):%Y%m%dT%H%M%SZ}"
    target = live.with_name(f"{live.name}.corrupt-{stamp}")
    n = 1
    while any(target.with_name(target.name + s).exists() for s in ("", *_SIDECARS)):
        n += 1
        target = live.with_name(f"{live.name}.corrupt-{stamp}-{n}")
    if live.exists():
        live.rename(target)
    for suffix in _SIDECARS:
        side = live.with_name(live.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    _fsync_dir(live.parent)
    return target


def _remove_sidecars(live: Path) -> None:
    for suffix in _SIDECARS:
        with contextlib.suppress(FileNotFoundError):
            live.with_name(live.name + suffix).unlink()


# ---------------------------------------------------------------------------------------------
# Recovery when the data file does not open (reliability.md T13).


def newest_restorable(data_dir: Path) -> BackupInfo | None:
    """The newest backup in <data_dir>/backups that passes the same checks a restore makes."""
    for info in list_backups(data_dir / BACKUP_DIRNAME):
        try:
            _inspect_candidate(info.path)
        except RestoreRefused:
            continue
        return info
    return None


def set_aside(data_dir: Path, now: datetime) -> Path | None:
    """Keep a data file that does not open, bytes unchanged, as .corrupt-<UTC time>.

    Only after the parent confirmed starting again with empty data; returns the new name.
    """
    live = data_dir / DB_FILENAME
    if not live.exists() and not any(live.with_name(live.name + s).exists() for s in _SIDECARS):
        return None
    try:
        return _move_aside(live, now)
    except OSError as exc:
        raise BackupError(f"the damaged file could not be set aside ({_why(exc)})") from exc
