"""One CareTrack per data folder (reliability.md §3.2 step 1, test target T12).

The launches run as real processes, like a parent double-clicking twice. A "first CareTrack" is
either a real window process or this test holding the folder's lock exactly as the app does.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QSysInfo
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from caretrack.ui.single_instance import (
    SMOKE_TEST_LINE,
    InstanceLock,
    WindowRaiser,
    ask_first_window_forward,
    lock_path,
    server_name,
)
from tests.conftest import REPO

SRC = REPO / "src"
DB = "caretrack.sqlite3"
MESSAGE = "CareTrack is already open. Look for its window."
# A second launch's dialog would wait for a click: record its text instead (platform.md §5.7).
WINDOW_LAUNCH = (
    "import sys\n"
    "from PySide6.QtWidgets import QMessageBox\n"
    "QMessageBox.exec = lambda box: print('DIALOG:' + box.text(), flush=True) or 0\n"
    "from caretrack.cli import main\n"
    "sys.exit(main(['--data-dir', sys.argv[1]]))\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    return env


def _smoke_args(folder: Path) -> list[str]:
    return [sys.executable, "-m", "caretrack", "--data-dir", str(folder), "--smoke-test"]


def _run(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run(args, capture_output=True, text=True, env=_env(), timeout=60)
    return done, time.monotonic() - start


def _smoke(folder: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    return _run(_smoke_args(folder))


def _window_launch(folder: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    return _run([sys.executable, "-c", WINDOW_LAUNCH, str(folder)])


def _files(folder: Path) -> dict[str, str]:
    """Every file under the folder (the lock aside) with its SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "caretrack.lock"
    }


