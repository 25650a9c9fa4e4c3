"""`caretrack restore FILE` as a real subprocess: exit codes and one plain line (T7)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import bad_backups as bad
from tests.cli.test_cli import add_maya, assert_bad_input, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def add_entry(folder: Path, at: str) -> None:
    r = run("entry", "add", "--child", "Maya", "--at", at,
            "--temp", "37.2", "--unit", "C", "--route", "oral", data_dir=folder)  # fmt: skip
    assert r.returncode == 0, r.stderr


def entries(folder: Path) -> int:
    r = run("check", data_dir=folder)
    assert r.returncode == 0, r.stderr
    return int(json.loads(r.stdout)["rows"]["entry_versions"])


def backed_up(folder: Path) -> Path:
    """Maya with one entry in a backup, then a second entry only in the live file."""
    add_maya(folder)
    add_entry(folder, "2026-11-05T19:30:00-05:00")
    r = run("backup", data_dir=folder)
    assert r.returncode == 0, r.stderr
    add_entry(folder, "2026-11-05T20:30:00-05:00")
    assert entries(folder) == 2
    return Path(r.stdout.strip())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_prints_one_line_and_keeps_the_previous_data(folder: Path) -> None:
    backup = backed_up(folder)

    r = run("restore", str(backup), data_dir=folder)

    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    prefix = f"Restored {backup}; your previous data was saved as "
    assert lines[0].startswith(prefix)
    previous = Path(lines[0][len(prefix) :])
    assert previous.parent == folder / "backups" and previous.name.endswith("-pre-restore.sqlite3")
    assert entries(folder) == 1
    conn = sqlite3.connect(f"{previous.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM entry_versions").fetchone() == (2,)
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("make", "word"),
    [
        (bad.missing, "does not exist"),
        (bad.empty, "empty"),
        (bad.truncate, "restore refused"),
        (bad.foreign, "not a CareTrack file"),
        (bad.newer, "newer CareTrack"),
    ],
)
def test_bad_files_exit_2_with_one_line_and_change_nothing(
    folder: Path, tmp_path: Path, make: Callable[[Path, Path], None], word: str
) -> None:
    backup = backed_up(folder)
    live = folder / "caretrack.sqlite3"
    before = sha256(live)
    bad = tmp_path / "candidate.sqlite3"
    make(backup, bad)

    r = run("restore", str(bad), data_dir=folder)

    assert_bad_input(r, word)
    assert r.stdout == ""
    assert sha256(live) == before
    assert sorted(p.name for p in folder.iterdir()) == ["backups", "caretrack.sqlite3"]


def test_restore_exits_1_while_a_window_holds_the_lock(folder: Path) -> None:
    backup = backed_up(folder)
    live = folder / "caretrack.sqlite3"
    before = sha256(live)
    (folder / "caretrack.lock").write_text(f"{os.getpid()}\ncaretrack\nhost\n")

    r = run("restore", str(backup), data_dir=folder)

    assert r.returncode == 1
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "open on this data folder" in lines[0]
    assert sha256(live) == before
    assert entries(folder) == 2
