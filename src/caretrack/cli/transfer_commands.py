"""`caretrack export --format json|csv --out FILE` and `caretrack import FILE.json`."""

from __future__ import annotations

import argparse
from pathlib import Path

from caretrack.cli.errors import BadInput


def export_data(args: argparse.Namespace) -> int:
    """Write the export atomically (0600) through the window's own use case; print the path."""
    from caretrack.cli.commands import _open, _out_file
    from caretrack.storage.database import DB_FILENAME
    from caretrack.storage.location import data_dir
    from caretrack.storage.transfer import TransferError

    out = _out_file(args.out)
    folder = data_dir(args.data_dir)
    if not (folder / DB_FILENAME).is_file():
        raise BadInput(f"{folder} holds no CareTrack data to export")
    services = _open(args)
    try:
        if args.format == "json":
            services.transfers.export_json(out)
        else:
            services.transfers.export_csv(out)
    except TransferError as exc:
        raise BadInput(f"export refused: {exc}") from None
    except PermissionError:
        raise BadInput(f"cannot write to {out.parent}") from None
    finally:
        services.close()
    print(out)
    return 0


def import_data(args: argparse.Namespace) -> int:
    """Restore a JSON export into an empty data folder; prints a one-line summary."""
    from caretrack.cli.data_commands import refuse_unsafe_folder
    from caretrack.storage.database import DatabaseOpenError, open_database
    from caretrack.storage.location import data_dir
    from caretrack.storage.transfer import TransferRefused, import_document, read_document

    source = Path(args.file).expanduser().absolute()
    try:
        document = read_document(source)  # checked whole before any database is opened
    except TransferRefused as exc:
        raise BadInput(f"import refused: {exc}") from None
    folder = data_dir(args.data_dir)
    try:
        db = open_database(folder)
    except DatabaseOpenError as exc:
        refuse_unsafe_folder(exc)
        raise
    try:
        summary = import_document(db, document)
    except TransferRefused as exc:
        raise BadInput(f"import refused: {exc}") from None
    finally:
        db.close()
    print(f"Imported {summary.line()} from {source} into {folder}")
    return 0
