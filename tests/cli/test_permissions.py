"""Private from the first byte (reliability.md §5.2, T20): a fresh install under the usual
desktop umasks (022, and 002 where each user has their own group) gives a data folder 0700
and files 0600, and at no moment during a whole session is any file or folder readable by
group or others: a watcher (tests/cli/perm_watch.py) looks at each one as it appears.

Each step is a real `caretrack` process started with that umask: a child, check-ins (one a
fever), a backup, a restore, copies and a PDF summary in a folder the parent chose, a check,
and the window's start-up. SQLite makes its journal (or WAL and shared-memory files) with the
data file's mode, so those are covered once the data file is right.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import test_privacy as privacy
from tests.cli.perm_watch import Watch

# Runs test_privacy's launcher (which also stops any network use) under a given umask, and
# for "wal" as if the SQLite runtime carried the WAL-reset fix: WAL, -wal and -shm files.
UMASK_LAUNCH = """
import os, sqlite3, sys
os.umask(int(sys.argv[1], 8))
if sys.argv[2] == "wal":
    sqlite3.sqlite_version_info = (3, 53, 4)
code, sys.argv = sys.argv[5], ["-c", *sys.argv[6:]]
exec(compile(code, "<caretrack>", "exec"), {"__name__": "__main__"})
"""


class Session(privacy.Session):
    """test_privacy's session folders and launcher, each step under `umask`."""

    def __init__(self, root: Path, umask: int, journal: str) -> None:
        super().__init__(root)
        for folder in (self.home, self.tmp, self.chosen):
            folder.chmod(0o700)
        self.prefix = (sys.executable, "-c", UMASK_LAUNCH, f"{umask:03o}", journal)

    def step(self, *args: str) -> None:
        self.run(*args, prefix=self.prefix)

    def whole_session(self) -> None:
        self.step("child", "add", "--name", "Maya", "--birth-date", "2018-05-01",
                  "--therapy", "blinatumomab", "--start", "2026-11-01")  # fmt: skip
        for i, temp in enumerate(("37.1", "38.4", "36.9", "37.3")):
            self.step("entry", "add", "--child", "Maya", "--temp", temp, "--unit", "C",
                      "--note", f"check-in {i}")  # fmt: skip
        self.after_check_ins("Maya", self.prefix)


def modes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(
    ("umask", "journal"),
    [(0o022, "delete"), (0o002, "delete"), (0o002, "wal")],
    ids=["umask022", "umask002", "umask002-wal"],
)
def test_a_fresh_install_is_private_at_every_moment(
    tmp_path: Path, umask: int, journal: str
) -> None:
    session = Session(tmp_path, umask, journal)
    with Watch([tmp_path]) as watch:
        session.whole_session()

    assert watch.exposed == {}, watch.exposed  # never, not for a millisecond
    assert oct(stat.S_IMODE(session.data.stat().st_mode)) == "0o700"
    found = modes(session.data)
    for name, mode in found.items():
        wanted = "0o700" if (session.data / name).is_dir() else "0o600"
        assert mode == wanted, (name, mode)
    assert {"caretrack.sqlite3", "backups", "logs", "logs/caretrack.log"} <= set(found)
    assert sum(name.startswith("backups/caretrack-") for name in found) >= 2  # + pre-restore
    assert modes(session.chosen) == dict.fromkeys(["all.csv", "all.json", "summary.pdf"], "0o600")

    # The watcher really looked: it saw the short-lived files come and go.
    assert watch.scans > 10 and watch.looks > 100
    if watch.inotify:
        sidecars = ("-wal", "-shm") if journal == "wal" else ("-journal",)
        for suffix in sidecars:
            assert f"caretrack.sqlite3{suffix}" in watch.names, sorted(watch.names)
        assert any(n.startswith(".caretrack-backup-") for n in watch.names)
        assert "caretrack.lock" in watch.names
    print(f"umask {umask:03o} {journal}: {watch.looks} looks, {watch.scans} scans, all private")


def test_the_watcher_catches_a_file_that_is_open_to_others_for_a_moment(tmp_path: Path) -> None:
    """The check above can fail: a file made 0644 and closed to 0600 20 ms later is seen."""
    target = tmp_path / "made" / "brief.txt"
    code = (
        "import os, sys, time\n"
        "os.umask(0o022)\n"
        "os.mkdir(os.path.dirname(sys.argv[1]), 0o700)\n"
        "fd = os.open(sys.argv[1], os.O_CREAT | os.O_WRONLY, 0o644)\n"
        "time.sleep(0.02)\n"
        "os.fchmod(fd, 0o600)\n"
    )
    with Watch([tmp_path]) as watch:
        subprocess.run([sys.executable, "-c", code, str(target)], check=True, timeout=30)
    assert oct(stat.S_IMODE(target.stat().st_mode)) == "0o600"
    assert watch.exposed == {str(target): 0o644}
