"""Parent side of the crash tests: run `crash_worker` children and check what they left.

The checks read the database through the real repository (`repository.entries`) and through
SQLite's own integrity checks; nothing of our storage is replaced.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from caretrack.domain.model import Entry
from caretrack.storage import repository as repo
from tests.storage.crash_worker import content_for

REPO = Path(__file__).resolve().parents[2]
SIDECAR_SUFFIXES = ("-journal", "-wal", "-shm")


class Worker:
    """One `python -m tests.storage.crash_worker` child; its stdout is read on a thread."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._stderr_path = data_dir.parent / f"worker-{os.getpid()}-{time.monotonic_ns()}.err"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._stderr = self._stderr_path.open("w+b")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_worker", str(data_dir), *args],
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            bufsize=1,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def acks(self) -> list[str]:
        with self._changed:
            return [line[4:] for line in self.lines if line.startswith("ACK ")]

    def wait_for(self, prefix: str, count: int = 1, timeout: float = 60.0) -> list[str]:
        """Block until `count` lines start with `prefix`; fails if the worker dies first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [line for line in self.lines if line.startswith(prefix)]
                if len(found) >= count:
                    return found
                if self.proc.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(
                        f"worker exited ({self.proc.returncode}) before {count}x {prefix!r}:\n"
                        + self.stderr()
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {count}x {prefix!r}")
                self._changed.wait(min(left, 0.5))

    def kill(self) -> int:
        """SIGKILL (if still running), then collect every line it printed before dying."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        return self.finish()

    def finish(self, timeout: float = 120.0) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self._stderr.close()
        return code

    def stderr(self) -> str:
        with contextlib.suppress(OSError):
            return self._stderr_path.read_text(errors="replace")[-4000:]
        return ""


# ---------------------------------------------------------------------------------------------
# Checking a database file.


@dataclass
class Contents:
    entries: dict[str, Entry]
    integrity: list[str]
    foreign_key_problems: list[tuple[object, ...]]
    structure_problems: list[str] = field(default_factory=list)


def _read_only_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro"


@contextlib.contextmanager
def read_only_session(path: Path) -> Iterator[Session]:
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False),
    )
    try:
        with Session(engine) as session, session.begin():
            yield session
    finally:
        engine.dispose()


def structure_problems(conn: sqlite3.Connection) -> list[str]:
    """Entries whose child rows are incomplete, in plain words (empty when all is whole)."""
    problems = []
    for uid, versions in conn.execute(
        "SELECT e.uid, count(v.id) FROM entries e LEFT JOIN entry_versions v ON v.entry_id = e.id "
        "GROUP BY e.id HAVING count(v.id) != 1"
    ):
        problems.append(f"{uid}: {versions} version rows")
    for uid, symptoms, medicines in conn.execute(
        "SELECT e.uid, "
        "(SELECT count(*) FROM entry_symptoms s WHERE s.version_id = v.id), "
        "(SELECT count(*) FROM entry_medicines m WHERE m.version_id = v.id) "
        "FROM entries e JOIN entry_versions v ON v.entry_id = e.id"
    ):
        want = content_for(uid)
        if (symptoms, medicines) != (len(want.symptoms), len(want.medicines)):
            problems.append(f"{uid}: {symptoms} symptom rows, {medicines} medicine rows")
    return problems


def read_contents(path: Path) -> Contents:
    """Integrity, foreign keys, structure and every entry (via the repository), read-only."""
    with contextlib.closing(sqlite3.connect(_read_only_uri(path), uri=True)) as conn:
        integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        fk = [tuple(r) for r in conn.execute("PRAGMA foreign_key_check")]
        structure = structure_problems(conn)
    with read_only_session(path) as session:
        entries = {e.uid: e for e in repo.entries(session)}
    return Contents(entries, integrity, fk, structure)


def wrong_entries(entries: dict[str, Entry]) -> list[str]:
    """Entries that differ in any way from what the worker saved under their uid."""
    wrong = []
    for uid, e in entries.items():
        want = content_for(uid)
        if e.content != want or len(e.history) != 1 or e.version != 1:
            wrong.append(f"{uid}: stored {e.content!r} (v{e.version}), saved {want!r}")
    return wrong


def sidecars(db_path: Path) -> dict[str, int]:
    """The database's -journal/-wal/-shm files and their sizes (a stat, never an open)."""
    found = {}
    for suffix in SIDECAR_SUFFIXES:
        p = db_path.with_name(db_path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            found[suffix] = p.stat().st_size
    return found
