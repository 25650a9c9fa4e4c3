"""`caretrack backup`, `check` and `restore`: the data file's safety net from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caretrack.cli.errors import BadInput

if TYPE_CHECKING:
    from caretrack.services import Services
    from caretrack.storage.database import DatabaseOpenError


def open_data(args: argparse.Namespace) -> Services:
    from caretrack.cli.commands import _open

    return _open(args)


def refuse_unsafe_folder(exc: DatabaseOpenError) -> None:
    """A data folder on a network drive or in a sync folder is bad input: one line, exit 2."""
    from caretrack.storage.database import OpenProblem

    if exc.problem is OpenProblem.UNSAFE_LOCATION:
        raise BadInput(_one_line(exc)) from None


def backup(args: argparse.Namespace) -> int:
    """Write one verified backup and print its path; a plain line and exit 1 on failure."""
    from caretrack.storage.backup import BackupError

    services = open_data(args)
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
    from caretrack.storage.database import DatabaseOpenError

    try:
        services = open_data(args)
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


def restore(args: argparse.Namespace) -> int:
    """Restore a backup; the previous data is kept. Exit 2 for a file that cannot be restored."""
    from caretrack.services.backups import RestoreRefused, restore_backup
    from caretrack.storage.database import DatabaseOpenError, StorageError
    from caretrack.storage.location import data_dir

    candidate = Path(args.file).expanduser().absolute()
    try:
        result = restore_backup(data_dir(args.data_dir), candidate)
    except RestoreRefused as exc:
        raise BadInput(f"restore refused: {_one_line(exc)}") from exc
    except DatabaseOpenError as exc:
        refuse_unsafe_folder(exc)
        print(
            f"caretrack: the restored file cannot be opened ({exc.problem.value}): "
            f"{_one_line(exc)}",
            file=sys.stderr,
        )
        return 1
    except (StorageError, OSError) as exc:  # BackupError and RestoreBlocked are StorageErrors
        print(f"caretrack: restore failed: {_one_line(exc)}", file=sys.stderr)
        return 1
    if result.previous is None:
        print(f"Restored {candidate}; there was no previous data to save")
    else:
        print(f"Restored {candidate}; your previous data was saved as {result.previous}")
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
