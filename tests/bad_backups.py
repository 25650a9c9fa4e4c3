"""Ways a backup file can be bad, shared by the storage and command-line restore tests.

Each maker writes `dst` from a good backup `src` (or leaves it missing)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def flip_bytes(src: Path, dst: Path) -> None:
    data = bytearray(src.read_bytes())
    page = 4096
    for i in range(page, 2 * page):  # the second page: a b-tree page, now garbage
        data[i] ^= 0xA5
    dst.write_bytes(bytes(data))


def truncate(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])


def foreign(src: Path, dst: Path) -> None:
    conn = sqlite3.connect(dst)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    conn.commit()
    conn.close()


def empty(src: Path, dst: Path) -> None:
    dst.write_bytes(b"")


def not_sqlite(src: Path, dst: Path) -> None:
    dst.write_bytes(b"this is not a database\n" * 400)


def newer(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    conn = sqlite3.connect(dst)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()


def no_revision(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    conn = sqlite3.connect(dst)
    conn.execute("DROP TABLE alembic_version")
    conn.commit()
    conn.close()


def missing(src: Path, dst: Path) -> None:
    pass


def directory(src: Path, dst: Path) -> None:
    dst.mkdir()
