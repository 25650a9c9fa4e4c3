"""Therapy-specific care (issue 6): pump bag lengths, neuro checks, medicines, reminders,
and what the care team sets on a course (hospital days, stay-near days, dose dates).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("PRAGMA user_version = 3")
    op.create_table(
        "medicine_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dose", sa.String(length=200), nullable=False),
        sa.Column("schedule", sa.Text(), nullable=False),
        sa.Column("times", sa.Text(), nullable=False),
        sa.Column("added_at", sa.String(length=32), nullable=False),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_medicine_plans_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medicine_plans")),
    )
    with op.batch_alter_table("medicine_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medicine_plans_child_id"), ["child_id"], unique=False)

    op.create_table(
        "reminder_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("times", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('temperature', 'neuro_check', 'bag_change', 'medicine')",
            name=op.f("ck_reminder_plans_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_reminder_plans_child_id_children")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_plans")),
        sa.UniqueConstraint("child_id", "kind", name="uq_reminder_plans_child_kind"),
    )
    with op.batch_alter_table("reminder_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_plans_child_id"), ["child_id"], unique=False)

    op.create_table(
        "course_dose_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("dose_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["therapy_courses.id"],
            name=op.f("fk_course_dose_dates_course_id_therapy_courses"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_dose_dates")),
        sa.UniqueConstraint("course_id", "dose_date", name="uq_course_dose_dates_course_date"),
    )
    with op.batch_alter_table("course_dose_dates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_dose_dates_course_id"), ["course_id"], unique=False
        )

    op.create_table(
        "entry_neuro_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("asked", sa.Text(), nullable=False),
        sa.Column("changed", sa.Text(), nullable=False),
        sa.Column("unsure", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("handwriting_png", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["entry_versions.id"],
            name=op.f("fk_entry_neuro_checks_version_id_entry_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_neuro_checks")),
        sa.UniqueConstraint("version_id", name=op.f("uq_entry_neuro_checks_version_id")),
    )
    with op.batch_alter_table("entry_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pump_bag_hours", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "bag_hours", "pump_bag_hours IS NULL OR pump_bag_hours IN (24, 48, 72, 96, 168)"
        )

    with op.batch_alter_table("therapy_courses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hospital_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("stay_near_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("CareTrack never downgrades a family's data; restore a backup")
