"""A data file that does not open (reliability.md T13): kept as it is, the newest checked backup
offered, and a new empty file only after the parent says so."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from caretrack.domain.catalogue import Catalogue
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from caretrack.services.demo import make_demo_household
from caretrack.storage.database import DB_FILENAME
from caretrack.ui.load_failure_page import LoadFailurePage
from caretrack.ui.setup_wizard import SetupFlow
from tests.ui.conftest import Dialogs, start_app

PAGE = 4096
LEFT = Qt.MouseButton.LeftButton


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def header_zeroed(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


def flipped(path: Path) -> None:
    """100 random bytes changed in the b-tree pages (seeded, so the damage is the same each run)."""
    data = bytearray(path.read_bytes())
    rng = random.Random(13)
    for _ in range(100):
        i = rng.randrange(PAGE, len(data))
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4 this is somebody's letter, not a database\n" * 200)


def foreign_sqlite(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "zero-length": zero_length,
    "truncated": truncated,
    "header-zeroed": header_zeroed,
    "100-flips": flipped,
    "not-sqlite": not_sqlite,
    "foreign-sqlite": foreign_sqlite,
}


def household_with_backup(folder: Path, catalogue: Catalogue, clock: FixedClock) -> int:
    """A demo household and one verified backup of it; returns the number of entries."""
    services = open_services(folder, catalogue, clock)
    try:
        make_demo_household(services)
        services.backups.backup_now()
        return len(services.entries.history())
    finally:
        services.close()


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_is_kept_and_the_backup_brings_the_entries_back(
    qtbot: QtBot,
    tmp_path: Path,
    catalogue: Catalogue,
    clock: FixedClock,
    dialogs: Dialogs,
    damage: str,
) -> None:
    folder = tmp_path / "data"
    entries = household_with_backup(folder, catalogue, clock)
    live = folder / DB_FILENAME
    DAMAGE[damage](live)
    damaged = digest(live)

    startup = start_app(qtbot, folder, clock)
    try:
        page = startup.window.current_page()
        assert isinstance(page, LoadFailurePage), damage
        assert digest(live) == damaged  # nothing touched before the parent chooses
        assert page.restore_button.isVisibleTo(page)
        assert "checked backup from" in page.text()

        qtbot.mouseClick(page.restore_button, LEFT)
        assert startup.ok and startup.services is not None
        assert len(startup.services.entries.history()) == entries
        assert any("brought back your entries" in s for s in dialogs.shown)
        (kept,) = folder.glob(f"{DB_FILENAME}.corrupt-*")
        assert digest(kept) == damaged  # the original bytes, moved aside unchanged
    finally:
        startup.close()


def test_without_a_backup_a_new_file_only_after_a_yes(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, clock: FixedClock, dialogs: Dialogs
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    live = folder / DB_FILENAME
    not_sqlite(live)
    damaged = digest(live)
    startup = start_app(qtbot, folder, clock)
    try:
        page = startup.window.current_page()
        assert isinstance(page, LoadFailurePage)
        assert not page.restore_button.isVisibleTo(page)
        assert "no backup" in page.text()

        dialogs.replies.append("no")
        qtbot.mouseClick(page.start_empty_button, LEFT)
        assert startup.window.current_page() is page and digest(live) == damaged
        assert list(folder.glob(f"{DB_FILENAME}.corrupt-*")) == []

        qtbot.mouseClick(page.start_empty_button, LEFT)  # the next reply is yes
        assert startup.ok
        assert isinstance(startup.window.current_page(), SetupFlow)
        (kept,) = folder.glob(f"{DB_FILENAME}.corrupt-*")
        assert digest(kept) == damaged
    finally:
        startup.close()


def test_a_newer_file_is_not_offered_a_restore(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, clock: FixedClock
) -> None:
    folder = tmp_path / "data"
    household_with_backup(folder, catalogue, clock)
    live = folder / DB_FILENAME
    with sqlite3.connect(live) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    startup = start_app(qtbot, folder, clock)
    page = startup.window.current_page()
    assert isinstance(page, LoadFailurePage)
    assert not page.restore_button.isVisibleTo(page)
    assert not page.start_empty_button.isVisibleTo(page)


def test_a_backup_is_put_back_from_the_window_while_the_file_is_fine(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, clock: FixedClock, dialogs: Dialogs
) -> None:
    """More → Backups…: the chosen backup comes back, today's file is backed up first."""
    import uuid
    from datetime import timedelta

    from caretrack.domain.model import EntryContent
    from caretrack.storage.backup import list_backups

    folder = tmp_path / "data"
    entries = household_with_backup(folder, catalogue, clock)
    startup = start_app(qtbot, folder, clock)
    try:
        assert startup.services is not None and startup.controller is not None
        maya = startup.services.household.children()[0]
        late = EntryContent(clock.now() - timedelta(minutes=1), note="logged after the backup")
        startup.services.entries.save_new(maya.id, str(uuid.uuid4()), late)
        assert len(startup.services.entries.history()) == entries + 1

        startup.window.backups_action.trigger()
        dialog = startup.controller.backups_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.list.count() == 1
        clock.moment = clock.now() + timedelta(minutes=5)
        qtbot.mouseClick(dialog.backup_button, LEFT)  # on demand
        assert dialog.list.count() == 2 and "Backup made" in dialog.banner.text()
        dialog.list.setCurrentRow(1)  # the older one, from before the late entry
        qtbot.mouseClick(dialog.restore_button, LEFT)

        assert startup.ok and startup.services is not None
        assert len(startup.services.entries.history()) == entries
        assert any("as it was on" in s for s in dialogs.shown)
        assert startup.window.current_page() is startup.controller.today_view  # type: ignore[union-attr]
        kept = [b for b in list_backups(folder / "backups") if "pre-restore" in b.path.name]
        assert len(kept) == 1  # the file with the late entry, kept as a backup
    finally:
        startup.close()


def test_saying_no_puts_nothing_back(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, clock: FixedClock, dialogs: Dialogs
) -> None:
    folder = tmp_path / "data"
    household_with_backup(folder, catalogue, clock)
    live = folder / DB_FILENAME
    before = digest(live)
    startup = start_app(qtbot, folder, clock)
    try:
        controller = startup.controller
        assert controller is not None
        startup.window.backups_action.trigger()
        dialog = controller.backups_dialog
        assert dialog is not None
        dialogs.replies.append("no")
        qtbot.mouseClick(dialog.restore_button, LEFT)
        assert startup.controller is controller and dialog.isVisible()
        assert digest(live) == before
    finally:
        startup.close()
