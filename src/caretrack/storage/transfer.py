"""Lossless export and import of a whole data folder, table by table (issue 4).

JSON holds every row of every table with every column exactly as SQLite stores it (UTC text
timestamps, zone names, tenths, JSON text fields kept as text, NULL as null), so an export
imported into an empty folder and exported again gives the same tables. CSV is one row per
entry, for spreadsheets. Both files are written atomically with mode 0600.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    column,
    table,
)
from sqlalchemy import insert as sql_insert
from sqlalchemy import select as sql_select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from caretrack.domain.catalogue import SEVERITY_WORDS
from caretrack.domain.model import Entry
from caretrack.storage import repository as repo
from caretrack.storage.database import (
    Database,
    DatabaseOpenError,
    migration_script,
    storage_errors,
    upgrade_to_head,
)
from caretrack.storage.engine import make_engine
from caretrack.storage.orm import Base
from caretrack.storage.timestamps import UtcDateTime, zone_name

FORMAT = "caretrack-export"
FORMAT_VERSION = 1
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# Parents before children, so every foreign key points at a row already inserted.
TABLES: tuple[str, ...] = (
    "households",
    "care_teams",
    "children",
    "therapy_courses",
    "course_dose_dates",
    "entries",
    "entry_versions",
    "entry_symptoms",
    "entry_medicines",
    "entry_neuro_checks",
    "flags",
    "calls",
    "flag_calls",
    "questions",
    "clinic_visits",
    "medicine_plans",
    "reminder_plans",
    "settings",
)
_NOT_DATA = frozenset({"alembic_version"})

CSV_COLUMNS: tuple[str, ...] = (
    "entry_id",
    "child",
    "observed_at",
    "observed_zone",
    "logged_by",
    "temperature",
    "unit",
    "route",
    "symptoms",
    "medicines",
    "note",
    "pump_event",
    "bag_hours",
    "neuro_check",
    "version",
    "flags",
)


class TransferRefused(Exception):
    """The file cannot be imported here (bad file or a folder that already holds data)."""


class TransferError(Exception):
    """The export cannot be made without losing something; nothing was written."""


@dataclass(frozen=True)
class ImportSummary:
    rows: Mapping[str, int]

    def line(self) -> str:
        r = self.rows
        return (
            f"{r['children']} children, {r['entries']} entries "
            f"({r['entry_versions']} versions), {r['flags']} flags, {r['calls']} calls, "
            f"{r['questions']} questions, {r['clinic_visits']} clinic visits, "
            f"{r['settings']} settings"
        )


# --- writing files ---------------------------------------------------------------------------


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file beside the target, fsync, os.replace, fsync the folder; the file is 0600."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # not every platform can open a folder
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# --- JSON export -----------------------------------------------------------------------------


def _orm_table(name: str) -> Table:
    return Base.metadata.tables[name]


def _raw(name: str) -> Any:
    """The table with untyped columns: values go in and come out exactly as SQLite holds them."""
    return table(name, *(column(c.name) for c in _orm_table(name).columns))


def _check_schema(conn: Connection) -> None:
    """Refuse to export when the file holds a table or column this code does not know."""
    names = {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    unknown = sorted(names - set(TABLES) - _NOT_DATA)
    if unknown:
        raise TransferError(f"the data file has tables this CareTrack cannot export: {unknown}")
    for name in TABLES:
        stored = {r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')}
        known = {c.name for c in _orm_table(name).columns}
        if stored != known:
            raise TransferError(
                f"table {name} has columns {sorted(stored)}, expected {sorted(known)}"
            )


def _schema_revision(conn: Connection) -> str | None:
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return ",".join(sorted(str(r[0]) for r in rows)) or None


def export_document(db: Database, app_version: str, now: datetime) -> dict[str, Any]:
    """Every table, rows ordered by primary key, read in one transaction."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with storage_errors(), db.engine.connect() as conn, conn.begin():
        _check_schema(conn)
        revision = _schema_revision(conn)
        for name in TABLES:
            raw = _raw(name)
            order = [raw.c[c.name] for c in _orm_table(name).primary_key.columns]
            result = conn.execute(sql_select(raw).order_by(*order))
            tables[name] = [_to_json(name, dict(row)) for row in result.mappings()]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "schema_revision": revision,
        "exported_at": now.astimezone(UTC).strftime(TIMESTAMP_FORMAT),
        "tables": tables,
    }


def _binary_columns(name: str) -> list[str]:
    return [c.name for c in _orm_table(name).columns if isinstance(c.type, LargeBinary)]


