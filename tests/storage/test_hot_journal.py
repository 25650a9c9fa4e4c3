"""T14: a hot journal left by a crash is recovered by SQLite, never deleted by us.

A worker saves some check-ins, then stops inside the next save's transaction after enough
writes that uncommitted pages reach the database file, and is killed with SIGKILL: a hot
`-journal` (DELETE mode) or `-wal` (WAL mode) remains. Start-up then runs in a separate process
with an audit hook: no Python code may remove, rename, copy or even open a `-journal`, `-wal`
or `-shm` file. Afterwards the uncommitted entry is gone and every ACKed one is there.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from caretrack.storage.database import DB_FILENAME, open_database
from tests.storage.crash_worker import PAD_KEY
from tests.storage.harness import (
    REPO,
    SIDECAR_SUFFIXES,
    Worker,
    read_contents,
    sidecars,
    wrong_entries,
)

PAUSE_AT = 12


def state_without_sidecars(db_path: Path, scratch: Path) -> tuple[list[str], set[str], bool]:
    """What the main file says alone (integrity, uids, padding): what deleting the journal
    would leave. Read from a copy: the real file is not touched while the journal is hot."""
    scratch.mkdir()
    copy = scratch / DB_FILENAME
    shutil.copyfile(db_path, copy)
    with contextlib.closing(sqlite3.connect(copy)) as conn:
        try:
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            uids = {str(r[0]) for r in conn.execute("SELECT uid FROM entries")}
            pad = conn.execute("SELECT count(*) FROM settings WHERE key = ?", (PAD_KEY,))
            return integrity, uids, bool(pad.fetchone()[0])
        except sqlite3.DatabaseError as exc:
            return [str(exc)], set(), False


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_startup_leaves_the_hot_journal_to_sqlite(tmp_path: Path, mode: str) -> None:
    data = tmp_path / "data"
    db_path = data / DB_FILENAME
    wal = ["--wal"] if mode == "wal" else []
    worker = Worker(data, "--prefix", "h", "--count", "50", "--pause-at", str(PAUSE_AT), *wal)
    paused = worker.wait_for("PAUSED ")[0].split()[1]
    assert worker.kill() == -9
    acked = set(worker.acks)
    assert len(acked) == PAUSE_AT and paused not in acked

    # A hot journal is really there, and it matters: the main file alone is not the ACKed data.
    left = sidecars(db_path)
    hot = "-wal" if mode == "wal" else "-journal"
    assert left.get(hot, 0) > 0, left
    integrity, uids, pad = state_without_sidecars(db_path, tmp_path / "control")
    assert integrity != ["ok"] or uids != acked or pad

    # Start-up, watched by an audit hook in its own process.
    run = subprocess.run(
        [sys.executable, "-m", "tests.storage.audited_open", str(data), *wal],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    events = [tuple(e) for e in json.loads(run.stdout.splitlines()[-1])["events"]]
    connects = [i for i, (name, path) in enumerate(events) if name == "sqlite3.connect"]
    assert connects, "the hook saw no sqlite3.connect: it was not watching start-up"
    assert Path(events[connects[0]][1]).resolve() == db_path.resolve()
    touched = [(name, path) for name, path in events if path.endswith(SIDECAR_SUFFIXES)]
    assert touched == [], "start-up touched a journal file itself"
    db_events = [(n, p) for n, p in events[: connects[0]] if Path(p).name == DB_FILENAME]
    assert db_events == [], "start-up opened, moved or copied the data file before SQLite did"

    # SQLite rolled the unfinished save back; everything ACKed is there, exactly as saved.
    open_database(data).close()
    assert sidecars(db_path) == {}
    contents = read_contents(db_path)
    assert contents.integrity == ["ok"]
    assert contents.foreign_key_problems == []
    assert contents.structure_problems == []
    assert set(contents.entries) == acked
    assert wrong_entries(contents.entries) == []
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        pad_rows = conn.execute("SELECT count(*) FROM settings WHERE key = ?", (PAD_KEY,))
        assert pad_rows.fetchone() == (0,)
