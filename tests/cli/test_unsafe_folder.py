"""The command line refuses a data folder in a sync folder (T16): one plain line, exit 2, and
nothing is created there; the advanced override lets it through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from caretrack.storage.location import ALLOW_UNSAFE_ENV
from tests.cli.test_cli import assert_bad_input


def run(folder: Path, *args: str, allow: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CARETRACK_DATA_DIR", ALLOW_UNSAFE_ENV)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if allow:
        env[ALLOW_UNSAFE_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-m", "caretrack", "--data-dir", str(folder), *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    return tmp_path / "Dropbox" / "CareTrack"


ADD = ("child", "add", "--name", "Maya", "--birth-date", "2018-05-01",
       "--therapy", "blinatumomab", "--start", "2026-11-01")  # fmt: skip


@pytest.mark.parametrize("command", [("backup",), ("check",), ("restore", "somewhere.sqlite3")])
def test_the_safety_net_commands_refuse_with_exit_2(synced: Path, command: tuple[str, ...]) -> None:
    result = run(synced, *command)
    assert_bad_input(result, str(synced), "Dropbox", "--data-dir", ALLOW_UNSAFE_ENV)
    assert not synced.exists()


def test_every_other_command_refuses_with_exit_2(synced: Path) -> None:
    assert_bad_input(run(synced, *ADD), "Dropbox")
    assert_bad_input(run(synced, "child", "list"), "Dropbox")
    assert_bad_input(
        run(synced, "export", "--format", "json", "--out", str(synced.parent / "x.json")), "Dropbox"
    )


def test_every_other_command_refuses_in_one_line_and_creates_nothing(synced: Path) -> None:
    for args in (ADD, ("child", "list"), ("entry", "add", "--child", "Maya", "--note", "hi")):
        result = run(synced, *args)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert "Dropbox" in line and ALLOW_UNSAFE_ENV in line
    assert not synced.exists()


def test_the_window_refuses_too(synced: Path) -> None:
    result = run(synced, "--smoke-test")
    assert result.returncode == 1
    assert "not a safe place for your data" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (synced / "caretrack.sqlite3").exists()


def test_the_override_lets_every_command_through(synced: Path) -> None:
    assert run(synced, *ADD, allow=True).returncode == 0
    listed = run(synced, "child", "list", allow=True)
    assert listed.returncode == 0 and "Maya" in listed.stdout
    assert run(synced, "backup", allow=True).returncode == 0
    assert run(synced, "--smoke-test", allow=True).returncode == 0
    assert (synced / "caretrack.sqlite3").is_file()
