"""Disk full (reliability.md T17): no false "saved", nothing earlier lost, and the same save
works once there is room again. The child process gets a file-size limit (RLIMIT_FSIZE with
SIGXFSZ ignored), so its writes fail the way they do on a full disk."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from caretrack.domain.catalogue import Catalogue
from caretrack.services import open_services
from caretrack.services.clock import FixedClock
from tests.conftest import NOW, REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")

WORKER = textwrap.dedent(
    """
    import json, resource, signal, sys, uuid
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from caretrack.catalogue import load_catalogue
    from caretrack.domain.model import EntryContent, SymptomReport
    from caretrack.domain.temperature import Route, Temperature, Unit
    from caretrack.services import open_services
    from caretrack.services.clock import FixedClock
    from caretrack.services.errors import StorageError

    folder, limit = Path(sys.argv[1]), int(sys.argv[2])
    now = datetime(2026, 11, 5, 20, 0, tzinfo=ZoneInfo("America/New_York"))
    services = open_services(folder, load_catalogue(), FixedClock(now))
    child = services.household.children()[0]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    def content(i):
        return EntryContent(
            observed_at=now - timedelta(minutes=i),
            logged_by="Mum",
            temperature=Temperature(370, Unit.C, Route.ORAL),
            symptoms=(SymptomReport("nausea", 1),),
            note="x" * 3000 + f" entry {i}",
        )

    failed = None
    for i in range(2000):
        uid = f"entry-{i}"
        try:
            services.entries.save_new(child.id, uid, content(i), ("long_ago",))
        except StorageError as exc:
            failed = (i, uid, str(exc))
            break
        print(json.dumps({"ack": uid}), flush=True)
    assert failed is not None, "the limit was never reached"
    i, uid, message = failed
    print(json.dumps({"failed": uid, "message": message}), flush=True)
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    services.entries.save_new(child.id, uid, content(i), ("long_ago",))  # the same form again
    print(json.dumps({"ack": uid, "after_room": True}), flush=True)
    services.close()
    """
)


def test_a_full_disk_refuses_the_save_and_the_same_save_works_later(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    folder = tmp_path / "data"
    services = open_services(folder, catalogue, FixedClock(NOW))
    services.household.add_child(
        "Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", date(2026, 11, 1), cycle=1
    )
    services.close()
    db = folder / "caretrack.sqlite3"
    limit = db.stat().st_size + 60_000  # room for a dozen or so entries, then "full"

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", WORKER, str(folder), str(limit)],
        capture_output=True, text=True, timeout=120, check=False, env=env, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    events = [json.loads(line) for line in result.stdout.splitlines()]
    acked = [e["ack"] for e in events if "ack" in e]
    (failure,) = [e for e in events if "failed" in e]
    assert len(acked) >= 3  # some saves fitted before the disk was "full"
    assert "Traceback" not in failure["message"] and failure["message"].endswith(".")
    assert failure["failed"] == acked[-1] and events[-1].get("after_room")
    print(f"{len(acked) - 1} saves fitted; then: {failure['message']}")

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        uids = [r[0] for r in conn.execute("SELECT uid FROM entries ORDER BY id")]
        versions = conn.execute(
            "SELECT count(*) FROM entries e JOIN entry_versions v ON v.entry_id = e.id"
        ).fetchone()[0]
    conn.close()
    assert uids == acked  # every acknowledged save, the retried one once, nothing else
    assert versions == len(acked)
    leftovers = [p.name for p in folder.rglob("*") if p.name.endswith((".tmp", "-journal"))]
    assert leftovers == []
