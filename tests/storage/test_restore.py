"""Restoring a verified backup (reliability.md §2.7, §3.2; T7), with real files and services."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import Child
from caretrack.services import Services, open_services
from caretrack.services.backups import restore_backup
from caretrack.services.clock import FixedClock
from caretrack.storage.backup import (
    LOCK_FILENAME,
    RestoreBlocked,
    RestoreRefused,
    backup_folder,
    list_backups,
    make_backup,
    restore,
)
from caretrack.storage.database import DB_FILENAME
from tests import bad_backups as bad
from tests.conftest import NOW
from tests.storage.test_backup import fingerprint, live_fingerprint, read_only, save_entries

LATER = NOW + timedelta(hours=1)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_print(path: Path) -> tuple[dict[str, int], str]:
    with read_only(path) as conn:
        return fingerprint(conn)


def three_states(
    services: Services, child: Child
) -> tuple[list[Path], list[tuple[dict[str, int], str]]]:
    """Backups after 3 and 7 entries, then 2 more unsaved-in-any-backup entries live."""
    paths, prints = [], []
    folder = backup_folder(services.database)
    for k, (count, at) in enumerate([(3, NOW - timedelta(hours=2)), (4, NOW - timedelta(hours=1))]):
        save_entries(services, child, count, key=f"b{k}")
        info = make_backup(services.database, folder, at)
        paths.append(info.path)
        prints.append(live_fingerprint(services))
    save_entries(services, child, 2, key="live")
    prints.append(live_fingerprint(services))
    return paths, prints


def test_restoring_backup_k_gives_exactly_its_entries_and_keeps_the_current_data(
    services: Services, child: Child, catalogue: Catalogue, clock: FixedClock, data_dir: Path
) -> None:
    paths, prints = three_states(services, child)
    live = data_dir / DB_FILENAME
    services.close()

    result = restore(data_dir, paths[0], NOW)

    assert file_print(live) == prints[0]
    assert result.rows["entry_versions"] == prints[0][0]["entry_versions"] == 3
    assert result.restored_from == paths[0]
    assert stat.S_IMODE(live.stat().st_mode) == 0o600
    # The data that was current is in a verified pre-restore backup that opens.
    assert result.previous is not None and not result.previous_was_damaged
    assert result.previous.parent == backup_folder(services.database)
    assert result.previous.name == "caretrack-20261106-010000-pre-restore.sqlite3"
    assert result.previous in {b.path for b in list_backups(result.previous.parent)}
    assert file_print(result.previous) == prints[2]
    assert file_print(paths[1]) == prints[1]  # the other backups are untouched
    again = open_services(data_dir, catalogue, clock)
    try:
        assert len(again.entries.history(child.id)) == 3
    finally:
        again.close()

    # A second restore in the same second never overwrites the first pre-restore backup.
    second = restore_backup(data_dir, paths[1], clock)
    assert file_print(live) == prints[1]
    assert second.previous is not None and second.previous != result.previous
    assert file_print(second.previous) == prints[0]
    assert file_print(result.previous) == prints[2]
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", DB_FILENAME]


def test_a_pre_restore_backup_can_itself_be_restored(
    services: Services, child: Child, data_dir: Path
) -> None:
    paths, prints = three_states(services, child)
    services.close()
    first = restore(data_dir, paths[0], NOW)
    assert first.previous is not None
    restore(data_dir, first.previous, LATER)
    assert file_print(data_dir / DB_FILENAME) == prints[2]


def test_the_current_data_file_itself_is_refused(services: Services, data_dir: Path) -> None:
    live = data_dir / DB_FILENAME
    services.close()
    before = sha256(live)
    with pytest.raises(RestoreRefused, match="current data file"):
        restore(data_dir, live, NOW)
    assert sha256(live) == before


BAD: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "flipped bytes": (bad.flip_bytes, "damaged|not a readable"),
    "truncated": (bad.truncate, "damaged|not a readable"),
    "foreign": (bad.foreign, "not a CareTrack file"),
    "zero length": (bad.empty, "empty"),
    "not sqlite": (bad.not_sqlite, "not a readable CareTrack backup"),
    "newer": (bad.newer, "newer CareTrack"),
    "no revision": (bad.no_revision, "no schema revision"),
    "missing": (bad.missing, "does not exist"),
    "directory": (bad.directory, "not a file"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_file_is_refused_and_the_current_data_stays_byte_identical(
    kind: str, services: Services, child: Child, data_dir: Path, tmp_path: Path
) -> None:
    save_entries(services, child, 30)
    good = services.backups.backup_now()
    save_entries(services, child, 1, key="after")
    services.close()
    live = data_dir / DB_FILENAME
    before_hash = sha256(live)
    before_files = sorted(p.relative_to(data_dir) for p in data_dir.rglob("*"))
    make, message = BAD[kind]
    bad = tmp_path / "candidate.sqlite3"
    make(good.path, bad)

    with pytest.raises(RestoreRefused, match=message):
        restore(data_dir, bad, LATER)

    assert sha256(live) == before_hash
    assert sorted(p.relative_to(data_dir) for p in data_dir.rglob("*")) == before_files
    assert not list(tmp_path.glob("candidate.sqlite3-*"))  # no sidecars next to the candidate


def test_restore_is_refused_while_a_running_process_holds_the_lock(
    services: Services, child: Child, data_dir: Path
) -> None:
    save_entries(services, child, 2)
    good = services.backups.backup_now()
    save_entries(services, child, 1, key="after")
    services.close()
    live = data_dir / DB_FILENAME
    before = sha256(live)
    lock = data_dir / LOCK_FILENAME
    lock.write_text(f"{os.getpid()}\ncaretrack\nhost\n")

    with pytest.raises(RestoreBlocked, match="open on this data folder"):
        restore(data_dir, good.path, LATER)

    assert sha256(live) == before
    assert lock.read_text().startswith(str(os.getpid()))
    assert [b.path for b in list_backups(good.path.parent)] == [good.path]


def test_a_lock_left_by_a_dead_process_does_not_block_and_is_cleared(
    services: Services, child: Child, data_dir: Path
) -> None:
    save_entries(services, child, 2)
    good = services.backups.backup_now()
    expected = live_fingerprint(services)
    save_entries(services, child, 1, key="after")
    services.close()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    lock = data_dir / LOCK_FILENAME
    lock.write_text(f"{gone.stdout.strip()}\ncaretrack\nhost\n")

    restore(data_dir, good.path, LATER)

    assert file_print(data_dir / DB_FILENAME) == expected
    assert not lock.exists()


def test_a_damaged_current_file_is_moved_aside_unchanged_with_its_journal(
    services: Services, child: Child, data_dir: Path
) -> None:
    save_entries(services, child, 2)
    good = services.backups.backup_now()
    expected = live_fingerprint(services)
    services.close()
    live = data_dir / DB_FILENAME
    live.write_bytes(b"garbage, not the family's data" * 300)
    journal = data_dir / f"{DB_FILENAME}-journal"
    journal.write_bytes(b"a stale journal")
    damaged_hash = sha256(live)

    result = restore(data_dir, good.path, LATER)

    assert result.previous_was_damaged
    assert result.previous == data_dir / f"{DB_FILENAME}.corrupt-20261106T020000Z"
    assert sha256(result.previous) == damaged_hash
    assert (data_dir / f"{result.previous.name}-journal").read_bytes() == b"a stale journal"
    assert not journal.exists()
    assert file_print(live) == expected
    assert [b.path for b in list_backups(good.path.parent)] == [good.path]


def test_stale_sidecars_of_a_healthy_file_are_removed_after_its_backup(
    services: Services, child: Child, data_dir: Path
) -> None:
    save_entries(services, child, 2)
    good = services.backups.backup_now()
    expected = live_fingerprint(services)
    save_entries(services, child, 3, key="after")
    current = live_fingerprint(services)
    services.close()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_FILENAME}{suffix}").write_bytes(b"")

    result = restore(data_dir, good.path, LATER)

    assert result.previous is not None and file_print(result.previous) == current
    assert file_print(data_dir / DB_FILENAME) == expected
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", DB_FILENAME]


def test_restoring_into_an_empty_folder_keeps_nothing_and_opens(
    services: Services, child: Child, data_dir: Path, tmp_path: Path
) -> None:
    save_entries(services, child, 4)
    good = services.backups.backup_now()
    expected = live_fingerprint(services)
    services.close()
    fresh = tmp_path / "new computer"

    result = restore(fresh, good.path, LATER)

    assert result.previous is None
    assert file_print(fresh / DB_FILENAME) == expected
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
