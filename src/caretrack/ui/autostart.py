"""Starting CareTrack when the parent logs in, so reminders can show without remembering to.

Only how to start the program is written (its path, and the data folder in use); never a
name, a medicine or anything else from the family's data. Each system has its own place:
Linux and other XDG desktops read ~/.config/autostart, Windows the HKCU "Run" key, macOS
~/Library/LaunchAgents.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

APP_NAME = "CareTrack"
DESKTOP_FILE = "caretrack.desktop"
LAUNCH_AGENT = "org.caretrack.app"
WINDOWS_RUN_KEY = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
EXECUTABLE_NAMES = ("caretrack", "caretrack.exe")

# Characters that make a desktop-entry Exec argument need quotes, and those escaped inside them
# (freedesktop.org Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


class AutostartError(Exception):
    """The setting could not be changed; the message is a plain sentence for the parent."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("autostart", text)


def launcher() -> list[str]:
    """How this CareTrack was started: the installed command, a bundle, or `python -m`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    first = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if first is not None and first.name.lower() in EXECUTABLE_NAMES and first.is_file():
        return [str(first.resolve())]
    return [sys.executable, "-m", "caretrack"]


def command(data_dir: Path | None = None) -> list[str]:
    """The launcher, opening the same data folder the reminders were set in."""
    args = launcher()
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    return args


# ---- Linux and other XDG desktops -------------------------------------------------------------


def desktop_file() -> Path:
    """$XDG_CONFIG_HOME/autostart/caretrack.desktop (~/.config when the variable is unset)."""
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart" / DESKTOP_FILE


def exec_quote(arg: str) -> str:
    """One argument of a desktop file's Exec key: quoted and escaped only when needed."""
    if arg and not any(ch in _RESERVED for ch in arg):
        quoted = arg
    else:
        quoted = '"' + "".join("\\" + ch if ch in _ESCAPED_IN_QUOTES else ch for ch in arg) + '"'
    # The value is also a desktop-entry string: its own backslashes are escaped once more,
    # and a literal % is written %% (field codes).
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(args: Sequence[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Start CareTrack so its reminders can show",
            "Exec=" + " ".join(exec_quote(a) for a in args),
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def _write_file(path: Path, text: str | bytes) -> None:
    """Write beside the target and rename, so a half-written file is never left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    data = text.encode("utf-8") if isinstance(text, str) else text
    partial.write_bytes(data)
    partial.replace(path)


def _remove_file(path: Path) -> None:
    path.unlink(missing_ok=True)


# ---- macOS ------------------------------------------------------------------------------------


def launch_agent_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT}.plist"


def launch_agent(args: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {"Label": LAUNCH_AGENT, "ProgramArguments": list(args), "RunAtLoad": True}
    )


# ---- Windows ----------------------------------------------------------------------------------


def _run_key() -> QSettings:
    return QSettings(WINDOWS_RUN_KEY, QSettings.Format.NativeFormat)


def _windows_set(args: Sequence[str] | None) -> None:
    settings = _run_key()
    if args is None:
        settings.remove(APP_NAME)
    else:
        settings.setValue(APP_NAME, subprocess.list2cmdline(list(args)))
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise OSError("the Run key could not be written")


# ---- what the window uses ---------------------------------------------------------------------


def _file_for_platform() -> Path | None:
    if sys.platform == "win32":
        return None
    return launch_agent_file() if sys.platform == "darwin" else desktop_file()


def is_enabled() -> bool:
    """Whether this user's session starts CareTrack (read from the system, not our data)."""
    try:
        path = _file_for_platform()
        if path is None:
            return _run_key().contains(APP_NAME)
        return path.is_file()
    except OSError:
        return False


def set_enabled(on: bool, data_dir: Path | None = None) -> None:
    """Start CareTrack with the session, or stop doing so. Raises AutostartError on failure."""
    args = command(data_dir) if on else None
    try:
        path = _file_for_platform()
        if path is None:
            _windows_set(args)
        elif args is None:
            _remove_file(path)
        elif sys.platform == "darwin":
            _write_file(path, launch_agent(args))
        else:
            _write_file(path, desktop_entry(args))
    except OSError as exc:
        raise AutostartError(
            _tr("CareTrack could not change this setting on your computer.")
            if on
            else _tr("CareTrack could not turn this off on your computer.")
        ) from exc
