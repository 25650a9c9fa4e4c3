"""The data folder renamed while CareTrack is open (T19): the next save is refused, none is
reported saved, and the moved file is left as it was."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from caretrack.domain.model import Child, EntryContent
from caretrack.services import Services
from caretrack.services.errors import StorageError
from caretrack.storage.database import MOVED
from tests.conftest import NOW


def entries_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        (n,) = conn.execute("SELECT count(*) FROM entries").fetchone()
    conn.close()
    return int(n)


@pytest.mark.parametrize("how", ["renamed", "replaced"])
def test_no_save_after_the_folder_moves(
    services: Services, child: Child, data_dir: Path, how: str
) -> None:
    services.entries.save_new(
        child.id, "before", EntryContent(NOW - timedelta(minutes=5), note="before"), ()
    )
    moved = data_dir.with_name("moved")
    data_dir.rename(moved)
    if how == "replaced":  # a new, empty folder of the same name, as a sync tool might leave
        data_dir.mkdir()
        (data_dir / "caretrack.sqlite3").write_bytes((moved / "caretrack.sqlite3").read_bytes())

    for uid in ("after-1", "after-2"):
        with pytest.raises(StorageError) as err:
            services.entries.save_new(child.id, uid, EntryContent(NOW, note="a note"), ())
        assert str(err.value) == MOVED
    assert entries_in(moved / "caretrack.sqlite3") == 1
    if how == "replaced":
        assert entries_in(data_dir / "caretrack.sqlite3") == 1


def test_a_folder_put_back_works_again(services: Services, child: Child, data_dir: Path) -> None:
    moved = data_dir.with_name("moved")
    data_dir.rename(moved)
    with pytest.raises(StorageError):
        services.household.children()
    moved.rename(data_dir)
    services.entries.save_new(child.id, "back", EntryContent(NOW, note="a note"), ())
    assert entries_in(data_dir / "caretrack.sqlite3") == 1
