"""Opening refuses what is not ours and never touches it (reliability.md §3.2, T11, T13 basics)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from caretrack.storage.database import DB_FILENAME, DatabaseOpenError, OpenProblem, open_database
from caretrack.storage.orm import Base


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_open_creates_private_folder_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    open_database(folder).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / DB_FILENAME).stat().st_mode) == 0o600


def test_upgrading_from_empty_equals_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == []


def test_a_database_from_a_newer_caretrack_is_refused_untouched(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    path = tmp_path / DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path)
    assert err.value.problem is OpenProblem.NEWER
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos(id INTEGER PRIMARY KEY)")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path)
    assert err.value.problem is OpenProblem.FOREIGN
    assert digest(path) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_a_damaged_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path)
    assert err.value.problem is OpenProblem.DAMAGED
    assert path.read_bytes() == content


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.unit_of_work() as s:
        from caretrack.storage.orm import SettingRow

        s.add(SettingRow(key="unit", value="F"))
    db.close()
    db = open_database(tmp_path)
    with db.unit_of_work() as s:
        assert s.get(SettingRow, "unit").value == "F"  # type: ignore[union-attr]
    db.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(folder)
    assert err.value.problem is OpenProblem.UNWRITABLE


def schema_with_bytes_that_are_not_text(path: Path) -> None:
    """Damage SQLite quotes in its error message as raw bytes: Python cannot decode them."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = CAST(sql || X'20ff' AS TEXT) WHERE name = 'settings'"
        )
    finally:
        conn.close()


def test_damage_that_is_not_even_text_is_called_damaged(tmp_path: Path) -> None:
    open_database(tmp_path).close()
    path = tmp_path / DB_FILENAME
    schema_with_bytes_that_are_not_text(path)
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path)
    assert err.value.problem is OpenProblem.DAMAGED
    assert digest(path) == before


def test_a_backup_with_such_damage_is_refused_and_a_live_file_is_set_aside(
    tmp_path: Path,
) -> None:
    from caretrack.services.backups import RestoreRefused, newest_restorable, restore_backup
    from caretrack.storage.backup import backup_folder, make_backup

    data = tmp_path / "data"
    db = open_database(data)
    info = make_backup(db, backup_folder(db), datetime(2026, 11, 5, 12, tzinfo=UTC))
    db.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(info.path.read_bytes())
    schema_with_bytes_that_are_not_text(bad)
    with pytest.raises(RestoreRefused):
        restore_backup(data, bad)

    schema_with_bytes_that_are_not_text(data / DB_FILENAME)
    damaged = digest(data / DB_FILENAME)
    assert newest_restorable(data) == info
    result = restore_backup(data, info.path)
    assert result.previous_was_damaged and result.previous is not None
    assert digest(result.previous) == damaged
