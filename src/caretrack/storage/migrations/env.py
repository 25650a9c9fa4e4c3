"""Alembic environment: runs inside CareTrack's own connection and transaction at start-up."""

from alembic import context
from sqlalchemy import Connection

from caretrack.storage.orm import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # `alembic` on the command line, for developers writing a new revision
    from pathlib import Path

    from caretrack.storage.engine import make_engine

    db = context.get_x_argument(as_dictionary=True).get("db", "caretrack-dev.sqlite3")
    engine = make_engine(Path(db))
    with engine.begin() as conn:
        _run(conn)
