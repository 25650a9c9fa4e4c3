"""Verified backups, thinning and the database check (reliability.md §2.6, §2.7; T6, T20)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child, EntryContent, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import Services, open_services
from caretrack.services.clock import FixedClock
from caretrack.storage.backup import (
    BackupError,
    backup_folder,
    backup_name,
    check_database,
    list_backups,
    make_backup,
    obsolete,
    thin,
)
from caretrack.storage.database import DB_FILENAME
from caretrack.storage.orm import APPLICATION_ID
from tests.conftest import NOW


def save_entries(services: Services, child: Child, count: int, key: str = "form") -> None:
    for i in range(count):
        content = EntryContent(
            observed_at=NOW - timedelta(hours=count - i),
            logged_by="Dad",
            temperature=Temperature(370 + i % 10, Unit.C, Route.ORAL),
            symptoms=(SymptomReport("chills", 1),),
            note=f"entry {i} ÆØÅ",
        )
        services.entries.save_new(child.id, f"{key}-{i}", content)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        yield conn


def fingerprint(conn: sqlite3.Connection) -> tuple[dict[str, int], str]:
    """Per-table row counts and a content hash of every entry version."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    digest = hashlib.sha256()
    for row in conn.execute("SELECT * FROM entry_versions ORDER BY id"):
        digest.update(repr(row).encode())
    return counts, digest.hexdigest()


def live_fingerprint(services: Services) -> tuple[dict[str, int], str]:
    with services.database.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return fingerprint(raw)


