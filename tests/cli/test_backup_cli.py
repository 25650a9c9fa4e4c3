"""`caretrack backup` and `caretrack check` as real subprocesses (contracts/cli.md)."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.test_cli import add_maya, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_backup_prints_the_verified_file_it_wrote(folder: Path) -> None:
    add_maya(folder)
    r = run("entry", "add", "--child", "Maya", "--at", "2026-11-05T19:30:00-05:00",
            "--temp", "37.2", "--unit", "C", "--route", "oral", data_dir=folder)  # fmt: skip
    assert r.returncode == 0, r.stderr

    r = run("backup", data_dir=folder)
    assert r.returncode == 0, r.stderr
    path = Path(r.stdout.strip())
    assert path.parent == folder / "backups"
    assert path.name.startswith("caretrack-") and path.suffix == ".sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    uri = f"{path.as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM entry_versions").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM children").fetchone() == (1,)
    finally:
        conn.close()


def test_backup_failure_is_one_plain_line_and_exit_1(folder: Path) -> None:
    add_maya(folder)
    (folder / "backups").write_text("in the way")
    r = run("backup", data_dir=folder)
    assert r.returncode == 1
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "backup" in lines[0]


def test_check_prints_a_json_report_and_exits_0_when_clean(folder: Path) -> None:
    add_maya(folder)
    r = run("check", data_dir=folder)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["integrity"] == "ok"
    assert report["foreign_key_problems"] == 0
    assert report["rows"]["children"] == 1
    assert report["rows"]["entries"] == 0


def test_check_exits_1_on_a_damaged_file_without_a_traceback(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / "caretrack.sqlite3").write_bytes(b"this is not a database" * 100)
    r = run("check", data_dir=folder)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    assert report["integrity"] != "ok"
    assert report["rows"] == {}


def test_check_exits_1_on_broken_foreign_keys(folder: Path) -> None:
    add_maya(folder)
    conn = sqlite3.connect(folder / "caretrack.sqlite3")
    try:
        conn.execute("DELETE FROM children")  # foreign keys are off in a plain connection
        conn.commit()
    finally:
        conn.close()
    r = run("check", data_dir=folder)
    assert r.returncode == 1
    assert json.loads(r.stdout)["foreign_key_problems"] > 0
