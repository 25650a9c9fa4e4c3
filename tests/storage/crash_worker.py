"""A child process that saves check-ins the way the window does, for the crash tests.

    python -m tests.storage.crash_worker DATA_DIR [--prefix P] [--count N] [--pause-at K] [--wal]

Each save goes through `open_services(...).entries.save_new(...)`; when it returns, the worker
prints `ACK <uid>` (flushed), so the parent knows which saves were reported to the parent as
done. Everything about an entry is derived from its uid (`content_for`), so the parent can check
that each stored entry is exactly what was saved.

`--pause-at K` makes save K stop inside its transaction, after its rows and a large padding
row are written (the padding overflows SQLite's page cache, so uncommitted pages reach the
database file and the journal becomes "hot"); the worker prints `PAUSED <uid>` and waits to be
killed. `--wal` pretends the SQLite runtime carries the WAL-reset fix, so the database runs in
WAL mode (reliability.md §2.4).

No Qt and no pytest are imported: the worker starts in well under a second.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from caretrack.domain.model import EntryContent, MedicineGiven, SymptomReport
from caretrack.domain.temperature import Route, Temperature, Unit

NOW = datetime(2026, 11, 5, 20, 0, tzinfo=ZoneInfo("America/New_York"))
CHILD = ("Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", date(2026, 11, 1), 1)
SYMPTOMS = ("chills", "cough", "nausea", "headache", "poor_appetite", "diarrhoea", "vomiting")
PAD_KEY = "crash-worker-padding"
WAL_VERSION = (3, 53, 4)


def uid_for(prefix: str, i: int) -> str:
    return f"{prefix}-{i:05d}"


def content_for(uid: str) -> EntryContent:
    """The check-in saved under `uid`: a temperature, 1-3 symptoms and one medicine."""
    rng = random.Random(uid)
    observed = NOW - timedelta(minutes=rng.randrange(0, 4 * 24 * 60))
    symptoms = tuple(
        SymptomReport(s, rng.randrange(1, 4)) for s in rng.sample(SYMPTOMS, rng.randrange(1, 4))
    )
    return EntryContent(
        observed_at=observed,
        logged_by=rng.choice(("Mum", "Dad")),
        temperature=Temperature(rng.randrange(365, 392), Unit.C, Route.ORAL),
        symptoms=symptoms,
        medicines=(
            MedicineGiven(
                "Paracetamol", f"{rng.randrange(100, 300)} mg", observed - timedelta(minutes=5)
            ),
        ),
        note=f"crash test {uid}",
    )


class _Pause:
    """Stops save number `at` inside its transaction, just before it would commit."""

    def __init__(self, at: int | None) -> None:
        self.at = at
        self.current = -1
        self.uid = ""

    def before_commit(self, session: Any) -> None:
        if self.current != self.at:
            return
        session.flush()
        conn = session.connection()
        conn.exec_driver_sql("PRAGMA cache_size = 10")  # pages: the padding must spill
        conn.exec_driver_sql(
            "INSERT INTO settings(key, value) VALUES (?, ?)", (PAD_KEY, "x" * 400_000)
        )
        print(f"PAUSED {self.uid}", flush=True)
        while True:
            time.sleep(60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--prefix", default="w")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pause-at", type=int, default=None)
    parser.add_argument("--wal", action="store_true")
    args = parser.parse_args(argv)

    if args.wal:
        sqlite3.sqlite_version_info = WAL_VERSION  # type: ignore[misc]

    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from caretrack.catalogue import load_catalogue
    from caretrack.services import open_services
    from caretrack.services.clock import FixedClock
    from caretrack.services.demo import ALL_CONFIRMATIONS

    pause = _Pause(args.pause_at)
    if args.pause_at is not None:
        event.listen(Session, "before_commit", pause.before_commit)

    services = open_services(args.data_dir, load_catalogue(), FixedClock(NOW))
    children = services.household.children()
    child_id = children[0].id if children else services.household.add_child(*CHILD).id
    print(f"READY {child_id}", flush=True)
    for i in range(args.count):
        uid = uid_for(args.prefix, i)
        pause.current, pause.uid = i, uid
        result = services.entries.save_new(child_id, uid, content_for(uid), ALL_CONFIRMATIONS)
        if not result.created:
            print(f"EXISTED {uid}", flush=True)
        print(f"ACK {uid}", flush=True)
    services.close()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