def test_a_backup_opens_passes_integrity_and_holds_the_same_entries(
    services: Services, child: Child, catalogue: Catalogue, clock: FixedClock, tmp_path: Path
) -> None:
    save_entries(services, child, 12)
    info = services.backups.backup_now()

    assert info.path.parent == backup_folder(services.database)
    assert info.path.name == backup_name(NOW) == "caretrack-20261106-010000.sqlite3"
    assert info.taken_at == NOW.astimezone(UTC)
    assert info.size == info.path.stat().st_size > 0
    with read_only(info.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        assert copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        counts, digest = fingerprint(copy)
    assert counts["entry_versions"] == 12
    assert (counts, digest) == live_fingerprint(services)

    # The same entries read back through the real repository from a copy of the backup.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copyfile(info.path, restored / DB_FILENAME)
    again = open_services(restored, catalogue, clock)
    try:
        assert again.entries.history(child.id) == services.entries.history(child.id)
    finally:
        again.close()


def test_backup_file_is_0600_and_folder_0700_even_under_a_loose_umask(
    services: Services, child: Child
) -> None:
    old = os.umask(0o022)
    try:
        info = services.backups.backup_now()
    finally:
        os.umask(old)
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700


def test_only_published_files_remain_after_a_backup(services: Services, child: Child) -> None:
    info = services.backups.backup_now()
    assert [p.name for p in info.path.parent.iterdir()] == [info.path.name]
    assert services.backups.last_backup() == info


def test_a_failed_rename_leaves_no_temp_file_and_the_live_data_untouched(
    services: Services, child: Child
) -> None:
    save_entries(services, child, 3)
    before = live_fingerprint(services)
    folder = backup_folder(services.database)
    blocker = folder / backup_name(NOW)
    blocker.mkdir(parents=True)  # a directory where the backup must go: os.replace fails
    (blocker / "keep").write_text("x")

    with pytest.raises(BackupError) as err:
        services.backups.backup_now()

    assert "Traceback" not in str(err.value)
    assert sorted(p.name for p in folder.iterdir()) == [blocker.name]
    assert list_backups(folder) == []
    assert live_fingerprint(services) == before
    assert check_database(services.database).ok
    save_entries(services, child, 1, "later")  # the live database still takes saves
    assert live_fingerprint(services)[0]["entry_versions"] == 4


def test_a_backups_path_that_is_a_file_is_a_plain_error(services: Services, child: Child) -> None:
    folder = backup_folder(services.database)
    folder.write_text("not a folder")
    with pytest.raises(BackupError, match="backups folder"):
        services.backups.backup_now()
    assert folder.read_text() == "not a folder"
    assert check_database(services.database).ok


def test_backup_if_due_does_nothing_while_a_fresh_backup_exists(
    services: Services, child: Child, clock: FixedClock
) -> None:
    first = services.backups.backup_if_due()
    assert first is not None
    clock.moment = NOW + timedelta(hours=23)
    assert services.backups.backup_if_due() is None
    assert services.backups.backups() == [first]
    clock.moment = NOW + timedelta(hours=25)
    second = services.backups.backup_if_due()
    assert second is not None
    assert services.backups.backups() == [second, first]
    assert services.backups.last_backup() == second


def test_backup_if_due_is_not_fooled_by_a_backup_from_the_future(
    services: Services, child: Child, clock: FixedClock
) -> None:
    clock.moment = NOW + timedelta(days=300)  # the clock was wrong when this one was taken
    future = services.backups.backup_now()
    clock.moment = NOW
    made = services.backups.backup_if_due()
    assert made is not None
    assert services.backups.backups() == [future, made]


def test_check_reports_integrity_foreign_keys_and_row_counts(
    services: Services, child: Child
) -> None:
    save_entries(services, child, 2)
    result = services.backups.check()
    assert result.ok
    assert result.integrity == "ok"
    assert result.foreign_key_problems == []
    assert result.rows["entry_versions"] == 2
    assert result.rows["children"] == 1


def test_check_reports_broken_foreign_keys(services: Services, child: Child) -> None:
    with services.database.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("DELETE FROM children")
        raw.execute("PRAGMA foreign_keys = ON")
    result = services.backups.check()
    assert result.integrity == "ok"
    assert result.foreign_key_problems
    assert not result.ok


def test_make_backup_refuses_a_naive_time(services: Services, child: Child) -> None:
    with pytest.raises(ValueError):
        make_backup(services.database, backup_folder(services.database), datetime(2026, 1, 1))


def test_a_backup_of_a_wal_database_is_a_single_verified_file(
    tmp_path: Path, catalogue: Catalogue, clock: FixedClock
) -> None:
    svc = open_services(tmp_path / "data", catalogue, clock)
    try:
        with svc.database.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            raw.execute("PRAGMA journal_mode = WAL")
        svc.household.add_child(
            "Sam", date(2019, 1, 1), Decimal("20"), "blinatumomab", date(2026, 11, 1), cycle=1
        )
        info = svc.backups.backup_now()
        with read_only(info.path) as copy:
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            assert copy.execute("SELECT count(*) FROM children").fetchone()[0] == 1
        assert [p.name for p in info.path.parent.iterdir()] == [info.path.name]
    finally:
        with svc.database.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            raw.execute("PRAGMA journal_mode = DELETE")
        svc.close()


# ---------------------------------------------------------------------------------------------
# Thinning (T6).


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_obsolete_keeps_recent_then_newest_per_day_week_and_month() -> None:
    today = date(2026, 6, 30)
    times = [at(today - timedelta(days=d), h) for d in range(0, 120) for h in (3, 15)]
    drop = obsolete(times, at(today, 16), keep_recent_days=2, daily=3, weekly=2, monthly=2)
    kept = sorted(set(times) - drop, reverse=True)
    d = today.toordinal()
    # Recent: today and yesterday, both backups of each day.
    assert kept[:4] == [at(today, 15), at(today, 3), at(today - timedelta(1), 15),
                        at(today - timedelta(1), 3)]  # fmt: skip
    # Daily: the newest of each of the next three days.
    assert kept[4:7] == [at(today - timedelta(n), 15) for n in (2, 3, 4)]
    # Weekly: the newest in each of two older 7-day buckets.
    weekly = kept[7:9]
    assert len({t.date().toordinal() // 7 for t in weekly}) == 2
    assert all(t.date().toordinal() < d - 4 for t in weekly)
    assert all(t.hour == 15 for t in weekly)
    # Monthly: two more, in distinct months, older than the weekly ones.
    monthly = kept[9:]
    assert len(monthly) == 2
    assert len({(t.year, t.month) for t in monthly}) == 2
    assert max(monthly) < min(weekly)
    assert all(t.hour == 15 for t in monthly)


def test_thinning_over_400_simulated_days_keeps_exactly_the_configured_set(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = date(2025, 1, 1)
    deleted_total = 0
    for n in range(400):
        day = start + timedelta(days=n)
        for hour in (3, 15):  # two backups a day, as two start-ups would make
            (folder / backup_name(at(day, hour))).write_bytes(b"x")
        now = at(day, 16)
        deleted_total += len(thin(folder, now))  # frozen clock: "now" is the simulated day
        kept = {b.taken_at for b in list_backups(folder)}
        # Everything from the last two days is always kept.
        for back in (0, 1):
            if n - back >= 0:
                recent = day - timedelta(days=back)
                assert {at(recent, 3), at(recent, 15)} <= kept

    today = start + timedelta(days=399)
    kept_list = [b.taken_at for b in list_backups(folder)]
    assert deleted_total == 800 - len(kept_list)
    recent = [t for t in kept_list if t.date() >= today - timedelta(days=1)]
    older = [t for t in kept_list if t.date() < today - timedelta(days=1)]
    assert len(recent) == 4
    assert len(older) == 7 + 4 + 12
    daily, weekly, monthly = older[:7], older[7:11], older[11:]
    assert [t.date() for t in daily] == [today - timedelta(days=k) for k in range(2, 9)]
    weeks = [t.date().toordinal() // 7 for t in weekly]
    assert len(set(weeks)) == 4
    assert min(t.date() for t in daily) > max(t.date() for t in weekly)
    months = [(t.year, t.month) for t in monthly]
    assert len(set(months)) == 12
    assert months == sorted(months, reverse=True)
    assert max(monthly) < min(weekly)
    # Nothing in the folder but published backups.
    assert all(p.name.startswith("caretrack-") for p in folder.iterdir())


def test_thin_ignores_files_that_are_not_backups(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    old = datetime(2020, 1, 1, tzinfo=UTC)
    (folder / backup_name(old)).write_bytes(b"x")
    assert thin(folder, old + timedelta(days=3), daily=0, weekly=0, monthly=0)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert list_backups(tmp_path / "missing") == []


def test_backups_taken_while_another_connection_writes_are_consistent(
    services: Services, child: Child
) -> None:
    """Another writer (as a second process would be) commits pairs of rows throughout."""
    import threading
    import time

    stop = threading.Event()
    committed: list[int] = []

    def writer() -> None:
        conn = sqlite3.connect(services.database.path, timeout=10, isolation_level=None)
        try:
            i = 0
            while not stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("INSERT INTO settings(key, value) VALUES (?, '1')", (f"a{i}",))
                conn.execute("INSERT INTO settings(key, value) VALUES (?, '2')", (f"b{i}",))
                conn.execute("COMMIT")
                committed.append(i)
                i += 1
                time.sleep(0.005)
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    made = []
    try:
        n = 0
        # Until both enough commits and enough backups happened: a busy machine slows either.
        while (len(committed) < 40 or len(made) < 5) and n < 500:
            n += 1
            clock_time = NOW + timedelta(seconds=n)
            try:
                made.append(
                    make_backup(services.database, backup_folder(services.database), clock_time)
                )
            except BackupError as exc:
                assert "kept changing" in str(exc)
    finally:
        stop.set()
        thread.join()
    assert len(made) >= 5
    assert committed
    for info in made:
        with read_only(info.path) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            keys = {r[0] for r in copy.execute("SELECT key FROM settings")}
        a = {k[1:] for k in keys if k.startswith("a")}
        b = {k[1:] for k in keys if k.startswith("b")}
        assert a == b  # never half a transaction
        assert {int(x) for x in a} == set(range(len(a)))  # a prefix of the commits
    assert [p.suffix for p in backup_folder(services.database).iterdir()] == [".sqlite3"] * len(
        made
    )
