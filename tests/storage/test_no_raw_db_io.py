"""T15: no raw I/O on the live database, and one SQLite library (reliability.md §2.5).

Closing any handle to a file drops every POSIX lock this process holds on it, so code that
"just reads the header" with open() while SQLite has the file open silently breaks SQLite's
locking; a plain file copy of an open database can be half old, half new. Only SQLite touches
the file: the engine's one connection, and VACUUM INTO / the backup API in storage/backup.py.

Statically, an AST walk over src/caretrack (tests/storage/db_io_lint.py) finds raw calls on the
database path and any second SQLite library (QtSql, SQLCipher, APSW). At runtime, an audit hook
in a child process records every Python `open` during a typical session while the connection
is live: none may name the database file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from caretrack.storage.database import DB_FILENAME
from tests.conftest import REPO
from tests.storage import db_io_lint
from tests.storage.db_io_lint import lint_package, lint_sources

PACKAGE = REPO / "src" / "caretrack"


def test_the_package_never_touches_the_live_file_outside_the_backup_module() -> None:
    findings, files = lint_package(PACKAGE)
    assert files > 50  # the whole package was read, not an empty folder
    assert [str(f) for f in findings] == []


def test_the_backup_module_is_the_one_place_and_the_lint_sees_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without its exemption, backup.py's own rename-into-place and read-only checks show up:
    the taint reaches through `live`, `_open_read_only(path)` and the engine's creator."""
    monkeypatch.setattr(db_io_lint, "ALLOWED", {"sqlite3.connect": set(), "*": set()})
    findings, _ = lint_package(PACKAGE)
    where = {str(f).split(":")[0] for f in findings}
    assert where == {"storage/backup.py", "storage/engine.py"}
    assert any(".replace() on the database file" in str(f) for f in findings)
    assert any("sqlite3.connect() on the database file" in str(f) for f in findings)


BAD: dict[str, str] = {
    "header peek": (
        "DB_FILENAME = 'caretrack.sqlite3'\n"
        "def looks_like_sqlite(folder):\n"
        "    path = folder / DB_FILENAME\n"
        "    with open(path, 'rb') as fh:\n"
        "        return fh.read(16) == b'SQLite format 3\\x00'\n"
    ),
    "Path.read_bytes": (
        "from caretrack.storage.database import DB_FILENAME\n"
        "def header(folder):\n"
        "    return (folder / DB_FILENAME).read_bytes()[:16]\n"
    ),
    "shutil copy of db.path": (
        "import shutil\ndef backup(db, target):\n    shutil.copy2(db.path, target)\n"
    ),
    "copy through a helper": (
        "import shutil\n"
        "def _copy(src, dst):\n"
        "    shutil.copyfile(src, dst)\n"
        "def backup(services, target):\n"
        "    _copy(services.database.path, target)\n"
    ),
    "os.replace onto the file": (
        "import os\n"
        "def put_back(folder, temp):\n"
        "    os.replace(temp, folder / 'caretrack.sqlite3')\n"
    ),
    "Path.replace onto the file": (
        "def put_back(self, temp):\n    live = self._db.path\n    temp.replace(live)\n"
    ),
    "unlink": "def forget(db_path):\n    db_path.unlink()\n",
    "write_bytes in Database": (
        "class Database:\n    def wipe(self):\n        self.path.write_bytes(b'')\n"
    ),
    "a second connection": (
        "import sqlite3\ndef peek(db):\n    return sqlite3.connect(f'{db.path}')\n"
    ),
    "engine url": "def size(engine):\n    return open(engine.url.database, 'rb').read()\n",
    "closure": (
        "import os\n"
        "def f(folder):\n"
        "    live = os.path.abspath(folder / 'caretrack.sqlite3')\n"
        "    return lambda: os.open(live, os.O_RDONLY)\n"
    ),
    "QtSql import": "from PySide6.QtSql import QSqlDatabase\n",
    "QtSql module": "from PySide6 import QtSql\n",
    "QtSql by name": (
        "import PySide6.QtSql\ndb = PySide6.QtSql.QSqlDatabase.addDatabase('QSQLITE')\n"
    ),
    "SQLCipher": "import sqlcipher3\n",
    "APSW dynamically": "import importlib\napsw = importlib.import_module('apsw')\n",
}

GOOD: dict[str, str] = {
    "stat and exists": (
        "def size(db):\n    return db.path.stat().st_size if db.path.exists() else 0\n"
    ),
    "the log file": (
        "import os\ndef log(folder):\n    os.open(folder / 'logs' / 'caretrack.log', os.O_CREAT)\n"
    ),
    "an export": "def export(path, text):\n    path.write_text(text)\n",
    "a string replace": "def clean(note):\n    return note.replace('\\x00', '')\n",
    "the lock file": "def lock(folder):\n    return (folder / 'caretrack.lock').read_text()\n",
    "a journal name is not the file": (
        "def journal(db):\n    return db.path.with_name(db.path.name + '-journal').exists()\n"
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_each_forbidden_pattern_is_found(name: str) -> None:
    assert lint_sources({"somewhere/module.py": BAD[name]}) != []


@pytest.mark.parametrize("name", list(GOOD))
def test_ordinary_file_work_is_left_alone(name: str) -> None:
    assert lint_sources({"somewhere/module.py": GOOD[name]}) == []


def _audited_session(tmp_path: Path, *extra: str) -> dict[str, object]:
    out = tmp_path / "chosen"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "tests.storage.audited_open", str(tmp_path / "data"),
         "--session", str(out), *extra],
        capture_output=True, text=True, timeout=180, check=False, cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
             "LANG": "C.UTF-8", "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
             "XDG_RUNTIME_DIR": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _opens_of_the_file(report: dict[str, object], db: Path) -> list[int]:
    events = report["events"]
    assert isinstance(events, list)
    return [
        i
        for i, (event, path) in enumerate(events)
        if event == "open" and Path(path).resolve() == db.resolve()
    ]


def test_a_whole_session_never_opens_the_file_from_python(tmp_path: Path) -> None:
    report = _audited_session(tmp_path)
    events = report["events"]
    assert isinstance(events, list)
    db = tmp_path / "data" / DB_FILENAME
    opens = [p for e, p in events if e == "open"]
    assert any(".all.json." in p for p in opens)  # the hook saw this session's own files

    assert any(".caretrack-backup-" in p for p in opens)
    assert sum(e == "sqlite3.connect" and Path(p) == db for e, p in events) >= 2
    assert _opens_of_the_file(report, db) == []  # live or not: not once
    assert report["qtsql"] is False  # QSqlDatabase was never so much as imported


def test_the_session_check_would_see_a_header_peek(tmp_path: Path) -> None:
    report = _audited_session(tmp_path, "--peek")
    start, end, *_ = report["live"]  # type: ignore[misc]
    caught = _opens_of_the_file(report, tmp_path / "data" / DB_FILENAME)
    assert len(caught) == 1 and start <= caught[0] < end  # while the connection was live