def _log(folder: Path) -> str:
    path = folder / "logs" / "caretrack.log"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _wait_for_log(folder: Path, text: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while text not in _log(folder):
        assert time.monotonic() < deadline, f"never logged {text!r}:\n{_log(folder)}"
        time.sleep(0.05)


@pytest.fixture
def held(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """A folder whose lock a live process holds (this one), taken exactly as the app takes it."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    lock = QLockFile(str(lock_path(folder)))
    lock.setStaleLockTime(0)
    assert lock.tryLock(100)
    yield folder
    lock.unlock()


def test_a_second_launch_opens_nothing_and_says_so(held: Path, tmp_path: Path) -> None:
    # A folder with real data in it: made by a normal smoke test before the lock was taken.
    made = tmp_path / "made"
    done, _ = _smoke(made)
    assert done.returncode == 0, done.stderr
    for path in made.rglob("*"):
        if path.is_file():
            target = held / path.relative_to(made)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    before = _files(held)
    assert DB in before

    done, seconds = _window_launch(held)
    assert done.returncode == 0, done.stderr
    assert f"DIALOG:{MESSAGE}" in done.stdout
    assert "Traceback" not in done.stderr
    assert seconds < 3

    done, seconds = _smoke(held)
    assert done.returncode == 1
    assert f"caretrack: {SMOKE_TEST_LINE}\n" in done.stderr
    assert "Traceback" not in done.stderr
    assert seconds < 3

    assert _files(held) == before  # same files, same bytes: the database was never opened


def test_a_second_launch_on_a_fresh_folder_creates_nothing(held: Path) -> None:
    done, seconds = _smoke(held)
    assert done.returncode == 1
    assert SMOKE_TEST_LINE in done.stderr
    assert seconds < 3
    done, seconds = _window_launch(held)
    assert done.returncode == 0
    assert seconds < 3
    assert sorted(p.name for p in held.iterdir()) == ["caretrack.lock"]


def test_a_second_launch_brings_the_first_window_forward(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    first = subprocess.Popen(
        [sys.executable, "-m", "caretrack", "--data-dir", str(folder)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_log(folder, "listening for a second launch")
        done, seconds = _window_launch(folder)
        assert done.returncode == 0, done.stderr
        assert f"DIALOG:{MESSAGE}" in done.stdout
        assert seconds < 3
        _wait_for_log(folder, "a second launch brought this window forward", seconds=5)
        assert first.poll() is None  # the first CareTrack is still open
    finally:
        first.kill()  # like `kill -9`: the lock file stays behind with a dead PID
        first.communicate(timeout=10)
    assert lock_path(folder).is_file()

    done, _ = _smoke(folder)  # the next launch recovers the stale lock and starts normally
    assert done.returncode == 0, done.stderr
    assert not lock_path(folder).exists()  # released on exit


def test_a_stale_lock_with_a_dead_pid_is_recovered(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    app_name = Path(sys.executable).resolve().name
    host = QSysInfo.machineHostName()
    lock_path(folder).write_text(f"{gone.pid}\n{app_name}\n{host}\n", encoding="utf-8")

    done, seconds = _smoke(folder)
    assert done.returncode == 0, done.stderr
    assert seconds < 30
    assert (folder / DB).is_file()
    assert not lock_path(folder).exists()


def test_ten_simultaneous_launches_never_share_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    launches = [
        subprocess.Popen(
            _smoke_args(folder),
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(10)
    ]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in launches]

    opened = [err for code, err in results if code == 0]
    turned_away = [err for code, err in results if code == 1]
    assert len(opened) + len(turned_away) == 10, results  # none crashed
    assert opened, results
    assert all(SMOKE_TEST_LINE in err for err in turned_away), results
    assert not any("Traceback" in err for _, err in results)
    # Only a process holding the lock gets as far as its first log line (and the database).
    assert _log(folder).count(" started (Qt ") == len(opened)
    with sqlite3.connect(folder / DB) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert not lock_path(folder).exists()


def test_the_lock_is_private_and_released(qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    first = InstanceLock(folder)
    assert first.acquire()
    assert first.held
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct(lock_path(folder).stat().st_mode & 0o777) == "0o600"
    second = InstanceLock(folder)
    assert not second.acquire()
    assert second.held_elsewhere
    first.release()
    assert not lock_path(folder).exists()
    assert second.acquire()
    second.release()


def test_a_folder_that_cannot_be_made_is_not_called_busy(
    qapp: QApplication, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    lock = InstanceLock(blocker / "data")
    assert not lock.acquire()
    assert not lock.held_elsewhere
    assert "could not create the data folder" in lock.problem


def test_each_folder_has_its_own_server_name(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a").startswith("caretrack-")


def test_a_minimised_window_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    raiser = WindowRaiser(window, tmp_path)
    assert raiser.listen()
    try:
        assert ask_first_window_forward(tmp_path)
        qtbot.waitUntil(lambda: not window.isMinimized() and window.isVisible(), timeout=3000)
    finally:
        raiser.close()
    assert not raiser.listening
    assert not ask_first_window_forward(tmp_path)  # nobody listening: the launch just says so


# Fifty launches at once (T12): each is the real `caretrack --data-dir D`, started in its own
# process, waiting at a starting line with everything imported, then let go together. An audit
# hook counts the SQLite connections each one opens; the survivor stays open (its event loop
# also watches for a "stop" file, so it can close cleanly) while the others give up.
RACE_LAUNCH = (
    "import os, sys, time\n"
    "from pathlib import Path\n"
    "connects = []\n"
    "sys.addaudithook(lambda e, a: connects.append(a[0]) if e == 'sqlite3.connect' else None)\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMessageBox\n"
    "QMessageBox.exec = lambda box: print('DIALOG:' + box.text(), flush=True) or 0\n"
    "folder, race = sys.argv[1], Path(sys.argv[2])\n"
    "real_exec = QApplication.exec\n"
    "def exec_until_stopped(*_app):\n"
    "    timer = QTimer()\n"
    "    timer.timeout.connect(lambda: (race / 'stop').exists() and QApplication.exit(0))\n"
    "    timer.start(20)\n"
    "    return real_exec()\n"
    "QApplication.exec = exec_until_stopped\n"
    "import caretrack.app\n"
    "from caretrack.cli import main\n"
    "(race / f'ready-{os.getpid()}').touch()\n"
    "while not (race / 'go').exists():\n"
    "    time.sleep(0.002)\n"
    "code = main(['--data-dir', folder])\n"
    "print(f'CONNECTS:{len(connects)}', flush=True)\n"
    "sys.exit(code)\n"
)
RACERS = 50


def test_fifty_launches_at_once_leave_exactly_one_open(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    done, _ = _smoke(folder)  # a folder with a real data file, made before the race
    assert done.returncode == 0, done.stderr
    db_before = hashlib.sha256((folder / DB).read_bytes()).hexdigest()
    started_before = _log(folder).count(" started (Qt ")
    race = tmp_path / "race"
    race.mkdir()
    launches = [
        subprocess.Popen(
            [sys.executable, "-c", RACE_LAUNCH, str(folder), str(race)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(RACERS)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(list(race.glob("ready-*"))) < RACERS:
            assert all(p.poll() is None for p in launches), "a launch died at the start"
            assert time.monotonic() < deadline, "the launches never all got ready"
            time.sleep(0.01)
        go = time.monotonic()
        (race / "go").touch()
        while sum(p.poll() is not None for p in launches) < RACERS - 1:
            assert time.monotonic() < go + 30, "the other launches did not give up"
            time.sleep(0.01)
        gave_up_in = time.monotonic() - go
        time.sleep(0.5)  # long enough for a second survivor to show itself
        running = [p for p in launches if p.poll() is None]
        assert len(running) == 1, f"{len(running)} launches still running"
        survivor = running[0]
        _wait_for_log(folder, "listening for a second launch")
    finally:
        (race / "stop").touch()
        for p in launches:
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=30)
            if p.poll() is None:
                p.kill()
    results = {p.pid: (p.returncode, *p.communicate()) for p in launches}
    code, out, err = results.pop(survivor.pid)
    assert code == 0, err
    assert int(out.split("CONNECTS:")[1]) >= 1  # the one that stayed opened the data
    for code, out, err in results.values():
        assert code == 0, err
        assert f"DIALOG:{MESSAGE}" in out
        assert "CONNECTS:0" in out, out  # the others never opened a connection
        assert "Traceback" not in err
    assert _log(folder).count(" started (Qt ") - started_before == 1
    assert hashlib.sha256((folder / DB).read_bytes()).hexdigest() == db_before
    assert not lock_path(folder).exists()  # the survivor let go of the folder when it closed
    print(f"{RACERS - 1} launches gave up within {gave_up_in:.1f} s; one stayed open")
