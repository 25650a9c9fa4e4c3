"""T8: backups taken while saves run are consistent snapshots.

The target itself: 500 saves through `EntryService.save_new` in a child process (another
connection committing under the backup: `make_backup` must notice and retry) while this
process takes 20 backups with `make_backup`. A shorter companion runs the saves on a thread
sharing the app's own Services (the window's arrangement: one connection, backups and saves
take turns). Backup k starts once k*step saves are ACKed, so the backups spread over the run.
Each must pass `integrity_check` and hold exactly the first n entries of the run for some n,
including every entry ACKed before it started, each with all its child rows exactly as saved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from caretrack.catalogue import load_catalogue
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import ALL_CONFIRMATIONS
from caretrack.storage.backup import BackupError, BackupInfo, make_backup
from caretrack.storage.database import Database, open_database
from tests.storage.crash_worker import CHILD, NOW, content_for, uid_for
from tests.storage.harness import Worker, read_contents, wrong_entries

SAVES = 500
BACKUPS = 20
THREAD_SAVES = 200  # the companion: saves are ~20 ms of CPU each, keep the suite quick
THREAD_BACKUPS = 10


def take_backups(
    db: Database,
    folder: Path,
    acked: Callable[[], list[str]],
    wait_for: Callable[[int], None],
    saves: int,
    backups: int,
) -> tuple[list[tuple[BackupInfo, set[str]]], int]:
    """`backups` backups spread over `saves` saves; each with the uids ACKed before it."""
    made: list[tuple[BackupInfo, set[str]]] = []
    retries = 0
    for k in range(backups):
        wait_for(k * (saves // (backups + 1)))
        before = set(acked())
        while True:
            try:
                info = make_backup(db, folder, NOW + timedelta(seconds=k))
                break
            except BackupError as exc:  # another process kept committing: try again
                assert "kept changing" in str(exc)
                retries += 1
                assert retries < 200
        made.append((info, before))
    return made, retries


def check_backups(made: list[tuple[BackupInfo, set[str]]], prefix: str) -> list[int]:
    sizes = []
    for info, acked_before in made:
        contents = read_contents(info.path)
        name = info.path.name
        assert contents.integrity == ["ok"], name
        assert contents.foreign_key_problems == [], name
        assert contents.structure_problems == [], name
        uids = set(contents.entries)
        assert uids == {uid_for(prefix, i) for i in range(len(uids))}, f"{name}: not a prefix"
        assert acked_before <= uids, f"{name} misses entries ACKed before it was taken"
        assert wrong_entries(contents.entries) == [], name
        sizes.append(len(uids))
    return sizes


@pytest.mark.slow
def test_backups_during_saves_in_another_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    worker = Worker(data, "--prefix", "b", "--count", str(SAVES))

    def wait_for(n: int) -> None:
        worker.wait_for("ACK ", n)

    try:
        worker.wait_for("READY")
        db = open_database(data)
        try:
            made, retries = take_backups(
                db, tmp_path / "backups", lambda: worker.acks, wait_for, SAVES, BACKUPS
            )
        finally:
            db.close()
        worker.wait_for("DONE", timeout=300)
    except BaseException:
        worker.kill()
        raise
    assert worker.finish() == 0, worker.stderr()
    sizes = check_backups(made, "b")
    print(f"\nprocess: backups hold {sizes} entries; {retries} retries")
    assert len(sizes) == BACKUPS
    assert sizes == sorted(sizes)
    assert sum(0 < n < SAVES for n in sizes) >= BACKUPS // 2, "backups were not taken mid-run"
    final = read_contents(data / "caretrack.sqlite3")
    assert set(final.entries) == {uid_for("b", i) for i in range(SAVES)}


@pytest.mark.slow
def test_backups_during_saves_on_another_thread_of_the_app(tmp_path: Path) -> None:
    services = open_services(tmp_path / "data", load_catalogue(), FixedClock(NOW))
    child = services.household.add_child(*CHILD)
    acked: list[str] = []
    progress = threading.Condition()
    failure: list[BaseException] = []

    def saver() -> None:
        try:
            for i in range(THREAD_SAVES):
                uid = uid_for("t", i)
                services.entries.save_new(child.id, uid, content_for(uid), ALL_CONFIRMATIONS)
                with progress:
                    acked.append(uid)
                    progress.notify_all()
                # A parent's pace, not a tight loop: the one pooled connection is not handed
                # out fairly, so a loop that never pauses would starve the backup of it.
                time.sleep(0.001)
        except BaseException as exc:
            failure.append(exc)
            with progress:
                progress.notify_all()

    def wait_for(n: int) -> None:
        with progress:
            assert progress.wait_for(lambda: len(acked) >= n or failure, timeout=120)

    def snapshot() -> list[str]:
        with progress:
            return list(acked)

    thread = threading.Thread(target=saver)
    thread.start()
    try:
        made, retries = take_backups(
            services.database,
            tmp_path / "backups",
            snapshot,
            wait_for,
            THREAD_SAVES,
            THREAD_BACKUPS,
        )
    finally:
        thread.join()
        services.close()
    assert failure == []
    assert retries == 0  # one connection: a save never commits inside a backup
    sizes = check_backups(made, "t")
    print(f"\nthread: backups hold {sizes} entries")
    assert len(sizes) == THREAD_BACKUPS
    assert sizes == sorted(sizes)
    assert sum(0 < n < THREAD_SAVES for n in sizes) >= THREAD_BACKUPS // 2, "not taken mid-run"
    assert len(acked) == THREAD_SAVES
