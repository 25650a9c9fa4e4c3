"""T3 and T4: the pragma contract on every pooled connection, and the SQLite runtime gate.

T3 watches connections through a `connect` event hook registered right after CareTrack's own
(so it sees each connection as CareTrack hands it out), across a whole end-to-end session.
T4 complements test_connection.py (which checks `journal_mode()` for each version): here the
monkeypatched version goes all the way to a real connection, and the start-up log is checked.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import EntryContent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import ALL_CONFIRMATIONS
from caretrack.storage import backup, database, engine
from caretrack.storage.database import open_database
from caretrack.storage.orm import APPLICATION_ID
from tests.conftest import NOW
from tests.storage.crash_worker import CHILD, content_for
from tests.storage.test_connection import GATE_CASES

PRAGMAS = (
    "foreign_keys",
    "secure_delete",
    "trusted_schema",
    "busy_timeout",
    "journal_mode",
    "synchronous",
    "application_id",
)


@dataclass
class Watch:
    seen: list[dict[str, Any]] = field(default_factory=list)  # pragmas per new connection
    connects: int = 0  # every connect of any SQLAlchemy engine in the process


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[Watch]:
    found = Watch()
    real_make_engine = engine.make_engine

    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        found.seen.append({p: cur.execute(f"PRAGMA {p}").fetchone()[0] for p in PRAGMAS})
        cur.close()

    def make_engine_watched(db_path: Path) -> Engine:
        made = real_make_engine(db_path)
        event.listen(made, "connect", on_connect)  # after CareTrack's own listener
        return made

    def count(*_args: Any) -> None:
        found.connects += 1

    monkeypatch.setattr(database, "make_engine", make_engine_watched)
    monkeypatch.setattr(backup, "make_engine", make_engine_watched)
    event.listen(Engine, "connect", count)
    try:
        yield found
    finally:
        event.remove(Engine, "connect", count)


def contract(app_id: int) -> dict[str, Any]:
    mode = engine.journal_mode()
    return {
        "foreign_keys": 1,
        "secure_delete": 1,
        "trusted_schema": 0,
        "journal_mode": mode,
        "synchronous": 2 if mode == "wal" else 3,
        "application_id": app_id,
    }


def end_to_end_session(data_dir: Path, catalogue: Catalogue) -> None:
    """What a family does in one sitting: child, 20 check-ins, a call, a backup, a summary."""
    services = open_services(data_dir, catalogue, FixedClock(NOW))
    try:
        child = services.household.add_child(*CHILD)
        for i in range(19):
            uid = f"e2e-{i}"
            services.entries.save_new(child.id, uid, content_for(uid), ALL_CONFIRMATIONS)
        fever = EntryContent(
            observed_at=NOW - timedelta(minutes=5),
            logged_by="Mum",
            temperature=Temperature(391, Unit.C, Route.ORAL),
            symptoms=(SymptomReport("chills", 2),),
        )
        saved = services.entries.save_new(child.id, "e2e-fever", fever, ALL_CONFIRMATIONS)
        assert saved.flag_ids
        services.flags.record_call(
            list(saved.flag_ids), NOW, "Mum", "Nurse on call", "Come in for blood tests."
        )
        services.backups.backup_now()
        summary = services.summaries.build(child.id)
        assert summary is not None
        assert len(services.entries.history(child.id)) == 20
    finally:
        services.close()


def test_the_contract_holds_on_the_one_connection_of_a_whole_session(
    tmp_path: Path, catalogue: Catalogue, watch: Watch
) -> None:
    data_dir = tmp_path / "data"
    end_to_end_session(data_dir, catalogue)
    assert watch.connects == 1
    assert len(watch.seen) == 1
    first = watch.seen[0]
    assert first.pop("busy_timeout") >= 5000
    assert first == contract(app_id=0)  # a brand-new file: the migration stamps the id

    # Another session on the existing file: one connection, stamped CareTrack's.
    watch.seen.clear()
    watch.connects = 0
    services = open_services(data_dir, catalogue, FixedClock(NOW))
    try:
        child = services.household.children()[0]
        for i in range(20):
            uid = f"again-{i}"
            services.entries.save_new(child.id, uid, content_for(uid), ALL_CONFIRMATIONS)
        services.backups.backup_now()
        services.summaries.build(child.id)
    finally:
        services.close()
    assert watch.connects == 1
    again = watch.seen[0]
    assert again.pop("busy_timeout") >= 5000
    assert again == contract(app_id=APPLICATION_ID)


def test_every_new_pooled_connection_gets_the_contract(tmp_path: Path, watch: Watch) -> None:
    db = open_database(tmp_path)
    try:
        for _ in range(3):
            db.engine.dispose()  # drop the pooled connection: the next use makes a new one
            with db.unit_of_work() as s:
                s.execute(text("SELECT count(*) FROM entries"))
        with db.engine.connect() as conn:  # an invalidated connection is replaced too
            conn.invalidate()
        with db.unit_of_work() as s:
            s.execute(text("SELECT 1"))
    finally:
        db.close()
    assert len(watch.seen) == watch.connects == 5
    for seen in watch.seen[1:]:
        assert seen.pop("busy_timeout") >= 5000
        assert seen == contract(app_id=APPLICATION_ID)


# ---------------------------------------------------------------------------------------------
# T4: the runtime gate reaches the real connection, and the version is logged.


@pytest.mark.parametrize(("version", "mode"), GATE_CASES)
def test_the_gate_decides_the_mode_of_the_real_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: tuple[int, int, int], mode: str
) -> None:
    monkeypatch.setattr(sqlite3, "sqlite_version_info", version)
    db = open_database(tmp_path)
    try:
        with db.engine.connect() as conn:
            got = (
                conn.exec_driver_sql("PRAGMA journal_mode").scalar(),
                conn.exec_driver_sql("PRAGMA synchronous").scalar(),
            )
    finally:
        db.close()
    assert got == (mode, 2 if mode == "wal" else 3)


def test_the_sqlite_version_and_the_gates_choice_are_logged_at_open(tmp_path: Path) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    app_log = logging.getLogger("caretrack")  # the logger the window writes its log file from
    handler = Keep(logging.INFO)
    old_level = app_log.level
    app_log.addHandler(handler)
    app_log.setLevel(logging.INFO)  # as the window's setup_logging does
    try:
        open_database(tmp_path).close()
    finally:
        app_log.removeHandler(handler)
        app_log.setLevel(old_level)
    messages = [r.getMessage() for r in records if r.levelno == logging.INFO]
    assert any(
        sqlite3.sqlite_version in m and f"journal_mode={engine.journal_mode()}" in m
        for m in messages
    ), messages
