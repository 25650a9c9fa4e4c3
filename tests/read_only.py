"""A data folder that really cannot be written (reliability.md T18), for normal users and root.

The target is "data dir 0500 and DB 0400". That stops a normal user, but root writes through
permissions (CAP_DAC_OVERRIDE), and CI may run as root. So as root, `rerun_as_root` runs the
calling test module again in a child process, two ways:

- "no-capabilities": root with every capability dropped (`setpriv`), for whom 0500/0400 bind
  exactly as they bind a normal user;
- "read-only-mount": inside a private mount namespace (`unshare -m`, never the host's mounts),
  where `make_read_only` also bind-mounts the folder read-only, like a locked USB stick.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.domain.model import CareTeam, EntryContent
from caretrack.domain.temperature import Route, Temperature, Unit
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from caretrack.storage.database import DB_FILENAME
from tests.conftest import NOW, REPO

INSIDE = "CARETRACK_TEST_READ_ONLY_RUN"  # "no-capabilities" or "read-only-mount" in the rerun
AS_ROOT = "as_root"  # part of the name of the test that starts the rerun (not run again)
WAYS = ("no-capabilities", "read-only-mount")
_CAP_DAC_OVERRIDE = 1


REFUSED = "CareTrack's data folder cannot be written to."


def reading(tenths: int, minutes_ago: int) -> EntryContent:
    return EntryContent(
        observed_at=NOW - timedelta(minutes=minutes_ago),
        logged_by="Mum",
        temperature=Temperature(tenths, Unit.C, Route.ORAL),
        note=f"reading {tenths}",
    )


def fill_household(folder: Path, catalogue: Catalogue, clock: FixedClock) -> None:
    """Maya with three check-ins today (one a fever: an open warning), a question, a team."""
    services = open_services(folder, catalogue, clock)
    try:
        maya = services.household.add_child(
            "Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", date(2026, 11, 1), 1
        )
        for i, tenths in enumerate((368, 384, 371)):
            services.entries.save_new(maya.id, f"ro-{i}", reading(tenths, 300 - 60 * i))
        services.visits.add_question(maya.id, "Can she go swimming?")
        services.household.set_care_team(CareTeam("Riverside", "555-0100", "555-0111", "911"))
    finally:
        services.close()


@contextlib.contextmanager
def read_only_household(folder: Path, catalogue: Catalogue, clock: FixedClock) -> Iterator[Path]:
    """Maya's household in `folder`, then the folder made read-only until the block ends."""
    fill_household(folder, catalogue, clock)
    make_read_only(folder)
    try:
        yield folder
    finally:
        writable_again(folder)


def outdated(folder: Path) -> Path:
    """A data file from CareTrack's first release: opening it must update it."""
    folder.mkdir()
    fixture = REPO / "tests" / "storage" / "fixtures" / "revision-0001.sqlite3"
    shutil.copyfile(fixture, folder / DB_FILENAME)
    return folder


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder with its SHA-256: what "nothing changed" means."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def permissions_bind() -> bool:
    """Do 0500/0400 stop this process? Yes unless it may override them (root, normally)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return True
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    effective = next(line for line in status.splitlines() if line.startswith("CapEff:"))
    return not int(effective.split()[1], 16) & (1 << _CAP_DAC_OVERRIDE)


def make_read_only(folder: Path) -> None:
    """Folder 0500, data file 0400; in the "read-only-mount" rerun, also a read-only mount."""
    if (folder / DB_FILENAME).exists():
        (folder / DB_FILENAME).chmod(0o400)
    folder.chmod(0o500)
    if permissions_bind():
        return
    if os.environ.get(INSIDE) != "read-only-mount":
        pytest.skip(
            "root writes through 0500/0400: this runs again as root without capabilities "
            f"and under a read-only mount (the module's *{AS_ROOT}* tests)"
        )
    for args in (["--bind", str(folder), str(folder)], ["-o", "remount,bind,ro", str(folder)]):
        subprocess.run(["mount", *args], check=True, capture_output=True)


def writable_again(folder: Path) -> None:
    """Undo make_read_only, so the test's folder can be cleaned up."""
    if os.environ.get(INSIDE) == "read-only-mount":
        subprocess.run(["umount", str(folder)], check=False, capture_output=True)
    folder.chmod(0o700)
    if (folder / DB_FILENAME).exists():
        (folder / DB_FILENAME).chmod(0o600)


def rerun_as_root(module_file: str, way: str, tmp_path: Path) -> str:
    """Run every other test of `module_file` again as root, made read-only `way`.

    Returns pytest's summary line; fails unless they all ran and passed (none skipped).
    """
    if permissions_bind():
        pytest.skip("not root: permissions alone made the folders read-only in this module")
    if way == "no-capabilities":
        tool = shutil.which("setpriv")
        prefix = [tool or "setpriv", "--inh-caps=-all", "--bounding-set=-all"]
    else:
        tool = shutil.which("unshare")
        prefix = [tool or "unshare", "-m", "--propagation", "private"]
    if tool is None:
        pytest.skip(f"{prefix[0]} (util-linux) is not installed")
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"{prefix[0]} is not allowed here: {probe.stderr.strip()}")
    result = subprocess.run(
        [
            *prefix, sys.executable, "-m", "pytest", module_file, "-q", "-p", "no:cacheprovider",
            "-k", f"not {AS_ROOT}", "--basetemp", str(tmp_path / "inside"),
        ],
        cwd=REPO, env={**os.environ, INSIDE: way}, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else result.stderr[-2000:]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, summary
    return summary
