"""`caretrack export --format json|csv --out FILE` and `caretrack import FILE.json`."""

from __future__ import annotations

import argparse
from pathlib import Path

from caretrack.cli.errors import BadInput


def export_data(args: argparse.Namespace) -> int:
    """Write the export atomically (0600) and print the path written."""
    from caretrack import __version__
    from caretrack.cli.commands import _load_catalogue
    from caretrack.services.clock import SystemClock
    from caretrack.storage.database import DB_FILENAME, open_database
    from caretrack.storage.location import data_dir
    from caretrack.storage.transfer import TransferError, export_csv, export_json

    out = Path(args.out).expanduser().absolute()
    if out.is_dir():
        raise BadInput(f"--out {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise BadInput(f"--out folder {out.parent} does not exist")
    folder = data_dir(args.data_dir)
    if not (folder / DB_FILENAME).is_file():
        raise BadInput(f"{folder} holds no CareTrack data to export")
    catalogue = _load_catalogue() if args.format == "csv" else None
    db = open_database(folder)
    try:
        if catalogue is None:
            export_json(db, out, __version__, SystemClock().now())
        else:

            def label(symptom_id: str) -> str:
                try:
                    return catalogue.symptom(symptom_id).label
                except KeyError:
                    return symptom_id

            export_csv(db, out, label)
    except TransferError as exc:
        raise BadInput(f"export refused: {exc}") from None
    except PermissionError:
        raise BadInput(f"cannot write to {out.parent}") from None
    finally:
        db.close()
    print(out)
    return 0


def import_data(args: argparse.Namespace) -> int:
    """Restore a JSON export into an empty data folder; prints a one-line summary."""
    from caretrack.storage.database import open_database
    from caretrack.storage.location import data_dir
    from caretrack.storage.transfer import TransferRefused, import_document, read_document

    source = Path(args.file).expanduser().absolute()
    try:
        document = read_document(source)  # checked whole before any database is opened
    except TransferRefused as exc:
        raise BadInput(f"import refused: {exc}") from None
    folder = data_dir(args.data_dir)
    db = open_database(folder)
    try:
        summary = import_document(db, document)
    except TransferRefused as exc:
        raise BadInput(f"import refused: {exc}") from None
    finally:
        db.close()
    print(f"Imported {summary.line()} from {source} into {folder}")
    return 0
