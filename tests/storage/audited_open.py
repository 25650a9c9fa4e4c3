"""Open a data folder the way start-up does, recording file operations with an audit hook.

    python -m tests.storage.audited_open DATA_DIR [--wal]
    python -m tests.storage.audited_open DATA_DIR --session OUT_DIR [--peek]

Audit hooks cannot be removed, so this runs in its own process (T14, T15). It prints one JSON
line: every `open`, `os.remove` (also os.unlink), `os.rename` (also os.replace), `shutil.*` and
`sqlite3.connect` event with the path it names, in the order they happened.

--session runs a typical day on the open database (T15): a child, check-ins, an edit, a call,
questions, a visit, the care team, a backup, a check, copies and a PDF summary written to
OUT_DIR, then the window's own start-up (smoke test). "live" gives the event indexes between
which the services' connection was open. --peek also reads the data file's header with open(),
the mistake T15 forbids, so the test can show it would be caught.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

WATCHED = (
    "open",
    "os.remove",
    "os.rename",
    "os.truncate",
    "os.link",
    "os.symlink",
    "shutil.copyfile",
    "shutil.copymode",
    "shutil.copystat",
    "shutil.copytree",
    "shutil.move",
    "shutil.rmtree",
    "sqlite3.connect",
)
WAL_VERSION = (3, 53, 4)

events: list[tuple[str, str]] = []


def _path(arg: Any) -> str | None:
    if isinstance(arg, str | bytes | os.PathLike):
        return os.fsdecode(arg)
    return None


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in WATCHED:
        return
    for arg in args[:2]:  # open: (path, mode, flags); rename/copy: (src, dst, ...)
        path = _path(arg)
        if path is not None:
            events.append((event, path))


def main() -> int:
    data_dir = Path(sys.argv[1])
    if "--wal" in sys.argv[2:]:
        sqlite3.sqlite_version_info = WAL_VERSION  # type: ignore[misc]
    sys.addaudithook(_hook)

    from caretrack.catalogue import load_catalogue
    from caretrack.services import open_services

    if "--session" in sys.argv[2:]:
        out_dir = Path(sys.argv[sys.argv.index("--session") + 1])
        live = session(data_dir, out_dir, peek="--peek" in sys.argv[2:])
        report = {"events": events, "live": live, "qtsql": "PySide6.QtSql" in sys.modules}
        print(json.dumps(report), flush=True)
        return 0
    services = open_services(data_dir, load_catalogue())
    services.close()
    print(json.dumps({"events": events}), flush=True)
    return 0


def session(data_dir: Path, out_dir: Path, peek: bool) -> list[int]:
    """Everything a parent does in a week, through the services and the window's start-up."""
    import dataclasses
    from datetime import date, timedelta
    from decimal import Decimal

    from caretrack.app import run_window, write_summary_pdf
    from caretrack.catalogue import load_catalogue
    from caretrack.domain.model import CareTeam, EntryContent
    from caretrack.domain.temperature import Route, Temperature, Unit
    from caretrack.services import open_services

    catalogue = load_catalogue()
    services = open_services(data_dir, catalogue)
    live = [len(events)]
    now = services.clock.now()
    maya = services.household.add_child(
        "Maya", date(2018, 5, 1), Decimal("21.5"), "blinatumomab", now.date() - timedelta(days=4)
    )
    services.household.set_care_team(CareTeam("Riverside", "555-0100", "555-0111", "911"))
    for i in range(12):
        content = EntryContent(
            observed_at=now - timedelta(hours=6 * i),
            logged_by="Mum",
            temperature=Temperature(384 if i == 3 else 369, Unit.C, Route.ORAL),
            note=f"day note {i}",
        )
        services.entries.save_new(maya.id, f"s-{i}", content, ("long_ago",))
    first = services.entries.history(maya.id)[-1]
    services.entries.edit(first.id, first.version, dataclasses.replace(first.content, note="x"))
    flags = services.flags.open_flags(maya.id)
    services.flags.record_call([f.id for f in flags], now, "Mum", "Nurse Kim", "Come in")
    question = services.visits.add_question(maya.id, "Can she go swimming?")
    services.visits.answer_question(question.id)
    services.visits.record_visit(maya.id)
    services.backups.backup_now()
    assert services.backups.check().ok
    services.transfers.export_json(out_dir / "all.json")
    services.transfers.export_csv(out_dir / "all.csv")
    summary = services.summaries.build(maya.id)
    if peek:
        with services.database.path.open("rb") as fh:  # the forbidden "first 16 bytes" check
            fh.read(16)
    assert write_summary_pdf(summary, catalogue, out_dir / "maya.pdf", None) is None
    services.close()
    live.append(len(events))
    live.append(len(events))
    code = run_window(str(data_dir), smoke_test=True)  # the window's own connection
    live.append(len(events))
    assert code == 0
    return live


if __name__ == "__main__":
    sys.exit(main())
