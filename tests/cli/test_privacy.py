"""Nothing leaves the machine, and health data is only where the family put it (T21, T22).

A whole session through the real command line: a child, 50 check-ins with a canary note and a
41.7 °C reading, a warning, a call record, a backup, a restore, a summary PDF, an export and
the window's smoke test. Each process runs with an audit hook that stops it at the first
network connect or name lookup; then every file the session left outside the data file, its
backups and the files the parent chose is searched for the canaries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CANARY = "CANARY-ÆØÅ-7f3a"
FEVER = "41.7"
NETWORK = 97  # the exit status the hook uses

LAUNCH = f"""
import os, socket, sys
def hook(event, args):
    if event in ("socket.connect", "socket.connect_ex", "socket.sendto", "socket.bind"):
        family = getattr(args[0], "family", None)
        if family in (socket.AF_INET, socket.AF_INET6):
            os.write(2, f"network use: {{event}} {{args[1]!r}}\\n".encode())
            os._exit({NETWORK})
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        os.write(2, f"network lookup: {{event}} {{args[0]!r}}\\n".encode())
        os._exit({NETWORK})
sys.addaudithook(hook)
from caretrack.cli import main
sys.exit(main(sys.argv[1:]))
"""


class Session:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.tmp = root / "tmp"
        self.data = root / "data"
        self.chosen = root / "chosen"  # where the parent saves PDFs and exports
        for d in (self.home, self.tmp, self.chosen):
            d.mkdir(parents=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_STATE_HOME": str(self.home / ".local/state"),
            "XDG_RUNTIME_DIR": str(self.tmp / "runtime"),
            "TMPDIR": str(self.tmp),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(REPO / "src"),
        }
        (self.tmp / "runtime").mkdir(mode=0o700)

    def after_check_ins(self, child: str, prefix: tuple[str, ...] = ()) -> None:
        """A backup and a restore, the summary and both copies, the window, a check."""
        self.run("backup", prefix=prefix)
        backups = sorted((self.data / "backups").glob("caretrack-*.sqlite3"))
        self.run("restore", str(backups[-1]), prefix=prefix)
        for args in (
            ("summary", "--child", child, "--out", str(self.chosen / "summary.pdf")),
            ("export", "--format", "json", "--out", str(self.chosen / "all.json")),
            ("export", "--format", "csv", "--out", str(self.chosen / "all.csv")),
            ("--smoke-test",),
            ("check",),
        ):
            self.run(*args, prefix=prefix)

    def run(self, *args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*prefix, sys.executable, "-c", LAUNCH, "--data-dir", str(self.data), *args],
            capture_output=True, text=True, env=self.env, timeout=180, check=False, cwd=self.root,
        )  # fmt: skip
        assert result.returncode != NETWORK, result.stderr
        assert result.returncode == 0, (args, result.stderr[-2000:])
        return result


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    s = Session(tmp_path_factory.mktemp("privacy"))
    s.run("child", "add", "--name", "Canary", "--birth-date", "2018-05-01",
          "--therapy", "blinatumomab", "--start", "2026-11-01")  # fmt: skip
    for i in range(50):
        args = ["entry", "add", "--child", "Canary", "--note", f"{CANARY} note {i}", "--by", "Mum"]
        if i % 10 == 0:
            args += ["--temp", FEVER, "--unit", "C", "--route", "oral"]
        s.run(*args)
    s.after_check_ins("Canary")
    return s


def _holds_health_data(path: Path) -> bool:
    name = path.name
    return name.startswith("caretrack") and (".sqlite3" in name)


def test_no_canary_outside_the_data_file_backups_and_chosen_files(session: Session) -> None:
    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), f"{FEVER} °C".encode()]
    searched = []
    hits = []
    for path in session.root.rglob("*"):
        if not path.is_file() or path.is_relative_to(session.chosen) or _holds_health_data(path):
            continue
        searched.append(path)
        data = path.read_bytes()
        hits += [f"{path.relative_to(session.root)}: {n!r}" for n in needles if n in data]
    assert any(p.name.endswith(".log") for p in searched), "the log was searched"
    assert hits == []


def test_the_canaries_are_where_the_family_put_them(session: Session) -> None:
    assert CANARY.encode() in (session.chosen / "all.json").read_bytes()
    assert CANARY in (session.chosen / "all.csv").read_text(encoding="utf-8-sig")
    assert (session.chosen / "summary.pdf").read_bytes().startswith(b"%PDF")


def test_every_file_is_private(session: Session) -> None:
    """Folder 0700, files 0600, whatever the umask (T20's end state)."""
    for path in [session.data, *session.data.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{path}: {oct(mode)}"
    for chosen in session.chosen.iterdir():
        assert chosen.stat().st_mode & 0o077 == 0, chosen


def test_the_app_runs_with_no_network_at_all(session: Session) -> None:
    """`unshare -n`: a network namespace with nothing in it (T21)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not allowed here: {probe.stderr.decode().strip()}")
    prefix = (unshare, "-n")
    session.run("entry", "add", "--child", "Canary", "--note", "offline", prefix=prefix)
    session.run("summary", "--child", "Canary", "--out", str(session.chosen / "offline.pdf"),
                prefix=prefix)  # fmt: skip
    session.run("--smoke-test", prefix=prefix)


def test_the_hook_would_catch_a_connect(tmp_path: Path) -> None:
    """The guard itself works: a process that does reach for the network is stopped."""
    code = LAUNCH.replace(
        "from caretrack.cli import main",
        "import socket\nsocket.socket().connect(('127.0.0.1', 9))\nfrom caretrack.cli import main",
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == NETWORK and "network use" in result.stderr
