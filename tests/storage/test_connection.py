"""The connection contract of reliability.md §2.4, §2.8, §2.9 (targets T3, T4, T5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, text

from caretrack.storage.database import open_database
from caretrack.storage.engine import journal_mode, make_engine
from caretrack.storage.orm import APPLICATION_ID

# reliability.md T4: runtimes without the WAL-reset fix stay in DELETE mode.
GATE_CASES = [
    ((3, 40, 1), "delete"),
    ((3, 50, 4), "delete"),
    ((3, 51, 2), "delete"),
    ((3, 44, 6), "wal"),
    ((3, 50, 7), "wal"),
    ((3, 51, 3), "wal"),
    ((3, 53, 4), "wal"),
]


@pytest.mark.parametrize(("version", "mode"), GATE_CASES)
def test_wal_only_with_the_wal_reset_fix(version: tuple[int, int, int], mode: str) -> None:
    assert journal_mode(version) == mode


def test_every_connection_gets_the_safety_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        got = {
            p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "secure_delete",
                "trusted_schema",
                "application_id",
            )
        }
    db.close()
    expected_mode = journal_mode()
    assert got == {
        "journal_mode": expected_mode,
        "synchronous": 2 if expected_mode == "wal" else 3,
        "foreign_keys": 1,
        "secure_delete": 1,
        "trusted_schema": 0,
        "application_id": APPLICATION_ID,
    }


def test_the_ci_runtime_runs_in_delete_mode() -> None:
    if sqlite3.sqlite_version_info < (3, 44, 6):
        assert journal_mode() == "delete"


def test_one_connection_for_a_whole_session_of_work(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    connects: list[object] = []
    event.listen(db.engine, "connect", lambda *_: connects.append(1))
    for _ in range(20):
        with db.unit_of_work() as s:
            s.execute(text("SELECT 1"))
    db.close()
    assert connects == []  # the one connection made while opening is reused


def test_a_failed_unit_of_work_leaves_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        s.execute(text("INSERT INTO settings(key, value) VALUES ('a', '1')"))
        s.execute(text("INSERT INTO settings(key, value) VALUES ('b', '2')"))
        raise RuntimeError("crash after the second insert")
    with db.unit_of_work() as s:
        assert s.execute(text("SELECT count(*) FROM settings")).scalar() == 0
    db.close()


def test_reads_in_one_transaction_see_one_snapshot(tmp_path: Path) -> None:
    """Fails under pysqlite's legacy transactions, so it proves the BEGIN recipe is in place."""
    db = open_database(tmp_path)
    other = make_engine(db.path)
    with db.unit_of_work() as s:
        before = s.execute(text("SELECT count(*) FROM settings")).scalar()
        with pytest.raises(Exception, match="locked"), other.begin() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout = 0")
            conn.execute(text("INSERT INTO settings(key, value) VALUES ('x', '1')"))
        after = s.execute(text("SELECT count(*) FROM settings")).scalar()
    assert before == after == 0
    other.dispose()
    db.close()
