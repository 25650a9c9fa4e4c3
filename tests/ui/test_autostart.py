"""Starting with the session: the XDG autostart file (and the macOS launch agent) written with
the right command, removed on disable, and a plain error when it cannot be written."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from caretrack.ui import autostart


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setattr(sys, "platform", "linux")
    return folder


def exec_line(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("Exec="))


def test_enabling_writes_the_desktop_file_and_disabling_removes_it(
    config_home: Path, tmp_path: Path
) -> None:
    assert not autostart.is_enabled()
    data = tmp_path / "My data"
    autostart.set_enabled(True, data)

    entry = config_home / "autostart" / "caretrack.desktop"
    assert autostart.is_enabled() and entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n") and "Type=Application\n" in text
    # Under pytest, argv[0] is not the caretrack command: start the same Python with -m.
    python = autostart.exec_quote(sys.executable)
    assert exec_line(entry) == f'Exec={python} -m caretrack --data-dir "{data}"'
    assert not list(entry.parent.glob("*.partial"))

    autostart.set_enabled(False)
    assert not entry.exists() and not autostart.is_enabled()
    autostart.set_enabled(False)  # already off: nothing to do, no error


def test_the_installed_command_is_used_when_it_started_caretrack(
    config_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = tmp_path / "bin" / "caretrack"
    command.parent.mkdir()
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [str(command)])
    assert autostart.launcher() == [str(command.resolve())]
    autostart.set_enabled(True)
    assert exec_line(config_home / "autostart" / "caretrack.desktop") == f"Exec={command}"


def test_a_relative_config_home_is_ignored_as_the_spec_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.desktop_file() == tmp_path / ".config" / "autostart" / "caretrack.desktop"


@pytest.mark.parametrize(
    ("arg", "written"),
    [
        ("/usr/bin/caretrack", "/usr/bin/caretrack"),
        ("/home/ana/My Apps/caretrack", '"/home/ana/My Apps/caretrack"'),
        ("/tmp/a$b", '"/tmp/a\\\\$b"'),  # \$ inside quotes, and the backslash escaped again
        ("/tmp/100%", "/tmp/100%%"),
        ("", '""'),
    ],
)
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_says(arg: str, written: str) -> None:
    assert autostart.exec_quote(arg) == written


def test_a_folder_that_cannot_be_written_gives_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(autostart.AutostartError) as failed:
        autostart.set_enabled(True)
    assert str(failed.value) == "CareTrack could not change this setting on your computer."
    assert not autostart.is_enabled()


def test_macos_gets_a_launch_agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "darwin")
    autostart.set_enabled(True)
    agent = tmp_path / "Library" / "LaunchAgents" / "org.caretrack.app.plist"
    assert autostart.is_enabled()
    with agent.open("rb") as f:
        loaded = plistlib.load(f)
    assert loaded == {
        "Label": "org.caretrack.app",
        "ProgramArguments": [sys.executable, "-m", "caretrack"],
        "RunAtLoad": True,
    }
    autostart.set_enabled(False)
    assert not agent.exists()
