"""Questions for the care team and clinic visits (issue 4: the clinic-visit summary).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("PRAGMA user_version = 2")
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.String(length=32), nullable=False),
        sa.Column("asked_tz", sa.String(length=64), nullable=False),
        sa.Column("answered_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_questions_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    with op.batch_alter_table("questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questions_child_id"), ["child_id"], unique=False)

    op.create_table(
        "clinic_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_clinic_visits_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinic_visits")),
        sa.UniqueConstraint("child_id", "visit_date", name="uq_clinic_visits_child_date"),
    )
    with op.batch_alter_table("clinic_visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinic_visits_child_id"), ["child_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError("CareTrack never downgrades a family's data; restore a backup")