def _to_json(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """Images (the handwriting samples) travel as base64 text."""
    for key in _binary_columns(name):
        if row[key] is not None:
            row[key] = base64.b64encode(row[key]).decode("ascii")
    return row


def _from_json(name: str, row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for key in _binary_columns(name):
        if row[key] is not None:
            row[key] = base64.b64decode(row[key], validate=True)
    return row


def dump_document(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export_json(db: Database, path: Path, app_version: str, now: datetime) -> dict[str, Any]:
    document = export_document(db, app_version, now)
    write_atomically(path, dump_document(document))
    return document


# --- JSON import -----------------------------------------------------------------------------


def read_document(path: Path) -> dict[str, Any]:
    """Load and check an export file completely before anything touches a database."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise TransferRefused(f"{path} does not exist") from None
    except OSError as exc:
        raise TransferRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TransferRefused(f"{path} is not a CareTrack export (not UTF-8 text)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TransferRefused(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferRefused(f"{path} is not a CareTrack export")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TransferRefused(f"{path} has no valid format_version")
    if version > FORMAT_VERSION:
        raise TransferRefused(
            f"{path} is export format {version}, newer than this CareTrack reads "
            f"({FORMAT_VERSION}); update CareTrack first"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise TransferRefused(f"{path} has no tables")
    if _is_older(document.get("schema_revision")):
        return document  # checked whole after the real migrations bring it up to date
    if set(tables) != set(TABLES):
        missing = sorted(set(TABLES) - set(tables))
        extra = sorted(set(tables) - set(TABLES))
        raise TransferRefused(f"{path} tables differ from this CareTrack's: {missing=} {extra=}")
    for name in TABLES:
        _check_rows(name, tables[name])
    return document


def _check_rows(name: str, rows: Any) -> None:
    if not isinstance(rows, list):
        raise TransferRefused(f"table {name} is not a list of rows")
    columns = {c.name: c for c in _orm_table(name).columns}
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or set(row) != set(columns):
            raise TransferRefused(f"{name} row {i + 1} does not have exactly the table's columns")
        for key, value in row.items():
            problem = _value_problem(columns[key].type, columns[key].nullable, value)
            if problem:
                raise TransferRefused(f"{name} row {i + 1}, {key}: {problem}")


def _value_problem(kind: Any, nullable: bool | None, value: Any) -> str | None:
    if value is None:
        return None if nullable else "missing (null) but required"
    if isinstance(kind, UtcDateTime):
        if not isinstance(value, str):
            return "not a timestamp"
        try:
            datetime.strptime(value, TIMESTAMP_FORMAT)
        except ValueError:
            return f"not a UTC timestamp like 2026-11-05T20:00:00.000000Z: {value!r}"
        return None
    if isinstance(kind, Date):
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return f"not a date: {value!r}"
        return None
    if isinstance(kind, LargeBinary):
        try:
            base64.b64decode(value, validate=True)
        except (TypeError, ValueError):
            return "not base64 text"
        return None
    if isinstance(kind, Boolean):
        return None if value in (0, 1) and not isinstance(value, bool) else "not 0 or 1"
    if isinstance(kind, Integer):
        return (
            None if isinstance(value, int) and not isinstance(value, bool) else "not a whole number"
        )
    if isinstance(kind, String | Text):
        return None if isinstance(value, str) else "not text"
    return f"unexpected column type {kind!r}"


def _is_older(revision: object) -> bool:
    """A revision this CareTrack knows and has migrated past (an export from an older version)."""
    if not isinstance(revision, str):
        return False
    script = migration_script()
    if revision in script.get_heads():
        return False
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several types for an unknown id
        return False


def upgraded_document(document: Mapping[str, Any], work: Path) -> dict[str, Any]:
    """An export from an older schema, brought up to date by the same migrations a data file
    goes through: rows go into a scratch file at the export's revision (inside `work`, the
    private data folder), the file is migrated to head, and exported again."""
    revision = str(document["schema_revision"])
    with tempfile.TemporaryDirectory(prefix=".import-", dir=work) as scratch:
        path = Path(scratch) / "upgrading.sqlite3"
        engine = make_engine(path)
        try:
            upgrade_to_head(engine, target=revision)
            with storage_errors(), engine.begin() as conn:
                old = MetaData()
                old.reflect(conn)
                names = [n for n in old.tables if n not in _NOT_DATA]
                if set(document["tables"]) != set(names):
                    raise TransferRefused(
                        f"the export's tables do not match schema revision {revision}"
                    )
                for name in [*[t for t in TABLES if t in names], *sorted(set(names) - set(TABLES))]:
                    rows = document["tables"][name]
                    columns = {c.name for c in old.tables[name].columns}
                    if not isinstance(rows, list) or any(
                        not isinstance(r, dict) or set(r) != columns for r in rows
                    ):
                        raise TransferRefused(
                            f"table {name} does not have exactly the columns of schema "
                            f"revision {revision} in every row"
                        )
                    if rows:  # untyped columns: values go in exactly as the export holds them
                        raw = table(name, *(column(c.name) for c in old.tables[name].columns))
                        conn.execute(sql_insert(raw), rows)
            upgrade_to_head(engine)
            newer = export_document(Database(path, engine), str(document.get("app_version")),
                                    datetime.now(UTC))  # fmt: skip
        except IntegrityError as exc:
            raise TransferRefused(f"the export's rows do not fit together: {exc.orig}") from None
        except SQLAlchemyError as exc:  # a value SQLite cannot take: bad input, said plainly
            raise TransferRefused(
                f"the export holds values that cannot be read ({type(exc).__name__})"
            ) from None
        except DatabaseOpenError as exc:
            raise TransferRefused(f"the export could not be brought up to date: {exc}") from None
        finally:
            engine.dispose()
    for name in TABLES:
        _check_rows(name, newer["tables"][name])
    return newer


def import_document(db: Database, document: Mapping[str, Any]) -> ImportSummary:
    """Insert every row with its id in one transaction; any failure leaves the folder as it was.

    An export from an older CareTrack is first brought up to date (upgraded_document).
    """
    if _is_older(document.get("schema_revision")):
        document = upgraded_document(document, db.path.parent)
    tables: Mapping[str, list[dict[str, Any]]] = document["tables"]
    with storage_errors(), db.engine.connect() as conn, conn.begin():
        _check_schema(conn)
        here = _schema_revision(conn)
        there = document.get("schema_revision")
        if there != here:
            raise TransferRefused(
                f"the export is from schema revision {there!r}; this data folder is at {here!r}"
            )
        occupied = [
            name
            for name in TABLES
            if conn.execute(sql_select(_raw(name)).limit(1)).first() is not None
        ]
        if occupied:
            raise TransferRefused(
                f"{db.path.parent} already holds data ({', '.join(occupied)}); "
                "import only fills an empty data folder"
            )
        try:
            for name in TABLES:
                if tables[name]:
                    conn.execute(
                        sql_insert(_raw(name)), [_from_json(name, r) for r in tables[name]]
                    )
        except IntegrityError as exc:
            raise TransferRefused(f"the export's rows do not fit together: {exc.orig}") from None
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise TransferRefused(f"the export's rows point at missing rows: {broken[:3]}")
    return ImportSummary({name: len(tables[name]) for name in TABLES})


# --- CSV -------------------------------------------------------------------------------------


def _symptoms_text(entry: Entry, label: Callable[[str], str]) -> str:
    parts = []
    for s in entry.content.symptoms:
        text = label(s.symptom_id)
        if s.severity is not None:
            text += f" ({SEVERITY_WORDS[s.severity].lower()})"
        parts.append(text)
    return "; ".join(parts)


def _medicines_text(entry: Entry) -> str:
    parts = []
    for m in entry.content.medicines:
        text = " ".join(p for p in (m.name, m.dose) if p)
        if m.given_at is not None:
            same_day = m.given_at.date() == entry.content.observed_at.date()
            text += " at " + m.given_at.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")
        parts.append(text)
    return "; ".join(parts)


def _neuro_text(entry: Entry) -> str:
    """'all as usual', or the domains that were different (and those the parent was unsure of)."""
    check = entry.content.neuro_check
    if check is None:
        return ""
    if check.all_usual:
        text = "all as usual"
    else:
        sure = [d for d in check.changed if d not in check.unsure]
        text = "different: " + ", ".join(d.replace("_", " ") for d in sure) if sure else ""
        if check.unsure:
            unsure = ", ".join(d.replace("_", " ") for d in check.unsure)
            text = f"{text}; not sure: {unsure}" if text else f"not sure: {unsure}"
    return text + ("; writing sample kept" if check.handwriting_png else "")


def csv_rows(db: Database, label: Callable[[str], str]) -> list[list[str]]:
    """One row per entry (its current version), oldest id first, read in one transaction."""
    with db.unit_of_work() as s:
        names = {c.id: c.name for c in repo.children(s)}
        entries = sorted(repo.entries(s), key=lambda e: e.id)
        raised: dict[int, list[tuple[int, str]]] = {}
        for f in repo.flags(s):
            raised.setdefault(f.entry_id, []).append((f.id, f.flag.rule_id))
    rows = [list(CSV_COLUMNS)]
    for e in entries:
        c = e.content
        t = c.temperature
        rows.append(
            [
                str(e.id),
                names.get(e.child_id, str(e.child_id)),
                c.observed_at.isoformat(),
                zone_name(c.observed_at),
                c.logged_by,
                "" if t is None else t.value_text,
                "" if t is None else t.unit.value,
                "" if t is None else t.route.value,
                _symptoms_text(e, label),
                _medicines_text(e),
                c.note,
                "" if c.pump_event is None else c.pump_event.value,
                "" if c.pump_bag_hours is None else str(c.pump_bag_hours),
                _neuro_text(e),
                str(e.version),
                "; ".join(rule for _, rule in sorted(raised.get(e.id, []))),
            ]
        )
    return rows


def export_csv(db: Database, path: Path, label: Callable[[str], str]) -> int:
    """UTF-8 with a byte-order mark so spreadsheets read accents, emoji and RTL text."""
    rows = csv_rows(db, label)
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    write_atomically(path, buffer.getvalue().encode("utf-8-sig"))
    return len(rows) - 1
