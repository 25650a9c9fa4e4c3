"""Open a data folder the way start-up does, recording file operations with an audit hook.

    python -m tests.storage.audited_open DATA_DIR [--wal]

Audit hooks cannot be removed, so this runs in its own process (T14). It prints one JSON line:
every `open`, `os.remove` (also os.unlink), `os.rename` (also os.replace), `shutil.*` and
`sqlite3.connect` event with the path it names, in the order they happened.
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

    services = open_services(data_dir, load_catalogue())
    services.close()
    print(json.dumps({"events": events}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
