"""`caretrack backup` and `caretrack check`: the data file's safety net from the command line."""

from __future__ import annotations

import argparse
import json
import sys


def backup(args: argparse.Namespace) -> int:
    """Write one verified backup and print its path; a plain line and exit 1 on failure."""
    from caretrack.cli.commands import _open
    from caretrack.storage.backup import BackupError

    services = _open(args)
    try:
        info = services.backups.backup_now()
    except BackupError as exc:
        print(f"caretrack: backup failed: {exc}", file=sys.stderr)
        return 1
    finally:
        services.close()
    print(info.path)
    return 0


def check(args: argparse.Namespace) -> int:
    """Print {"integrity", "foreign_key_problems", "rows"} as JSON; exit 0 only when clean."""
    from caretrack.cli.commands import _open
    from caretrack.storage.database import DatabaseOpenError

    try:
        services = _open(args)
    except DatabaseOpenError as exc:
        report: dict[str, object] = {
            "integrity": f"cannot open the data file ({exc.problem.value}): {exc}",
            "foreign_key_problems": None,
            "rows": {},
        }
        print(json.dumps(report, ensure_ascii=False))
        return 1
    try:
        result = services.backups.check()
    finally:
        services.close()
    report = {
        "integrity": result.integrity,
        "foreign_key_problems": len(result.foreign_key_problems),
        "rows": result.rows,
    }
    print(json.dumps(report, ensure_ascii=False))
    return 0 if result.ok else 1
