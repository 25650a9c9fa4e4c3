"""Upgrades keep everything (T9), are backed up first (T6) and fail without a trace (T10)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from caretrack.storage import database
from caretrack.storage.backup import list_backups
from caretrack.storage.database import (
    DB_FILENAME,
    MIGRATIONS,
    DatabaseOpenError,
    OpenProblem,
    open_database,
)

FIXTURES = Path(__file__).with_name("fixtures")


def script(location: Path = MIGRATIONS) -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(location))
    return ScriptDirectory.from_config(cfg)


def released() -> list[str]:
    """Every revision below head: each was the newest in some CareTrack a family may have."""
    s = script()
    heads = set(s.get_heads())
    return sorted(r.revision for r in s.walk_revisions() if r.revision not in heads)


def columns_of(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    conn.close()
    return found


def user_data(
    path: Path, columns: dict[str, list[str]] | None = None
) -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of every table, in primary-key order.

    With `columns`, only those columns are read: a later revision may add columns (new ones
    start empty), and the values that were there must come through unchanged.
    """
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        found = {}
        for t in tables:
            if columns is not None and t not in columns:
                continue  # a table the older revision did not have
            wanted = "*" if columns is None else ", ".join(f'"{c}"' for c in columns[t])
            rows = conn.execute(f'SELECT {wanted} FROM "{t}" ORDER BY 1').fetchall()
            found[t] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    conn.close()
    return found


def revision_of(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        (rev,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    return str(rev)


def checks(path: Path) -> tuple[str, list[object]]:
    with sqlite3.connect(path) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    return integrity, fks


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_fixture(revision: str, folder: Path) -> Path:
    folder.mkdir(mode=0o700)
    live = folder / DB_FILENAME
    shutil.copy(FIXTURES / f"revision-{revision}.sqlite3", live)
    live.chmod(0o600)
    return live


def test_every_released_revision_has_a_fixture() -> None:
    assert released(), "there is more than one revision"
    for rev in released():
        assert (FIXTURES / f"revision-{rev}.sqlite3").is_file(), rev
        assert revision_of(FIXTURES / f"revision-{rev}.sqlite3") == rev


@pytest.mark.parametrize("revision", released())
def test_upgrading_each_release_keeps_every_row(tmp_path: Path, revision: str) -> None:
    live = copy_fixture(revision, tmp_path / "data")
    before = user_data(live)
    old_columns = columns_of(live)
    assert before["entries"][0] > 0 and before["flags"][0] > 0

    open_database(tmp_path / "data").close()

    after = user_data(live, {t: old_columns[t] for t in before})
    assert {t: after[t] for t in before} == before  # same rows, same values
    assert revision_of(live) in script().get_heads()
    assert checks(live) == ("ok", [])
    # The pre-migration backup holds the file as it was, and opens.
    (backup,) = [
        b for b in list_backups(tmp_path / "data" / "backups") if "pre-migration" in b.path.name
    ]
    assert revision_of(backup.path) == revision
    assert user_data(backup.path) == before
    assert checks(backup.path) == ("ok", [])


def test_no_backup_no_migration(tmp_path: Path) -> None:
    """A failed backup blocks the upgrade: the file stays exactly as it was."""
    live = copy_fixture(released()[0], tmp_path / "data")
    (tmp_path / "data" / "backups").write_text("a file where the backups folder should be")
    before = digest(live)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path / "data")
    assert err.value.problem is OpenProblem.MIGRATION_FAILED
    assert "not changed" in str(err.value)
    assert digest(live) == before


def test_a_migration_that_fails_midway_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new revision that creates a table, writes a row and then fails (T10)."""
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = script().get_current_head()
    (migrations / "versions" / "9999_broken.py").write_text(
        f'''"""A migration that breaks halfway."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    op.execute("UPDATE children SET name = 'changed'")
    raise RuntimeError("the disk went away")


def downgrade() -> None:
    raise NotImplementedError
''',
        encoding="utf-8",
    )
    folder = tmp_path / "data"
    live = copy_fixture(released()[-1], folder)
    open_database(folder).close()  # at today's head, with data
    before_data = user_data(live)
    with sqlite3.connect(live) as conn:
        before_schema = conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
    conn.close()

    monkeypatch.setattr(database, "MIGRATIONS", migrations)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(folder)
    assert err.value.problem is OpenProblem.MIGRATION_FAILED
    assert "the disk went away" in str(err.value)

    assert user_data(live) == before_data
    with sqlite3.connect(live) as conn:
        assert conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall() == before_schema
    conn.close()
    assert revision_of(live) == head
    assert checks(live) == ("ok", [])
