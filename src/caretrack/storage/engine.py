"""One SQLite connection with the durability settings of reliability.md §2.4, §2.8 and §2.9."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

log = logging.getLogger(__name__)


def wal_is_safe(version: tuple[int, int, int]) -> bool:
    """WAL only where the WAL-reset corruption fix is present (3.51.3+, or 3.50.7 / 3.44.6)."""
    major_minor = version[:2]
    if version >= (3, 51, 3):
        return True
    if major_minor == (3, 50):
        return version >= (3, 50, 7)
    if major_minor == (3, 44):
        return version >= (3, 44, 6)
    return False


def journal_mode(version: tuple[int, int, int] | None = None) -> str:
    return "wal" if wal_is_safe(version or sqlite3.sqlite_version_info) else "delete"


def connection_pragmas(mode: str, read_only: bool = False) -> list[str]:
    """Read-only: the journal mode is left as the file has it (changing it is a write), and
    query_only makes SQLite refuse every write even if the file turns out to be writable."""
    pragmas = [
        f"PRAGMA journal_mode = {mode.upper()}",
        f"PRAGMA synchronous = {'FULL' if mode == 'wal' else 'EXTRA'}",
        "PRAGMA foreign_keys = ON",
        "PRAGMA secure_delete = ON",
        "PRAGMA busy_timeout = 5000",
        "PRAGMA trusted_schema = OFF",
    ]
    if read_only:
        pragmas = [*pragmas[1:], "PRAGMA query_only = ON"]
    if sys.platform == "darwin":
        pragmas += ["PRAGMA fullfsync = ON", "PRAGMA checkpoint_fullfsync = ON"]
    return pragmas


def make_engine(db_path: Path, read_only: bool = False) -> Engine:
    """A single pooled connection; every transaction starts with a real BEGIN (recipe B).

    read_only opens the file with SQLite's mode=ro (T18): nothing is created next to it.
    """
    mode = journal_mode()
    # The runtime decides WAL or not (§2.4): say which one this machine has, without any path.
    log.info(
        "SQLite %s: journal_mode=%s%s", sqlite3.sqlite_version, mode, " (ro)" if read_only else ""
    )
    extra: dict[str, Any] = {}
    if read_only:
        uri = f"{db_path.absolute().as_uri()}?mode=ro"
        extra["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    engine = create_engine(
        f"sqlite:///{db_path}",
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=10,
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Autocommit at the driver level: pysqlite's own transaction handling is bypassed and
        # the PRAGMAs below run outside any transaction, where they take effect.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in connection_pragmas(mode, read_only):
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine
