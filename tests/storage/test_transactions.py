"""T5: transactions are real (reliability.md §2.9: the BEGIN recipe is installed).

Each check is also run once against a plain SQLAlchemy engine on pysqlite's legacy transaction
control, where it must fail: that shows the check can tell the difference.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session

from caretrack.domain.model import Child
from caretrack.services import Services
from caretrack.services.demo import ALL_CONFIRMATIONS
from caretrack.storage.database import open_database
from tests.storage.crash_worker import content_for

SessionFactory = Callable[[], contextlib.AbstractContextManager[Session]]
WAL_VERSION = (3, 53, 4)


def row_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@contextlib.contextmanager
def inserts_fail_after(engine: Engine, k: int | None) -> Iterator[list[str]]:
    """Count INSERT statements on `engine`; raise right after the k-th (None: never)."""
    seen: list[str] = []

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            seen.append(statement.split("(")[0].split()[-1])
            if len(seen) == k:
                raise RuntimeError(f"crash after insert {k} ({seen[-1]})")

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield seen
    finally:
        event.remove(engine, "after_cursor_execute", after)


def test_a_save_that_fails_after_any_of_its_inserts_leaves_no_row(
    services: Services, child: Child
) -> None:
    engine = services.database.engine
    path = services.database.path
    with inserts_fail_after(engine, None) as reference:
        services.entries.save_new(child.id, "ref-00000", content_for("ref-00000"))
    # An entry, its version, its symptoms and medicine (and any flags): several inserts.
    assert len(reference) >= 3, reference
    assert {"entries", "entry_versions", "entry_symptoms", "entry_medicines"} <= set(reference)

    uid = "ref-00001"  # same shape of entry: 1-3 symptoms and a medicine
    for k in range(1, len(reference)):
        before = row_counts(path)
        with (
            pytest.raises(RuntimeError, match=f"after insert {k}"),
            inserts_fail_after(engine, k) as seen,
        ):
            services.entries.save_new(child.id, uid, content_for(uid), ALL_CONFIRMATIONS)
        assert len(seen) == k
        assert row_counts(path) == before, f"rows left after a crash at insert {k}"
    saved = services.entries.save_new(child.id, uid, content_for(uid), ALL_CONFIRMATIONS)
    assert saved.created  # nothing of the failed attempts was there to be found


# ---------------------------------------------------------------------------------------------
# Savepoints and snapshots, on CareTrack's database and (as a control) on a legacy engine.


def released_savepoint_then_outer_failure(new_session: SessionFactory) -> list[str]:
    """A savepoint released, then the outer transaction fails: what persisted?"""
    with pytest.raises(RuntimeError), new_session() as s:
        with s.begin_nested():
            s.execute(text("INSERT INTO settings(key, value) VALUES ('inner', '1')"))
        s.execute(text("INSERT INTO settings(key, value) VALUES ('outer', '1')"))
        raise RuntimeError("the user action fails after its savepoint was released")
    with new_session() as s:
        return sorted(s.scalars(text("SELECT key FROM settings")))


def rolled_back_savepoint_then_outer_commit(new_session: SessionFactory) -> list[str]:
    with new_session() as s:
        s.execute(text("INSERT INTO settings(key, value) VALUES ('outer-1', '1')"))
        nested = s.begin_nested()
        s.execute(text("INSERT INTO settings(key, value) VALUES ('inner', '1')"))
        nested.rollback()
        s.execute(text("INSERT INTO settings(key, value) VALUES ('outer-2', '1')"))
    with new_session() as s:
        return sorted(s.scalars(text("SELECT key FROM settings")))


def two_reads_while_another_connection_commits(
    new_session: SessionFactory, path: Path, wal: bool
) -> tuple[int, int, int]:
    """Count, let another connection commit a row, count again, in one transaction."""
    key = f"other-{uuid.uuid4().hex}"
    committed = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            with contextlib.closing(
                sqlite3.connect(path, timeout=20, isolation_level=None)
            ) as conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO settings(key, value) VALUES (?, '1')", (key,))
                conn.execute("COMMIT")  # in DELETE mode, waits until our reader is done
            committed.set()
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=other_writer)
    count = text("SELECT count(*) FROM settings")
    with new_session() as s:
        first = int(s.scalar(count) or 0)
        writer.start()
        # WAL: the other commit lands at once. DELETE: it waits for our shared lock (give it
        # time to try); a legacy driver holds no lock between statements, so it lands at once.
        landed = committed.wait(10 if wal else 1)
        assert landed or not wal
        second = int(s.scalar(count) or 0)
    writer.join(30)
    assert errors == []
    assert committed.is_set()
    with new_session() as s:
        third = int(s.scalar(count) or 0)
    return first, second, third


@contextlib.contextmanager
def legacy_engine(path: Path) -> Iterator[SessionFactory]:
    """A plain engine with pysqlite's default transaction control: the recipe is missing."""
    engine = create_engine(f"sqlite:///{path}")

    @contextlib.contextmanager
    def new_session() -> Iterator[Session]:
        with Session(engine) as s, s.begin():
            yield s

    try:
        yield new_session
    finally:
        engine.dispose()


@pytest.fixture(params=["delete", "wal"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run in both journal modes: WAL by pretending the runtime has the WAL-reset fix."""
    if request.param == "wal":
        monkeypatch.setattr(sqlite3, "sqlite_version_info", WAL_VERSION)
    return str(request.param)


def test_a_released_savepoint_is_undone_with_its_transaction(tmp_path: Path, mode: str) -> None:
    db = open_database(tmp_path / "ours")
    try:
        assert released_savepoint_then_outer_failure(db.unit_of_work) == []
    finally:
        db.close()
    with legacy_engine(db.path) as legacy:  # control: the check does catch the missing recipe
        assert released_savepoint_then_outer_failure(legacy) == ["inner"]


def test_a_rolled_back_savepoint_keeps_only_the_outer_rows(tmp_path: Path, mode: str) -> None:
    db = open_database(tmp_path)
    try:
        assert rolled_back_savepoint_then_outer_commit(db.unit_of_work) == ["outer-1", "outer-2"]
    finally:
        db.close()


def test_two_reads_in_one_transaction_see_one_snapshot_while_another_connection_commits(
    tmp_path: Path, mode: str
) -> None:
    db = open_database(tmp_path / "ours")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == mode
        first, second, third = two_reads_while_another_connection_commits(
            db.unit_of_work, db.path, mode == "wal"
        )
    finally:
        db.close()
    assert first == second == 0
    assert third == 1

    with legacy_engine(db.path) as legacy:  # control: without the recipe the reads differ
        first, second, third = two_reads_while_another_connection_commits(
            legacy, db.path, mode == "wal"
        )
    assert second == first + 1
