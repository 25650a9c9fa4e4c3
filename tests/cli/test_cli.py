"""The command line exactly as contracts/cli.md fixes it, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from caretrack import __version__


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CARETRACK_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    pre = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run(
        [sys.executable, "-m", "caretrack", *pre, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def assert_bad_input(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data"


def add_maya(folder: Path) -> int:
    r = run(
        "child", "add", "--name", "Maya", "--birth-date", "2018-05-01",
        "--therapy", "blinatumomab", "--start", "2026-11-01", "--weight-kg", "21.5",
        data_dir=folder,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    return int(json.loads(r.stdout)["child_id"])


def test_version() -> None:
    r = run("--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"caretrack {__version__}")


def test_child_add_and_list(folder: Path) -> None:
    child_id = add_maya(folder)
    r = run("child", "add", "--name", "Leo", "--birth-date", "2014-09-14", "--therapy",
            "Kymriah", "--start", "2026-10-20", data_dir=folder)  # fmt: skip
    assert r.returncode == 0, r.stderr
    listed = json.loads(run("child", "list", data_dir=folder).stdout)
    assert listed == [
        {
            "child_id": child_id,
            "name": "Maya",
            "therapy": "blinatumomab",
            "start_date": "2026-11-01",
        },
        {
            "child_id": json.loads(r.stdout)["child_id"],
            "name": "Leo",
            "therapy": "tisagenlecleucel",
            "start_date": "2026-10-20",
        },
    ]


def test_entry_add_saves_through_the_service(folder: Path) -> None:
    add_maya(folder)
    r = run(
        "entry", "add", "--child", "maya", "--at", "2026-11-05T19:30:00-05:00",
        "--temp", "100.8", "--unit", "F", "--route", "oral",
        "--symptom", "chills", "--symptom", "Headaches:2",
        "--note", "Hot and shivery", "--by", "Dad",
        data_dir=folder,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert isinstance(out["entry_id"], int)
    from caretrack.catalogue import load_catalogue
    from caretrack.services import open_services

    svc = open_services(folder, load_catalogue())
    try:
        (entry,) = svc.entries.history()
    finally:
        svc.close()
    assert entry.id == out["entry_id"]
    assert str(entry.content.temperature) == "100.8 °F"
    assert entry.content.logged_by == "Dad"
    assert len(entry.content.symptoms) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("child", "add", "--name", "X", "--birth-date", "2018-13-01", "--therapy", "blinatumomab",
          "--start", "2026-11-01"), ("--birth-date",)),
        (("child", "add", "--name", "X", "--birth-date", "2018-01-01", "--therapy", "aspirin",
          "--start", "2026-11-01"), ("aspirin",)),
        (("entry", "add", "--child", "Nobody", "--note", "x"), ("Nobody",)),
        (("entry", "add", "--child", "Maya", "--temp", "hot", "--unit", "C"), ("--temp",)),
        (("entry", "add", "--child", "Maya", "--symptom", "purple elbows"), ("purple elbows",)),
        (("entry", "add", "--child", "Maya", "--temp", "60", "--unit", "C"), ("temperature",)),
        (("entry", "add", "--child", "Maya", "--at", "2099-01-01T00:00:00", "--note", "x"),
         ("future",)),
        (("entry", "add", "--child", "Maya", "--at", "yesterday"), ("--at",)),
        (("entry", "add", "--child", "Maya", "--temp", "38", "--unit", "C", "--route", "rectal"),
         ("rectal",)),
        (("frobnicate",), ("frobnicate",)),
    ],
)  # fmt: skip
def test_bad_input_is_one_plain_line_and_exit_2(
    folder: Path, args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    add_maya(folder)
    assert_bad_input(run(*args, data_dir=folder), *words)


def test_demo_fills_an_empty_folder_once(folder: Path) -> None:
    r = run("demo", data_dir=folder)
    assert r.returncode == 0, r.stderr
    assert "Maya" in r.stdout
    names = [c["name"] for c in json.loads(run("child", "list", data_dir=folder).stdout)]
    assert names == ["Maya", "Leo"]
    assert_bad_input(run("demo", data_dir=folder), "already")


def test_environment_variable_chooses_the_data_folder(folder: Path) -> None:
    env = dict(os.environ, CARETRACK_DATA_DIR=str(folder), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "caretrack", "child", "list"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert (r.returncode, r.stdout.strip()) == (0, "[]")
    assert (folder / "caretrack.sqlite3").exists()


def test_newer_database_gives_a_plain_error(folder: Path) -> None:
    import sqlite3

    add_maya(folder)
    with sqlite3.connect(folder / "caretrack.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    conn.close()
    r = run("child", "list", data_dir=folder)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "newer" in r.stderr


def test_smoke_test_opens_and_closes_the_window(folder: Path) -> None:
    r = run("--smoke-test", data_dir=folder)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
