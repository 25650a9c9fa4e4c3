"""Start-up: the window first, then the data; failures become plain pages, never tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from caretrack.app import make_application
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from caretrack.ui import crash_log
from caretrack.ui.controller import AppController
from caretrack.ui.load_failure_page import LoadFailurePage
from caretrack.ui.resources import resource_path
from caretrack.ui.setup_wizard import SetupFlow
from tests.conftest import REPO
from tests.ui.conftest import start_app

SRC = REPO / "src"


@pytest.fixture
def broken_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(REPO / "data", folder)
    symptoms = folder / "symptoms.toml"
    symptoms.write_text(symptoms.read_text(encoding="utf-8") + "\n[[symptom]\nid = \n")
    monkeypatch.setenv("CARETRACK_CATALOGUE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _restore_hook() -> object:
    before = sys.excepthook
    yield
    sys.excepthook = before


def _run_window_in_a_fresh_process(folder: Path) -> subprocess.CompletedProcess[str]:
    """run_window owns the event loop (exec/exit), so it gets its own process, like the CLI."""
    code = (
        "import sys; from caretrack.app import run_window; "
        "sys.exit(run_window(sys.argv[1], smoke_test=True))"
    )
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.pop("QT_QPA_PLATFORM", None)  # the smoke test chooses offscreen itself
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_smoke_test_opens_and_closes_the_real_window(tmp_path: Path) -> None:
    folder = tmp_path / "smoke"
    done = _run_window_in_a_fresh_process(folder)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert (folder / "caretrack.sqlite3").is_file()
    assert (folder / "logs" / "caretrack.log").is_file()


def test_smoke_test_reports_a_broken_catalogue(tmp_path: Path, broken_catalogue: Path) -> None:
    done = _run_window_in_a_fresh_process(tmp_path / "smoke")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "could not read its list of symptoms (symptoms.toml, line" in done.stderr


def test_broken_catalogue_shows_the_plain_page(
    qtbot: QtBot, tmp_path: Path, broken_catalogue: Path
) -> None:
    startup = start_app(qtbot, tmp_path / "data")
    page = startup.window.current_page()
    assert isinstance(page, LoadFailurePage)
    text = page.text()
    assert "CareTrack could not read its list of symptoms (symptoms.toml, line" in text
    assert "Your entries are safe. Call your care team about any concern." in text
    assert not startup.ok
    assert not startup.window.history_button.isVisible()


def test_a_newer_database_shows_its_own_page(
    qtbot: QtBot, tmp_path: Path, catalogue: object, clock: FixedClock
) -> None:
    folder = tmp_path / "data"
    services = open_services(folder, catalogue, clock)  # type: ignore[arg-type]
    with services.database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    services.close()
    before = (folder / "caretrack.sqlite3").read_bytes()
    startup = start_app(qtbot, folder)
    page = startup.window.current_page()
    assert isinstance(page, LoadFailurePage)
    assert "saved by a newer CareTrack" in page.text()
    assert (folder / "caretrack.sqlite3").read_bytes() == before


def test_a_damaged_database_shows_its_own_page(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "caretrack.sqlite3").write_bytes(b"this is not a database at all" * 100)
    startup = start_app(qtbot, folder)
    page = startup.window.current_page()
    assert isinstance(page, LoadFailurePage)
    assert "has not changed it" in page.text()


def test_a_good_start_on_an_empty_folder_opens_setup(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock
) -> None:
    startup = start_app(qtbot, tmp_path / "data", clock)
    try:
        assert startup.ok
        assert isinstance(startup.controller, AppController)
        assert isinstance(startup.window.current_page(), SetupFlow)
    finally:
        startup.close()


def test_the_window_shows_before_sqlalchemy_is_imported() -> None:
    code = textwrap.dedent(
        """
        import sys
        from caretrack.app import make_application
        from caretrack.ui.main_window import MainWindow
        app = make_application()
        window = MainWindow()
        window.show()
        app.processEvents()
        heavy = sorted(m for m in sys.modules if m.startswith(("sqlalchemy", "alembic")))
        print("HEAVY:" + ",".join(heavy))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(SRC))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert "HEAVY:\n" in out or out.strip().endswith("HEAVY:")


def test_uncaught_errors_are_logged_without_health_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = crash_log.setup_logging(tmp_path)
    assert log is not None
    shown: list[bool] = []
    crash_log.install_excepthook(lambda: shown.append(True))
    try:
        raise ValueError("temperature 41.7 note CANARY-7f3a")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    crash_log.close_logging()
    text = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text
    assert "test_app.py" in text
    assert "CANARY" not in text and "41.7" not in text
    assert shown == [True]
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_the_crash_dialog_is_calm(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from caretrack.ui import error_dialog

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.text()) or 0)
    error_dialog.show_crash_dialog(None)
    assert seen == ["Something went wrong. Nothing you saved is lost."]


def test_resources_are_found(qapp: QApplication) -> None:
    assert resource_path("style.qss").is_file()
    names = [
        "today",
        "history",
        "user-plus",
        "phone",
        "plus",
        "plus-white",
        "check-white",
        "check-circle",
        "alert-circle",
        "info",
        "x",
        "caretrack",
        "chevron-up",
        "chevron-down",
    ]
    for name in names:
        assert resource_path("icons", f"{name}.svg").is_file(), name
    app = make_application()
    assert app.applicationName() == "CareTrack"
    assert "@ICONS@" not in app.styleSheet()
    assert "#1d6b73" in app.styleSheet()


def test_no_translation_file_means_english_as_written(qapp: QApplication) -> None:
    from PySide6.QtCore import QLocale

    from caretrack.ui.translation import install_translator

    assert install_translator(qapp, QLocale(QLocale.Language.Esperanto)) is None
