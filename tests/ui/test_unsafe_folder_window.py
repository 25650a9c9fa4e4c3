"""A data folder in a sync folder or on a network drive (reliability.md §2.5, T16): the window
explains the risk and the fix in plain words and does not open the data; with the advanced
override it opens, and a strip on every page keeps saying the folder is risky."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from caretrack.services.clock import FixedClock
from caretrack.storage.database import DB_FILENAME
from caretrack.storage.location import ALLOW_UNSAFE_ENV
from caretrack.ui.load_failure_page import LoadFailurePage, database_failure_page
from caretrack.ui.main_window import MainWindow
from caretrack.ui.messages import storage_notice_text
from tests.ui.conftest import start_app
from tests.ui.test_accessibility import unnamed_controls


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(ALLOW_UNSAFE_ENV, raising=False)
    return tmp_path / "Users" / "ana" / "Library" / "Mobile Documents" / "CareTrack"


def test_the_window_explains_and_opens_nothing(
    qtbot: QtBot, synced: Path, clock: FixedClock
) -> None:
    startup = start_app(qtbot, synced, clock)
    page = startup.failure
    assert isinstance(page, LoadFailurePage) and not startup.ok
    assert startup.window.current_page() is page
    assert page.kind == "database unsafe_location"
    assert page.heading.text() == "CareTrack's data folder is not a safe place for your data"
    body = page.body.text()
    for words in (
        "network drive",
        "sync program",
        "Dropbox, OneDrive, Google Drive or iCloud",
        "damage",
        "copies that do not match",
        "move the whole folder back to its usual place on this computer",
        "start CareTrack with a folder on this computer (see the details below)",
        "Your entries are safe.",
    ):
        assert words in body
    detail = page.detail.text()  # for whoever helps the family
    assert "is inside iCloud Drive" in detail
    assert "--data-dir DIR" in detail and ALLOW_UNSAFE_ENV in detail
    assert not page.restore_button.isVisibleTo(page)
    assert not page.start_empty_button.isVisibleTo(page)
    assert not startup.window.today_button.isVisibleTo(startup.window)
    assert not startup.window.storage_notice.isVisibleTo(startup.window)
    assert not (synced / DB_FILENAME).exists()


def test_with_the_override_it_opens_and_keeps_warning(
    qtbot: QtBot, synced: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, "1")
    startup = start_app(qtbot, synced, clock)
    try:
        assert startup.ok and startup.services is not None
        assert startup.services.database.unsafe is not None
        notice = startup.window.storage_notice
        assert notice.isVisibleTo(startup.window)
        assert notice.text() == storage_notice_text("unsafe_location")
        assert "This can damage your data." in notice.text()
        assert (synced / DB_FILENAME).is_file()
    finally:
        startup.close()


def test_a_normal_folder_has_no_strip(qtbot: QtBot, tmp_path: Path, clock: FixedClock) -> None:
    startup = start_app(qtbot, tmp_path / "data", clock)
    try:
        assert startup.ok
        assert not startup.window.storage_notice.isVisibleTo(startup.window)
        assert startup.window.storage_notice.text() == ""
    finally:
        startup.close()


@pytest.mark.parametrize(
    ("problem", "heading"),
    [
        ("unsafe_location", "CareTrack's data folder is not a safe place for your data"),
        ("read_only_outdated", "CareTrack cannot update its data file"),
    ],
)
def test_the_new_pages_have_their_own_words_and_named_controls(
    qtbot: QtBot, problem: str, heading: str
) -> None:
    """An unknown problem would fall back to the "damaged" page: these have their own."""
    window = MainWindow()
    qtbot.addWidget(window)
    page = database_failure_page(problem, "detail", "/tmp/x")
    window.set_page(page)
    window.show()
    assert page.heading.text() == heading
    assert page.kind == f"database {problem}"
    assert unnamed_controls(window) == []
